import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aGroup, aRole, aUser, anEnvironment, someUsers } from '../factories/inputs';
import { it, openTestRoster } from '../factories/roster';
import { snapshotOf as snapshot } from '../factories/snapshot';

async function environmentWith(roster: Roster, count: number) {
  const environment = await roster.environments.create(anEnvironment());
  const users = await roster.users.createMany(someUsers(environment.id, count));
  return { environment, users };
}

describe('users.setActiveMany', () => {
  it('deactivates the users named and no other, and counts follow', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 5);

    const changed = await roster.users.setActiveMany([users[1]!.id, users[3]!.id], false);

    expect(changed).toBe(2);
    const inactive = await roster.users.list({ environmentId: environment.id, isActive: false });
    expect(inactive.items.map((user) => user.id)).toEqual([users[1]!.id, users[3]!.id]);
    const usage = (await roster.usage()).environments.find((entry) => entry.environmentId === environment.id)!;
    expect(usage.inactive).toBe(2);
  });

  it('counts only users whose state changed and reactivates', async ({ roster }) => {
    const { users } = await environmentWith(roster, 3);
    await roster.users.setActive(users[0]!.id, false);

    expect(
      await roster.users.setActiveMany(
        users.map((user) => user.id),
        false,
      ),
    ).toBe(2);
    expect(await roster.users.setActiveMany([users[0]!.id, users[0]!.id], true)).toBe(1);
    expect((await roster.users.get(users[0]!.id))!.isActive).toBe(true);
  });

  it('keeps the sort orders right after a bulk change of more than a thousand users', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 1500);

    await roster.users.setActiveMany(
      users.slice(0, 1200).map((user) => user.id),
      false,
    );

    const page = await roster.users.list({ environmentId: environment.id, sort: 'username', limit: 1500 });
    const usernames = page.items.map((user) => user.username);
    expect(usernames).toEqual([...usernames].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(page.items.filter((user) => !user.isActive)).toHaveLength(1200);
  });

  it('updates the distinct emails and stores the new state, as another connection reads it', async ({
    roster,
    clock,
  }) => {
    const { environment, users } = await environmentWith(roster, 3);
    clock.advanceMinutes(5);

    await roster.users.setActiveMany([users[0]!.id, users[1]!.id], false);

    expect((await roster.usage()).production.distinctEmails).toBe(1);
    const other = await openTestRoster(clock, roster.name);
    try {
      const page = await other.users.list({ environmentId: environment.id, isActive: false });
      expect(page.items.map((user) => [user.id, user.updatedAt])).toEqual([
        [users[0]!.id, clock.now().toISOString()],
        [users[1]!.id, clock.now().toISOString()],
      ]);
      expect((await other.usage()).environments[0]).toMatchObject({ inactive: 2, named: 1 });
    } finally {
      other.close();
    }
  });

  it('deactivates more users than one slice holds, every one of them', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 6001);

    expect(
      await roster.users.setActiveMany(
        users.map((user) => user.id),
        false,
      ),
    ).toBe(6001);

    expect((await roster.usage()).environments.find((row) => row.environmentId === environment.id)).toMatchObject({
      inactive: 6001,
      named: 0,
    });
    expect((await roster.users.list({ environmentId: environment.id, isActive: true })).total).toBe(0);
  });

  it('refuses a missing id by its position and writes nothing', async ({ roster }) => {
    const { users } = await environmentWith(roster, 2);
    const before = await snapshot(roster);

    expect(await failureOf(roster.users.setActiveMany([users[0]!.id, 'nope'], false))).toEqual({
      code: 'not-found',
      paths: ['ids.1'],
    });
    expect(await snapshot(roster)).toEqual(before);
  });

  it('refuses a state that is not a boolean', async ({ roster }) => {
    const { users } = await environmentWith(roster, 1);
    expect(await failureOf(roster.users.setActiveMany([users[0]!.id], 'no' as unknown as boolean))).toEqual({
      code: 'validation',
      paths: ['isActive'],
    });
  });

  it('writes one audit entry per environment for a bulk change', async ({ roster }) => {
    const { users } = await environmentWith(roster, 3);

    await roster.users.setActiveMany(
      users.map((user) => user.id),
      false,
    );

    const [latest] = await roster.audit.recent(1);
    expect(latest).toMatchObject({
      action: 'deactivate-many',
      entity: 'user',
      summary: expect.stringMatching(/^3 users: /),
    });
  });
});

