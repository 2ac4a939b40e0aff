// The licence dashboard in a real browser: set a subscription, add users until a limit is
// near and then over and see the banners change live, deactivate the dormant users and see
// the numbers fall, click through a number to the users behind it and export them as CSV.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots as screenshots, launchBrowser } from './browser';
import { DashboardPage } from './pages/dashboard.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));
const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
const recently = new Date(Date.now() - 2 * 86_400_000).toISOString();

const externals = (count: number, prefix: string, lastLogin: string) =>
  Array.from({ length: count }, (_, i) => ({
    username: `${prefix}${i + 1}`,
    email: `${prefix}${i + 1}@gmail.com`,
    lastLogin,
  }));

describe('the licence dashboard', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: DashboardPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    app = new DashboardPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('asks for the subscription, and shows a banner per limit once it is set', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await window.roster.environments.setRules(environmentId, { mode: 'domains', domains: ['example.com'] });
    });
    await app.createUsers([
      { username: 'ana', email: 'ana@example.com', lastLogin: recently },
      {
        username: 'formula',
        name: '=HYPERLINK("http://evil.example")',
        email: 'formula@gmail.com',
        lastLogin: recently,
      },
      ...externals(7, 'guest', recently),
    ]);
    await app.open();

    const form = app.subscriptionForm;
    await form.getByRole('textbox', { name: 'Internal limit' }).fill('100');
    await form.getByRole('textbox', { name: 'External limit' }).fill('ten');
    await form.getByRole('button', { name: 'Save subscription' }).click();
    await expect.poll(() => app.page.locator('#subscription-externalLimit-error').textContent()).toContain('number');
    expect(await app.banner('external').count()).toBe(0);

    await form.getByRole('textbox', { name: 'External limit' }).fill('10');
    await form.getByRole('button', { name: 'Save subscription' }).click();
    await expect.poll(() => app.status('internal')).toBe('ok');
    expect(await app.status('external')).toBe('ok');
    expect(await app.banner('external').textContent()).toContain(
      'External users: 8 of 10 (80.0 %) — within the limit.',
    );
  });

  it('turns the external banner near, then over, live as users are added', async () => {
    await app.createUsers(externals(1, 'visitor', recently));
    await expect.poll(() => app.status('external')).toBe('near');
    expect(await app.banner('external').textContent()).toContain('9 of 10 (90.0 %) — near the limit, 1 left.');

    await app.createUsers(externals(3, 'sleeper', longAgo));
    await expect.poll(() => app.status('external')).toBe('over');
    expect(await app.banner('external').textContent()).toContain(
      'External users: 12 of 10 — 2 over the limit; the subscription must be upgraded to stay compliant.',
    );
    // The dormant users are counted by a query of their own, a moment after the usage.
    await expect
      .poll(() => app.banner('external').textContent())
      .toContain(
        'Deactivating 3 dormant external users brings external usage from 120.0 % to 90.0 %, back within the limit.',
      );
    await expectNoSeriousA11yViolations(app.page, 'dashboard');
    await app.page.screenshot({ path: `${screenshots}dashboard.png` });
  });

  it('deactivates the dormant users after a confirmation, and the numbers fall', async () => {
    const panel = app.dormantPanel;
    await expect.poll(() => panel.locator('tr[data-dormant="Production EU"]').textContent()).toContain('3');
    await panel.getByRole('checkbox', { name: 'Select all 3' }).check();
    await panel.getByRole('button', { name: 'Deactivate 3…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Deactivate 3 dormant users?' });
    await dialog.getByRole('button', { name: 'Deactivate 3' }).click();

    await expect.poll(() => app.status('external')).toBe('near');
    expect(await app.total('external').textContent()).toBe('9');
    await expect.poll(() => panel.getByText('No dormant users at 90 days.').isVisible()).toBe(true);
  });

  it('clicks through a number to exactly the users behind it, and exports them as CSV', async () => {
    await app.total('external').click();
    await app.page.getByRole('heading', { name: 'External users across production: 9' }).waitFor();
    await expectNoSeriousA11yViolations(app.page, 'users behind a production total');

    const download = app.page.waitForEvent('download');
    await app.page.getByRole('button', { name: 'Export all 9 as CSV' }).click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'environment,username,name,email,mobilePhone,class,active,lastLogin,createdAt,externalId,groups,roles,tenant',
    );
    expect(lines).toHaveLength(10);
    expect(csv).toContain(`Production EU,formula,"'=HYPERLINK(""http://evil.example"")"`);

    await app.page.getByRole('link', { name: '9', exact: true }).click();
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    await expect.poll(() => app.usersTotal.textContent()).toBe('9');
    expect(
      await app.page
        .getByRole('group', { name: 'Class' })
        .getByRole('button', { name: 'External' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(app.page.url()).toContain('class=external');
  });

  it('draws the charts with their numbers in tables, loading chart.js only when the dashboard needs it', async () => {
    const requested: string[] = [];
    app.page.on('request', (request) => requested.push(request.url()));
    // A fresh document (a hash change alone would keep the modules already loaded).
    await app.goto('/#/users');
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    expect(requested.filter((url) => url.includes('chart-kit'))).toEqual([]);

    await app.open();
    const limits = app.page.locator('figure').filter({ hasText: 'Usage against each limit' });
    await expect
      .poll(() => limits.locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.width))
      .toBeGreaterThan(0);
    expect(requested.some((url) => url.includes('chart-kit'))).toBe(true);
    expect(await limits.getByRole('img').getAttribute('aria-label')).toBe(
      'Internal users: 1 of 100; External users: 9 of 10',
    );
    await limits.getByText('Show the numbers').click();
    expect(await limits.locator('table').textContent()).toContain('External users910');
    // The history has its first snapshot soon after the console opens; it is drawn from the second day.
    await expect
      .poll(() => app.page.getByText('The history has one day so far').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await app.page.locator('figure').count()).toBe(2);

    // The charts follow live changes, like the numbers beside them.
    const pixels = () => limits.locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
    const before = await pixels();
    await app.createUsers(externals(5, 'late', recently));
    await expect
      .poll(() => limits.getByRole('img').getAttribute('aria-label'))
      .toBe('Internal users: 1 of 100; External users: 14 of 10');
    await expect.poll(pixels).not.toBe(before);
    await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const late = (await window.roster.users.list({ environmentId, search: 'late' })).items.map((user) => user.id);
      await window.roster.users.deleteMany(late);
    });
    await expect.poll(() => app.status('external')).toBe('near');
    await expect
      .poll(() => app.page.getByTestId('forecasts').textContent())
      .toContain('Not enough history yet to forecast the external limit.');
  });

  it('keeps every chart within its panel when the window narrows', async () => {
    const overflow = () =>
      app.page.evaluate(() =>
        [...document.querySelectorAll('figure')].map((figure) => {
          const canvas = figure.querySelector('canvas')!.getBoundingClientRect();
          return Math.max(0, Math.round(canvas.right - figure.getBoundingClientRect().right));
        }),
      );
    expect(await overflow()).toEqual([0, 0]);
    // Drawn wide, then redrawn in place as the panels shrink: the canvases must follow.
    await app.page.setViewportSize({ width: 820, height: 900 });
    await expect.poll(overflow).toEqual([0, 0]);
    await app.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('looks right in the dark theme too', async () => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.open();
    await expect.poll(() => app.status('external')).toBe('near');
    await expectNoSeriousA11yViolations(app.page, 'dashboard, dark');
    await app.page.screenshot({ path: `${screenshots}dashboard-dark.png` });
    await app.page.emulateMedia({ colorScheme: 'light' });
    expect(app.pageErrors).toEqual([]);
  });
});
