// The Roles section in a real browser: create a role, see who holds it directly and through
// a group, grant and revoke it, read a built-in role's page, keep the place on reload, and
// delete roles after a confirmation that says who loses them.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots as docsScreenshots, launchBrowser } from './browser';
import { RolesPage } from './pages/roles.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('roles', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: RolesPage;
  let roleUrl: string;

  /** A screenshot for the docs and the same one among the test artifacts. */
  async function screenshot(name: string): Promise<void> {
    await app.page.screenshot({ path: `${docsScreenshots}${name}`, fullPage: true });
    await app.page.screenshot({ path: `${artifacts}${name}`, fullPage: true });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    app = new RolesPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(docsScreenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('reaches Roles through the navigation and says what to do while only built-in roles exist', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    for (const [username, name] of [
      ['ana', 'Ana Lima'],
      ['bob', 'Bob Stone'],
      ['carla', 'Carla Dias'],
    ]) {
      await app.addUser({ username: username!, name });
      await app.userRow(username!).waitFor();
    }

    await app.openFromNav();
    expect(app.page.url()).toMatch(/#\/roles$/);
    await app.page.getByText('No roles of your own yet').waitFor();
    await app.page.screenshot({ path: `${artifacts}roles-empty.png`, fullPage: true });
    expect(await app.roleRow('System', 'Registered').textContent()).toContain('Built-in');
    await expect.poll(() => app.roleRow('System', 'Registered').locator('td').nth(1).textContent()).toBe('3');
    expect(await app.roleRow('System', 'Registered').getByRole('button').count()).toBe(0);
    await expectNoSeriousA11yViolations(app.page, 'roles list, empty');
  });

  it('creates CRM / Editor through the form, and shows a duplicate at the name field', async () => {
    await app.createRole('CRM', 'Editor');
    await app.roleRow('CRM', 'Editor').waitFor();
    expect(await app.createForm.getByRole('status').textContent()).toBe('Created CRM / Editor.');
    expect(await app.page.getByText('No roles of your own yet').count()).toBe(0);

    await app.createRole('crm', 'EDITOR');
    const name = app.createField('Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await app.page.locator('#role-name-error').textContent()).toContain('already exists');
    expect(await name.inputValue()).toBe('EDITOR');
    expect(await app.application('CRM').locator('tbody tr').count()).toBe(1);
    await app.createField('Name').fill('');
    // What was typed for the refused role is not saved: leaving the page next asks first, and goes.
    app.page.once('dialog', (dialog) => void dialog.accept());
  });

  it('lists a user who holds the role through a group, with a link to the group', async () => {
    const environmentId = await app.environmentId();
    expect(environmentId).not.toBe('');
    // A group holding the role, set up through the Users API as a script would.
    await app.page.evaluate(async (id) => {
      const roster = window.roster;
      const role = (await roster.roles.list(id)).find((candidate) => candidate.name === 'Editor')!;
      const sales = await roster.groups.create({ environmentId: id, name: 'Sales' });
      const ana = (await roster.users.list({ environmentId: id, search: 'ana' })).items[0]!;
      await roster.groups.addUsers(sales.id, [ana.id]);
      await roster.roles.grantToGroup(role.id, sales.id);
    }, environmentId);
    await expect.poll(() => app.roleRow('CRM', 'Editor').locator('td').nth(1).textContent()).toBe('1');

    await app.openRole('CRM', 'Editor');
    roleUrl = app.page.url();
    expect(roleUrl).toMatch(/#\/roles\/[^/]+$/);
    await expect
      .poll(() => app.holdersSummary.innerText())
      .toContain('1 user holds this role: 0 directly, 1 through groups');
    const ana = app.holderRow('ana');
    expect(await ana.textContent()).toContain('Ana Lima');
    expect(await ana.getByRole('link', { name: 'Sales' }).getAttribute('href')).toMatch(/^#\/groups\//);
    expect(await ana.getByRole('link', { name: 'ana' }).getAttribute('href')).toMatch(/^#\/users\//);
    expect(await ana.textContent()).toContain('Inherited: change it on the group page');
    expect(await ana.getByRole('button').count()).toBe(0);
  });

  it('grants the role to another user directly through the search, then revokes it', async () => {
    await app.grantTo('bo', 'bob');
    await app.holderRow('bob').waitFor();
    await expect
      .poll(() => app.holdersSummary.innerText())
      .toContain('2 users hold this role: 1 directly, 1 through groups');
    expect(await app.holderRow('bob').locator('td').nth(2).textContent()).toBe('Yes');
    await expect.poll(() => app.page.locator('tr[data-match="bob"]').textContent()).toContain('Holds it directly');
    await app.page.getByText('Granted CRM / Editor to bob.').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'role page');
    await screenshot('role-page.png');

    await app.holderRow('bob').getByRole('button', { name: 'Revoke from bob' }).click();
    await expect.poll(() => app.holderRow('bob').count()).toBe(0);
    await expect
      .poll(() => app.holdersSummary.innerText())
      .toContain('1 user holds this role: 0 directly, 1 through groups');
    expect(await app.page.getByRole('button', { name: 'Grant to bob' }).count()).toBe(1);
  });

  it('opens the holders in the users list, where they can be acted on at once', async () => {
    const roleUrl = app.page.url();
    await app.page.getByRole('link', { name: 'Open them in the users list' }).click();
    await app.page.getByText('Users granted CRM / Editor, directly or through a group.').waitFor();
    await expect.poll(() => app.usersTotal.textContent()).toBe('1');
    expect(await app.userRow('ana').count()).toBe(1);
    await app.page.goto(roleUrl);
    await app.holdersSummary.waitFor();
  });

  it('filters the holders in memory', async () => {
    const filter = app.page.getByRole('searchbox', { name: 'Filter holders' });
    await filter.fill('zzz');
    await app.page.getByText('No holder matches “zzz”.').waitFor();
    await filter.fill('sales');
    await app.holderRow('ana').waitFor();
    await filter.fill('');
  });

  it('keeps the role page on reload', async () => {
    await app.page.reload();
    await app.heading('CRM / Editor').waitFor();
    expect(app.page.url()).toBe(roleUrl);
    await app.holderRow('ana').waitFor();
  });

  it('follows group membership changes made elsewhere, live', async () => {
    const environmentId = await app.environmentId();
    const membership = (action: 'addUsers' | 'removeUsers') =>
      app.page.evaluate(
        async ([id, call]) => {
          const roster = window.roster;
          const sales = (await roster.groups.list(id)).find((group) => group.name === 'Sales')!;
          const carla = (await roster.users.list({ environmentId: id, search: 'carla' })).items[0]!;
          await roster.groups[call](sales.id, [carla.id]);
        },
        [environmentId, action] as const,
      );
    await membership('addUsers');
    await app.holderRow('carla').waitFor();
    await expect
      .poll(() => app.holdersSummary.innerText())
      .toContain('2 users hold this role: 0 directly, 2 through groups');
    await membership('removeUsers');
    await expect.poll(() => app.holderRow('carla').count()).toBe(0);
  });

  it('explains a built-in role instead of listing holders', async () => {
    await app.page.getByRole('link', { name: 'All roles' }).click();
    await app.heading('Roles').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'roles list');
    await screenshot('roles-list.png');

    await app.openRole('System', 'Registered');
    await expect
      .poll(() => app.page.getByTestId('built-in-holders').textContent())
      .toContain('Every active user of Production EU holds System / Registered: 3 users now.');
    expect(await app.page.getByTestId('built-in-holders').textContent()).toContain('neither granted nor revoked');
    expect(await app.page.getByRole('button', { name: /Delete|Revoke|Grant/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(app.page, 'built-in role page');
    await app.page.screenshot({ path: `${artifacts}role-built-in.png`, fullPage: true });
  });

  it('says so when a role id does not exist', async () => {
    await app.page.goto(new URL('#/roles/no-such-role', app.page.url()).href);
    await app.heading('Role not found').waitFor();
    await app.page.getByRole('link', { name: 'Back to the roles' }).click();
    await app.heading('Roles').waitFor();
  });

  it('deletes a role from the list after a confirmation that says nobody holds it', async () => {
    await app.createRole('CRM', 'Viewer');
    await app.roleRow('CRM', 'Viewer').waitFor();
    await app.roleRow('CRM', 'Viewer').getByRole('button', { name: 'Delete… CRM / Viewer' }).click();
    const dialog = app.deleteDialog('CRM / Viewer');
    await expect.poll(() => dialog.textContent()).toContain('It is not granted to anyone.');
    await dialog.getByRole('button', { name: 'Delete CRM / Viewer' }).click();
    await expect.poll(() => app.roleRow('CRM', 'Viewer').count()).toBe(0);
    expect(
      await app.page
        .getByRole('heading', { name: 'Roles', level: 1 })
        .evaluate((element) => element === document.activeElement),
    ).toBe(true);
  });

  it('deletes the role from its page after a confirmation naming the group, and goes back to the list', async () => {
    await app.openRole('CRM', 'Editor');
    await app.page.getByRole('button', { name: 'Delete role… CRM / Editor' }).click();
    const dialog = app.deleteDialog('CRM / Editor');
    await expect
      .poll(() => dialog.textContent())
      .toContain('It is removed from every user and group it is granted to: 1 group (Sales). 1 user loses it.');
    await app.page.screenshot({ path: `${artifacts}delete-role.png` });
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await app.page.getByRole('button', { name: 'Delete role… CRM / Editor' }).click();
    await dialog.getByRole('button', { name: 'Delete CRM / Editor' }).click();
    await app.heading('Roles').waitFor();
    expect(app.page.url()).toMatch(/#\/roles$/);
    await app.page.getByText('No roles of your own yet').waitFor();
    const environmentId = await app.environmentId();
    const left = await app.page.evaluate(
      async (id) => (await window.roster.roles.list(id)).map((role) => role.name),
      environmentId,
    );
    expect(left).toEqual(['Anonymous', 'Registered']);
    expect(app.errors).toEqual([]);
  });

  it('reads well in the dark theme too', async () => {
    await app.createRole('CRM', 'Editor');
    await app.roleRow('CRM', 'Editor').waitFor();
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(app.page, 'roles list, dark');
    await app.page.screenshot({ path: `${artifacts}roles-list-dark.png`, fullPage: true });
    await app.openRole('CRM', 'Editor');
    await app.grantTo('carla', 'carla');
    await app.holderRow('carla').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'role page, dark');
    await app.page.screenshot({ path: `${artifacts}role-page-dark.png`, fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
