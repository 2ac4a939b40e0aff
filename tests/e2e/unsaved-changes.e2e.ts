// What is typed into a form is not thrown away without a word: following a link or going back
// with changes not saved asks first; staying keeps the page and what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Dialog } from 'playwright-core';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

describe('unsaved changes', () => {
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

  /** Runs `act`, answering the confirmation it raises with `accept`; returns the question asked. */
  async function answering(accept: boolean, act: () => Promise<unknown>): Promise<string> {
    // Answered from the listener: the navigation that raised it waits for the answer.
    const asked = new Promise<string>((resolve) =>
      app.page.once('dialog', (dialog: Dialog) => {
        resolve(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      }),
    );
    await act();
    return asked;
  }

  it('asks before a link or Back throws typed changes away, and stays when told to', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    const userId = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      return (await window.roster.users.create({ environmentId, username: 'ana', name: 'Ana' })).id;
    });
    await app.goto(`/#/users/${userId}`);
    const name = app.page.getByRole('form', { name: 'Details' }).getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('Ana Lee');

    const question = await answering(false, () =>
      app.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Groups' }).click(),
    );
    expect(question).toContain('not saved');
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe(`#/users/${userId}`);
    expect(await name.inputValue()).toBe('Ana Lee');

    await answering(true, () => app.page.goBack());
    await app.welcome.waitFor({ state: 'detached' });
    await expect.poll(() => app.page.evaluate(() => location.hash)).not.toBe(`#/users/${userId}`);

    // Saved changes leave freely.
    await app.goto(`/#/users/${userId}`);
    await name.fill('Ana Lima');
    await app.page.getByRole('button', { name: 'Save details' }).click();
    await expect
      .poll(() => app.page.evaluate(async (id) => (await window.roster.users.get(id))?.name, userId))
      .toBe('Ana Lima');
    await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Groups' }).click();
    await app.page.getByRole('heading', { name: 'Groups', exact: true }).first().waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
