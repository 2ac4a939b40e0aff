// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Roster } from '../../src/api';
import UserCreateForm from '../../src/ui/features/users/UserCreateForm.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('UserCreateForm', () => {
  let roster: Roster;
  let environment: Environment;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
  });

  afterEach(() => roster.close());

  function renderForm(onCreated?: (user: { username: string }) => void) {
    renderWithRoster(UserCreateForm, { environmentId: environment.id, onCreated }, roster);
    return userEvent.setup();
  }

  it('labels every field, so a screen reader can name it', () => {
    renderForm();
    for (const label of ['Username', 'Name', 'Email', 'Mobile phone']) {
      expect(screen.getByRole('textbox', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('checkbox', { name: 'Active' })).toBeChecked();
  });

  it('creates the user through the API, clears the form and says so', async () => {
    const created: string[] = [];
    const user = renderForm((u) => created.push(u.username));

    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'ana');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ana@example.com');
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Added ana.');
    expect(created).toEqual(['ana']);
    expect(await roster.users.findByUsername(environment.id, 'ANA')).toMatchObject({
      email: 'ana@example.com',
      isActive: true,
    });
    expect(screen.getByRole('textbox', { name: 'Username' })).toHaveValue('');
  });

  it('shows each field error from RosterError inline, keeps what was typed and writes nothing', async () => {
    const user = renderForm();

    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'bob');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'bob@@gmail');
    await user.type(screen.getByRole('textbox', { name: 'Mobile phone' }), '12');
    await user.keyboard('{Enter}');

    const email = screen.getByRole('textbox', { name: 'Email' });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(email).toHaveAccessibleDescription(/valid email address/);
    expect(screen.getByRole('textbox', { name: 'Mobile phone' })).toHaveAccessibleDescription(/6 to 20 digits/);
    expect(email).toHaveValue('bob@@gmail');
    expect(email).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Username' })).toHaveValue('bob');
    expect((await roster.users.list({ environmentId: environment.id })).total).toBe(0);
  });

  it('names a username already taken, in any case', async () => {
    await roster.users.create({ environmentId: environment.id, username: 'Carla' });
    const user = renderForm();

    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'carla');
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    const username = screen.getByRole('textbox', { name: 'Username' });
    await expect.poll(() => username.getAttribute('aria-invalid')).toBe('true');
    expect(username).toHaveAccessibleDescription(/already taken/);
  });
});
