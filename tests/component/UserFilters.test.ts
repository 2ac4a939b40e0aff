// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Group, Roster } from '../../src/api';
import { route } from '../../src/state/route.svelte';
import UsersSection from '../../src/ui/features/users/UsersSection.svelte';
import { anAnonymousUser } from '../factories/inputs';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

/** The usernames of the rows drawn, top to bottom. */
function shownUsers(): string[] {
  return [...document.querySelectorAll('tr[data-user]')].map((row) => row.getAttribute('data-user') ?? '');
}

describe('UserFilters with UserTable', () => {
  let roster: Roster;
  let environment: Environment;
  let sales: Group;
  let visitor: string;

  beforeEach(async () => {
    // The list keeps its filters in the URL: each test starts from a plain one.
    route.replaceParams({});
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    const environmentId = environment.id;
    const [ana, bob] = await roster.users.createMany([
      {
        environmentId,
        username: 'ana',
        name: 'Ana Silva',
        email: 'ana@example.com',
        lastLogin: '2026-03-01T08:00:00Z',
      },
      { environmentId, username: 'bob', email: 'bob@gmail.com', lastLogin: '2026-03-20T08:00:00Z' },
      { environmentId, username: 'carl', email: 'carl@example.com', lastLogin: '2026-03-30T08:00:00Z' },
      {
        environmentId,
        username: 'dora',
        name: 'Dora Reis',
        email: 'dora@yahoo.com',
        lastLogin: '2026-01-10T08:00:00Z',
      },
      { environmentId, username: 'eve', email: 'eve@example.com', isActive: false, lastLogin: '2025-12-01T08:00:00Z' },
      anAnonymousUser(environmentId),
    ]);
    visitor = (await roster.users.list({ environmentId, class: 'anonymous' })).items[0]!.username;
    sales = await roster.groups.create({ environmentId, name: 'Sales' });
    await roster.groups.addUsers(sales.id, [ana!.id, bob!.id]);
  });

  afterEach(() => roster.close());

  async function renderSection() {
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });
    const user = userEvent.setup();
    // The list loads asynchronously: wait until every user is counted and drawn.
    await expect.poll(() => screen.getByTestId('users-total').textContent).toBe('6');
    await expect.poll(shownUsers).toHaveLength(6);
    return user;
  }

  it('names every control, so a screen reader can find and operate it', async () => {
    await renderSection();

    expect(screen.getByRole('searchbox', { name: 'Search users' })).toBeInTheDocument();
    const classes = screen.getByRole('group', { name: 'Class' });
    for (const label of ['All', 'Internal', 'External', 'Anonymous', 'Inactive']) {
      expect(within(classes).getByRole('button', { name: label })).toHaveAttribute(
        'aria-pressed',
        label === 'All' ? 'true' : 'false',
      );
    }
    for (const label of ['Status', 'Group', 'Sort by']) {
      expect(screen.getByRole('combobox', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: /ascending order/i })).toBeInTheDocument();
  });

  it('draws the first rows of the list in username order', async () => {
    await renderSection();
    expect(shownUsers()).toEqual(['ana', 'bob', 'carl', 'dora', 'eve', visitor]);
    expect(screen.getByRole('link', { name: 'ana' })).toHaveAttribute('href', expect.stringMatching(/^#\/users\//));
  });

  it('draws only the rows of the first screenful of a long list, while counting every user', async () => {
    await roster.users.createMany(
      Array.from({ length: 94 }, (_, i) => ({
        environmentId: environment.id,
        username: `zed${String(i).padStart(2, '0')}`,
      })),
    );
    renderWithRoster(UsersSection, { environment }, roster, { usage: await roster.usage() });

    await expect.poll(() => screen.getByTestId('users-total').textContent).toBe('100');
    const drawn = shownUsers();
    // A 480 px viewport holds about 15 rows of 33 px; a few more are drawn to scroll smoothly.
    expect(drawn.length).toBeGreaterThanOrEqual(15);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn.slice(0, 7)).toEqual(['ana', 'bob', 'carl', 'dora', 'eve', visitor, 'zed00']);
    expect(screen.getByRole('table', { name: 'Users' })).toHaveAttribute('aria-rowcount', '101');
  });

  it('follows changes made elsewhere (another tab, a script), each one, under the current filter', async () => {
    const user = await renderSection();
    await user.click(within(screen.getByRole('group', { name: 'Class' })).getByRole('button', { name: 'External' }));
    await expect.poll(shownUsers).toEqual(['bob', 'dora']);

    const fred = await roster.users.create({
      environmentId: environment.id,
      username: 'fred',
      email: 'fred@gmail.com',
    });
    await expect.poll(shownUsers).toEqual(['bob', 'dora', 'fred']);
    await roster.users.update(fred.id, { email: 'fred@example.com' });
    await expect.poll(shownUsers).toEqual(['bob', 'dora']);
    const bob = await roster.users.findByUsername(environment.id, 'bob');
    await roster.users.setActive(bob!.id, false);
    await expect.poll(shownUsers).toEqual(['dora']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('1');
  });

  it('shows only the external users when the External chip is pressed, and marks the chip pressed', async () => {
    const user = await renderSection();
    const classes = screen.getByRole('group', { name: 'Class' });

    await user.click(within(classes).getByRole('button', { name: 'External' }));

    await expect.poll(shownUsers).toEqual(['bob', 'dora']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('2');
    expect(within(classes).getByRole('button', { name: 'External' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(classes).getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('works from the keyboard: Tab reaches the chips in order, Space presses one', async () => {
    const user = await renderSection();

    screen.getByRole('searchbox', { name: 'Search users' }).focus();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Internal' })).toHaveFocus();
    await user.keyboard(' ');

    await expect.poll(shownUsers).toEqual(['ana', 'carl']);
    expect(screen.getByRole('button', { name: 'Internal' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows the anonymous user alone under the Anonymous chip', async () => {
    const user = await renderSection();
    await user.click(within(screen.getByRole('group', { name: 'Class' })).getByRole('button', { name: 'Anonymous' }));
    await expect.poll(shownUsers).toEqual([visitor]);
  });

  it('shows only the inactive user under Status: Inactive', async () => {
    const user = await renderSection();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Inactive');

    await expect.poll(shownUsers).toEqual(['eve']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('1');
  });

  it('shows only the members of the chosen group', async () => {
    const user = await renderSection();
    const group = screen.getByRole('combobox', { name: 'Group' });
    // The groups load live too: wait for Sales to be offered.
    await within(group).findByRole('option', { name: 'Sales' });

    await user.selectOptions(group, 'Sales');

    await expect.poll(shownUsers).toEqual(['ana', 'bob']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('2');
  });

  it('narrows the list as you type, on username, name or email', async () => {
    const user = await renderSection();
    const search = screen.getByRole('searchbox', { name: 'Search users' });

    await user.type(search, 'a');
    await expect.poll(shownUsers).toEqual(['ana', 'bob', 'carl', 'dora', 'eve']);
    await user.type(search, 'n');
    await expect.poll(shownUsers).toEqual(['ana']);

    await user.clear(search);
    await user.type(search, 'YAHOO');
    await expect.poll(shownUsers).toEqual(['dora']);
    await user.clear(search);
    await user.type(search, 'reis');
    await expect.poll(shownUsers).toEqual(['dora']);
  });

  it('puts the most recent login first when sorted by last login and reversed', async () => {
    const user = await renderSection();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Last login');
    await expect.poll(shownUsers).toEqual(['eve', 'dora', 'ana', 'bob', 'carl', visitor]);

    await user.click(screen.getByRole('button', { name: 'Ascending order; switch to descending' }));

    await expect.poll(() => shownUsers()[0]).toBe('carl');
    // Users who never logged in stay last whichever the order.
    expect(shownUsers()).toEqual(['carl', 'bob', 'ana', 'dora', 'eve', visitor]);
    expect(screen.getByRole('button', { name: 'Descending order; switch to ascending' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Last login' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('combines filters: every one of them narrows the list', async () => {
    const user = await renderSection();
    const classes = screen.getByRole('group', { name: 'Class' });
    await within(screen.getByRole('combobox', { name: 'Group' })).findByRole('option', { name: 'Sales' });

    await user.click(within(classes).getByRole('button', { name: 'Internal' }));
    await expect.poll(shownUsers).toEqual(['ana', 'carl']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Group' }), 'Sales');
    await expect.poll(shownUsers).toEqual(['ana']);

    await user.click(within(classes).getByRole('button', { name: 'All' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Active');
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'gmail');
    await expect.poll(shownUsers).toEqual(['bob']);
    expect(screen.getByTestId('users-total')).toHaveTextContent('1');
  });

  it('says that no user matches, and what to do, when the filters match nobody', async () => {
    const user = await renderSection();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Inactive');
    await user.click(within(screen.getByRole('group', { name: 'Class' })).getByRole('button', { name: 'External' }));

    expect(await screen.findByText(/No user matches/)).toHaveTextContent('Clear them to see every user.');
    expect(shownUsers()).toEqual([]);
    expect(screen.getByTestId('users-total')).toHaveTextContent('0');
  });
});
