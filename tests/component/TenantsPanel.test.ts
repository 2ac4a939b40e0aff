// @vitest-environment jsdom
// The Tenants panel of an environment: its table of tenants with their counts, rules and limits
// (live), creating and renaming a tenant, a tenant's own rules and limits with their errors at
// their field, and deleting a tenant with its users after a confirmation that names how many.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Roster } from '../../src/api';
import TenantsPanel from '../../src/ui/features/tenants/TenantsPanel.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('TenantsPanel', () => {
  let roster: Roster;
  let environment: Environment;

  beforeAll(() => {
    // jsdom has <dialog> but not showModal/close: stand-ins that do what Dialog.svelte relies on.
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  });

  afterEach(() => roster.close());

  function renderPanel() {
    renderWithRoster(TenantsPanel, { environmentId: environment.id }, roster);
    return userEvent.setup();
  }

  const row = (name: string) => document.querySelector<HTMLElement>(`tr[data-tenant="${name}"]`);
  const cell = (name: string, field: string) =>
    row(name)?.querySelector(`[data-field="${field}"]`)?.textContent?.trim();

  async function createTenant(user: ReturnType<typeof userEvent.setup>, name: string) {
    const field = screen.getByRole('textbox', { name: /^Name/ });
    await user.clear(field);
    await user.type(field, `${name}{Enter}`);
  }

  it('creates tenants, keeps the focus for the next one, and shows a taken name at the field', async () => {
    const user = renderPanel();
    await expect.poll(() => screen.queryByTestId('tenants-summary')?.textContent?.trim()).toBe('1 tenant, 0 users');
    expect(cell('Default', 'rules')).toBe("The environment's rules");

    await createTenant(user, 'Northwind');
    await screen.findByText('Created the tenant Northwind.');
    await expect.poll(() => row('Northwind')).not.toBeNull();
    const field = screen.getByRole('textbox', { name: /^Name/ });
    expect(field).toHaveFocus();
    expect(field).toHaveValue('');

    await createTenant(user, 'northwind');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(field).toHaveAccessibleDescription(/already exists/);
    expect(field).toHaveValue('northwind');
    expect(await roster.tenants.list(environment.id)).toHaveLength(2);
  });

  it("counts each tenant's users live, by its own rules, and links to them", async () => {
    const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
    renderPanel();
    await expect.poll(() => cell('Northwind', 'rules')).toBe('Its own: northwind.example (own)');

    await roster.users.createMany([
      { environmentId: environment.id, username: 'admin', email: 'admin@example.com' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'admin', email: 'admin@northwind.example' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'guest', email: 'guest@example.com' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'old', isActive: false },
    ]);

    await expect.poll(() => cell('Northwind', 'users')).toBe('3');
    expect([cell('Northwind', 'internal'), cell('Northwind', 'external'), cell('Northwind', 'named')]).toEqual([
      '1',
      '1',
      '2',
    ]);
    expect(cell('Northwind', 'inactive')).toBe('1');
    expect([cell('Default', 'internal'), cell('Default', 'external')]).toEqual(['1', '0']);
    expect(screen.getByTestId('tenants-summary')).toHaveTextContent('2 tenants, 4 users');
    const link = within(row('Northwind')!).getByRole('link', { name: '3' });
    expect(link).toHaveAccessibleDescription('Northwind');
    expect(link.getAttribute('href')).toMatch(/^#\/users\?environment=/);
  });

  it('renames a tenant, and gives it its own rules and limits with errors at their field', async () => {
    const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    await roster.users.createMany([
      { environmentId: environment.id, tenantId: northwind.id, username: 'a', email: 'a@northwind.example' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'b', email: 'b@northwind.example' },
    ]);
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Manage Northwind' }));
    const editor = screen.getByRole('region', { name: 'Northwind' });
    expect(within(editor).getByRole('heading', { name: 'Northwind' })).toHaveFocus();

    const name = within(editor).getByRole('textbox', { name: /^Tenant name/ });
    await user.clear(name);
    await user.type(name, 'Northwind Traders{Enter}');
    await within(editor).findByText('Renamed to Northwind Traders.');
    expect((await roster.tenants.get(northwind.id))?.name).toBe('Northwind Traders');

    await user.click(within(editor).getByRole('radio', { name: /Only users whose email domain/ }));
    await user.click(within(editor).getByRole('button', { name: 'Add a domain' }));
    const domain = within(editor).getByRole('textbox', { name: 'Domain 1' });
    expect(domain).toHaveFocus();
    await user.type(domain, '*.com');
    await user.click(within(editor).getByRole('button', { name: 'Save rules' }));
    await expect.poll(() => domain.getAttribute('aria-invalid')).toBe('true');
    expect(domain).toHaveAccessibleDescription(/\*\.com/);
    await user.clear(domain);
    await user.type(domain, 'Northwind.EXAMPLE');
    await user.click(within(editor).getByRole('button', { name: 'Save rules' }));
    await within(editor).findByText('Rules saved.');
    expect(domain).toHaveValue('northwind.example');
    expect((await roster.tenants.get(northwind.id))?.rules).toEqual({
      mode: 'domains',
      domains: [{ domain: 'northwind.example', relation: 'client' }],
    });

    await user.click(within(editor).getByRole('radio', { name: /^Named users/ }));
    const limit = within(editor).getByRole('textbox', { name: /^Named users limit/ });
    await user.type(limit, 'two');
    await user.click(within(editor).getByRole('button', { name: 'Save limits' }));
    await expect.poll(() => limit.getAttribute('aria-invalid')).toBe('true');
    expect(limit).toHaveFocus();
    await user.clear(limit);
    await user.type(limit, '2');
    await user.click(within(editor).getByRole('button', { name: 'Save limits' }));
    await within(editor).findByText('Limits saved.');
    await expect
      .poll(() => cell('Northwind Traders', 'limits'))
      .toBe('Named users: 2 of 2 (100.0 %) — at the limit, no room for another user.');
    expect(row('Northwind Traders')?.querySelector('[data-status]')?.getAttribute('data-status')).toBe('near');

    await user.click(within(editor).getByRole('radio', { name: "Use the environment's rules" }));
    await user.click(within(editor).getByRole('button', { name: 'Save rules' }));
    await within(editor).findByText("Saved: the environment's rules apply.");
    expect((await roster.tenants.get(northwind.id))?.rules).toBeUndefined();
  });

  it('offers only a rename for the default tenant', async () => {
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Manage Default' }));
    const editor = screen.getByRole('region', { name: 'Default' });
    expect(within(editor).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(within(editor).queryByRole('button', { name: 'Save rules' })).not.toBeInTheDocument();
    expect(editor).toHaveTextContent('cannot be deleted');
  });

  it('deletes a tenant with its users after a confirmation that says how many, and lands on the title', async () => {
    const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    await roster.users.createMany([
      { environmentId: environment.id, tenantId: northwind.id, username: 'admin' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'guest' },
      { environmentId: environment.id, username: 'admin' },
    ]);
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Manage Northwind' }));
    await user.click(screen.getByRole('button', { name: 'Delete tenant…' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete Northwind and 2 users?' });
    expect(dialog).toHaveTextContent('Its 2 users go with it');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Delete Northwind and 2 users' }));

    await screen.findByText('Deleted the tenant Northwind and its 2 users.');
    await expect.poll(() => row('Northwind')).toBeNull();
    await expect.poll(() => document.activeElement?.textContent).toBe('Tenants');
    expect(await roster.tenants.list(environment.id)).toHaveLength(1);
    expect((await roster.users.list({ environmentId: environment.id })).items.map((u) => u.username)).toEqual([
      'admin',
    ]);
  });
  it('says the new count when users came since the dialog opened, and deletes them on confirming again', async () => {
    const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
    await roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'admin' });
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Manage Northwind' }));
    await user.click(screen.getByRole('button', { name: 'Delete tenant…' }));
    screen.getByRole('dialog', { name: 'Delete Northwind and 1 user?' });
    await roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'late' });

    await user.click(screen.getByRole('button', { name: 'Delete Northwind and 1 user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Northwind and 2 users?' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Northwind now has 2 users: confirm again to delete them with it.',
    );
    expect(await roster.tenants.list(environment.id)).toHaveLength(2);

    await user.click(within(dialog).getByRole('button', { name: 'Delete Northwind and 2 users' }));
    await screen.findByText('Deleted the tenant Northwind and its 2 users.');
    expect(await roster.tenants.list(environment.id)).toHaveLength(1);
  });
});
