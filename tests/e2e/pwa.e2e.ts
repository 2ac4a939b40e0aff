// Roster as an installable app that never needs the network: the manifest and its icons, the
// service worker that caches the whole app, working with the network cut, no request to any
// other origin, no Content-Security-Policy violation, the settings page's storage facts, the
// update prompt (never an automatic reload), and letting another tab upgrade the database.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { baseUrl, launchBrowser } from './browser';
import { PwaPage, foreignRequests, recordCspViolations, recordRequests, type RecordedRequest } from './pages/pwa.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

describe('an installable app that works offline', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: PwaPage;
  let requests: RecordedRequest[];
  let violations: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    requests = recordRequests(context);
    violations = await recordCspViolations(context);
    app = new PwaPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('links a web app manifest with its fields and three icons that load', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    const href = await app.page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await app.page.request.get(new URL(href!, baseUrl).href);
    expect(response.status()).toBe(200);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(manifest).toMatchObject({
      name: 'Roster',
      short_name: 'Roster',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    expect(manifest.description).toEqual(expect.any(String));
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.icons.map((icon) => [icon.sizes, icon.type, icon.purpose])).toEqual([
      ['192x192', 'image/png', 'any'],
      ['512x512', 'image/png', 'any'],
      ['512x512', 'image/png', 'maskable'],
    ]);
    // Loaded by the page itself, under its CSP, and decoded at the size the manifest says.
    const loaded = await app.page.evaluate(
      (sources) =>
        Promise.all(
          sources.map(
            (src) =>
              new Promise<string>((resolve) => {
                const image = new Image();
                image.onload = () => resolve(`${image.naturalWidth}x${image.naturalHeight}`);
                image.onerror = () => resolve(`failed: ${src}`);
                image.src = src;
              }),
          ),
        ),
      manifest.icons.map((icon) => icon.src),
    );
    expect(loaded).toEqual(manifest.icons.map((icon) => icon.sizes));
  });

  it('installs a service worker that controls the page and caches every file of the app', async () => {
    await app.waitForServiceWorker();
    expect(await app.serviceWorker()).toMatchObject({ controlled: true, active: 'activated', waiting: undefined });
    const missing = await app.page.evaluate(async () => {
      const files = [
        location.origin + '/index.html',
        ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src),
        ...[
          ...document.querySelectorAll<HTMLLinkElement>(
            'link[rel="stylesheet"], link[rel="manifest"], link[rel="icon"]',
          ),
        ].map((link) => link.href),
      ];
      const cached = await Promise.all(
        files.map(async (url) => ((await caches.match(url, { ignoreSearch: true })) ? undefined : url)),
      );
      return cached.filter((url) => url !== undefined);
    });
    expect(missing).toEqual([]);
  });

  it('sends no request to another origin during a tour of every section', async () => {
    await app.page.getByRole('button', { name: 'Load sample data' }).click();
    await app.sectionLinks.first().waitFor({ timeout: 60_000 });
    const visited: string[] = [];
    for (const link of await app.sectionLinks.all()) {
      const section = await app.openSection(link);
      visited.push(section);
      // The dashboard's charts: chart.js draws and styles its canvases under the CSP.
      if (section === '#/dashboard') await app.page.locator('main canvas').first().waitFor();
      // Into the section's first detail page, if it lists any (a user, a group, a role), and back.
      const detail = app.page.locator('main table a[href^="#/"]').first();
      if (await detail.isVisible()) {
        await detail.click();
        await app.page.locator('main h1').first().waitFor();
        await app.page.goBack();
      }
      // The users list scrolls (its rows are placed with style: directives).
      const list = app.page.getByRole('region', { name: 'Users list, scroll for more' });
      if (await list.isVisible()) {
        await list.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
        await app.page.waitForTimeout(100);
        await list.evaluate((element) => (element.scrollTop = 0));
      }
    }
    expect(visited).toEqual(expect.arrayContaining(['#/users', '#/groups', '#/roles', '#/environments', '#/settings']));

    // A dialog: the environment's delete confirmation, closed again.
    await app.page.goto(new URL('#/environments', baseUrl).href);
    await app.page.getByRole('button', { name: 'Delete environment…' }).click();
    await app.page.getByRole('dialog').waitFor();
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.page.getByRole('dialog').isVisible()).toBe(false);

    expect(requests.length).toBeGreaterThan(0);
    expect(foreignRequests(requests)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows on the settings page whether the storage is persistent, and its use', async () => {
    await app.openSettings();
    const persistence = app.page.getByTestId('persistence');
    await expect.poll(() => persistence.textContent()).toMatch(/Persistent storage: (granted|not granted)\./);
    await expect
      .poll(() => app.page.getByTestId('storage-usage').textContent())
      .toMatch(/used of .+ \(.+\); .+ available\./);
    expect(await app.page.getByTestId('offline-status').textContent()).toContain('Ready to work offline');
    expect(await app.page.getByText('IndexedDB database roster of').count()).toBe(1);
    if ((await persistence.textContent())?.includes('not granted')) {
      // A new browser profile without engagement (as here) gets no; the answer is said.
      await app.page.getByRole('button', { name: 'Ask the browser again' }).click();
      await expect
        .poll(() => app.page.getByRole('status').filter({ hasText: 'The browser said no again.' }).count())
        .toBe(1);
    }
    await app.page.screenshot({ path: `${artifacts}settings.png`, fullPage: true });
    await expectNoSeriousA11yViolations(app.page, 'settings section');
  });

  it('reloads with the network cut, then creates an environment and a user and counts them', async () => {
    const failed: string[] = [];
    // A reload cancels what the page had in flight (net::ERR_ABORTED): that is not the network.
    const onFailed = (request: Request) => {
      const error = request.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED') failed.push(`${request.url()} ${error}`);
    };
    context.on('requestfailed', onFailed);
    await context.setOffline(true);
    try {
      await app.page.goto(new URL('#/users', baseUrl).href);
      await app.page.reload();
      await app.sectionLinks.first().waitFor();
      await app.page.getByRole('button', { name: 'New environment' }).click();
      await app.createEnvironment('Offline EU');
      await app.addUser({ username: 'ana@offline.example', name: 'Ana Offline' });
      await app.userRow('ana@offline.example').waitFor();
      await expect.poll(() => app.count('internal')).toBe('1');
      expect(await app.usersTotal.textContent()).toBe('1');

      await app.page.reload();
      await app.userRow('ana@offline.example').waitFor();
      expect(await app.count('internal')).toBe('1');
      await app.page.screenshot({ path: `${artifacts}offline.png`, fullPage: true });
    } finally {
      await context.setOffline(false);
      context.off('requestfailed', onFailed);
    }
    expect(failed).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('tripped no Content-Security-Policy rule on the way, and would have seen one', async () => {
    expect(violations).toEqual([]);
    // The recorder works: an inline <style> added now breaks style-src and is reported.
    await app.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 0; }';
      document.head.append(style);
    });
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/^style-src/);
  });
});

