import { describe, expect } from 'vitest';
import type { Roster, UserListQuery } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aUser, anEnvironment } from '../factories/inputs';
import { it, type TestClock } from '../factories/roster';

/**
 * One environment that lists example.com as its own, with a user of every class, created a
 * minute apart (in this order) so that createdAt sorts them.
 */
async function seedDirectory(roster: Roster, clock: TestClock) {
  const environment = await roster.environments.create({ name: 'Production', kind: 'production' });
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  const inputs = [
    {
      username: 'carla',
      name: 'Carla Costa',
      email: 'carla@EXAMPLE.com',
      isActive: false,
      lastLogin: '2026-02-01T00:00:00Z',
    },
    { username: 'alice', name: 'Alice Andrade', email: 'alice@example.com', lastLogin: '2026-03-01T00:00:00Z' },
    { username: 'Bob', name: 'bob brown', email: 'bob@gmail.com', lastLogin: '2026-01-15T00:00:00Z' },
    { username: 'dave' },
    { username: 'eve@partner.org' },
    { username: 'frank', name: 'Frank Fonseca', mobilePhone: '+351 912 345 678' },
  ];
  const users = [];
  for (const input of inputs) {
    users.push(await roster.users.create({ environmentId: environment.id, ...input }));
    clock.advanceMinutes(1);
  }
  const other = await roster.environments.create({ name: 'Elsewhere', kind: 'production' });
  await roster.users.create(aUser(other.id, { username: 'alice-elsewhere', name: 'Alice Elsewhere' }));
  return { environment, users };
}

async function usernames(roster: Roster, query: UserListQuery): Promise<string[]> {
  return (await roster.users.list(query)).items.map((user) => user.username);
}

