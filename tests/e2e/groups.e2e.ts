// The Groups section in a real browser: create a group, fill it by searching for users, grant
// it a role, take a member out, rename it, find it again after a reload, and delete it after
// a confirmation that says who loses what.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots as docs, launchBrowser } from './browser';
import { GroupsPage } from './pages/groups.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('groups', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: GroupsPage;
  let groupUrl: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    app = new GroupsPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(docs, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** A screenshot for the docs and the artifacts in the light theme, and one in dark for review. */
  async function screenshot(name: string): Promise<void> {
    await app.page.screenshot({ path: `${docs}${name}.png`, fullPage: true });
    await app.page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.page.screenshot({ path: `${artifacts}${name}-dark.png`, fullPage: true });
    await app.page.emulateMedia({ colorScheme: 'light' });
  }

  it('opens an empty Groups section from the navigation, saying what to do', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.addUser({ username: 'ana@example.com', name: 'Ana Lima', email: 'ana@example.com' });
    await app.userRow('ana@example.com').waitFor();
    await app.addUser({ username: 'bob', name: 'Bob Stone', email: 'bob@gmail.com' });
    await app.userRow('bob').waitFor();
    await app.addUser({ username: 'carla', name: 'Carla Dias', email: 'carla@example.com' });
    await app.userRow('carla').waitFor();

    await app.openGroups();
    expect(app.page.url()).toContain('#/groups');
    await app.page.getByText('No groups yet.').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'empty groups list');
  });

  it('creates a group, lists it with its member count, and refuses a duplicate name inline', async () => {
    await app.createGroup('Sales', 'EU sales team');
    await app.groupRow('Sales').waitFor();
    expect(await app.groupRow('Sales').textContent()).toContain('EU sales team');
    expect(await app.groupRow('Sales').locator('td').last().textContent()).toBe('0');
    expect(await app.createForm.getByRole('status').textContent()).toBe('Created Sales.');

    await app.createGroup('SALES', 'A second one');
    const name = app.createField('Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await app.page.locator('#group-name-error').textContent()).toContain('already exists');
    expect(await name.inputValue()).toBe('SALES');
    expect(await app.createField('Description').inputValue()).toBe('A second one');
    expect(await app.page.locator('tr[data-group]').count()).toBe(1);

    await app.createGroup('Support');
    await app.groupRow('Support').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'groups list');
    await screenshot('groups-list');
  });

  it('opens the group on its own address and adds two members by searching', async () => {
    await app.openGroup('Sales');
    groupUrl = app.page.url();
    expect(groupUrl).toMatch(/#\/groups\/[^/]+$/);
    await app.page.getByText('No members yet.', { exact: false }).waitFor();

    await app.addMember('ana', 'ana@example.com');
    await app.addMember('BOB', 'bob');
    await expect.poll(() => app.memberCount.textContent()).toBe('2');

    // Members already in the group are shown as such, not offered again.
    await app.memberSearch.fill('o');
    const matches = app.page.getByRole('table', { name: 'Users matching o' });
    await matches.locator('tr[data-match="carla"]').waitFor();
    expect(await matches.locator('tr[data-match="bob"]').textContent()).toContain('Member');
    expect(await matches.getByRole('button', { name: 'Add bob', exact: true }).count()).toBe(0);
    expect(await matches.getByRole('button', { name: 'Add carla', exact: true }).count()).toBe(1);
    await app.page.screenshot({ path: `${artifacts}group-add-members.png`, fullPage: true });

    expect(await app.memberRow('bob').getByRole('link', { name: 'bob' }).getAttribute('href')).toMatch(/^#\/users\/.+/);
  });

  it('grants a role to the group, offering only roles not yet granted and not built in', async () => {
    await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await window.roster.roles.create({ environmentId, application: 'CRM', name: 'Editor' });
    });
    await expect.poll(() => app.roleToGrant.locator('option').allTextContents()).toEqual(['CRM / Editor']);
    await app.page.getByRole('button', { name: 'Grant', exact: true }).click();
    await app.rolesPanel.getByRole('link', { name: 'CRM / Editor' }).waitFor();
    expect(await app.roleToGrant.count()).toBe(0);
    expect(await app.rolesPanel.textContent()).toContain('Members inherit these roles');
    const holders = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const [editor] = (await window.roster.roles.list(environmentId)).filter((role) => role.name === 'Editor');
      return (await window.roster.roles.holders(editor!.id)).map((holder) => holder.user.username);
    });
    expect(holders).toEqual(['ana@example.com', 'bob']);
  });

  it('removes a member after a confirmation saying what they lose', async () => {
    await app.memberRow('bob').getByRole('button', { name: 'Remove bob' }).click();
    const dialog = app.dialog('Remove bob from Sales?');
    await expect.poll(() => dialog.textContent()).toContain('They lose the role granted to the group');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => app.memberRow('bob').count()).toBe(0);
    expect(await app.memberCount.textContent()).toBe('1');
    await app.page.getByText('Removed bob from Sales.').waitFor();
  });

  it('renames the group and says it saved; a reload keeps the place', async () => {
    const name = app.detailsForm.getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('Sales Europe');
    await app.detailsForm.getByRole('button', { name: 'Save details' }).click();
    await app.page.getByRole('heading', { name: 'Sales Europe', level: 1 }).waitFor();
    expect(await app.detailsForm.getByRole('status').textContent()).toBe('Saved.');

    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Sales Europe', level: 1 }).waitFor();
    expect(app.page.url()).toBe(groupUrl);
    await app.memberRow('ana@example.com').waitFor();
    await app.rolesPanel.getByRole('link', { name: 'CRM / Editor' }).waitFor();
    await expectNoSeriousA11yViolations(app.page, 'group page');
    await screenshot('group-page');
  });

  it('draws at most 200 of thousands of members, and the filter narrows them', async () => {
    await app.page.evaluate(
      async (groupId) => {
        const environmentId = localStorage.getItem('roster.environmentId')!;
        const users = await window.roster.users.createMany(
          Array.from({ length: 1500 }, (_, i) => ({ environmentId, username: `member${String(i).padStart(4, '0')}` })),
        );
        await window.roster.groups.addUsers(
          groupId,
          users.map((user) => user.id),
        );
      },
      decodeURIComponent(groupUrl.split('/').pop()!),
    );
    await expect.poll(() => app.memberCount.textContent()).toBe((1501).toLocaleString());
    await app.page.getByText(`Showing 200 of ${(1501).toLocaleString()}; search to narrow, or`).waitFor();
    expect(
      await app.page
        .getByRole('link', { name: `open all ${(1501).toLocaleString()} in the users list` })
        .getAttribute('href'),
    ).toMatch(/^#\/users\?environment=.+&group=.+$/);
    expect(await app.page.locator('tr[data-member]').count()).toBe(200);

    await app.page.getByRole('searchbox', { name: 'Filter members' }).fill('member149');
    await expect.poll(() => app.page.locator('tr[data-member]').count()).toBe(10);
    expect(await app.page.getByText(/Showing 200/).count()).toBe(0);
    await app.page.getByRole('searchbox', { name: 'Filter members' }).fill('');
  });

  it('deletes the group after a confirmation saying who loses what, and goes back to the list', async () => {
    await app.page.getByRole('button', { name: 'Delete group…' }).click();
    const dialog = app.dialog('Delete Sales Europe?');
    await expect
      .poll(() => dialog.textContent())
      .toContain(
        `${(1501).toLocaleString()} members lose their membership, ` +
          'and with it the 1 role granted to the group. This cannot be undone.',
      );
    await app.page.screenshot({ path: `${artifacts}delete-group.png` });
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await app.page.getByRole('button', { name: 'Delete group…' }).click();
    await dialog.getByRole('button', { name: 'Delete Sales Europe' }).click();
    await app.page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    expect(app.page.url()).toMatch(/#\/groups$/);
    await app.page.getByText('Group Sales Europe deleted.').waitFor();
    expect(await app.groupRow('Sales Europe').count()).toBe(0);
    await app.groupRow('Support').waitFor();

    // Its old address now says the group is gone, with a way back.
    await app.page.goto(groupUrl);
    await app.page.getByRole('heading', { name: 'Group not found', level: 1 }).waitFor();
    await app.page.getByRole('link', { name: /Back to the groups/ }).click();
    await app.page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
