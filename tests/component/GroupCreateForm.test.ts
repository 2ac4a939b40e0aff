// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Group, Roster } from '../../src/api';
import GroupCreateForm from '../../src/ui/features/groups/GroupCreateForm.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('GroupCreateForm', () => {
  let roster: Roster;
  let environment: Environment;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
  });

  afterEach(() => roster.close());

  function renderForm(onCreated?: (group: Group) => void) {
    renderWithRoster(GroupCreateForm, { environmentId: environment.id, onCreated }, roster);
    return userEvent.setup();
  }

  it('labels every field and the form, so a screen reader can name them', () => {
    renderForm();
    expect(screen.getByRole('form', { name: 'Create a group' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeRequired();
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveAccessibleDescription(/Optional/);
    expect(screen.getByRole('button', { name: 'Create group' })).toBeEnabled();
  });

  it('creates the group through the API, clears the form and says so', async () => {
    const created: string[] = [];
    const user = renderForm((group) => created.push(group.name));

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Sales');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'EU sales team');
    await user.click(screen.getByRole('button', { name: 'Create group' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Created Sales.');
    expect(created).toEqual(['Sales']);
    expect(await roster.groups.list(environment.id)).toMatchObject([
      { name: 'Sales', description: 'EU sales team', memberCount: 0 },
    ]);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
  });

  it('shows a name already taken, in any case, next to the name; keeps what was typed and writes nothing', async () => {
    await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    const created: string[] = [];
    const user = renderForm((group) => created.push(group.name));

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'SALES');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'A second one');
    await user.keyboard('{Enter}');

    const name = screen.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(name).toHaveAccessibleDescription(/A group named "Sales" already exists/);
    expect(name).toHaveFocus();
    expect(name).toHaveValue('SALES');
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveValue('A second one');
    expect(screen.getByRole('textbox', { name: 'Description' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(created).toEqual([]);
    expect((await roster.groups.list(environment.id)).map((group) => group.name)).toEqual(['Sales']);
  });

  it('refuses an empty name inline, and creates the group once it is fixed', async () => {
    const user = renderForm();

    await user.click(screen.getByRole('button', { name: 'Create group' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await roster.groups.list(environment.id)).toEqual([]);

    await user.type(name, 'Support');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    await expect.poll(() => screen.getByRole('status').textContent).toBe('Created Support.');
    expect(name).not.toHaveAttribute('aria-invalid');
  });
});
