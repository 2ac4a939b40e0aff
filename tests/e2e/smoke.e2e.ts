// Smoke test: the built app loads in a real browser, has its title and throws
// no uncaught error. A screenshot is left in .e2e-artifacts/ (gitignored).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('smoke', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads the app with its title and no page error', async () => {
    const context = await browser.newContext();
    try {
      const app = new AppPage(await context.newPage());
      const response = await app.goto('/');
      expect(response?.ok()).toBe(true);
      // Give the app's modules a moment to run and fail, if they are going to.
      await app.page.waitForLoadState('networkidle');

      expect(await app.page.title()).toBe('Roster');
      expect(app.pageErrors).toEqual([]);

      await mkdir(artifacts, { recursive: true });
      await app.page.screenshot({ path: `${artifacts}smoke.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
