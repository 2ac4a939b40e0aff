// @vitest-environment jsdom
// Tenants in the Users section: the Tenant filter (kept in the address), the tenant asked by the
// add-user form and changed in the user's form, with the API's refusal next to the field; and
// none of it where an environment has only its default tenant.
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndUser, Environment, Roster } from '../../src/api';
import type { Tenant } from '../../src/domain';
import { route } from '../../src/state/route.svelte';
import UserCreateForm from '../../src/ui/features/users/UserCreateForm.svelte';
import UserEditForm from '../../src/ui/features/users/UserEditForm.svelte';
import UsersSection from '../../src/ui/features/users/UsersSection.svelte';
import { tenantsOf } from '../../src/ui/features/users/user-tenants';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

const shownUsers = () =>
  [...document.querySelectorAll('tr[data-user]')].map((row) => row.getAttribute('data-user') ?? '');

describe('tenants in the Users section', () => {
  let roster: Roster;
  let environment: Environment;
  let northwind: Tenant;
  let ana: EndUser;

  beforeEach(async () => {
    route.replaceParams({});
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const environmentId = environment.id;
    northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
    const created = await roster.users.createMany([
      { environmentId, username: 'ana' },
      { environmentId, username: 'admin' },
      { environmentId, tenantId: northwind.id, username: 'admin' },
      { environmentId, tenantId: northwind.id, username: 'nadia' },
    ]);
    ana = created[0]!;
  });

  afterEach(() => roster.close());

  const tenants = async () => tenantsOf(await roster.usage(), environment.id);

  it('filters the list by tenant, keeps it in the address, and starts the add-user form there', async () => {
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });
    const user = userEvent.setup();
    await expect.poll(shownUsers).toEqual(['admin', 'admin', 'ana', 'nadia']);

    const chooser = screen.getByRole('combobox', { name: 'Tenant' });
    expect([...(chooser as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'Any tenant',
      'Default',
      'Northwind',
    ]);
    await user.selectOptions(chooser, 'Northwind');

    await expect.poll(shownUsers).toEqual(['admin', 'nadia']);
    expect(route.params.get('tenant')).toBe(northwind.id);
    // The add-user form starts in the tenant the list shows.
    expect(screen.getByRole('combobox', { name: 'Tenant' })).toHaveValue(northwind.id);
  });

  it('opens filtered by the tenant a link names', async () => {
    route.replaceParams({ tenant: northwind.id });
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });

    await expect.poll(shownUsers).toEqual(['admin', 'nadia']);
    expect(screen.getByRole('combobox', { name: 'Tenant' })).toHaveValue(northwind.id);
  });

  it('offers no tenant where the environment has only its default tenant', async () => {
    const plain = await roster.environments.create({ name: 'Test', kind: 'non-production' });
    await roster.users.create({ environmentId: plain.id, username: 'tess' });
    renderWithRoster(UsersSection, { environment: plain }, roster, { usage: await roster.usage() });

    await expect.poll(shownUsers).toEqual(['tess']);
    expect(screen.queryByRole('combobox', { name: 'Tenant' })).not.toBeInTheDocument();
  });

  it('adds a user to the tenant chosen in the form', async () => {
    renderWithRoster(UserCreateForm, { environmentId: environment.id, tenants: await tenants() }, roster);
    const user = userEvent.setup();
    const tenant = screen.getByRole('combobox', { name: 'Tenant' });
    expect(tenant).toHaveValue(`${environment.id}.default`);
    expect(tenant).toHaveAccessibleDescription(/unique within a tenant/);

    await user.selectOptions(tenant, 'Northwind');
    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'ana');
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Added ana.');
    expect(await roster.users.findByUsername(environment.id, 'ana', northwind.id)).toBeDefined();
    // Ready for the next user of the same tenant.
    expect(screen.getByRole('combobox', { name: 'Tenant' })).toHaveValue(northwind.id);
  });

  it('moves a user to another tenant from its form', async () => {
    renderWithRoster(UserEditForm, { user: ana, tenants: await tenants() }, roster);
    const user = userEvent.setup();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tenant' }), 'Northwind');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
    expect((await roster.users.get(ana.id))?.tenantId).toBe(northwind.id);
  });

  it('shows the refusal of a move next to the tenant and keeps the choice', async () => {
    const admin = (await roster.users.findByUsername(environment.id, 'admin'))!;
    renderWithRoster(UserEditForm, { user: admin, tenants: await tenants() }, roster);
    const user = userEvent.setup();
    const tenant = screen.getByRole('combobox', { name: 'Tenant' });

    await user.selectOptions(tenant, 'Northwind');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await expect.poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    expect(tenant).toHaveAccessibleDescription(/already taken in the tenant it moves to/);
    expect(tenant).toHaveFocus();
    expect(tenant).toHaveValue(northwind.id);
    expect((await roster.users.get(admin.id))?.tenantId).toBe(`${environment.id}.default`);
  });

  it('asks no tenant in the forms where there is only the default one', async () => {
    const plain = await roster.environments.create({ name: 'Test', kind: 'non-production' });
    const tess = await roster.users.create({ environmentId: plain.id, username: 'tess' });
    const only = tenantsOf(await roster.usage(), plain.id);
    renderWithRoster(UserCreateForm, { environmentId: plain.id, tenants: only }, roster);
    renderWithRoster(UserEditForm, { user: tess, tenants: only }, roster);

    expect(screen.queryByRole('combobox', { name: 'Tenant' })).not.toBeInTheDocument();
  });
});
