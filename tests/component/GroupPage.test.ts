// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Group, Roster } from '../../src/api';
import GroupPage from '../../src/ui/features/groups/GroupPage.svelte';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('GroupPage', () => {
  let roster: Roster;
  let environment: Environment;
  let group: Group;

  beforeEach(async () => {
    roster = await openTestRoster();
    environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    group = await roster.groups.create({ environmentId: environment.id, name: 'Sales', description: 'EU sales team' });
  });

  afterEach(() => roster.close());

  function renderPage(groupId = group.id) {
    renderWithRoster(GroupPage, { environment, groupId }, roster);
    return userEvent.setup();
  }

  it('says when the group does not exist, with a way back', async () => {
    renderPage('no-such-group');
    await screen.findByRole('heading', { level: 1, name: 'Group not found' });
    expect(screen.getByRole('link', { name: /Back to the groups/ })).toHaveAttribute('href', '#/groups');
  });

  it('draws at most 200 members, says so, and narrows them with the filter', async () => {
    const users = await roster.users.createMany(
      Array.from({ length: 250 }, (_, i) => ({
        environmentId: environment.id,
        username: `user${String(i).padStart(3, '0')}`,
        email: i === 7 ? 'seven@example.com' : undefined,
      })),
    );
    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );
    const user = renderPage();

    await expect.poll(() => screen.queryByTestId('group-member-count')?.textContent).toBe('250');
    await screen.findByText(/Showing 200 of 250; search to narrow, or/);
    expect(screen.getByRole('link', { name: 'open all 250 in the users list' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^#\/users\?environment=.+&group=.+$/),
    );
    expect(document.querySelectorAll('tr[data-member]')).toHaveLength(200);
    expect(screen.getByRole('link', { name: 'user000' })).toHaveAttribute('href', `#/users/${users[0]!.id}`);

    await user.type(screen.getByRole('searchbox', { name: 'Filter members' }), 'SEVEN@');
    await expect.poll(() => document.querySelectorAll('tr[data-member]').length).toBe(1);
    expect(screen.getByRole('link', { name: 'user007' })).toBeInTheDocument();
    expect(screen.queryByText(/Showing 200/)).not.toBeInTheDocument();
  });

  it('finds users as you type, marks members, and adds the others', async () => {
    const [ana] = await roster.users.createMany([
      { environmentId: environment.id, username: 'ana', name: 'Ana Lima' },
      { environmentId: environment.id, username: 'anabel' },
    ]);
    await roster.groups.addUsers(group.id, [ana!.id]);
    const user = renderPage();

    await user.type(await screen.findByRole('searchbox', { name: 'Add members' }), 'ana');
    const results = await screen.findByRole('table', { name: 'Users matching ana' });
    await expect.poll(() => within(results).queryByText('Member')).toBeInTheDocument();
    expect(within(results).queryByRole('button', { name: 'Add ana' })).not.toBeInTheDocument();

    await user.click(within(results).getByRole('button', { name: 'Add anabel' }));
    await expect
      .poll(async () => (await roster.groups.members(group.id)).map((member) => member.username))
      .toEqual(['ana', 'anabel']);
    await expect.poll(() => screen.queryByTestId('group-member-count')?.textContent).toBe('2');
    await expect.poll(() => within(results).queryAllByText('Member')).toHaveLength(2);
  });

  it('follows membership changes made elsewhere (another tab, a script), each one', async () => {
    const [ana, bob] = await roster.users.createMany([
      { environmentId: environment.id, username: 'ana' },
      { environmentId: environment.id, username: 'bob' },
    ]);
    renderPage();
    const count = () => screen.queryByTestId('group-member-count')?.textContent;
    await expect.poll(count).toBe('0');
    await screen.findByText(/No members yet/);

    await roster.groups.addUsers(group.id, [ana!.id]);
    await expect.poll(count).toBe('1');
    await roster.groups.addUsers(group.id, [bob!.id]);
    await expect.poll(count).toBe('2');
    await roster.groups.removeUsers(group.id, [ana!.id]);
    await expect.poll(count).toBe('1');
    expect(screen.queryByRole('link', { name: 'ana' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'bob' })).toBeInTheDocument();
  });

  it('offers only the custom roles not yet granted, and grants one', async () => {
    const editor = await roster.roles.create({ environmentId: environment.id, application: 'CRM', name: 'Editor' });
    const viewer = await roster.roles.create({ environmentId: environment.id, application: 'CRM', name: 'Viewer' });
    await roster.roles.grantToGroup(viewer.id, group.id);
    const user = renderPage();

    const select = await screen.findByRole('combobox', { name: 'Role to grant' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['CRM / Editor']);
    await user.click(screen.getByRole('button', { name: 'Grant' }));
    await expect
      .poll(async () => (await roster.roles.ofGroup(group.id)).map((role) => role.id).sort())
      .toEqual([editor.id, viewer.id].sort());
    await screen.findByText('Every role of this environment is granted to the group.');
  });
});