describe('users.list', () => {
  it('lists the users of one environment by username, with the total', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    const page = await roster.users.list({ environmentId: environment.id });

    expect(page.total).toBe(6);
    expect(page.items.map((user) => user.username)).toEqual([
      'alice',
      'Bob',
      'carla',
      'dave',
      'eve@partner.org',
      'frank',
    ]);
  });

  it('returns the same users as get', async ({ roster, clock }) => {
    const { environment, users } = await seedDirectory(roster, clock);

    const page = await roster.users.list({ environmentId: environment.id });

    for (const user of users) expect(page.items.find((item) => item.id === user.id)).toMatchObject(user);
  });

  it('gives each item its class under the current rules, as classify does', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    const page = await roster.users.list({ environmentId: environment.id });

    expect(page.items.map((user) => [user.username, user.class])).toEqual([
      ['alice', 'internal'],
      ['Bob', 'external'],
      ['carla', 'inactive'],
      ['dave', 'anonymous'],
      ['eve@partner.org', 'external'],
      ['frank', 'internal'],
    ]);
    for (const user of page.items) expect((await roster.users.classify(user.id)).class).toBe(user.class);
  });

  it('lists nothing for an environment without users', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'Empty', kind: 'non-production' });

    expect(await roster.users.list({ environmentId: environment.id })).toEqual({ total: 0, items: [] });
  });

  it.for([
    { search: 'ALI', found: ['alice'], by: 'username, ignoring case' },
    { search: 'BROWN', found: ['Bob'], by: 'name, ignoring case' },
    { search: 'Gmail', found: ['Bob'], by: 'email, ignoring case' },
    { search: 'example.com', found: ['alice', 'carla'], by: 'email, whatever the case stored' },
    { search: 'partner', found: ['eve@partner.org'], by: 'username that is an email' },
    { search: ' fonseca ', found: ['frank'], by: 'name, with the search trimmed' },
    { search: 'a', found: ['alice', 'Bob', 'carla', 'dave', 'eve@partner.org', 'frank'], by: 'any field' },
    {
      search: '',
      found: ['alice', 'Bob', 'carla', 'dave', 'eve@partner.org', 'frank'],
      by: 'nothing (an empty search)',
    },
    { search: 'zzz', found: [], by: 'nothing that matches' },
  ])('searches "$search" by $by', async ({ search, found }, { roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    const page = await roster.users.list({ environmentId: environment.id, search });

    expect(page.items.map((user) => user.username)).toEqual(found);
    expect(page.total).toBe(found.length);
  });

  it.for([
    { class: 'internal', found: ['alice', 'frank'] },
    { class: 'external', found: ['Bob', 'eve@partner.org'] },
    { class: 'named', found: ['alice', 'Bob', 'eve@partner.org', 'frank'] },
    { class: 'anonymous', found: ['dave'] },
    { class: 'inactive', found: ['carla'] },
  ] as const)('filters by class $class', async ({ class: userClass, found }, { roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    expect(await usernames(roster, { environmentId: environment.id, class: userClass })).toEqual(found);
  });

  it('filters by class under the current rules', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    await roster.environments.setRules(environment.id, { mode: 'all-internal', domains: [] });

    expect(await usernames(roster, { environmentId: environment.id, class: 'internal' })).toEqual([
      'alice',
      'Bob',
      'eve@partner.org',
      'frank',
    ]);
  });

  it.for([
    { isActive: true, found: ['alice', 'Bob', 'dave', 'eve@partner.org', 'frank'] },
    { isActive: false, found: ['carla'] },
  ])('filters by isActive $isActive', async ({ isActive, found }, { roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    expect(await usernames(roster, { environmentId: environment.id, isActive })).toEqual(found);
  });

  it('filters by group', async ({ roster, clock }) => {
    const { environment, users } = await seedDirectory(roster, clock);
    const [carla, alice, , dave] = users;
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Team' });
    await roster.groups.addUsers(group.id, [dave!.id, carla!.id, alice!.id]);

    expect(await roster.users.list({ environmentId: environment.id, groupId: group.id })).toMatchObject({ total: 3 });
    expect(await usernames(roster, { environmentId: environment.id, groupId: group.id })).toEqual([
      'alice',
      'carla',
      'dave',
    ]);
  });

  it('combines every filter given', async ({ roster, clock }) => {
    const { environment, users } = await seedDirectory(roster, clock);
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Team' });
    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );

    const page = await roster.users.list({
      environmentId: environment.id,
      groupId: group.id,
      isActive: true,
      class: 'internal',
      search: 'f',
    });

    expect(page).toMatchObject({ total: 1, items: [{ username: 'frank' }] });
  });

  it.for([
    { sort: 'username', order: 'desc', found: ['frank', 'eve@partner.org', 'dave', 'carla', 'Bob', 'alice'] },
    { sort: 'name', order: 'asc', found: ['alice', 'Bob', 'carla', 'frank', 'dave', 'eve@partner.org'] },
    { sort: 'name', order: 'desc', found: ['frank', 'carla', 'Bob', 'alice', 'dave', 'eve@partner.org'] },
    { sort: 'email', order: 'asc', found: ['alice', 'Bob', 'carla', 'dave', 'eve@partner.org', 'frank'] },
    { sort: 'lastLogin', order: 'desc', found: ['alice', 'carla', 'Bob', 'dave', 'eve@partner.org', 'frank'] },
    { sort: 'lastLogin', order: 'asc', found: ['Bob', 'carla', 'alice', 'dave', 'eve@partner.org', 'frank'] },
    { sort: 'createdAt', order: 'asc', found: ['carla', 'alice', 'Bob', 'dave', 'eve@partner.org', 'frank'] },
    { sort: 'createdAt', order: 'desc', found: ['frank', 'eve@partner.org', 'dave', 'Bob', 'alice', 'carla'] },
  ] as const)(
    'sorts by $sort $order, users without a value last',
    async ({ sort, order, found }, { roster, clock }) => {
      const { environment } = await seedDirectory(roster, clock);

      expect(await usernames(roster, { environmentId: environment.id, sort, order })).toEqual(found);
    },
  );

  it.for([
    { offset: 0, limit: 2, found: ['alice', 'Bob'] },
    { offset: 2, limit: 2, found: ['carla', 'dave'] },
    { offset: 4, limit: 2, found: ['eve@partner.org', 'frank'] },
    { offset: 5, limit: 10, found: ['frank'] },
    { offset: 6, limit: 2, found: [] },
    { offset: 0, limit: 0, found: [] },
  ])(
    'pages with offset $offset and limit $limit, the total counting every match',
    async ({ offset, limit, found }, { roster, clock }) => {
      const { environment } = await seedDirectory(roster, clock);

      const page = await roster.users.list({ environmentId: environment.id, offset, limit });

      expect(page.items.map((user) => user.username)).toEqual(found);
      expect(page.total).toBe(6);
    },
  );

  it('pages after filtering and sorting', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    const page = await roster.users.list({
      environmentId: environment.id,
      isActive: true,
      sort: 'createdAt',
      order: 'desc',
      offset: 1,
      limit: 2,
    });

    expect(page).toMatchObject({ total: 5, items: [{ username: 'eve@partner.org' }, { username: 'dave' }] });
  });

  it('returns 50 users per page unless told otherwise', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'Big', kind: 'production' });
    await roster.users.createMany(
      Array.from({ length: 60 }, (_, i) => aUser(environment.id, { username: `u${String(i).padStart(2, '0')}` })),
    );

    const page = await roster.users.list({ environmentId: environment.id });

    expect(page.total).toBe(60);
    expect(page.items).toHaveLength(50);
    expect(page.items.at(-1)?.username).toBe('u49');
  });

  it.for<{ case: string; query: Record<string, unknown>; paths: string[] }>([
    { case: 'a negative offset', query: { offset: -1 }, paths: ['offset'] },
    { case: 'a page of more than 10,000', query: { limit: 10_001 }, paths: ['limit'] },
    { case: 'an unknown sort', query: { sort: 'age' }, paths: ['sort'] },
    { case: 'an unknown order', query: { order: 'up' }, paths: ['order'] },
    { case: 'an unknown class', query: { class: 'vip' }, paths: ['class'] },
    { case: 'isActive as text', query: { isActive: 'yes' }, paths: ['isActive'] },
    { case: 'an unknown filter', query: { role: 'admin' }, paths: ['role'] },
  ])('refuses $case, naming the field', async ({ query, paths }, { roster }) => {
    const environment = await roster.environments.create({ name: 'Production', kind: 'production' });

    expect(await failureOf(roster.users.list({ environmentId: environment.id, ...query } as UserListQuery))).toEqual({
      code: 'validation',
      paths,
    });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.list({ environmentId: 'no-such-environment' }))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });

  it('matches nobody for a group that does not exist, as documented', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);

    expect(await roster.users.list({ environmentId: environment.id, groupId: 'no-such-group' })).toEqual({
      total: 0,
      items: [],
    });
  });

  it('matches nobody for a group of another environment, even one with members', async ({ roster, clock }) => {
    const { environment } = await seedDirectory(roster, clock);
    const other = await roster.environments.create({ name: 'Other', kind: 'production' });
    const stranger = await roster.users.create(aUser(other.id, { username: 'alice' }));
    const foreignGroup = await roster.groups.create({ environmentId: other.id, name: 'Team' });
    await roster.groups.addUsers(foreignGroup.id, [stranger.id]);

    expect(await roster.users.list({ environmentId: environment.id, groupId: foreignGroup.id })).toEqual({
      total: 0,
      items: [],
    });
  });
});

