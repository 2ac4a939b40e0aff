// The Users section in a real browser, as an administrator uses it: sample data in one
// click, search, filters and sorting, a bulk deactivation after a confirmation that says how
// many, and one user's page: details, groups, roles with inheritance, activation, deletion.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots as screenshots, launchBrowser } from './browser';
import { UsersPage } from './pages/users.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('the users console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: UsersPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    app = new UsersPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('loads realistic sample data from the welcome screen in one click', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.page.screenshot({ path: `${screenshots}welcome.png` });
    await app.loadSampleData();
    await app.openSection('Users');
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    expect(await app.countValue('external')).toBeGreaterThan(0);
    expect(await app.countValue('internal')).toBeGreaterThan(await app.countValue('external'));
    await expect.poll(() => app.total()).toBeGreaterThan(2000);
    await expectNoSeriousA11yViolations(app.page, 'users section with sample data');
    await app.page.screenshot({ path: `${screenshots}users.png` });
  });

  it('filters by class, status and group, and the totals match the counts', async () => {
    const external = await app.countValue('external');
    await app.classChip('External').click();
    expect(await app.classChip('External').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => app.total()).toBe(external);

    await app.classChip('All').click();
    await app.filter('Status').selectOption({ label: 'Inactive' });
    await expect.poll(() => app.total()).toBe(await app.countValue('inactive'));

    await app.filter('Status').selectOption({ label: 'Any' });
    const sales = await app.page.evaluate(async () => {
      const roster = window.roster;
      const environmentId = localStorage.getItem('roster.environmentId')!;
      return (await roster.groups.list(environmentId)).find((group) => group.name === 'Sales')!.memberCount;
    });
    await app.filter('Group').selectOption({ label: 'Sales' });
    await expect.poll(() => app.total()).toBe(sales);
    // Each row says its groups, read for the whole page at once.
    await expect
      .poll(() => app.page.locator('tr[data-user] td[data-field="groups"]').first().textContent())
      .toContain('Sales');
    await app.filter('Group').selectOption({ label: 'Any group' });
  });

  it('searches as you type and sorts by last login, newest first', async () => {
    await app.search.fill('amara');
    await expect.poll(async () => (await app.visibleUsernames()).length).toBeGreaterThan(0);
    for (const username of await app.visibleUsernames()) expect(username).toContain('amara');
    await app.search.fill('');

    await app.filter('Sort by').selectOption({ label: 'Last login' });
    await app.page.getByRole('button', { name: /Ascending order/ }).click();
    await app.page.getByText('Sorted by last login, descending').waitFor();
    const dates = await app.page.locator('tr[data-user]').evaluateAll(async (rows) => {
      const ids = rows.map((row) => row.querySelector('a')!.getAttribute('href')!.split('/').pop()!);
      const users = await Promise.all(ids.map((id) => window.roster.users.get(decodeURIComponent(id))));
      return users.map((user) => user?.lastLogin ?? '');
    });
    expect(dates.length).toBeGreaterThan(5);
    expect(dates.filter(Boolean)).toEqual([...dates.filter(Boolean)].sort().reverse());
    await app.filter('Sort by').selectOption({ label: 'Username' });
  });

  it('deactivates every match of a filter after a confirmation that says how many', async () => {
    const inactiveBefore = await app.countValue('inactive');
    const externalBefore = await app.countValue('external');
    await app.classChip('External').click();
    await app.search.fill('outlook');
    await expect.poll(() => app.total()).toBeLessThan(externalBefore);
    const matching = await app.total();
    expect(matching).toBeGreaterThan(1);

    await app.page.getByRole('checkbox', { name: /^Select all/ }).check();
    await expect.poll(() => app.selectionBar.textContent()).toContain(`${matching} users selected`);
    await app.selectionBar.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = app.dialog(`Deactivate ${matching} users?`);
    await dialog.waitFor();
    // It names the first few, and focus starts on Cancel: Enter in haste changes nothing.
    expect(await dialog.textContent()).toMatch(new RegExp(`and ${matching - 3} more`));
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    await expectNoSeriousA11yViolations(app.page, 'bulk deactivation dialog');
    await app.page.screenshot({ path: `${screenshots}bulk-deactivate.png` });
    // Escape cancels: nothing changes.
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await app.countValue('inactive')).toBe(inactiveBefore);

    await app.selectionBar.getByRole('button', { name: 'Deactivate…' }).click();
    await dialog.getByRole('button', { name: `Deactivate ${matching} users` }).click();
    await expect.poll(() => app.countValue('inactive')).toBe(inactiveBefore + matching);
    expect(await app.countValue('external')).toBe(externalBefore - matching);
    await expect.poll(() => app.selectionBar.isVisible()).toBe(false);

    // The toast offers to undo it: exactly those users come back.
    await app.page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => app.countValue('inactive')).toBe(inactiveBefore);
    expect(await app.countValue('external')).toBe(externalBefore);
    await app.search.fill('');
    await app.classChip('All').click();
  });

  it('edits a user, manages groups and roles with inheritance shown, and keeps the place on reload', async () => {
    const username = (await app.visibleUsernames())[0]!;
    await app.userRow(username).getByRole('link').click();
    await app.page.getByRole('heading', { name: 'Effective roles' }).waitFor();
    expect(app.page.url()).toMatch(/#\/users\/.+/);
    await expect
      .poll(() => app.page.getByTestId('classification').textContent())
      .toMatch(/^\s*(internal|external|anonymous|inactive)\s+[A-Z]/);

    const details = app.page.getByRole('form', { name: 'Details' });
    await details.getByRole('textbox', { name: 'Email', exact: true }).fill('not an email');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => app.page.locator('#edit-email-error').textContent()).toMatch(/email/i);
    expect(await details.getByRole('textbox', { name: 'Email', exact: true }).inputValue()).toBe('not an email');
    await details.getByRole('textbox', { name: 'Email', exact: true }).fill('someone@northwind.example');
    await details.getByRole('textbox', { name: 'Name', exact: true }).fill('Renamed Person');
    await details.getByRole('button', { name: 'Save details' }).click();
    await app.page.getByRole('heading', { name: 'Renamed Person', level: 1 }).waitFor();
    await expect.poll(() => app.page.getByTestId('classification').textContent()).toContain('internal');

    // Join a group: its roles show as inherited from it.
    const groups = app.panel('Groups');
    for (const name of await groups.getByRole('button', { name: /^Remove from/ }).all()) await name.click();
    await expect.poll(() => groups.getByText('Not in any group').isVisible()).toBe(true);
    await groups.getByRole('combobox', { name: 'Add to group' }).selectOption({ label: 'Sales' });
    await groups.getByRole('button', { name: 'Add' }).click();
    await groups.getByRole('link', { name: 'Sales' }).waitFor();
    const roles = app.panel('Effective roles');
    const editor = roles.locator('tr[data-role="CRM / Editor"]');
    await expect.poll(() => editor.textContent()).toContain('Sales');
    expect(await editor.getByRole('button').count()).toBe(0);
    expect(await editor.textContent()).toContain('Inherited');

    // A direct grant can be revoked here.
    await roles.getByRole('combobox', { name: 'Grant a role directly' }).selectOption({ label: 'Billing / Approver' });
    await roles.getByRole('button', { name: 'Grant' }).click();
    const approver = roles.locator('tr[data-role="Billing / Approver"]');
    await expect.poll(() => approver.textContent()).toContain('Yes');
    await expectNoSeriousA11yViolations(app.page, 'user page');
    await app.page.screenshot({ path: `${screenshots}user.png`, fullPage: true });
    await approver.getByRole('button', { name: 'Revoke Billing / Approver' }).click();
    await expect.poll(() => approver.count()).toBe(0);

    const url = app.page.url();
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Renamed Person', level: 1 }).waitFor();
    expect(app.page.url()).toBe(url);

    await app.page.getByRole('button', { name: 'Deactivate' }).click();
    await roles.getByText('An inactive user holds no roles').waitFor();
    await app.page.getByRole('button', { name: 'Reactivate' }).click();
    await editor.waitFor();
  });

  it('deletes a user after a confirmation, and the list no longer has it', async () => {
    const heading = await app.page.getByRole('heading', { level: 1 }).textContent();
    const total = await app.page.evaluate(() => window.roster.usage());
    await app.page.getByRole('button', { name: 'Delete user…' }).click();
    const dialog = app.dialog(/^Delete .+\?$/);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('group memberships and roles go too');
    await dialog.getByRole('button', { name: /^Delete / }).click();
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    expect(app.page.url()).toMatch(/#\/users$/);
    const after = await app.page.evaluate(() => window.roster.usage());
    const named = (report: typeof after) => report.environments.find((row) => row.name === 'Production EU')!.named;
    expect(named(after)).toBe(named(total) - 1);
    await expect.poll(() => app.page.getByText(heading ?? '').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
