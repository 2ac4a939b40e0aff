/**
 * Group members in chunks (schema v4): a v3 database (one record per membership) opens with
 * the current code and reads the same members, counts, groups and effective roles; members
 * are added, removed and counted right across chunk boundaries; and a membership change that
 * fails, before or after its chunks are written, leaves nothing behind.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openRoster, type EndUser, type Roster } from '../../src/api';
import { MEMBER_CHUNK_SIZE, type MembershipRecord } from '../../src/db';
import { sortByUsername } from '../../src/domain';
import { failureOf } from '../factories/errors';
import { aGroup, aRole, anEnvironment, someUsers } from '../factories/inputs';
import { TestClock, it, uniqueDbName } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { memberChunksOf, rowsMentioning, storedRowsOf } from '../factories/stored-rows';
import {
  emptyV1,
  storedSchemaOf,
  v1BuiltInRoles,
  v1Environment,
  v1Group,
  v1Role,
  v1User,
} from '../factories/v1-database';
import { v3MembershipsOf, writeV3Database } from '../factories/v3-database';
import { seedWorld } from '../factories/world';

/** Thousands of members through fake-indexeddb: seconds on a busy machine, past vitest's default of 5. */
const SLOW_MS = 30_000;

afterEach(() => {
  vi.restoreAllMocks();
});

const ids = (users: readonly { id: string }[]) => users.map((user) => user.id);
/** A user of the old database as the API reads it: v10 put every user in its environment's default tenant. */
const inDefaultTenant = (user: EndUser): EndUser => ({ ...user, tenantId: `${user.environmentId}.default` });
const usernames = (users: readonly EndUser[]) => users.map((user) => user.username);
/** Each chunk of a group as [seq, count]. */
const layoutOf = async (name: string, groupId: string) =>
  (await memberChunksOf(name, groupId)).map((chunk) => [chunk.seq, chunk.count]);

