// Groups of tenants in a real browser: an environment with two clients, each with its own users
// (and its own `admin`); a group created in one of them lists and shows its tenant, its member
// picker offers only that tenant's users, and the users table says each user's tenant. Axe-clean
// in the light and dark themes.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { launchBrowser } from './browser';
import { TenantGroupsPage } from './pages/tenant-groups.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('tenant groups', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: TenantGroupsPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    app = new TenantGroupsPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** Checks the page with axe in the light theme and in the dark one, with a screenshot of each. */
  async function axeBothThemes(what: string, shot: string): Promise<void> {
    await expectNoSeriousA11yViolations(app.page, `${what}, light`);
    await app.page.screenshot({ path: `${artifacts}${shot}.png`, fullPage: true });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(app.page, `${what}, dark`);
    await app.page.screenshot({ path: `${artifacts}${shot}-dark.png`, fullPage: true });
    await app.page.emulateMedia({ colorScheme: 'light' });
  }

  it('creates a group in one tenant and lists it with its tenant', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.evaluate(async () => {
      const { roster } = window;
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
      const contoso = await roster.tenants.create({ environmentId, name: 'Contoso' });
      await roster.users.createMany([
        { environmentId, tenantId: northwind.id, username: 'admin', name: 'Northwind admin' },
        { environmentId, tenantId: northwind.id, username: 'nadia', name: 'Nadia North' },
        { environmentId, tenantId: contoso.id, username: 'admin', name: 'Contoso admin' },
        { environmentId, tenantId: contoso.id, username: 'carla', name: 'Carla Dias' },
      ]);
    });
    await app.openGroups();

    await app.createField('Name').fill('Operations');
    await app.createTenant.selectOption({ label: 'Northwind' });
    await app.createField('Description').fill("Northwind's operators");
    await app.createField('Description').press('Enter');
    await app.createForm.getByRole('status').filter({ hasText: 'Created Operations in Northwind.' }).waitFor();

    await expect.poll(() => app.groupTenant('Operations').textContent()).toBe('Northwind');
    await axeBothThemes('groups list with tenants', 'tenant-groups-list');
  });

  it("adds members through the picker, which offers only the group's tenant's users", async () => {
    await app.openGroup('Operations');
    expect(await app.page.getByTestId('group-tenant').textContent()).toContain('Northwind');

    await app.memberSearch.fill('a');
    await expect.poll(() => app.matchedUsernames()).toEqual(['admin', 'nadia']);
    const results = app.page.getByRole('table', { name: 'Users matching a' });
    expect(await results.getByText('Northwind admin').count()).toBe(1);
    expect(await results.getByText('Contoso admin').count()).toBe(0);
    expect(await results.getByText('Carla Dias').count()).toBe(0);

    await app.page.getByRole('button', { name: 'Add admin', exact: true }).click();
    await app.memberRow('admin').waitFor();
    await app.addMember('nadia', 'nadia');
    await expect.poll(() => app.memberCount.textContent()).toBe('2');
    expect(await app.memberRow('admin').locator('[data-field="name"]').textContent()).toBe('Northwind admin');
    await axeBothThemes("a tenant's group page with its members", 'tenant-group-page');
    expect(app.pageErrors).toEqual([]);
  });

  it("shows each user's tenant in the users table", async () => {
    await app.openUsers();
    // The two admins tell apart by their tenant (in either order: they share the username).
    await expect
      .poll(async () => (await app.userTenants()).sort())
      .toEqual(['admin: Contoso', 'admin: Northwind', 'carla: Contoso', 'nadia: Northwind']);
    expect(
      await app.page.getByRole('table', { name: 'Users' }).getByRole('columnheader', { name: 'Tenant' }).count(),
    ).toBe(1);
    await axeBothThemes('users table with the Tenant column', 'tenant-users-table');
    expect(app.pageErrors).toEqual([]);
  });

  it('labels the groups with their tenant in "Add to group", and says who belongs to another tenant', async () => {
    await app.page.getByRole('checkbox', { name: 'Select carla' }).check();
    await app.page.getByRole('checkbox', { name: 'Select nadia' }).check();
    await app.page
      .getByRole('region', { name: 'Selected users' })
      .getByRole('button', { name: 'Add to group…' })
      .click();
    const dialog = app.dialog('Add 2 users to a group');
    const group = dialog.getByRole('combobox', { name: 'Group' });
    expect(await group.locator('option:checked').textContent()).toBe('Operations (Northwind, 2 members)');

    await dialog.getByRole('button', { name: 'Add to group' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'Operations is a group of Northwind: its members come from Northwind, and 1 selected user belongs to ' +
        'another tenant (carla). Nothing was changed.',
    );
    await axeBothThemes('a refused Add to group', 'tenant-bulk-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.memberCountOf('Operations')).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });
});