describe('users.deleteMany', () => {
  it('deletes the users with their memberships and grants', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 4);
    const group = await roster.groups.create(aGroup(environment.id));
    const role = await roster.roles.create(aRole(environment.id));
    await roster.groups.addUsers(
      group.id,
      users.map((user) => user.id),
    );
    await roster.roles.grantToUser(role.id, users[0]!.id);

    expect(await roster.users.deleteMany([users[0]!.id, users[1]!.id])).toBe(2);

    expect((await roster.users.list({ environmentId: environment.id })).items.map((user) => user.id)).toEqual([
      users[2]!.id,
      users[3]!.id,
    ]);
    expect((await roster.groups.members(group.id)).map((user) => user.id)).toEqual([users[2]!.id, users[3]!.id]);
    expect(await roster.roles.holders(role.id)).toEqual([]);
  });

  it('deletes more than a thousand at once and lists the rest in order', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 1300);

    await roster.users.deleteMany(users.slice(100).map((user) => user.id));

    const page = await roster.users.list({ environmentId: environment.id, limit: 200 });
    expect(page.total).toBe(100);
    expect(new Set(page.items.map((user) => user.id))).toEqual(new Set(users.slice(0, 100).map((user) => user.id)));
  });

  it('writes one audit entry naming the users deleted', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany(['ana', 'bob'].map((username) => aUser(environment.id, { username })));

    await roster.users.deleteMany(users.map((user) => user.id));

    const [latest] = await roster.audit.recent(1);
    expect(latest).toMatchObject({
      action: 'delete-many',
      entity: 'user',
      entityId: '*',
      environmentId: environment.id,
      summary: '2 users: ana, bob',
    });
  });

  it('writes nothing when one id is missing', async ({ roster }) => {
    const { users } = await environmentWith(roster, 2);
    const before = await snapshot(roster);

    expect(await failureOf(roster.users.deleteMany(['nope', users[0]!.id]))).toEqual({
      code: 'not-found',
      paths: ['ids.0'],
    });
    expect(await snapshot(roster)).toEqual(before);
  });

  it('refuses something that is not a list of ids', async ({ roster }) => {
    expect(await failureOf(roster.users.deleteMany('abc' as unknown as string[]))).toEqual({
      code: 'validation',
      paths: [''],
    });
  });
});

describe('users.listIds', () => {
  it('gives the ids of every match in list order, ignoring offset and limit', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const created = await roster.users.createMany([
      aUser(environment.id, { username: 'carla' }),
      aUser(environment.id, { username: 'ana' }),
      aUser(environment.id, { username: 'bob', isActive: false }),
    ]);
    const byName = Object.fromEntries(created.map((user) => [user.username, user.id]));

    expect(await roster.users.listIds({ environmentId: environment.id, isActive: true, limit: 1, offset: 1 })).toEqual([
      byName.ana,
      byName.carla,
    ]);
    expect(await roster.users.listIds({ environmentId: environment.id, order: 'desc' })).toEqual([
      byName.carla,
      byName.bob,
      byName.ana,
    ]);
  });

  it('answers not-found for an unknown environment', async ({ roster }) => {
    expect(await failureOf(roster.users.listIds({ environmentId: 'nope' }))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});

describe('groups.ofUser', () => {
  it('lists the groups of a user by name', async ({ roster }) => {
    const { environment, users } = await environmentWith(roster, 2);
    const support = await roster.groups.create(aGroup(environment.id, { name: 'Support' }));
    const admins = await roster.groups.create(aGroup(environment.id, { name: 'Admins' }));
    await roster.groups.addUsers(support.id, [users[0]!.id]);
    await roster.groups.addUsers(admins.id, [users[0]!.id, users[1]!.id]);

    expect((await roster.groups.ofUser(users[0]!.id)).map((group) => group.name)).toEqual(['Admins', 'Support']);
    expect((await roster.groups.ofUser(users[1]!.id)).map((group) => group.name)).toEqual(['Admins']);
  });

  it('answers not-found for an unknown user', async ({ roster }) => {
    expect(await failureOf(roster.groups.ofUser('nope'))).toEqual({ code: 'not-found', paths: ['userId'] });
  });
});

describe('roles.holders', () => {
  it('lists active holders, direct and through groups, by username', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const [ana, bob, carla, dan] = await roster.users.createMany(
      ['ana', 'bob', 'carla', 'dan'].map((username) => aUser(environment.id, { username })),
    );
    const role = await roster.roles.create(aRole(environment.id));
    const sales = await roster.groups.create(aGroup(environment.id, { name: 'Sales' }));
    await roster.groups.addUsers(sales.id, [bob!.id, carla!.id, dan!.id]);
    await roster.roles.grantToGroup(role.id, sales.id);
    await roster.roles.grantToUser(role.id, ana!.id);
    await roster.roles.grantToUser(role.id, bob!.id);
    await roster.users.setActive(dan!.id, false);

    const holders = await roster.roles.holders(role.id);

    expect(
      holders.map(({ user, direct, inheritedFrom }) => [
        user.username,
        direct,
        inheritedFrom.map((group) => group.name),
      ]),
    ).toEqual([
      ['ana', true, []],
      ['bob', true, ['Sales']],
      ['carla', false, ['Sales']],
    ]);
  });

  it('refuses a built-in role, which every active user holds', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const builtIn = (await roster.roles.list(environment.id)).find((role) => role.builtIn)!;

    expect(await failureOf(roster.roles.holders(builtIn.id))).toEqual({ code: 'validation', paths: ['roleId'] });
  });

  it('answers not-found for an unknown role', async ({ roster }) => {
    expect(await failureOf(roster.roles.holders('nope'))).toEqual({ code: 'not-found', paths: ['roleId'] });
  });
});