describe('migrating a v3 database to v4 (members in chunks)', () => {
  const EU = 'env-eu';
  const QA = 'env-qa';
  /** Members of Everyone besides ana: more than two chunks hold. */
  const CROWD = 2 * MEMBER_CHUNK_SIZE;

  /**
   * A v3 organisation: a group of 10,001 members, two small groups, an empty one, roles granted to
   * groups and a user.
   */
  function v3Organisation() {
    const data = emptyV1();
    data.environments.push(v1Environment(EU, 'Production EU', 'production'), v1Environment(QA, 'QA', 'non-production'));
    const at = '2025-07-01T08:00:00.000Z';
    const user = (environmentId: string, username: string, fields: Partial<EndUser> = {}): EndUser => ({
      id: `v3-${username}`,
      environmentId,
      username,
      isActive: true,
      createdAt: at,
      updatedAt: at,
      ...fields,
    });
    const ana = user(EU, 'ana', { email: 'ana@example.com' });
    const bob = user(EU, 'bob', { email: 'bob@example.com', isActive: false });
    const carla = user(EU, 'carla');
    const quinn = user(QA, 'quinn');
    const crowd = Array.from({ length: CROWD }, (_, i) => user(EU, `member${i}`));
    const entities = [ana, bob, carla, quinn, ...crowd];
    data.users.push(...entities.map(v1User));

    const everyone = v1Group('group-everyone', EU, 'Everyone');
    const sales = v1Group('group-sales', EU, 'Sales', 'The sales team');
    const empty = v1Group('group-empty', EU, 'Empty');
    const testers = v1Group('group-testers', QA, 'Testers');
    data.groups.push(everyone, sales, empty, testers);
    const member =
      (groupId: string, environmentId: string) =>
      (entity: EndUser): MembershipRecord => ({ groupId, userId: entity.id, environmentId });
    const memberships = [
      ...[...crowd, ana].map(member(everyone.id, EU)),
      ...[ana, bob].map(member(sales.id, EU)),
      member(testers.id, QA)(quinn),
    ];

    const staff = v1Role('role-staff', EU, 'Portal', 'Staff');
    const viewer = v1Role('role-viewer', EU, 'Sales', 'Viewer');
    const manager = v1Role('role-manager', EU, 'Sales', 'Manager');
    const tester = v1Role('role-tester', QA, 'Sales', 'Tester');
    data.roles.push(...v1BuiltInRoles(EU), ...v1BuiltInRoles(QA), staff, viewer, manager, tester);
    data.userRoles.push({ userId: ana.id, roleId: manager.id, environmentId: EU });
    data.groupRoles.push(
      { groupId: everyone.id, roleId: staff.id, environmentId: EU },
      { groupId: sales.id, roleId: viewer.id, environmentId: EU },
      { groupId: testers.id, roleId: tester.id, environmentId: QA },
    );
    return {
      data,
      memberships,
      users: { ana, bob, carla, quinn },
      crowd,
      groups: { everyone, sales, empty, testers },
      roles: { staff, viewer, manager, tester },
    };
  }

  test(
    'moves every membership into chunks and reads the same members, counts, groups and roles',
    { timeout: SLOW_MS },
    async () => {
      const name = uniqueDbName('roster-v3');
      const org = v3Organisation();
      const { ana, bob, carla, quinn } = org.users;
      const { everyone, sales, empty, testers } = org.groups;
      await writeV3Database(name, org.data, org.memberships);
      expect(await storedSchemaOf(name)).toMatchObject({ version: 3 });
      expect(await v3MembershipsOf(name)).toHaveLength(CROWD + 4);

      const roster = await openRoster(name, { now: new TestClock().now });
      try {
        const groups = await roster.groups.list(EU);
        expect(groups.map((group) => [group.name, group.memberCount])).toEqual([
          ['Empty', 0],
          ['Everyone', CROWD + 1],
          ['Sales', 2],
        ]);
        expect(groups[2]).toEqual({
          id: sales.id,
          environmentId: EU,
          name: 'Sales',
          description: 'The sales team',
          tenantId: `${EU}.default`,
          createdAt: sales.createdAt,
          updatedAt: sales.updatedAt,
          memberCount: 2,
        });
        expect((await roster.groups.list(QA)).map((group) => [group.name, group.memberCount])).toEqual([
          ['Testers', 1],
        ]);

        const crowd = await roster.groups.members(everyone.id);
        expect(usernames(crowd)).toEqual(
          sortByUsername([...org.crowd, ana], (entity) => entity.username).map((entity) => entity.username),
        );
        expect(crowd.find((entity) => entity.id === ana.id)).toEqual(inDefaultTenant(ana));
        expect(await roster.groups.members(sales.id)).toEqual([inDefaultTenant(ana), inDefaultTenant(bob)]);
        expect(await roster.groups.members(empty.id)).toEqual([]);
        expect(await roster.groups.members(testers.id)).toEqual([inDefaultTenant(quinn)]);
        expect(
          (await roster.users.list({ environmentId: EU, groupId: sales.id })).items.map((item) => item.username),
        ).toEqual(['ana', 'bob']);
        expect((await roster.users.list({ environmentId: EU, groupId: everyone.id, limit: 0 })).total).toBe(CROWD + 1);

        expect((await roster.groups.ofUser(ana.id)).map((group) => group.name)).toEqual(['Everyone', 'Sales']);
        expect((await roster.groups.ofUser(org.crowd.at(-1)!.id)).map((group) => group.name)).toEqual(['Everyone']);
        expect(await roster.groups.ofUser(carla.id)).toEqual([]);
        expect((await roster.groups.ofUser(quinn.id)).map((group) => group.name)).toEqual(['Testers']);

        const roles = (effective: Awaited<ReturnType<Roster['roles']['effective']>>) =>
          effective.map((entry) => [entry.role.name, entry.direct, entry.inheritedFrom.map((group) => group.name)]);
        expect(roles(await roster.roles.effective(ana.id))).toEqual([
          ['Staff', false, ['Everyone']],
          ['Manager', true, []],
          ['Viewer', false, ['Sales']],
        ]);
        expect(roles(await roster.roles.effective(org.crowd[0]!.id))).toEqual([['Staff', false, ['Everyone']]]);
        expect(roles(await roster.roles.effective(org.crowd.at(-1)!.id))).toEqual([['Staff', false, ['Everyone']]]);
        // bob is inactive: he holds nothing while inactive, and stays a member.
        expect(await roster.roles.effective(bob.id)).toEqual([]);
        expect(await roster.roles.effective(carla.id)).toEqual([]);
        expect(await roster.roles.check(org.crowd[MEMBER_CHUNK_SIZE]!.id, org.roles.staff.id)).toBe(true);
        expect(await roster.roles.check(carla.id, org.roles.staff.id)).toBe(false);
        expect(await roster.roles.holders(org.roles.staff.id)).toHaveLength(CROWD + 1);
        expect((await roster.roles.holders(org.roles.viewer.id)).map((holder) => holder.user.username)).toEqual([
          'ana',
        ]);
      } finally {
        roster.close();
      }

      expect(await storedSchemaOf(name)).toEqual({
        version: 11,
        tables: [
          'audit',
          'auditBuckets',
          'auditUsers',
          'dormancyFacts',
          'environmentStates',
          'environments',
          'groupMembers',
          'groupRoles',
          'groups',
          'roles',
          'settings',
          'snapshots',
          'tenantSnapshots',
          'tenantTallies',
          'tenants',
          'userChunks',
          'userOrders',
          'userRoles',
        ],
      });
      expect(await layoutOf(name, everyone.id)).toEqual([
        [0, MEMBER_CHUNK_SIZE],
        [1, MEMBER_CHUNK_SIZE],
        [2, 1],
      ]);
      expect(await layoutOf(name, sales.id)).toEqual([[0, 2]]);
      expect(await layoutOf(name, empty.id)).toEqual([]);
      expect(await storedRowsOf(name, EU)).toMatchObject({ memberships: CROWD + 3, memberChunks: 4 });
      expect(await storedRowsOf(name, QA)).toMatchObject({ memberships: 1, memberChunks: 1 });
    },
  );

  test(
    'changes migrated memberships as any others, and a fresh session reads the changes',
    { timeout: SLOW_MS },
    async () => {
      const name = uniqueDbName('roster-v3');
      const org = v3Organisation();
      const { ana, bob, carla } = org.users;
      const { everyone, sales } = org.groups;
      await writeV3Database(name, org.data, org.memberships);

      const roster = await openRoster(name, { now: new TestClock().now });
      try {
        await roster.groups.addUsers(sales.id, [carla.id, ana.id]);
        await roster.groups.removeUsers(sales.id, [bob.id]);
        await roster.groups.addUsers(everyone.id, [carla.id]);
        await roster.users.delete(org.crowd[0]!.id);

        expect(usernames(await roster.groups.members(sales.id))).toEqual(['ana', 'carla']);
        expect((await roster.groups.list(EU)).map((group) => group.memberCount)).toEqual([0, CROWD + 1, 2]);
        expect((await roster.groups.ofUser(carla.id)).map((group) => group.name)).toEqual(['Everyone', 'Sales']);
        expect(await roster.groups.ofUser(bob.id)).toEqual([]);
      } finally {
        roster.close();
      }
      // carla went into the last chunk, the deleted user left the first.
      expect(await layoutOf(name, everyone.id)).toEqual([
        [0, MEMBER_CHUNK_SIZE - 1],
        [1, MEMBER_CHUNK_SIZE],
        [2, 2],
      ]);
      expect(await rowsMentioning(name, { userId: org.crowd[0]!.id })).toEqual({
        memberships: 0,
        userRoles: 0,
        groupRoles: 0,
      });

      const reopened = await openRoster(name);
      try {
        expect(usernames(await reopened.groups.members(sales.id))).toEqual(['ana', 'carla']);
        expect((await reopened.groups.list(EU)).map((group) => group.memberCount)).toEqual([0, CROWD + 1, 2]);
      } finally {
        reopened.close();
      }
    },
  );
});

