// @vitest-environment jsdom
// Tenants in the Groups section: the tenant asked by the create form (with the API's refusal next
// to it), each group's tenant on the list and on its page, and a member picker that offers only
// users of the group's tenant; none of it where an environment has only its default tenant.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RosterError, type Environment, type Roster } from '../../src/api';
import type { Tenant } from '../../src/domain';
import GroupCreateForm from '../../src/ui/features/groups/GroupCreateForm.svelte';
import GroupPage from '../../src/ui/features/groups/GroupPage.svelte';
import GroupsSection from '../../src/ui/features/groups/GroupsSection.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

/** The tenant column of each group row drawn, by group name. */
const groupTenants = () =>
  [...document.querySelectorAll('tr[data-group]')].map(
    (row) => `${row.getAttribute('data-group')}: ${row.querySelector('[data-field="tenant"]')?.textContent ?? '-'}`,
  );

describe('tenants in the Groups section', () => {
  let roster: Roster;
  let environment: Environment;
  let northwind: Tenant;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const environmentId = environment.id;
    northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
    await roster.users.createMany([
      { environmentId, username: 'admin', name: 'Our admin' },
      { environmentId, username: 'ana' },
      { environmentId, tenantId: northwind.id, username: 'admin', name: 'Northwind admin' },
      { environmentId, tenantId: northwind.id, username: 'nadia' },
    ]);
  });

  afterEach(() => roster.close());

  /** The context's usage report, as App reads it: the screens take the tenants from it. */
  const withUsage = async () => ({ usage: await roster.usage() });

  it('creates a group in the tenant chosen, and the same name in another tenant', async () => {
    renderWithRoster(GroupCreateForm, { environmentId: environment.id }, roster, await withUsage());
    const user = userEvent.setup();
    const tenant = screen.getByRole('combobox', { name: 'Tenant' });
    expect(tenant).toHaveValue(`${environment.id}.default`);
    expect(tenant).toHaveAccessibleDescription('Its members come from this tenant.');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(/Unique in its tenant/);

    await user.selectOptions(tenant, 'Northwind');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Sales');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    await expect.poll(() => screen.getByRole('status').textContent).toBe('Created Sales in Northwind.');
    // Ready for the next group of the same tenant.
    expect(tenant).toHaveValue(northwind.id);

    await user.selectOptions(tenant, 'Default');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Sales');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    await expect.poll(() => screen.getByRole('status').textContent).toBe('Created Sales in Default.');
    const groups = await roster.groups.list(environment.id);
    expect(groups.map((group) => group.tenantId).sort()).toEqual([`${environment.id}.default`, northwind.id].sort());
  });

  it("shows the API's refusal of the tenant next to it, keeping what was typed", async () => {
    renderWithRoster(GroupCreateForm, { environmentId: environment.id }, roster, await withUsage());
    const user = userEvent.setup();
    // Deleted in another tab after the form listed it.
    await roster.tenants.delete(northwind.id, { deleteUsers: 2 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tenant' }), 'Northwind');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Sales');
    await user.keyboard('{Enter}');

    const tenant = screen.getByRole('combobox', { name: 'Tenant' });
    await expect.poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    expect(tenant).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Sales');
    expect(await roster.groups.list(environment.id)).toEqual([]);
  });

  it("lists each group's tenant, and filters by it", async () => {
    await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Sales' });
    await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Support' });
    renderWithRoster(GroupsSection, { environment }, roster, await withUsage());
    const user = userEvent.setup();

    await expect.poll(groupTenants).toHaveLength(3);
    expect(groupTenants().sort()).toEqual(['Sales: Default', 'Sales: Northwind', 'Support: Northwind']);
    expect(screen.getByRole('columnheader', { name: 'Tenant' })).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Filter groups' }), 'northw');
    await expect.poll(groupTenants).toEqual(['Sales: Northwind', 'Support: Northwind']);
  });

  it('says the tenant on the group page and offers only its users to add', async () => {
    const group = await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Ops' });
    renderWithRoster(GroupPage, { environment, groupId: group.id }, roster, await withUsage());
    const user = userEvent.setup();

    expect(await screen.findByTestId('group-tenant')).toHaveTextContent('Tenant Northwind');
    const search = screen.getByRole('searchbox', { name: 'Add members' });
    expect(search).toHaveAccessibleDescription(/users of the tenant Northwind/);

    await user.type(search, 'a');
    const results = await screen.findByRole('table', { name: 'Users matching a' });
    // Northwind's admin and nadia; not ana, nor the default tenant's admin.
    const matched = () => [...results.querySelectorAll('tr[data-match]')].map((row) => row.getAttribute('data-match'));
    await expect.poll(matched).toEqual(['admin', 'nadia']);
    expect(within(results).getByText('Northwind admin')).toBeInTheDocument();
    expect(within(results).queryByText('Our admin')).not.toBeInTheDocument();

    await user.click(within(results).getByRole('button', { name: 'Add admin' }));
    await expect
      .poll(async () => (await roster.groups.members(group.id)).map((member) => member.name))
      .toEqual(['Northwind admin']);
  });

  it("says the API's refusal of a user of another tenant in its own words, next to the search", async () => {
    const group = await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Ops' });
    const refusal =
      'User "nadia" belongs to another tenant than Northwind: a group\'s members come from its own tenant.';
    // As when nadia moved to another tenant between the search and the click.
    vi.spyOn(roster.groups, 'addUsers').mockRejectedValueOnce(
      new RosterError('validation', [{ path: 'userIds.0', message: refusal }]),
    );
    renderWithRoster(GroupPage, { environment, groupId: group.id }, roster, await withUsage());
    const user = userEvent.setup();

    const search = await screen.findByRole('searchbox', { name: 'Add members' });
    await user.type(search, 'nadia');
    await user.click(await screen.findByRole('button', { name: 'Add nadia' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(refusal);
    expect(search).toHaveAccessibleDescription(new RegExp(refusal.slice(0, 40)));
  });

  it('says nothing of tenants where the environment has only its default tenant', async () => {
    const plain = await roster.environments.create({ name: 'Test', kind: 'non-production' });
    const group = await roster.groups.create({ environmentId: plain.id, name: 'Testers' });
    renderWithRoster(GroupsSection, { environment: plain }, roster, await withUsage());
    renderWithRoster(GroupPage, { environment: plain, groupId: group.id }, roster, await withUsage());

    await expect.poll(groupTenants).toEqual(['Testers: -']);
    expect(screen.queryByRole('columnheader', { name: 'Tenant' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tenant' })).not.toBeInTheDocument();
    const createForm = screen.getByRole('form', { name: 'Create a group' });
    expect(within(createForm).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      /Unique in this environment/,
    );
    await screen.findByRole('heading', { level: 1, name: 'Testers' });
    expect(screen.queryByTestId('group-tenant')).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Add members' })).toHaveAccessibleDescription(
      /users of this environment/,
    );
  });
});
