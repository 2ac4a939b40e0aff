// Headless Chromium for the benchmark: the system Chromium found as the end-to-end tests
// find it, one persistent context per size in a fresh temporary profile (IndexedDB on disk,
// as for a real user; an incognito context keeps IndexedDB in memory), the benchmark's
// in-page helpers installed before the app's scripts, and heap measurement through CDP.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { pageScript } from './page-script.mjs';

/** Papa Parse's browser build (it sets window.Papa), for the CSV import's parsing baseline. */
const PAPA_PARSE = createRequire(import.meta.url).resolve('papaparse/papaparse.min.js');

/** The end-to-end tests' flags, plus precise memory figures and window.gc. */
export const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

/**
 * @typedef {object} Session
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').CDPSession} cdp
 * @property {string} browserVersion
 * @property {string} profileDir
 * @property {(keepProfile?: boolean) => Promise<void>} close  closes the browser and deletes the profile (unless kept)
 */

/**
 * Launches Chromium with a fresh profile and opens the app at `url`, ready when
 * `window.roster` exists.
 * @param {string} url
 * @param {{ profileDir?: string }} [options] reuse a profile (to go on after a hung page) instead of a fresh one
 * @returns {Promise<Session>}
 */
export async function openSession(url, options = {}) {
  const executablePath = process.env.CHROMIUM_PATH || (await findChromium());
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'roster-bench-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    args: BENCH_CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    // The PWA's service worker would serve cached files and work beside the page being measured.
    serviceWorkers: 'block',
  });
  let page, cdp, browserVersion;
  try {
    await context.addInitScript({ content: pageScript() });
    // Papa Parse's own browser build, for the CSV import's parsing baseline (window.Papa).
    await context.addInitScript({ path: PAPA_PARSE });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => console.error(`bench: page error: ${err.message}`));
    page.on('crash', () => console.error('bench: the page crashed'));
    cdp = await context.newCDPSession(page);
    const browser = context.browser();
    browserVersion = browser ? browser.version() : (await cdp.send('Browser.getVersion')).product;
    await page.goto(url, { waitUntil: 'load' });
    await waitForRoster(page);
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
  return {
    context,
    page,
    cdp,
    browserVersion,
    profileDir,
    async close(keepProfile = false) {
      await context.close().catch(() => {});
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the app has opened its database and published the Users API.
 * @param {import('playwright-core').Page} page
 * @param {number} [timeout]
 */
export async function waitForRoster(page, timeout = 120_000) {
  // Not `'roster' in window`: the benchmark defines that property before the app sets it (page-helpers.mjs watchLive).
  await page.waitForFunction(() => /** @type {any} */ (window).roster !== undefined, undefined, {
    timeout,
    polling: 50,
  });
}

/**
 * The JS heap of the page after a full garbage collection, in MiB. Dedicated workers'
 * heaps are not included (`workers` says how many the page runs).
 * @param {Session} session
 * @returns {Promise<{ usedMB: number, totalMB: number, workers: number }>}
 */
export async function measureHeap(session) {
  await session.cdp.send('HeapProfiler.collectGarbage');
  await session.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await session.cdp.send('Runtime.getHeapUsage');
  return { usedMB: usedSize / 2 ** 20, totalMB: totalSize / 2 ** 20, workers: session.page.workers().length };
}

/**
 * The machine the numbers were measured on.
 * @returns {{ cpu: string, cores: number, memoryGiB: number, os: string, node: string }}
 */
export function machineInfo() {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}
