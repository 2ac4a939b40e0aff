/**
 * The stored username order (schema v7): a reload takes each environment's order from the
 * `userOrders` table instead of sorting, sorts in the users of chunks written since, and sorts
 * everything again when the stored order does not fit. A v6 database opens with every record
 * as it was and an empty table of orders.
 */
import { Dexie } from 'dexie';
import { describe, expect, test, vi } from 'vitest';
import type { Roster } from '../../src/api';
import { RosterDb, type UserOrderRecord } from '../../src/db';
import { migrateUsersToChunks } from '../../src/db/migrations/v2-user-chunks';
import { migrateMembershipsToChunks } from '../../src/db/migrations/v4-member-chunks';
import { migrateAuditToBuckets } from '../../src/db/migrations/v6-audit-buckets';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V6 } from '../../src/db/roster-db';
import { population } from '../factories/population';
import { TestClock, openTestRoster, uniqueDbName } from '../factories/roster';
import { emptyV1, v1BuiltInRoles, v1Environment, v1Group, v1User } from '../factories/v1-database';
import { writeV3Database } from '../factories/v3-database';

/** Users in the environment: ten chunks of 2,000, so that one chunk written since is one in ten. */
const USERS = 20_000;
/** The tables of schema v6, every one of which the upgrade to v7 must leave as it was. */
const V6_TABLES = [
  'environments',
  'userChunks',
  'environmentStates',
  'groups',
  'groupMembers',
  'roles',
  'userRoles',
  'groupRoles',
  'settings',
  'audit',
  'auditBuckets',
  'snapshots',
] as const;

async function withDb<T>(name: string, read: (db: RosterDb) => Promise<T>): Promise<T> {
  const db = new RosterDb(name);
  await db.open();
  try {
    return await read(db);
  } finally {
    db.close();
  }
}

/** Waits until the environment's stored order reflects its current revision. */
async function storedOrderIsCurrent(name: string, environmentId: string): Promise<UserOrderRecord> {
  return vi.waitFor(
    () =>
      withDb(name, async (db) => {
        const [state, order] = await Promise.all([
          db.environmentStates.get(environmentId),
          db.userOrders.get(environmentId),
        ]);
        if (!order || order.rev !== state?.rev) throw new Error('The order is not stored yet.');
        return order;
      }),
    { timeout: 15_000, interval: 200 },
  );
}

/** Every user of the environment in list order (username), by username. */
async function usernamesInOrder(roster: Roster, environmentId: string): Promise<string[]> {
  const usernames: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await roster.users.list({ environmentId, offset, limit: PAGE });
    usernames.push(...page.items.map((user) => user.username));
    if (offset + PAGE >= page.total) return usernames;
  }
}

/** The largest page users.list gives. */
const PAGE = 10_000;

/** A roster with USERS users in one environment (usernames with accents and numbers), closed again. */
async function seeded(clock: TestClock) {
  const name = uniqueDbName('roster-orders');
  const roster = await openTestRoster(clock, name);
  const environment = await roster.environments.create({ name: 'Production', kind: 'production' });
  const users = await roster.users.createMany(population(environment.id, USERS, { style: 'numbers-and-accents' }));
  // Loaded in the same session: the order is sorted, and stored a moment later.
  const sorted = await usernamesInOrder(roster, environment.id);
  await storedOrderIsCurrent(name, environment.id);
  roster.close();
  return { name, environmentId: environment.id, users, sorted };
}

/** Opens the database again in a new session and lists every user. */
async function reopenedOrder(name: string, clock: TestClock, environmentId: string): Promise<string[]> {
  const roster = await openTestRoster(clock, name);
  try {
    return await usernamesInOrder(roster, environmentId);
  } finally {
    roster.close();
  }
}

/** What a load that sorts every user gives: the same database with no stored order. */
async function sortedAfresh(name: string, clock: TestClock, environmentId: string): Promise<string[]> {
  await withDb(name, (db) => db.userOrders.clear());
  return reopenedOrder(name, clock, environmentId);
}