describe('a group with more members than one chunk holds', () => {
  const COUNT = 2 * MEMBER_CHUNK_SIZE + 2000;

  async function crowd(roster: Roster) {
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany(someUsers(environment.id, COUNT));
    const group = await roster.groups.create(aGroup(environment.id));
    return { environment, users, group };
  }

  /** What the API says about a group's members: the ids (a set), the listed count and the filtered list's total. */
  async function membersOf(roster: Roster, environmentId: string, groupId: string) {
    const members = await roster.groups.members(groupId);
    const listed = (await roster.groups.list(environmentId)).find((group) => group.id === groupId)!;
    const page = await roster.users.list({ environmentId, groupId, limit: 0 });
    expect(listed.memberCount).toBe(members.length);
    expect(page.total).toBe(members.length);
    return new Set(ids(members));
  }

  it('adds, removes and counts members across chunks', { timeout: SLOW_MS }, async ({ roster }) => {
    const { environment, users, group } = await crowd(roster);
    const all = ids(users);
    const other = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(other.id, [all[0]!, all.at(-1)!]);

    // 11,000 at once: two full chunks and a third.
    await roster.groups.addUsers(group.id, all.slice(0, 11_000));
    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 5000],
      [1, 5000],
      [2, 1000],
    ]);
    expect(await membersOf(roster, environment.id, group.id)).toEqual(new Set(all.slice(0, 11_000)));

    // 100 from the first chunk go; ids that are not members, or not users, are ignored.
    await roster.groups.removeUsers(group.id, [...all.slice(0, 100), all[11_500]!, 'no-such-user']);
    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 4900],
      [1, 5000],
      [2, 1000],
    ]);
    expect(await membersOf(roster, environment.id, group.id)).toEqual(new Set(all.slice(100, 11_000)));
    expect((await roster.groups.ofUser(all[0]!)).map((found) => found.id)).toEqual([other.id]);

    // Adding members again changes no chunk: many ids (parsed) or a few (searched as text first).
    const chunks = await memberChunksOf(roster.name, group.id);
    await roster.groups.addUsers(group.id, [...all.slice(200, 300), all[10_999]!]);
    await roster.groups.addUsers(group.id, [all[100]!, all[5000]!, all[10_999]!, all[100]!]);
    expect(await memberChunksOf(roster.name, group.id)).toEqual(chunks);

    // New members fill the room left in the first chunk, then the last; duplicates count once.
    await roster.groups.addUsers(group.id, [...all.slice(0, 100), all[500]!, ...all.slice(11_000), all[11_000]!]);
    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 5000],
      [1, 5000],
      [2, 2000],
    ]);
    expect(await membersOf(roster, environment.id, group.id)).toEqual(new Set(all));
    expect((await roster.groups.ofUser(all[0]!)).map((found) => found.id).sort()).toEqual([group.id, other.id].sort());
    expect((await roster.groups.ofUser(all.at(-1)!)).map((found) => found.id).sort()).toEqual(
      [group.id, other.id].sort(),
    );

    // A chunk that loses every member goes; later members still fill the last chunk.
    const middle = JSON.parse((await memberChunksOf(roster.name, group.id))[1]!.userIds) as string[];
    await roster.groups.removeUsers(group.id, middle);
    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 5000],
      [2, 2000],
    ]);
    await roster.groups.addUsers(group.id, middle.slice(0, 3));
    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 5000],
      [2, 2003],
    ]);
    const gone = new Set(middle.slice(3));
    const expected = new Set(all.filter((id) => !gone.has(id)));
    expect(await membersOf(roster, environment.id, group.id)).toEqual(expected);
  });

  it('drops deleted users from every chunk of every group', { timeout: SLOW_MS }, async ({ roster }) => {
    const { environment, users, group } = await crowd(roster);
    const all = ids(users);
    const other = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(group.id, all);
    await roster.groups.addUsers(other.id, all.slice(4980, 5020));

    // Twenty on each side of the first chunk boundary in one call, then the very last member.
    const doomed = [...all.slice(4980, 5020), all.at(-1)!];
    await roster.users.deleteMany(doomed.slice(0, -1));
    await roster.users.delete(doomed.at(-1)!);

    expect(await layoutOf(roster.name, group.id)).toEqual([
      [0, 4980],
      [1, 4980],
      [2, 1999],
    ]);
    expect(await layoutOf(roster.name, other.id)).toEqual([]);
    const kept = new Set(all.filter((id) => !doomed.includes(id)));
    expect(await membersOf(roster, environment.id, group.id)).toEqual(kept);
    expect(await storedRowsOf(roster.name, environment.id)).toMatchObject({
      memberships: COUNT - doomed.length,
      memberChunks: 3,
    });
    for (const userId of [doomed[0]!, doomed[25]!, doomed.at(-1)!]) {
      expect(await rowsMentioning(roster.name, { userId })).toEqual({ memberships: 0, userRoles: 0, groupRoles: 0 });
    }

    // A fresh session reads the same.
    const before = await roster.groups.list(environment.id);
    const reopened = await openRoster(roster.name);
    try {
      expect(await reopened.groups.list(environment.id)).toEqual(before);
      expect(new Set(ids(await reopened.groups.members(group.id)))).toEqual(kept);
    } finally {
      reopened.close();
    }
  });

  it(
    'deletes every chunk with the group, and no other group loses a member',
    { timeout: SLOW_MS },
    async ({ roster }) => {
      const { environment, users, group } = await crowd(roster);
      const other = await roster.groups.create(aGroup(environment.id));
      const role = await roster.roles.create(aRole(environment.id));
      await roster.groups.addUsers(group.id, ids(users));
      await roster.groups.addUsers(other.id, ids(users.slice(0, 10)));
      await roster.roles.grantToGroup(role.id, group.id);
      expect(await roster.roles.holders(role.id)).toHaveLength(COUNT);

      await roster.groups.delete(group.id);

      expect(await memberChunksOf(roster.name, group.id)).toEqual([]);
      expect(await roster.roles.holders(role.id)).toEqual([]);
      expect((await roster.groups.ofUser(users[0]!.id)).map((found) => found.id)).toEqual([other.id]);
      expect(await roster.groups.ofUser(users.at(-1)!.id)).toEqual([]);
      expect(await membersOf(roster, environment.id, other.id)).toEqual(new Set(ids(users.slice(0, 10))));
      expect(await storedRowsOf(roster.name, environment.id)).toMatchObject({ memberships: 10, memberChunks: 1 });
    },
  );
});