describe('a new version', () => {
  let browser: Browser;
  let context: BrowserContext;
  let violations: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    violations = await recordCspViolations(context);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('is announced while it waits, and takes over only when the person presses Reload', async () => {
    // The first visit installs a service worker one comment different from the one served
    // afterwards: to the browser, the server now has a new version, as after a deployment.
    let altered = 0;
    await context.route('**/sw.js', async (route) => {
      const response = await route.fetch();
      altered += 1;
      await route.fulfill({ response, body: `${await response.text()}\n// the version installed first\n` });
    });
    const first = new PwaPage(await context.newPage());
    await first.goto('/#/users');
    await first.welcome.waitFor();
    await first.waitForServiceWorker();
    await expect.poll(async () => (await first.serviceWorker()).active).toBe('activated');
    expect(altered).toBeGreaterThan(0);
    await context.unroute('**/sw.js');

    // A form half filled in, that an automatic reload would lose.
    await first.createEnvironment('Production EU');
    await first.openUserForm();
    await first.field('Username').fill('half typed');
    await first.mark();

    await first.checkForUpdate();
    await first.updatePrompt.waitFor();
    expect(await first.updatePrompt.textContent()).toContain('A new version is available');
    expect(await first.serviceWorker()).toMatchObject({ waiting: 'installed', controlled: true });
    expect(await first.isMarked()).toBe(true);
    expect(await first.field('Username').inputValue()).toBe('half typed');
    await expectNoSeriousA11yViolations(first.page, 'update prompt');
    await first.page.screenshot({ path: `${artifacts}update-prompt.png` });

    // Later: the prompt goes, the new version keeps waiting, and asks again on the next load.
    await first.page.getByRole('button', { name: 'Later' }).click();
    await expect.poll(() => first.updatePrompt.count()).toBe(0);
    expect((await first.serviceWorker()).waiting).toBe('installed');

    // Another tab, with its own half-filled form, sees the same waiting version.
    const second = new PwaPage(await context.newPage());
    await second.goto('/#/users');
    await second.updatePrompt.waitFor();
    await second.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    await second.openUserForm();
    await second.field('Username').fill('typed in the other tab');
    await second.mark();

    await first.page.reload();
    await first.updatePrompt.waitFor();
    await Promise.all([first.page.waitForEvent('load'), first.page.getByRole('button', { name: 'Reload' }).click()]);
    await first.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    expect(await first.isMarked()).toBe(false);
    await expect
      .poll(() => first.serviceWorker())
      .toMatchObject({ controlled: true, active: 'activated', waiting: undefined });
    expect(await first.updatePrompt.count()).toBe(0);

    // The other tab now runs under the new version but was not reloaded: its form is intact,
    // and it still asks.
    await second.page.waitForTimeout(500);
    expect(await second.isMarked()).toBe(true);
    expect(await second.field('Username').inputValue()).toBe('typed in the other tab');
    expect(await second.updatePrompt.isVisible()).toBe(true);
    await Promise.all([second.page.waitForEvent('load'), second.page.getByRole('button', { name: 'Reload' }).click()]);
    expect(await second.isMarked()).toBe(false);

    expect(violations).toEqual([]);
    expect([...first.pageErrors, ...second.pageErrors]).toEqual([]);
  });
});

