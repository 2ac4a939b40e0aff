import { describe, expect } from 'vitest';
import type { GroupCreateInput, GroupPatch, Roster } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aGroup, aRole, aUser, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, it } from '../factories/roster';
import { rowsMentioning } from '../factories/stored-rows';

async function anEnvironmentWithUsers(roster: Roster, usernames: string[] = ['ana', 'bob', 'carla']) {
  const environment = await roster.environments.create(anEnvironment());
  const users = await roster.users.createMany(usernames.map((username) => aUser(environment.id, { username })));
  return { environment, users };
}

describe('groups.create', () => {
  it('returns the stored group with a string id', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    const group = await roster.groups.create({
      environmentId: environment.id,
      name: ' Sales ',
      description: 'The sales team',
    });

    expect(group).toEqual({
      id: expect.any(String),
      environmentId: environment.id,
      name: 'Sales',
      description: 'The sales team',
      tenantId: `${environment.id}.default`,
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await roster.groups.get(group.id)).toEqual(group);
  });

  it('answers undefined for an id that does not exist', async ({ roster }) => {
    expect(await roster.groups.get('no-such-group')).toBeUndefined();
  });

  it.for(['Sales', 'SALES', 'sales', ' Sales '])(
    'refuses the name %j when "Sales" exists',
    async (name, { roster }) => {
      const environment = await roster.environments.create(anEnvironment());
      await roster.groups.create({ environmentId: environment.id, name: 'Sales' });

      expect(await failureOf(roster.groups.create({ environmentId: environment.id, name }))).toEqual({
        code: 'conflict',
        paths: ['name'],
      });
    },
  );

  it('accepts the same name in another environment', async ({ roster }) => {
    const first = await roster.environments.create(anEnvironment());
    const second = await roster.environments.create(anEnvironment());
    await roster.groups.create({ environmentId: first.id, name: 'Sales' });

    expect((await roster.groups.create({ environmentId: second.id, name: 'Sales' })).environmentId).toBe(second.id);
  });

  it.for<{ case: string; input: Record<string, unknown>; paths: string[] }>([
    { case: 'an empty name', input: { name: '  ' }, paths: ['name'] },
    { case: 'a name of 101 characters', input: { name: 'x'.repeat(101) }, paths: ['name'] },
    { case: 'a description of 1,001 characters', input: { description: 'x'.repeat(1001) }, paths: ['description'] },
    { case: 'an unknown field', input: { parentId: 'g1' }, paths: ['parentId'] },
  ])('refuses $case, naming the field', async ({ input, paths }, { roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(await failureOf(roster.groups.create({ ...aGroup(environment.id), ...input } as GroupCreateInput))).toEqual({
      code: 'validation',
      paths,
    });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.groups.create(aGroup('no-such-environment')))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});

describe('groups.update', () => {
  it('renames a group and changes its description, moving updatedAt', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales', description: 'old' });
    clock.advanceDays(1);

    const updated = await roster.groups.update(group.id, { name: 'Sales EU', description: 'new' });

    expect(updated).toEqual({ ...group, name: 'Sales EU', description: 'new', updatedAt: clock.now().toISOString() });
    expect(await roster.groups.get(group.id)).toEqual(updated);
  });

  it('keeps the fields not given and clears a description given as blank', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales', description: 'old' });

    expect(await roster.groups.update(group.id, {})).toMatchObject({ name: 'Sales', description: 'old' });
    expect(await roster.groups.update(group.id, { description: '' })).not.toHaveProperty('description');
  });

  it('may change the case of its own name', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const group = await roster.groups.create({ environmentId: environment.id, name: 'sales' });

    expect((await roster.groups.update(group.id, { name: 'Sales' })).name).toBe('Sales');
  });

  it('refuses the name of another group of the environment, whatever its case', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    const support = await roster.groups.create({ environmentId: environment.id, name: 'Support' });

    expect(await failureOf(roster.groups.update(support.id, { name: 'SALES' }))).toEqual({
      code: 'conflict',
      paths: ['name'],
    });
  });

  it('refuses an empty name', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const group = await roster.groups.create(aGroup(environment.id));

    expect(await failureOf(roster.groups.update(group.id, { name: '' } as GroupPatch))).toEqual({
      code: 'validation',
      paths: ['name'],
    });
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.groups.update('no-such-group', { name: 'X' }))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('groups.list', () => {
  it('lists the groups of one environment by name, each with its member count', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const support = await roster.groups.create({ environmentId: environment.id, name: 'support' });
    const sales = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    const other = await roster.environments.create(anEnvironment());
    await roster.groups.create({ environmentId: other.id, name: 'Elsewhere' });
    await roster.groups.addUsers(sales.id, [users[0]!.id, users[1]!.id]);

    expect(await roster.groups.list(environment.id)).toEqual([
      { ...sales, memberCount: 2 },
      { ...support, memberCount: 0 },
    ]);
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.groups.list('no-such-environment'))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});