describe('the stored username order', () => {
  test('a reload takes the order as stored: a swap made in storage shows in the list', async () => {
    const clock = new TestClock();
    const { name, environmentId, sorted } = await seeded(clock);
    await withDb(name, async (db) => {
      const order = (await db.userOrders.get(environmentId))!;
      expect(order.positions).toHaveLength(USERS);
      [order.positions[0], order.positions[1]] = [order.positions[1]!, order.positions[0]!];
      await db.userOrders.put(order);
    });

    const reloaded = await reopenedOrder(name, clock, environmentId);

    expect(reloaded.slice(0, 2)).toEqual([sorted[1], sorted[0]]);
    expect(reloaded.slice(2)).toEqual(sorted.slice(2));
  }, 60_000);

  test('users written after the order was stored are sorted in: the list reads as a full sort', async () => {
    const clock = new TestClock();
    const { name, environmentId, users } = await seeded(clock);
    const roster = await openTestRoster(clock, name);
    try {
      // All in the first chunk (the first 2,000 users): one chunk of ten written since the order.
      await roster.users.update(users[5]!.id, { username: 'aaa-now-first' });
      await roster.users.update(users[6]!.id, { username: 'zzz-now-last' });
      await roster.users.update(users[1999]!.id, { username: 'user1000b' });
      await roster.users.delete(users[7]!.id);
    } finally {
      roster.close();
    }

    const reloaded = await reopenedOrder(name, clock, environmentId);

    expect(reloaded[0]).toBe('aaa-now-first');
    expect(reloaded.at(-1)).toBe('zzz-now-last');
    expect(reloaded).toHaveLength(USERS - 1);
    expect(reloaded).toEqual(await sortedAfresh(name, clock, environmentId));
  }, 60_000);

  test('users added in new chunks after the order was stored are sorted in', async () => {
    const clock = new TestClock();
    const { name, environmentId } = await seeded(clock);
    const roster = await openTestRoster(clock, name);
    try {
      await roster.users.createMany(population(environmentId, 1500, { style: 'numbers-and-accents', prefix: 'n' }));
    } finally {
      roster.close();
    }

    const reloaded = await reopenedOrder(name, clock, environmentId);

    expect(reloaded).toHaveLength(USERS + 1500);
    expect(reloaded).toEqual(await sortedAfresh(name, clock, environmentId));
  }, 60_000);

  test.each([
    ['points past a chunk', (order: UserOrderRecord) => (order.positions[3] = 0xffff)],
    ['holds a user twice', (order: UserOrderRecord) => (order.positions[3] = order.positions[4]!)],
    ['misses users', (order: UserOrderRecord) => (order.positions = order.positions.slice(10))],
    ['is of another version', (order: UserOrderRecord) => (order.version += 1)],
    ['is of another generation', (order: UserOrderRecord) => (order.generation = 'restored-elsewhere')],
  ])(
    'an order that %s is not used: the users are sorted',
    async (_what, spoil) => {
      const clock = new TestClock();
      const { name, environmentId, sorted } = await seeded(clock);
      await withDb(name, async (db) => {
        const order = (await db.userOrders.get(environmentId))!;
        // Two users swapped as well: if the order were used, the list would show it.
        [order.positions[0], order.positions[1]] = [order.positions[1]!, order.positions[0]!];
        spoil(order);
        await db.userOrders.put(order);
      });

      expect(await reopenedOrder(name, clock, environmentId)).toEqual(sorted);
    },
    60_000,
  );

  test('deleting the environment deletes its stored order', async () => {
    const clock = new TestClock();
    const { name, environmentId } = await seeded(clock);
    const roster = await openTestRoster(clock, name);
    try {
      await roster.environments.delete(environmentId);
    } finally {
      roster.close();
    }
    expect(await withDb(name, (db) => db.userOrders.count())).toBe(0);
  }, 60_000);
});

describe('migrating a v6 database to v7 (stored orders)', () => {
  /** A v6 connection: the schema up to v6 with the shipped upgrades. */
  function v6Connection(name: string): Dexie {
    const db = new Dexie(name);
    db.version(1).stores(SCHEMA_V1);
    db.version(2).stores(SCHEMA_V2).upgrade(migrateUsersToChunks);
    db.version(3).stores(SCHEMA_V3);
    db.version(4).stores(SCHEMA_V4).upgrade(migrateMembershipsToChunks);
    db.version(6).stores(SCHEMA_V6).upgrade(migrateAuditToBuckets);
    return db;
  }

  test('keeps every record of every table as it was, and starts with no stored order', async () => {
    const name = uniqueDbName('roster-v6');
    const data = emptyV1();
    const environment = v1Environment('env-eu', 'Production EU', 'production', {
      rules: { mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] },
    });
    data.environments.push(environment);
    data.roles.push(...v1BuiltInRoles(environment.id));
    data.groups.push(v1Group('group-sales', environment.id, 'Sales'));
    const at = '2026-03-01T10:00:00.000Z';
    for (let i = 0; i < 2500; i++) {
      data.users.push(
        v1User({
          id: `user-${i}`,
          environmentId: environment.id,
          username: `user${i}`,
          email: `user${i}@${i % 2 ? 'example.com' : 'gmail.com'}`,
          isActive: i % 9 !== 0,
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    await writeV3Database(name, data, [{ groupId: 'group-sales', userId: 'user-1', environmentId: environment.id }]);
    const v6 = v6Connection(name);
    await v6.open();
    const before: Record<string, unknown[]> = {};
    try {
      expect(v6.verno).toBe(6);
      for (const table of V6_TABLES) before[table] = await v6.table(table).toArray();
    } finally {
      v6.close();
    }
    expect(before.userChunks).toHaveLength(2);

    const after = await withDb(name, async (db) => {
      expect(db.verno).toBeGreaterThanOrEqual(7);
      const tables: Record<string, unknown[]> = {};
      for (const table of V6_TABLES) tables[table] = await db.table(table).toArray();
      return { tables, orders: await db.userOrders.count() };
    });

    // Only the later v10 upgrade changes a v6 record: it puts the group in the environment's default tenant.
    expect(after.tables).toEqual({
      ...before,
      groups: before.groups!.map((group) => ({ ...(group as object), tenantId: 'env-eu.default' })),
    });
    expect(after.orders).toBe(0);
  });
});