describe('a newer database schema opened in another tab', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('lets the upgrade go on: this tab closes its connection and asks to reload', async () => {
    const app = new PwaPage(await context.newPage());
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.mark();

    // Another tab opens the database one schema version up (as a newer Roster would).
    const other = await context.newPage();
    await other.goto(new URL('/favicon.svg', baseUrl).href);
    const outcome = await other.evaluate(async () => {
      const [current] = (await indexedDB.databases()).filter((database) => database.name === 'roster');
      return new Promise<string>((resolve) => {
        const request = indexedDB.open('roster', (current?.version ?? 0) + 10);
        request.onblocked = () => resolve('blocked');
        request.onerror = () => resolve(`error: ${request.error?.message}`);
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
      });
    });
    expect(outcome).toBe('upgraded');

    const dialog = app.page.getByRole('dialog', { name: 'Roster was updated in another tab' });
    await dialog.waitFor();
    await app.page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);
    expect(await app.isMarked()).toBe(true);
    await expectNoSeriousA11yViolations(app.page, 'database replaced dialog');
    await app.page.screenshot({ path: `${artifacts}database-upgraded.png` });

    // The test's "newer version" has no app to go with it: remove it, then take the Reload.
    await other.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('roster');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
    );
    await Promise.all([app.page.waitForEvent('load'), dialog.getByRole('button', { name: 'Reload' }).click()]);
    await app.welcome.waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
