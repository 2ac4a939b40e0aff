// A new production environment cannot count everyone as internal without being told to: the
// form asks for the owned domains (or an explicit "every user is internal"), and an environment
// left all-internal says so beside its counts, with a link to its rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

describe('domains asked up front', () => {
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

  it('asks who counts as internal before creating a production environment', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Production EU');
    await app.page.getByRole('button', { name: 'Create environment' }).click();
    await expect.poll(() => app.page.getByRole('alert').first().textContent()).toContain('Say who counts as internal');
    expect(await app.page.evaluate(async () => (await window.roster.environments.list()).length)).toBe(0);

    await app.page.getByRole('radio', { name: 'Users whose email is on these domains' }).check();
    await app.page.getByRole('textbox', { name: /Domains/ }).fill('example.com, *.example.com');
    await app.page.getByRole('button', { name: 'Create environment' }).click();
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    const rules = await app.page.evaluate(async () => {
      const [environment] = await window.roster.environments.list();
      return window.roster.environments.getRules(environment!.id);
    });
    expect(rules).toEqual({
      mode: 'domains',
      domains: [
        { domain: 'example.com', relation: 'own' },
        { domain: '*.example.com', relation: 'own' },
      ],
    });
    expect(await app.page.locator('[data-all-internal]').count()).toBe(0);
  });

  it('says beside the counts when every user is internal, and leads to the rules', async () => {
    await app.page.getByRole('button', { name: 'New environment' }).click();
    await app.createEnvironment('Production US');
    const note = app.page.locator('[data-all-internal]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Every user here counts as internal.');
    await note.getByRole('link', { name: 'Set your domains' }).click();
    await app.page.getByRole('heading', { name: /rules/i }).first().waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
