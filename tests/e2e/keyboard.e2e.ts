// A user's page with the keyboard only, as a person who does not use a mouse works: the skip
// link is the first stop and lands in the page; after adding the user to a group the keyboard
// stays on the picker, and the result is announced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

describe('keyboard only', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ConsolePage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    app = new ConsolePage(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const focused = () =>
    app.page.evaluate(() => {
      const element = document.activeElement;
      return element
        ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}:` +
            (element.textContent?.trim().slice(0, 40) ?? '')
        : '';
    });

  it('skips to the content with the first Tab, and keeps the focus on the picker after Add', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    const userId = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await window.roster.groups.create({ environmentId, name: 'Sales' });
      await window.roster.groups.create({ environmentId, name: 'Support' });
      return (await window.roster.users.create({ environmentId, username: 'ana', name: 'Ana' })).id;
    });
    await app.goto(`/#/users/${userId}`);
    // A fresh load of the page, as from a bookmark: the keyboard starts at the top of the document.
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Groups' }).waitFor();

    await app.page.keyboard.press('Tab');
    expect(await focused()).toBe('a:Skip to the content');
    await app.page.keyboard.press('Enter');
    expect(await app.page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    expect(await app.page.evaluate(() => location.hash)).toBe(`#/users/${userId}`);

    const picker = app.page.getByRole('combobox', { name: 'Add to group' });
    await picker.focus();
    await picker.selectOption({ label: 'Sales' });
    await app.page.keyboard.press('Tab');
    expect(await focused()).toBe('button:Add');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.locator('.toasts').textContent()).toContain('ana added to Sales.');
    expect(await focused()).toMatch(/^select#join-group/);
    expect(await picker.inputValue()).toBe('');
    expect(app.pageErrors).toEqual([]);
  });
});