describe('groups.addUsers, removeUsers and members', () => {
  it('adds users and lists the members by username', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster, ['carla', 'Ana', 'bob']);
    const group = await roster.groups.create(aGroup(environment.id));

    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );

    expect((await roster.groups.members(group.id)).map((user) => user.username)).toEqual(['Ana', 'bob', 'carla']);
  });

  it('returns members as the users they are', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster, ['ana']);
    const group = await roster.groups.create(aGroup(environment.id));

    await roster.groups.addUsers(group.id, [users[0]!.id]);

    expect(await roster.groups.members(group.id)).toEqual([users[0]]);
  });

  it('leaves a user who is already a member as a member, once', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(group.id, [users[0]!.id]);

    await roster.groups.addUsers(group.id, [users[0]!.id, users[0]!.id, users[1]!.id]);

    expect((await roster.groups.members(group.id)).map((user) => user.id)).toEqual([users[0]!.id, users[1]!.id]);
    expect((await roster.groups.list(environment.id))[0]?.memberCount).toBe(2);
  });

  it('removes the users given and keeps the others', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );

    await roster.groups.removeUsers(group.id, [users[0]!.id, users[2]!.id]);

    expect(await roster.groups.members(group.id)).toEqual([users[1]]);
  });

  it('refuses a member from another environment, naming the item', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    const { users: foreigners } = await anEnvironmentWithUsers(roster, ['stranger']);

    expect(await failureOf(roster.groups.addUsers(group.id, [users[0]!.id, foreigners[0]!.id]))).toEqual({
      code: 'validation',
      paths: ['userIds.1'],
    });
    expect(await roster.groups.members(group.id)).toEqual([]);
  });

  it('throws not-found for a user that does not exist, naming the item', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));

    expect(await failureOf(roster.groups.addUsers(group.id, ['no-such-user', users[0]!.id]))).toEqual({
      code: 'not-found',
      paths: ['userIds.0'],
    });
    expect(await roster.groups.members(group.id)).toEqual([]);
  });

  it('ignores ids that are not members, or not users at all, when removing, as documented', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(group.id, [users[0]!.id, users[1]!.id]);

    await roster.groups.removeUsers(group.id, [users[0]!.id, users[2]!.id, 'no-such-user']);

    expect(await roster.groups.members(group.id)).toEqual([users[1]]);
  });

  it('refuses a list of ids that is not a list of ids', async ({ roster }) => {
    const { environment } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));

    expect((await failureOf(roster.groups.addUsers(group.id, 'ana' as never))).code).toBe('validation');
    expect((await failureOf(roster.groups.removeUsers(group.id, [42] as never))).code).toBe('validation');
  });

  it.for(['addUsers', 'removeUsers', 'members'] as const)(
    '%s throws not-found for a group that does not exist',
    async (method, { roster }) => {
      const { users } = await anEnvironmentWithUsers(roster);

      const call =
        method === 'members'
          ? roster.groups.members('no-such-group')
          : roster.groups[method]('no-such-group', [users[0]!.id]);

      expect(await failureOf(call)).toEqual({ code: 'not-found', paths: ['groupId'] });
    },
  );

  it('drops a deleted user from every group', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const [ana, bob] = users;
    const sales = await roster.groups.create(aGroup(environment.id));
    const support = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(sales.id, [ana!.id, bob!.id]);
    await roster.groups.addUsers(support.id, [ana!.id]);

    await roster.users.delete(ana!.id);

    expect(await roster.groups.members(sales.id)).toEqual([bob]);
    expect(await roster.groups.members(support.id)).toEqual([]);
    expect((await roster.groups.list(environment.id)).map((group) => group.memberCount)).toEqual([1, 0]);
    expect(await rowsMentioning(roster.name, { userId: ana!.id })).toEqual({
      memberships: 0,
      userRoles: 0,
      groupRoles: 0,
    });
  });
});

