// A browser that gives Roster no database (IndexedDB missing, or refused as a private window or
// blocked site data refuse it) shows one plain, accessible page that says what happened and
// what to do: never a blank page, a spinner or the browser's own error text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { baseUrl, launchBrowser } from './browser';

describe('IndexedDB unavailable', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page whose IndexedDB is taken away by `script` before any of the app runs. */
  async function pageWithout(script: () => void): Promise<Page> {
    await context?.close();
    // No service worker: it would serve the page from its cache, unaffected by nothing here, but
    // a fresh context per case keeps one case's storage from reaching the next.
    context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(script);
    await page.goto(new URL('/', baseUrl).href, { waitUntil: 'load' });
    return page;
  }

  async function expectThePage(page: Page, steps: RegExp): Promise<void> {
    const title = page.getByRole('heading', { level: 1, name: 'Roster cannot keep its data in this browser' });
    await title.waitFor({ timeout: 10_000 });
    const main = page.getByRole('main', { name: 'Roster cannot keep its data in this browser' });
    expect(await main.getByRole('heading', { level: 2, name: 'What to do' }).isVisible()).toBe(true);
    expect(await main.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(steps), 'Then reload this page.']),
    );
    expect(await main.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    // Focus starts at the title, so that a screen reader reads the page from the top.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('no-database-title');
    expect(await page.title()).toBe('Roster: Roster cannot keep its data in this browser');
    // The browser's own words are kept for whoever helps, folded away.
    expect(await main.locator('details').getAttribute('open')).toBeNull();
    // One page: none of the console (its navigation) is there.
    expect(await page.getByRole('navigation').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'the page without a database');
  }

  it('says so when the browser has no IndexedDB at all', async () => {
    const page = await pageWithout(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    await expectThePage(page, /^Allow this site to store data/);
    expect(await page.getByRole('main').textContent()).toContain('IndexedDB is missing or turned off');
  });

  it('says so when the browser refuses to open it, as a private window does', async () => {
    const page = await pageWithout(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await expectThePage(page, /^Open Roster in a normal window/);
    const text = await page.getByRole('main').textContent();
    expect(text).toContain('Private or incognito windows');
    expect(await page.getByText('The operation is insecure.').isVisible()).toBe(false);
  });

  it('says so when opening fails later, with an error event', async () => {
    const page = await pageWithout(() => {
      IDBFactory.prototype.open = function () {
        // A request that fails as Firefox's private windows made it fail: an InvalidStateError
        // on the request, after open() has returned. Dexie listens through onerror.
        const request = {
          error: new DOMException('A mutation operation was attempted on a database.', 'InvalidStateError'),
          result: undefined,
          readyState: 'pending',
          onerror: null as ((event: Event) => void) | null,
          onsuccess: null,
          onupgradeneeded: null,
          onblocked: null,
        };
        const event = { type: 'error', target: request, preventDefault() {}, stopPropagation() {} };
        setTimeout(() => request.onerror?.call(request, event as unknown as Event));
        return request as unknown as IDBOpenDBRequest;
      };
    });
    await expectThePage(page, /^Open Roster in a normal window/);
  });
});
