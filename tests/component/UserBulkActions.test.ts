// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EndUser, Environment, Group, Roster } from '../../src/api';
import { toasts } from '../../src/state/toasts.svelte';
import { route } from '../../src/state/route.svelte';
import UsersSection from '../../src/ui/features/users/UsersSection.svelte';
import { anAnonymousUser } from '../factories/inputs';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

/** The usernames of the rows drawn, top to bottom. */
function shownUsers(): string[] {
  return [...document.querySelectorAll('tr[data-user]')].map((row) => row.getAttribute('data-user') ?? '');
}

/** The newest confirmation shown (the app draws the toasts; this section only posts them). */
const lastToast = () => toasts.items.at(-1)?.message;

describe('UserBulkActions in the Users section', () => {
  let roster: Roster;
  let environment: Environment;
  let users: Record<string, EndUser>;
  let sales: Group;
  let support: Group;

  beforeAll(() => {
    // jsdom has <dialog> (hidden unless it has the `open` attribute) but not showModal/close.
    // These two stand-ins do what Dialog.svelte relies on: showModal shows it, close hides
    // it and fires `close`, which is how the dialog tells its owner it was closed.
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    // The list keeps its filters in the URL: each test starts from a plain one.
    route.replaceParams({});
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    const environmentId = environment.id;
    const created = await roster.users.createMany([
      { environmentId, username: 'ana', email: 'ana@example.com', lastLogin: '2026-03-01T08:00:00Z' },
      { environmentId, username: 'bob', email: 'bob@gmail.com', lastLogin: '2026-03-20T08:00:00Z' },
      { environmentId, username: 'carl', email: 'carl@example.com', lastLogin: '2026-03-30T08:00:00Z' },
      { environmentId, username: 'dora', email: 'dora@yahoo.com', lastLogin: '2026-01-10T08:00:00Z' },
      { environmentId, username: 'eve', email: 'eve@example.com', isActive: false },
      anAnonymousUser(environmentId, { username: 'visitor' }),
    ]);
    users = Object.fromEntries(created.map((user) => [user.username, user]));
    sales = await roster.groups.create({ environmentId, name: 'Sales' });
    support = await roster.groups.create({ environmentId, name: 'Support' });
    await roster.groups.addUsers(sales.id, [users.ana!.id, users.bob!.id]);
  });

  afterEach(() => roster.close());

  async function renderSection() {
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });
    const user = userEvent.setup();
    await expect.poll(shownUsers).toHaveLength(6);
    return user;
  }

  async function select(user: ReturnType<typeof userEvent.setup>, ...usernames: string[]) {
    for (const username of usernames) await user.click(screen.getByRole('checkbox', { name: `Select ${username}` }));
  }

  async function activeOf(...usernames: string[]): Promise<boolean[]> {
    return Promise.all(usernames.map(async (username) => (await roster.users.get(users[username]!.id))!.isActive));
  }

  it('shows the selection bar with the count once rows are picked', async () => {
    const user = await renderSection();
    expect(screen.queryByRole('region', { name: 'Selected users' })).not.toBeInTheDocument();

    await select(user, 'bob', 'dora');

    const bar = screen.getByRole('region', { name: 'Selected users' });
    expect(bar).toHaveTextContent('2 users selected');
    expect(screen.getByRole('checkbox', { name: 'Select bob' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select ana' })).not.toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: 'Select dora' }));
    expect(bar).toHaveTextContent('1 user selected');
  });

  it('asks before deactivating, then deactivates exactly the selected users', async () => {
    const user = await renderSection();
    await select(user, 'bob', 'dora');

    await user.click(
      within(screen.getByRole('region', { name: 'Selected users' })).getByRole('button', { name: 'Deactivate…' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate 2 users?' });
    expect(dialog).toHaveAccessibleDescription(/stop counting against the licence/);
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate 2 users' }));

    await expect.poll(() => activeOf('bob', 'dora')).toEqual([false, false]);
    expect(await activeOf('ana', 'carl', 'visitor')).toEqual([true, true, true]);
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Selected users' })).not.toBeInTheDocument();
    expect(lastToast()).toBe('2 deactivated.');
  });

  it(
    'keeps the dialog open when a selected user was deleted elsewhere, changes nothing, ' +
      'and acts on the rest on a second try',
    async () => {
      const user = await renderSection();
      await select(user, 'bob', 'dora');
      // Another tab deletes one of the selected users before the action is confirmed.
      await roster.users.delete(users.dora!.id);
      await expect.poll(shownUsers).not.toContain('dora');

      await user.click(screen.getByRole('button', { name: 'Deactivate…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Deactivate 2 users?' });
      await user.click(within(dialog).getByRole('button', { name: 'Deactivate 2 users' }));

      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        '1 selected user no longer exists (deleted elsewhere) and left the selection. Nothing was changed; try again.',
      );
      expect(dialog).toBeVisible();
      expect(await activeOf('bob')).toEqual([true]);

      // The rest of the selection can be acted on at once.
      expect(screen.getByRole('region', { name: 'Selected users' })).toHaveTextContent('1 user selected');
      await user.click(within(dialog).getByRole('button', { name: 'Deactivate 1 user' }));
      await expect.poll(() => activeOf('bob')).toEqual([false]);
    },
  );

  it('reactivates the selected users with an Undo that deactivates exactly those it reactivated', async () => {
    const user = await renderSection();
    await select(user, 'ana', 'eve');

    await user.click(
      within(screen.getByRole('region', { name: 'Selected users' })).getByRole('button', { name: 'Reactivate' }),
    );

    await expect.poll(() => activeOf('ana', 'eve')).toEqual([true, true]);
    await expect.poll(lastToast).toBe('1 reactivated.');
    const undo = toasts.items.at(-1)!.action!;
    expect(undo.label).toBe('Undo');
    await undo.run();
    // ana was active before: the Undo leaves her so.
    expect(await activeOf('ana', 'eve')).toEqual([true, false]);
  });

  it('changes nothing when the deactivation is cancelled', async () => {
    const user = await renderSection();
    await select(user, 'bob', 'dora');

    await user.click(screen.getByRole('button', { name: 'Deactivate…' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Deactivate 2 users?' })).getByRole('button', {
        name: 'Cancel',
      }),
    );

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await activeOf('bob', 'dora')).toEqual([true, true]);
    // The selection stays, to act on it another way.
    expect(screen.getByRole('region', { name: 'Selected users' })).toHaveTextContent('2 users selected');
  });

  it('selects every match of the current filter with "Select all"', async () => {
    const user = await renderSection();
    expect(screen.getByRole('checkbox', { name: 'Select all 6' })).not.toBeChecked();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Active');
    await expect.poll(shownUsers).toEqual(['ana', 'bob', 'carl', 'dora', 'visitor']);
    await user.click(screen.getByRole('checkbox', { name: 'Select all 5 matching' }));

    const bar = await screen.findByRole('region', { name: 'Selected users' });
    expect(bar).toHaveTextContent('5 users selected');
    expect(screen.getByRole('checkbox', { name: 'Select ana' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select all 5 matching' })).toBeChecked();

    await user.click(within(bar).getByRole('button', { name: 'Deactivate…' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Deactivate 5 users?' })).getByRole('button', {
        name: 'Deactivate 5 users',
      }),
    );
    await expect
      .poll(() => activeOf('ana', 'bob', 'carl', 'dora', 'visitor'))
      .toEqual([false, false, false, false, false]);
  });

  it('drops the selection when the filter changes, so no hidden user is acted on', async () => {
    const user = await renderSection();
    await select(user, 'bob', 'eve');

    await user.click(within(screen.getByRole('group', { name: 'Class' })).getByRole('button', { name: 'External' }));

    await expect.poll(shownUsers).toEqual(['bob', 'dora']);
    expect(screen.queryByRole('region', { name: 'Selected users' })).not.toBeInTheDocument();
  });

  it('says how many will be deleted, then deletes them', async () => {
    const user = await renderSection();
    await select(user, 'ana', 'carl');

    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 users?' });
    expect(dialog).toHaveAccessibleDescription(/cannot be undone/);
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 users' }));

    await expect.poll(() => roster.users.get(users.ana!.id)).toBeUndefined();
    expect(await roster.users.get(users.carl!.id)).toBeUndefined();
    expect((await roster.users.list({ environmentId: environment.id })).total).toBe(4);
    await expect.poll(shownUsers).toEqual(['bob', 'dora', 'eve', 'visitor']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('4');
    expect(lastToast()).toBe('2 deleted.');
  });

  it('adds the selected users to the chosen group', async () => {
    const user = await renderSection();
    await select(user, 'carl', 'dora');

    const bar = screen.getByRole('region', { name: 'Selected users' });
    // The groups load live: the button is enabled once they are there.
    await expect.poll(() => within(bar).getByRole('button', { name: 'Add to group…' })).toBeEnabled();
    await user.click(within(bar).getByRole('button', { name: 'Add to group…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add 2 users to a group' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Group' }),
      within(dialog).getByRole('option', { name: /^Support/ }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add to group' }));

    await expect
      .poll(async () => (await roster.groups.members(support.id)).map((member) => member.username))
      .toEqual(['carl', 'dora']);
    expect((await roster.groups.members(sales.id)).map((member) => member.username)).toEqual(['ana', 'bob']);
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
    expect(lastToast()).toBe('2 users added to Support.');

    // The member counts offered follow the change, and a second addition works the same way.
    await select(user, 'ana');
    await user.click(screen.getByRole('button', { name: 'Add to group…' }));
    const again = await screen.findByRole('dialog', { name: 'Add 1 user to a group' });
    expect(within(again).getByRole('option', { name: 'Support (2 members)' })).toBeInTheDocument();
    await user.selectOptions(within(again).getByRole('combobox', { name: 'Group' }), 'Support (2 members)');
    await user.click(within(again).getByRole('button', { name: 'Add to group' }));
    await expect
      .poll(async () => (await roster.groups.members(support.id)).map((member) => member.username))
      .toEqual(['ana', 'carl', 'dora']);
  });
});