describe('groups.delete', () => {
  it('removes the group with its memberships and grants, and keeps its members', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    const role = await roster.roles.create(aRole(environment.id));
    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );
    await roster.roles.grantToGroup(role.id, group.id);

    await roster.groups.delete(group.id);

    expect(await roster.groups.get(group.id)).toBeUndefined();
    expect(await roster.groups.list(environment.id)).toEqual([]);
    for (const user of users) {
      expect(await roster.users.get(user.id)).toEqual(user);
      expect(await roster.roles.effective(user.id)).toEqual([]);
    }
    expect(await roster.roles.get(role.id)).toEqual(role);
    expect(await rowsMentioning(roster.name, { groupId: group.id })).toEqual({
      memberships: 0,
      userRoles: 0,
      groupRoles: 0,
    });
  });

  it('frees the name for a new group that starts empty', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster);
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    await roster.groups.addUsers(group.id, [users[0]!.id]);
    await roster.groups.delete(group.id);

    const again = await roster.groups.create({ environmentId: environment.id, name: 'sales' });

    expect(await roster.groups.members(again.id)).toEqual([]);
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.groups.delete('no-such-group'))).toEqual({ code: 'not-found', paths: ['id'] });
  });
});

describe('groups.ofUsers', () => {
  it('gives the groups of each user asked for, by name, in one call', async ({ roster }) => {
    const { environment, users } = await anEnvironmentWithUsers(roster, ['ana', 'bob', 'carla']);
    const [ana, bob, carla] = users;
    const support = await roster.groups.create({ environmentId: environment.id, name: 'Support' });
    const admins = await roster.groups.create({ environmentId: environment.id, name: 'Admins' });
    await roster.groups.addUsers(support.id, [ana!.id, bob!.id]);
    await roster.groups.addUsers(admins.id, [ana!.id]);

    const groups = await roster.groups.ofUsers(environment.id, [ana!.id, bob!.id, carla!.id, 'nobody']);

    expect(
      Object.fromEntries(Object.entries(groups).map(([id, list]) => [id, list.map((group) => group.name)])),
    ).toEqual({
      [ana!.id]: ['Admins', 'Support'],
      [bob!.id]: ['Support'],
      [carla!.id]: [],
      nobody: [],
    });
  });

  it('reads a page of many users as well as a few', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany(
      Array.from({ length: 30 }, (_, i) => aUser(environment.id, { username: `user-${i}` })),
    );
    const even = await roster.groups.create({ environmentId: environment.id, name: 'Even' });
    await roster.groups.addUsers(
      even.id,
      users.filter((_, i) => i % 2 === 0).map((user) => user.id),
    );

    const groups = await roster.groups.ofUsers(
      environment.id,
      users.map((user) => user.id),
    );

    expect(users.map((user) => groups[user.id]!.length)).toEqual(users.map((_, i) => (i % 2 === 0 ? 1 : 0)));
  });

  it('refuses an unknown environment and a list that is not one', async ({ roster }) => {
    expect(await failureOf(roster.groups.ofUsers('nope', []))).toEqual({ code: 'not-found', paths: ['environmentId'] });
    const environment = await roster.environments.create(anEnvironment());
    expect(await failureOf(roster.groups.ofUsers(environment.id, 'ana' as unknown as string[]))).toEqual({
      code: 'validation',
      paths: [''],
    });
  });
});