describe('users.list sorting of usernames', () => {
  it('sorts numbers in usernames by value and ignores case and accents', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'Production', kind: 'production' });
    await roster.users.createMany(
      ['user10', 'user9', 'Zoe', 'émile', 'adam'].map((username) => aUser(environment.id, { username })),
    );

    const { items } = await roster.users.list({ environmentId: environment.id });

    expect(items.map((user) => user.username)).toEqual(['adam', 'émile', 'user9', 'user10', 'Zoe']);
  });
});

describe('users.list by role', () => {
  it('lists the users granted a role directly or through a group, and its holders now with isActive', async ({
    roster,
  }) => {
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany(
      ['ana', 'bob', 'carla', 'dave', 'eve'].map((username) => aUser(environment.id, { username })),
    );
    const [ana, bob, carla, dave] = users;
    const role = await roster.roles.create({ environmentId: environment.id, application: 'CRM', name: 'Editor' });
    const sales = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    await roster.groups.addUsers(sales.id, [bob!.id, carla!.id]);
    await roster.roles.grantToGroup(role.id, sales.id);
    await roster.roles.grantToUser(role.id, ana!.id);
    await roster.roles.grantToUser(role.id, dave!.id);
    await roster.users.setActive(dave!.id, false);

    expect(await usernames(roster, { environmentId: environment.id, roleId: role.id })).toEqual([
      'ana',
      'bob',
      'carla',
      'dave',
    ]);
    const now = await usernames(roster, { environmentId: environment.id, roleId: role.id, isActive: true });
    expect(now).toEqual(['ana', 'bob', 'carla']);
    expect(now).toEqual((await roster.roles.holders(role.id)).map((holder) => holder.user.username));
    expect(await usernames(roster, { environmentId: environment.id, roleId: role.id, groupId: sales.id })).toEqual([
      'bob',
      'carla',
    ]);
    expect(await usernames(roster, { environmentId: environment.id, roleId: 'no-such-role' })).toEqual([]);
  });
});

describe('users.list search ignores accents', () => {
  it('finds accented names and usernames by their plain letters, and the other way round', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'Accents', kind: 'production' });
    await roster.users.createMany([
      { environmentId: environment.id, username: 'nandu', name: 'Ñandú Pérez' },
      { environmentId: environment.id, username: 'müller.k', name: 'Kai Müller' },
      { environmentId: environment.id, username: 'lodz', name: 'Anna Łódź' },
      { environmentId: environment.id, username: 'plain', name: 'Plain Name' },
    ]);
    const found = async (search: string) =>
      (await roster.users.list({ environmentId: environment.id, search })).items.map((user) => user.username);

    expect(await found('nandu perez')).toEqual(['nandu']);
    expect(await found('muller')).toEqual(['müller.k']);
    expect(await found('MÜLLER')).toEqual(['müller.k']);
    expect(await found('łódź')).toEqual(['lodz']);
    expect(await found('lodz')).toEqual(['lodz']);
    expect(await found('plain')).toEqual(['plain']);
  });
});
