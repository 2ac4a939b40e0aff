// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Role, Roster } from '../../src/api';
import RoleCreateForm from '../../src/ui/features/roles/RoleCreateForm.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('RoleCreateForm', () => {
  let roster: Roster;
  let environment: Environment;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
  });

  afterEach(() => roster.close());

  function renderForm(onCreated?: (role: Role) => void) {
    renderWithRoster(RoleCreateForm, { environmentId: environment.id, onCreated }, roster);
    return userEvent.setup();
  }

  const field = (label: string) => screen.getByRole('textbox', { name: label });
  const customRoles = async () =>
    (await roster.roles.list(environment.id))
      .filter((role) => !role.builtIn)
      .map((role) => `${role.application} / ${role.name}`);

  it('labels every field and names the form, so a screen reader can find them', () => {
    renderForm();
    expect(screen.getByRole('form', { name: 'Create a role' })).toBeInTheDocument();
    expect(field('Application')).toBeRequired();
    expect(field('Name')).toBeRequired();
    expect(field('Application')).toHaveAccessibleDescription(/e\.g\. CRM/);
    expect(screen.getByRole('button', { name: 'Create role' })).toBeInTheDocument();
  });

  it('creates the role through the API, says so, and keeps the application for the next one', async () => {
    const created: string[] = [];
    const user = renderForm((role) => created.push(`${role.application} / ${role.name}`));

    await user.type(field('Application'), 'CRM');
    await user.type(field('Name'), 'Editor');
    await user.keyboard('{Enter}');

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Created CRM / Editor.');
    expect(created).toEqual(['CRM / Editor']);
    expect(await customRoles()).toEqual(['CRM / Editor']);
    expect(field('Name')).toHaveValue('');
    expect(field('Name')).toHaveFocus();
    expect(field('Application')).toHaveValue('CRM');
  });

  it(
    'shows a role that already exists (in any case) at the name field, ' + 'keeps what was typed and writes nothing',
    async () => {
      await roster.roles.create({ environmentId: environment.id, application: 'CRM', name: 'Editor' });
      const user = renderForm();

      await user.type(field('Application'), 'crm');
      await user.type(field('Name'), 'EDITOR');
      await user.click(screen.getByRole('button', { name: 'Create role' }));

      const name = field('Name');
      await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
      expect(name).toHaveAccessibleDescription(/already exists/);
      expect(name).toHaveFocus();
      expect(name).toHaveValue('EDITOR');
      expect(field('Application')).toHaveValue('crm');
      expect(field('Application')).not.toHaveAttribute('aria-invalid');
      expect(screen.getByRole('status')).toHaveTextContent('');
      expect(await customRoles()).toEqual(['CRM / Editor']);
    },
  );

  it('refuses the built-in System names with the API message', async () => {
    const user = renderForm();

    await user.type(field('Application'), 'System');
    await user.type(field('Name'), 'Registered');
    await user.keyboard('{Enter}');

    await expect.poll(() => field('Name').getAttribute('aria-invalid')).toBe('true');
    expect(field('Name')).toHaveAccessibleDescription(/System \/ Registered already exists/);
    expect(await customRoles()).toEqual([]);
  });

  it('shows each validation error next to its field', async () => {
    const user = renderForm();

    await user.type(field('Name'), 'Sales/North');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    await expect.poll(() => field('Application').getAttribute('aria-invalid')).toBe('true');
    expect(field('Application')).toHaveAccessibleDescription(/Enter the application name/);
    expect(field('Application')).toHaveFocus();
    expect(field('Name')).toHaveAccessibleDescription(/may not contain "\/"/);
    expect(field('Name')).toHaveValue('Sales/North');
    expect(await customRoles()).toEqual([]);
  });
});
