// From a limit's banner to exactly the dormant users that limit counts: the panel opens filtered
// to the banner's class and to production, oldest login first, and one confirmed step
// deactivates exactly the number the banner named, with Undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { DashboardPage } from './pages/dashboard.page';

const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
const recently = new Date(Date.now() - 2 * 86_400_000).toISOString();

describe('dormant clean-up by class', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: DashboardPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    app = new DashboardPage(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const external = async () => app.page.evaluate(async () => (await window.roster.usage()).production.external);

  it('deactivates from the external banner exactly the dormant external production users, with Undo', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.evaluate(
      async ({ longAgo, recently }) => {
        const roster = window.roster;
        const environmentId = localStorage.getItem('roster.environmentId')!;
        await roster.environments.setRules(environmentId, { mode: 'domains', domains: ['example.com'] });
        const qa = await roster.environments.create({
          name: 'QA',
          kind: 'non-production',
          rules: { mode: 'domains', domains: ['example.com'] },
        });
        const user = (username: string, email: string, lastLogin: string, env = environmentId) => ({
          environmentId: env,
          username,
          email,
          lastLogin,
        });
        await roster.users.createMany([
          user('old-ext-1', 'a@gmail.com', longAgo),
          user('old-ext-2', 'b@gmail.com', longAgo),
          user('old-ext-3', 'c@gmail.com', longAgo),
          user('old-int-1', 'i1@example.com', longAgo),
          user('old-int-2', 'i2@example.com', longAgo),
          user('new-ext', 'n@gmail.com', recently),
          user('qa-old-ext', 'q@gmail.com', longAgo, qa.id),
        ]);
        await roster.subscription.set({ model: 'internal-external', internalLimit: 100, externalLimit: 4 });
      },
      { longAgo, recently },
    );
    await app.open();
    expect(await external()).toBe(4);

    const review = app.banner('external').getByRole('link', { name: 'Review the dormant users' });
    expect(await app.banner('external').textContent()).toContain('Deactivating 3 dormant external users');
    await review.click();
    await expect.poll(() => app.page.getByRole('combobox', { name: 'Class' }).inputValue()).toBe('external');
    expect(await app.page.getByRole('checkbox', { name: 'Production environments only' }).isChecked()).toBe(true);

    await app.page.getByRole('button', { name: 'Deactivate these 3 users…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Deactivate 3 dormant users?' });
    await dialog.getByRole('button', { name: 'Deactivate 3' }).click();
    await expect.poll(external).toBe(1);
    const stillActive = await app.page.evaluate(async () =>
      (await window.roster.users.dormant({})).map((user) => user.username).sort(),
    );
    expect(stillActive).toEqual(['old-int-1', 'old-int-2', 'qa-old-ext']);

    await app.page.locator('.toasts').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(external).toBe(4);
    expect(app.pageErrors).toEqual([]);
  });

  it('lists every dormant user, oldest login first, scrolling to the last of hundreds', async () => {
    const count = 650;
    await app.page.evaluate(async (count) => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const day = 86_400_000;
      // Logins 100 to 100 + count days ago: bulk-0 is the most recent, so it comes last.
      await window.roster.users.createMany(
        Array.from({ length: count }, (_, i) => ({
          environmentId,
          username: `bulk-${i}`,
          email: `bulk${i}@gmail.com`,
          lastLogin: new Date(Date.now() - (100 + i) * day).toISOString(),
        })),
      );
    }, count);
    await app.open();
    await app.page.getByRole('combobox', { name: 'Class' }).selectOption('external');
    const panel = app.page.locator('#dormant');
    // The 3 old external users reactivated by the Undo above, and the new ones.
    await panel.getByRole('checkbox', { name: `Select all ${count + 3}` }).waitFor();
    const rows = panel.locator('tr[data-dormant-user]');
    expect(await rows.count()).toBeLessThan(60);
    await panel.getByRole('region', { name: /Dormant users list/ }).evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect.poll(() => rows.last().getAttribute('data-dormant-user')).toBe('bulk-0');
    expect(app.pageErrors).toEqual([]);
  });
});
