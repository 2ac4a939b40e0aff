// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RosterError, type EndUser, type Environment, type Roster } from '../../src/api';
import UserEditForm from '../../src/ui/features/users/UserEditForm.svelte';
import { renderWithRoster } from '../factories/render';
import { TestClock, openTestRoster } from '../factories/roster';

describe('UserEditForm', () => {
  let roster: Roster;
  let clock: TestClock;
  let environment: Environment;
  let ana: EndUser;

  beforeEach(async () => {
    clock = new TestClock();
    roster = await openTestRoster(clock);
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    ana = await roster.users.create({
      environmentId: environment.id,
      username: 'ana',
      name: 'Ana Silva',
      email: 'ana@example.com',
      mobilePhone: '+351 21 000 0000',
      externalId: 'okta-17',
    });
  });

  afterEach(() => roster.close());

  function renderForm(user: EndUser = ana) {
    renderWithRoster(UserEditForm, { user }, roster);
    return userEvent.setup();
  }

  const field = (name: string) => screen.getByRole('textbox', { name });

  /** The message the API gives for `patch`, so the test compares with the API's own words. */
  async function apiMessage(patch: Parameters<Roster['users']['update']>[1]): Promise<string> {
    const error: unknown = await roster.users.update(ana.id, patch).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!(error instanceof RosterError)) throw new Error('expected the API to refuse the patch');
    return error.issues[0]!.message;
  }

  it('labels every field and fills it from the stored user', () => {
    renderForm();

    expect(screen.getByRole('form', { name: 'Details' })).toBeInTheDocument();
    expect(field('Username')).toHaveValue('ana');
    expect(field('Username')).toBeRequired();
    expect(field('Name')).toHaveValue('Ana Silva');
    expect(field('Email')).toHaveValue('ana@example.com');
    expect(field('Mobile phone')).toHaveValue('+351 21 000 0000');
    expect(field('External id')).toHaveValue('okta-17');
    expect(field('External id')).toHaveAccessibleDescription(/identity provider/);
    for (const name of ['Username', 'Name', 'Email', 'Mobile phone', 'External id']) {
      expect(field(name)).not.toHaveAttribute('aria-invalid');
    }
  });

  it('leaves empty the fields the user does not have', async () => {
    const bare = await roster.users.create({ environmentId: environment.id, username: 'kiosk' });
    renderForm(bare);

    expect(field('Username')).toHaveValue('kiosk');
    for (const name of ['Name', 'Email', 'Mobile phone', 'External id']) expect(field(name)).toHaveValue('');
  });

  it('saves a change through the API and says so', async () => {
    const user = renderForm();

    await user.clear(field('Name'));
    await user.type(field('Name'), 'Ana Lima');
    await user.clear(field('Mobile phone'));
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
    expect(await roster.users.get(ana.id)).toMatchObject({
      username: 'ana',
      name: 'Ana Lima',
      email: 'ana@example.com',
      externalId: 'okta-17',
    });
    expect((await roster.users.get(ana.id))?.mobilePhone).toBeUndefined();
    expect(field('Name')).toHaveValue('Ana Lima');
  });

  it("shows an invalid email's message inline next to Email, keeps the typed text and writes nothing", async () => {
    const user = renderForm();

    await user.clear(field('Name'));
    await user.type(field('Name'), 'Ana Lima');
    await user.clear(field('Email'));
    await user.type(field('Email'), 'ana@@example');
    await user.keyboard('{Enter}');

    const email = field('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const message = await apiMessage({ email: 'ana@@example' });
    expect(email).toHaveAccessibleDescription(message);
    const describedBy = document.getElementById(email.getAttribute('aria-describedby') ?? '');
    expect(describedBy).toHaveTextContent(message);
    expect(email).toHaveValue('ana@@example');
    expect(email).toHaveFocus();
    expect(field('Name')).toHaveValue('Ana Lima');
    expect(field('Name')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('status')).toHaveTextContent('');

    const stored = await roster.users.get(ana.id);
    expect(stored).toMatchObject({ name: 'Ana Silva', email: 'ana@example.com', updatedAt: ana.updatedAt });
  });

  it('refuses an empty username with the API message inline, and writes nothing', async () => {
    const user = renderForm();

    await user.clear(field('Username'));
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    const username = field('Username');
    await expect.poll(() => username.getAttribute('aria-invalid')).toBe('true');
    expect(username).toHaveAccessibleDescription(await apiMessage({ username: '' }));
    expect(username).toHaveFocus();
    expect((await roster.users.get(ana.id))?.username).toBe('ana');
  });

  it('shows a username taken by another user as a conflict inline, and saves once it is changed', async () => {
    await roster.users.create({ environmentId: environment.id, username: 'Bob' });
    const user = renderForm();

    await user.clear(field('Username'));
    await user.type(field('Username'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    const username = field('Username');
    await expect.poll(() => username.getAttribute('aria-invalid')).toBe('true');
    expect(username).toHaveAccessibleDescription(await apiMessage({ username: 'bob' }));
    expect(username).toHaveAccessibleDescription(/already taken/);
    expect(username).toHaveValue('bob');
    expect((await roster.users.get(ana.id))?.username).toBe('ana');

    await user.clear(username);
    await user.type(username, 'ana.silva');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
    expect(username).not.toHaveAttribute('aria-invalid');
    expect((await roster.users.get(ana.id))?.username).toBe('ana.silva');
  });

  describe('when the user changed since the form opened', () => {
    /** Another tab renames Ana a minute later; then this form changes her email and saves. */
    async function saveOverAnotherTab() {
      const user = renderForm();
      clock.advanceMinutes(1);
      await roster.users.update(ana.id, { name: 'Ana Lee' });
      clock.advanceMinutes(1);
      await user.clear(field('Email'));
      await user.type(field('Email'), 'ana.silva@example.com');
      await user.click(screen.getByRole('button', { name: 'Save details' }));
      return user;
    }

    it('says so, names what changed, keeps what was typed and writes nothing', async () => {
      await saveOverAnotherTab();

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Changed in another tab since you opened it.');
      expect(alert).toHaveTextContent('Name: Changed since you read it; now "Ana Lee".');
      expect(field('Email')).toHaveValue('ana.silva@example.com');
      expect(field('Name')).toHaveValue('Ana Silva');
      expect(screen.getByRole('status')).toHaveTextContent('');
      expect(await roster.users.get(ana.id)).toMatchObject({ name: 'Ana Lee', email: 'ana@example.com' });
    });

    it('loads the newer version on request, and then saves on it', async () => {
      const user = await saveOverAnotherTab();

      await user.click(await screen.findByRole('button', { name: 'Load the newer version' }));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(field('Name')).toHaveValue('Ana Lee');
      expect(field('Email')).toHaveValue('ana@example.com');

      await user.type(field('Mobile phone'), '1');
      await user.click(screen.getByRole('button', { name: 'Save details' }));
      await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
      expect(await roster.users.get(ana.id)).toMatchObject({ name: 'Ana Lee', mobilePhone: '+351 21 000 00001' });
    });

    it('overwrites the newer version with what was typed on request', async () => {
      const user = await saveOverAnotherTab();

      await user.click(await screen.findByRole('button', { name: 'Overwrite with mine' }));
      await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(await roster.users.get(ana.id)).toMatchObject({ name: 'Ana Silva', email: 'ana.silva@example.com' });
    });

    it('saves without asking when only a field the form does not show changed (a deactivation)', async () => {
      const user = renderForm();
      clock.advanceMinutes(1);
      await roster.users.setActive(ana.id, false);
      await user.clear(field('Name'));
      await user.type(field('Name'), 'Ana Lima');
      await user.click(screen.getByRole('button', { name: 'Save details' }));

      await expect.poll(() => screen.getByRole('status').textContent).toBe('Saved.');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(await roster.users.get(ana.id)).toMatchObject({ name: 'Ana Lima', isActive: false });
    });
  });
});
