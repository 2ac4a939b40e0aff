// @vitest-environment jsdom
// Tenants in the users table and its selection bar: a Tenant column while the list shows several
// tenants; "Add to group" offering the listed tenant's groups, or every group labelled with its
// tenant, and saying in words who was refused for belonging to another tenant.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Group, Roster } from '../../src/api';
import type { Tenant } from '../../src/domain';
import { route } from '../../src/state/route.svelte';
import { toasts } from '../../src/state/toasts.svelte';
import UsersSection from '../../src/ui/features/users/UsersSection.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

/** Each row drawn as "username: tenant" ("-" without the column). */
const rows = () =>
  [...document.querySelectorAll('tr[data-user]')].map(
    (row) => `${row.getAttribute('data-user')}: ${row.querySelector('[data-field="tenant"]')?.textContent ?? '-'}`,
  );

describe('tenants in the users table and its bulk actions', () => {
  let roster: Roster;
  let environment: Environment;
  let northwind: Tenant;
  let sales: Group;
  let ops: Group;

  beforeAll(() => {
    // jsdom's <dialog> lacks showModal/close: stand-ins doing what Dialog.svelte relies on.
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    route.replaceParams({});
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const environmentId = environment.id;
    northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
    await roster.users.createMany([
      { environmentId, username: 'ana' },
      { environmentId, username: 'bob' },
      { environmentId, tenantId: northwind.id, username: 'nadia' },
      { environmentId, tenantId: northwind.id, username: 'nils' },
    ]);
    sales = await roster.groups.create({ environmentId, name: 'Sales' });
    ops = await roster.groups.create({ environmentId, tenantId: northwind.id, name: 'Ops' });
  });

  afterEach(() => roster.close());

  async function renderSection(expected: number) {
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });
    const user = userEvent.setup();
    await expect.poll(rows).toHaveLength(expected);
    return user;
  }

  async function openAddToGroup(user: ReturnType<typeof userEvent.setup>, ...usernames: string[]) {
    for (const username of usernames) await user.click(screen.getByRole('checkbox', { name: `Select ${username}` }));
    const bar = screen.getByRole('region', { name: 'Selected users' });
    await expect.poll(() => within(bar).getByRole('button', { name: 'Add to group…' })).toBeEnabled();
    await user.click(within(bar).getByRole('button', { name: 'Add to group…' }));
    return screen.findByRole('dialog', { name: /^Add \d+ users? to a group$/ });
  }

  const options = (dialog: HTMLElement) =>
    within(dialog)
      .getAllByRole('option')
      .map((option) => option.textContent);

  it("shows each user's tenant while the list shows several, for readers too", async () => {
    const user = await renderSection(4);
    expect(rows()).toEqual(['ana: Default', 'bob: Default', 'nadia: Northwind', 'nils: Northwind']);
    const table = screen.getByRole('table', { name: 'Users' });
    expect(within(table).getByRole('columnheader', { name: 'Tenant' })).toBeInTheDocument();

    // Filtered to one tenant, the column would say the same on every row: it goes.
    await user.selectOptions(screen.getAllByRole('combobox', { name: 'Tenant' })[0]!, 'Northwind');
    await expect.poll(rows).toEqual(['nadia: -', 'nils: -']);
    expect(within(table).queryByRole('columnheader', { name: 'Tenant' })).not.toBeInTheDocument();
  });

  it("offers only the listed tenant's groups when the list is filtered by tenant", async () => {
    route.replaceParams({ tenant: northwind.id });
    const user = await renderSection(2);

    const dialog = await openAddToGroup(user, 'nadia', 'nils');
    expect(options(dialog)).toEqual(['Ops (0 members)']);
    await user.click(within(dialog).getByRole('button', { name: 'Add to group' }));

    await expect
      .poll(async () => (await roster.groups.members(ops.id)).map((member) => member.username))
      .toEqual(['nadia', 'nils']);
    expect(toasts.items.at(-1)?.message).toBe('2 users added to Ops.');
  });

  it('labels each group with its tenant otherwise, and names who belongs to another tenant when refused', async () => {
    const user = await renderSection(4);

    const dialog = await openAddToGroup(user, 'ana', 'bob', 'nadia');
    expect(options(dialog)).toEqual(['Ops (Northwind, 0 members)', 'Sales (Default, 0 members)']);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Group' }), 'Ops (Northwind, 0 members)');
    await user.click(within(dialog).getByRole('button', { name: 'Add to group' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Ops is a group of Northwind: its members come from Northwind, and 2 selected users belong to another ' +
        'tenant (ana, bob). Nothing was changed.',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Group' })).toHaveAccessibleDescription(/ana, bob/);
    expect(await roster.groups.members(ops.id)).toEqual([]);
    // The selection stays, to choose another group.
    expect(screen.getByRole('region', { name: 'Selected users' })).toHaveTextContent('3 users selected');
    expect(await roster.groups.members(sales.id)).toEqual([]);
  });

  it('says nothing of tenants where the environment has only its default tenant', async () => {
    await roster.tenants.delete(northwind.id, { deleteUsers: 2 });
    const user = await renderSection(2);

    expect(rows()).toEqual(['ana: -', 'bob: -']);
    const dialog = await openAddToGroup(user, 'ana');
    expect(options(dialog)).toEqual(['Sales (0 members)']);
  });
});
