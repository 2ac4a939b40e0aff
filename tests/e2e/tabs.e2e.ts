// Two tabs on one database: a write in one shows in the other, without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

describe('two tabs', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows in one tab the users and counts written in the other', async () => {
    const first = new ConsolePage(await context.newPage());
    await first.goto('/');
    await first.welcome.waitFor();
    await first.createEnvironment('Production EU');

    const second = new ConsolePage(await context.newPage());
    await second.goto('/#/users');
    await second.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();

    await first.addUser({ username: 'ana@example.com' });
    await second.userRow('ana@example.com').waitFor();
    await expect.poll(() => second.count('internal')).toBe('1');

    await second.page.evaluate(async () => {
      const user = await window.roster.users.findByUsername(
        (await window.roster.environments.list())[0]!.id,
        'ana@example.com',
      );
      await window.roster.users.setActive(user!.id, false);
    });
    await expect.poll(() => first.count('inactive')).toBe('1');
    expect(await first.count('internal')).toBe('0');
    expect([...first.errors, ...second.errors]).toEqual([]);
  });
});
