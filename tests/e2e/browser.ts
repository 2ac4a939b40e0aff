// Shared helpers for the end-to-end tests: a headless Chromium and the URL of
// the app under test. scripts/run-e2e.mjs sets CHROMIUM_PATH and E2E_BASE_URL.
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';

/** Where the app under test is served (the runner picks a free port). */
export const baseUrl: string = process.env.E2E_BASE_URL || 'http://localhost:4173';

/** Launches the system Chromium (never a test tool's own browser download). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await findChromium());
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}

/**
 * Where the screenshots shown in the README are written: an ignored folder, so a test run
 * leaves tracked files as they were. `npm run docs:screenshots` copies them into docs/.
 */
export const docScreenshots: string = fileURLToPath(new URL('../../.e2e-artifacts/docs/', import.meta.url));
