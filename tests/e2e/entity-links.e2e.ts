// Links always open what they name: a user's, group's or role's address opens it whatever
// environment is chosen, and switches to its environment; an address whose entity is gone says
// so and leads back to the section's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { EntityLinksPage } from './pages/entity-links.page';

describe('links to users, groups and roles', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: EntityLinksPage;
  /** The ids the tests open, made through the API of the page. */
  let ids: { production: string; qa: string; tess: string; testers: string; tester: string; ana: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    app = new EntityLinksPage(await context.newPage());
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    ids = await app.page.evaluate(async () => {
      const { roster } = window;
      const production = (await roster.environments.list())[0]!.id;
      const qa = (await roster.environments.create({ name: 'QA', kind: 'non-production' })).id;
      const ana = (await roster.users.create({ environmentId: production, username: 'ana' })).id;
      const tess = (await roster.users.create({ environmentId: qa, username: 'tess', name: 'Tess Ting' })).id;
      const testers = (await roster.groups.create({ environmentId: qa, name: 'Testers' })).id;
      const tester = (await roster.roles.create({ environmentId: qa, application: 'Lab', name: 'Tester' })).id;
      return { production, qa, tess, testers, tester, ana };
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('opens a user of another environment and switches to it', async () => {
    expect(await app.chosenEnvironmentId()).toBe(ids.production);

    await app.open(`#/users/${ids.tess}`);

    await app.heading('Tess Ting').waitFor();
    await expect.poll(() => app.chosenEnvironmentId()).toBe(ids.qa);
    expect(await app.page.evaluate(() => localStorage.getItem('roster.environmentId'))).toBe(ids.qa);
    expect(await app.page.getByText('User not found').count()).toBe(0);
  });

  it('leaves a detail page for the list when another environment is chosen by hand', async () => {
    await app.environmentSwitcher.selectOption(ids.production);

    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    expect(app.page.url()).toMatch(/#\/users$/);
    expect(await app.chosenEnvironmentId()).toBe(ids.production);
  });

  it('opens a group and a role of another environment, switching to it each time', async () => {
    await app.open(`#/groups/${ids.testers}`);
    await app.heading('Testers').waitFor();
    await expect.poll(() => app.chosenEnvironmentId()).toBe(ids.qa);

    await app.environmentSwitcher.selectOption(ids.production);
    await app.page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    expect(app.page.url()).toMatch(/#\/groups$/);

    await app.open(`#/roles/${ids.tester}`);
    await app.heading('Lab / Tester').waitFor();
    await expect.poll(() => app.chosenEnvironmentId()).toBe(ids.qa);
    expect(await app.page.getByText(/^A role of the Lab application in QA\./).count()).toBe(1);
  });

  it('says a deleted user, group or role is gone, and leads back to its list', async () => {
    await app.page.evaluate(async (gone) => {
      await window.roster.users.delete(gone.tess);
      await window.roster.groups.delete(gone.testers);
      await window.roster.roles.delete(gone.tester);
    }, ids);

    await app.open(`#/users/${ids.tess}`);
    await app.heading('User not found').waitFor();
    await app.page.getByRole('link', { name: 'Back to the users' }).click();
    await app.page.getByRole('heading', { name: /^Users counted in / }).waitFor();

    await app.open(`#/groups/${ids.testers}`);
    await app.heading('Group not found').waitFor();
    await app.page.getByRole('link', { name: /^Back to the groups/ }).click();
    await app.page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();

    await app.open(`#/roles/${ids.tester}`);
    await app.heading('Role not found').waitFor();
    await app.page.getByRole('link', { name: 'Back to the roles' }).click();
    await app.page.getByRole('heading', { name: 'Roles', level: 1 }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