/**
 * The faults are injected as in storage-atomicity.test.ts: the clock throws when the call's
 * audit entry reads it, after every chunk of the change has been written in the transaction.
 */
describe('a membership change that fails writes nothing', () => {
  async function faultyRoster() {
    const clock = new TestClock();
    let countdown: number | undefined;
    const now = (): Date => {
      if (countdown !== undefined && --countdown === 0) {
        countdown = undefined;
        throw new Error('injected clock failure');
      }
      return clock.now();
    };
    const roster = await openRoster(uniqueDbName('roster-faulty'), { now });
    return { roster, failOn: (n: number) => void (countdown = n) };
  }

  /** Everything stored about a group's members, and what the API reads of them. */
  async function membershipState(roster: Roster, environmentId: string, groupIds: string[]) {
    return {
      chunks: await Promise.all(groupIds.map((groupId) => memberChunksOf(roster.name, groupId))),
      members: await Promise.all(groupIds.map(async (groupId) => ids(await roster.groups.members(groupId)))),
      groups: await roster.groups.list(environmentId),
      rows: await storedRowsOf(roster.name, environmentId),
      audit: await roster.audit.recent(10),
    };
  }

  /** A faulty roster with 6,000 users, a group holding the first 5,500 (two chunks) and another holding a few. */
  async function seeded() {
    const { roster, failOn } = await faultyRoster();
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany(someUsers(environment.id, 6000));
    const all = ids(users);
    const group = await roster.groups.create(aGroup(environment.id));
    const small = await roster.groups.create(aGroup(environment.id));
    await roster.groups.addUsers(group.id, all.slice(0, 5500));
    await roster.groups.addUsers(small.id, all.slice(0, 3));
    const state = () => membershipState(roster, environment.id, [group.id, small.id]);
    return { roster, failOn, environment, all, group, small, state };
  }

  test('an addUsers with a missing id after 6,000 good ones', { timeout: SLOW_MS }, async () => {
    const { roster, all, group, state } = await seeded();
    try {
      const before = await state();
      expect(await failureOf(roster.groups.addUsers(group.id, [...all, 'no-such-user']))).toEqual({
        code: 'not-found',
        paths: ['userIds.6000'],
      });
      expect(await state()).toEqual(before);
    } finally {
      roster.close();
    }
  });

  test('an addUsers with a user of another environment among 6,000', { timeout: SLOW_MS }, async () => {
    const { roster, all, group, state } = await seeded();
    try {
      const elsewhere = await roster.environments.create(anEnvironment());
      const [stranger] = await roster.users.createMany(someUsers(elsewhere.id, 1));
      const before = await state();
      expect(
        await failureOf(roster.groups.addUsers(group.id, [...all.slice(0, 3000), stranger!.id, ...all.slice(3000)])),
      ).toEqual({
        code: 'validation',
        paths: ['userIds.3000'],
      });
      expect(await state()).toEqual(before);
    } finally {
      roster.close();
    }
  });

  test('an addUsers that fails after writing its chunks', { timeout: SLOW_MS }, async () => {
    const { roster, failOn, all, small, state } = await seeded();
    try {
      const before = await state();
      // The small group's chunk fills up and a new one opens, then the audit entry fails.
      failOn(1);
      await expect(roster.groups.addUsers(small.id, all)).rejects.toThrow(/clock/);
      expect(await state()).toEqual(before);

      // The next write works.
      await roster.groups.addUsers(small.id, all);
      expect(await layoutOf(roster.name, small.id)).toEqual([
        [0, 5000],
        [1, 1000],
      ]);
    } finally {
      roster.close();
    }
  });

  test('a removeUsers that fails after rewriting one chunk and deleting another', { timeout: SLOW_MS }, async () => {
    const { roster, failOn, all, group, state } = await seeded();
    try {
      const before = await state();
      failOn(1);
      await expect(roster.groups.removeUsers(group.id, [all[0]!, ...all.slice(5000, 5500)])).rejects.toThrow(/clock/);
      expect(await state()).toEqual(before);
    } finally {
      roster.close();
    }
  });

  test('a deleteMany that fails after dropping its users from every group', { timeout: SLOW_MS }, async () => {
    const { roster, failOn, all, state } = await seeded();
    try {
      const before = await state();
      failOn(1);
      await expect(roster.users.deleteMany([all[0]!, all[5499]!, all[5999]!])).rejects.toThrow(/clock/);
      expect(await state()).toEqual(before);
      expect(await roster.users.get(all[0]!)).toMatchObject({ id: all[0] });
    } finally {
      roster.close();
    }
  });

  test('a group delete that fails after deleting its chunks', { timeout: SLOW_MS }, async () => {
    const { roster, failOn, group, state } = await seeded();
    try {
      const before = await state();
      failOn(1);
      await expect(roster.groups.delete(group.id)).rejects.toThrow(/clock/);
      expect(await state()).toEqual(before);
    } finally {
      roster.close();
    }
  });

  test(
    'a failing membership change in a small organisation leaves every read as it was',
    { timeout: SLOW_MS },
    async () => {
      const { roster, failOn } = await faultyRoster();
      try {
        const world = await seedWorld(roster);
        const before = await snapshotOf(roster);
        for (const call of [
          () => roster.groups.addUsers(world.groups.support.id, [world.users.carla.id, world.users.dan.id]),
          () => roster.groups.addUsers(world.groups.sales.id, [world.users.carla.id]),
          () => roster.groups.removeUsers(world.groups.sales.id, [world.users.ana.id, world.users.bob.id]),
          () => roster.users.delete(world.users.bob.id),
        ]) {
          failOn(1);
          await expect(call()).rejects.toThrow(/clock/);
          expect(await snapshotOf(roster)).toEqual(before);
        }
      } finally {
        roster.close();
      }
    },
  );
});
