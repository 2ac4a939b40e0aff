/**
 * The gate for records read back (src/db/record-gate.ts): a damaged record written into each
 * table with a raw connection on the same database (as a hand edit in developer tools would)
 * never makes a read throw. It is left out of every read, counted and listed by
 * `roster.unreadable()` with its table, key, problem and raw text; the rest keeps working.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openRoster, type Roster } from '../../src/api';
import { RosterDb, factsStamp, shardOf } from '../../src/db';
import { FACTS_VERSION } from '../../src/index';
import { FIXED_NOW, openTestRoster, uniqueDbName } from '../factories/roster';
import { seedWorld, type World } from '../factories/world';

let opened: Roster[] = [];

afterEach(() => {
  for (const roster of opened) roster.close();
  opened = [];
});

/** A seeded database, closed: its name and what it holds. */
async function seeded(): Promise<{ name: string; world: World }> {
  const name = uniqueDbName('record-gate');
  const roster = await openTestRoster(undefined, name);
  const world = await seedWorld(roster);
  await roster.ready();
  await roster.history.record();
  roster.close();
  return { name, world };
}

/** Reads with a connection of its own. */
async function withRaw<T>(name: string, work: (raw: RosterDb) => Promise<T>): Promise<T> {
  const raw = new RosterDb(name);
  await raw.open();
  try {
    return await work(raw);
  } finally {
    raw.close();
  }
}

/** Writes records as they are, with a connection of its own, bypassing the API. */
async function inject(name: string, table: string, records: unknown[]): Promise<void> {
  const raw = new RosterDb(name);
  await raw.open();
  try {
    await raw.table(table).bulkPut(records);
  } finally {
    raw.close();
  }
}

async function reopen(name: string): Promise<Roster> {
  const roster = await openRoster(name, { now: () => new Date(FIXED_NOW) });
  opened.push(roster);
  return roster;
}

describe('a damaged record in each table', () => {
  test('environments: the list leaves it out; usage and users still read', async () => {
    const { name, world } = await seeded();
    await inject(name, 'environments', [{ id: 'broken-env', name: 42, kind: 'production' }]);
    const roster = await reopen(name);
    const environments = await roster.environments.list();
    expect(environments.map((environment) => environment.id)).not.toContain('broken-env');
    expect(environments).toHaveLength(3);
    await expect(roster.usage()).resolves.toBeDefined();
    expect((await roster.users.list({ environmentId: world.environments.productionEu.id })).total).toBe(4);
    const { count, records } = roster.unreadable();
    expect(count).toBe(1);
    expect(records[0]).toMatchObject({ table: 'environments', key: '"broken-env"' });
    expect(records[0]!.problem).toMatch(/name/);
    expect(JSON.parse(records[0]!.raw)).toEqual({ id: 'broken-env', name: 42, kind: 'production' });
  });

  test('environmentStates: a state of the wrong shape is left out', async () => {
    const { name } = await seeded();
    await inject(name, 'environmentStates', [{ environmentId: 'ghost', rev: 'seven', tallies: 'no' }]);
    const roster = await reopen(name);
    await roster.ready();
    const usage = await roster.usage();
    expect(usage.environments).toHaveLength(3);
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({ table: 'environmentStates', key: '"ghost"' }),
    ]);
  });

  test('environmentStates: tallies damaged after they read well are left out all the same', async () => {
    const { name, world } = await seeded();
    const roster = await reopen(name);
    await roster.ready();
    const before = await roster.usage();
    const id = world.environments.productionEu.id;
    const raw = new RosterDb(name);
    await raw.open();
    const state = await raw.environmentStates.get(id);
    await raw.environmentStates.put({ ...state!, tallies: '[["example.com", 2, 0, 1]]' });
    raw.close();
    const after = await roster.usage();
    expect(before.environments.find((row) => row.environmentId === id)?.named).toBe(3);
    // Its state set apart, the environment counts as empty instead of trusting the damaged text.
    expect(after.environments.find((row) => row.environmentId === id)?.named).toBe(0);
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({
        table: 'environmentStates',
        problem: 'tallies: does not hold what it should (a flag is not 0 or 1)',
      }),
    ]);
  });

  test('environmentStates: a head that does not decode: the first page comes from the index', async () => {
    const { name, world } = await seeded();
    const raw = new RosterDb(name);
    await raw.open();
    const state = await raw.environmentStates.get(world.environments.productionEu.id);
    await raw.environmentStates.put({ ...state!, head: '[["x"' });
    raw.close();
    const roster = await reopen(name);
    const page = await roster.users.list({ environmentId: world.environments.productionEu.id });
    expect(page.items.map((user) => user.username)).toEqual(['ana', 'bob', 'carla', 'dan']);
    // The head is read only while the index loads: when it was, its record is set apart.
    for (const record of roster.unreadable().records)
      expect(record).toMatchObject({ table: 'environmentStates', problem: 'head: is not valid JSON' });
  });

  test('userChunks: a chunk of the wrong shape and one whose users do not decode; the others load', async () => {
    const { name, world } = await seeded();
    const eu = world.environments.productionEu.id;
    await inject(name, 'userChunks', [
      { id: `${eu}:90`, environmentId: eu, seq: 'ninety', rev: 1, count: 1, data: '[]' },
      { id: `${eu}:91`, environmentId: eu, seq: 91, rev: 1, count: 1, data: '[["id-x","x",null]]' },
    ]);
    const roster = await reopen(name);
    await roster.ready();
    expect((await roster.users.list({ environmentId: eu })).total).toBe(4);
    expect(await roster.users.get(world.users.ana.id)).toMatchObject({ username: 'ana' });
    const { count, records } = roster.unreadable();
    expect(count).toBe(2);
    expect(records.map((record) => record.table)).toEqual(['userChunks', 'userChunks']);
    expect(records.find((record) => record.key === JSON.stringify(`${eu}:91`))?.problem).toMatch(/^data: holds a user/);
    // The rest keeps working: a write to the environment.
    await roster.users.create({ environmentId: eu, username: 'fay' });
    expect((await roster.users.list({ environmentId: eu })).total).toBe(5);
  });

  test('groups: the list leaves it out', async () => {
    const { name, world } = await seeded();
    const eu = world.environments.productionEu.id;
    await inject(name, 'groups', [{ id: 'broken-group', environmentId: eu, name: null, nameKey: 'broken' }]);
    const roster = await reopen(name);
    expect((await roster.groups.list(eu)).map((group) => group.name)).toEqual(['Sales', 'Support']);
    expect(await roster.groups.get('broken-group')).toBeUndefined();
    expect(roster.unreadable().records).toEqual([expect.objectContaining({ table: 'groups', key: '"broken-group"' })]);
  });

  test('groupMembers: a chunk whose ids do not parse holds no one; the group keeps its other members', async () => {
    const { name, world } = await seeded();
    const { sales } = world.groups;
    const eu = world.environments.productionEu.id;
    await inject(name, 'groupMembers', [
      { id: `${sales.id}/7`, groupId: sales.id, environmentId: eu, seq: 7, count: 1, userIds: '{oops' },
      { id: `${sales.id}/8`, groupId: sales.id, environmentId: eu, seq: 'eight', count: 1, userIds: '[]' },
    ]);
    const roster = await reopen(name);
    const members = await roster.groups.members(sales.id);
    expect(members.map((user) => user.username).sort()).toEqual(['ana', 'bob']);
    expect((await roster.groups.ofUser(world.users.ana.id)).map((group) => group.name)).toEqual(['Sales']);
    const listed = await roster.users.list({ environmentId: eu, groupId: sales.id });
    expect(listed.items.map((user) => user.username)).toEqual(['ana', 'bob']);
    const { records } = roster.unreadable();
    expect(records.map((record) => [record.table, record.key])).toEqual(
      expect.arrayContaining([
        ['groupMembers', JSON.stringify(`${sales.id}/7`)],
        ['groupMembers', JSON.stringify(`${sales.id}/8`)],
      ]),
    );
  });

  test('roles: the list leaves it out', async () => {
    const { name, world } = await seeded();
    const eu = world.environments.productionEu.id;
    await inject(name, 'roles', [
      { id: 'broken-role', environmentId: eu, application: 'X', name: 'Y', key: 'x/y', builtIn: 2 },
    ]);
    const roster = await reopen(name);
    const roles = await roster.roles.list(eu);
    expect(roles.map((role) => role.id)).not.toContain('broken-role');
    expect(roles.length).toBeGreaterThan(0);
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({ table: 'roles', key: '"broken-role"', problem: expect.stringMatching(/builtIn/) }),
    ]);
  });

  test('userRoles and groupRoles: grants of the wrong shape are left out of the holders', async () => {
    const { name, world } = await seeded();
    const { manager } = world.roles;
    await inject(name, 'userRoles', [{ userId: world.users.bob.id, roleId: manager.id, environmentId: 42 }]);
    await inject(name, 'groupRoles', [{ groupId: world.groups.support.id, roleId: manager.id, environmentId: 42 }]);
    const roster = await reopen(name);
    const holders = await roster.roles.holders(manager.id);
    expect(holders.map((holder) => holder.user.username)).toEqual(['ana']);
    const tables = roster.unreadable().records.map((record) => record.table);
    expect(tables.sort()).toEqual(['groupRoles', 'userRoles']);
  });

  test('settings: a subscription that is not one reads as none', async () => {
    const { name } = await seeded();
    await inject(name, 'settings', [{ key: 'subscription', value: { model: 'named', namedLimit: 'lots' } }]);
    const roster = await reopen(name);
    expect(await roster.subscription.get()).toBeUndefined();
    await expect(roster.usage()).resolves.toBeDefined();
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({ table: 'settings', key: '"subscription"', problem: expect.stringMatching(/^value/) }),
    ]);
    // Setting it again replaces the damaged value.
    await roster.subscription.set({ model: 'named', namedLimit: 10 });
    expect(await roster.subscription.get()).toMatchObject({ namedLimit: 10 });
    expect(roster.unreadable().count).toBe(0);
  });

  test('snapshots: the history leaves it out', async () => {
    const { name, world } = await seeded();
    await inject(name, 'snapshots', [
      { environmentId: world.environments.productionEu.id, day: '2026-01-01', internal: 'many' },
    ]);
    const roster = await reopen(name);
    await expect(roster.history.get()).resolves.toBeDefined();
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({
        table: 'snapshots',
        key: JSON.stringify([world.environments.productionEu.id, '2026-01-01']),
      }),
    ]);
  });

  test('audit and auditBuckets: the activity log and the recent entries leave them out', async () => {
    const { name } = await seeded();
    await inject(name, 'audit', [{ id: 5, at: 'never', action: 7, entity: 'user', entityId: 'x' }]);
    await inject(name, 'auditBuckets', [{ bucket: 9000, count: 'x' }]);
    const roster = await reopen(name);
    const recent = await roster.audit.recent(100);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.map((entry) => entry.at)).not.toContain('never');
    const page = await roster.activity.list();
    expect(page.items.length).toBeGreaterThan(0);
    const tables = roster.unreadable().records.map((record) => record.table);
    expect(tables).toContain('audit');
    expect(tables).toContain('auditBuckets');
  });

  test("auditUsers: a user's history leaves out a shard record of the wrong shape or with no list", async () => {
    const { name, world } = await seeded();
    const ana = world.users.ana.id;
    const before = await (await reopen(name)).activity.list({ entity: 'user', entityId: ana });
    const shard = shardOf(ana);
    await inject(name, 'auditUsers', [
      { entryId: 1, shard, userIds: 7 },
      { entryId: 2, shard, userIds: JSON.stringify({ id: ana }) },
    ]);
    const roster = await reopen(name);
    const after = await roster.activity.list({ entity: 'user', entityId: ana });
    expect(after).toEqual(before);
    expect(roster.unreadable().records.map((record) => [record.table, record.key])).toEqual([
      ['auditUsers', JSON.stringify([1, shard])],
      ['auditUsers', JSON.stringify([2, shard])],
    ]);
  });

  test('userOrders: a stored order of the wrong shape is left out, and the users are sorted afresh', async () => {
    const { name, world } = await seeded();
    const eu = world.environments.productionEu.id;
    await inject(name, 'userOrders', [{ environmentId: eu, rev: 1, version: 1, positions: [3, 2, 1, 0] }]);
    const roster = await reopen(name);
    await roster.ready();
    const page = await roster.users.list({ environmentId: eu, offset: 1, limit: 2 });
    expect(page.items.map((user) => user.username)).toEqual(['bob', 'carla']);
    expect(roster.unreadable().records).toEqual([expect.objectContaining({ table: 'userOrders', key: `"${eu}"` })]);
  });

  test('dormancyFacts: facts of the wrong shape are left out, and the counts come from the index', async () => {
    const { name, world } = await seeded();
    const eu = world.environments.productionEu.id;
    const state = await withRaw(name, (raw) => raw.environmentStates.get(eu));
    const stamp = factsStamp(state!.generation, state!.rev, FACTS_VERSION);
    // At the current stamp, so it would be used, but its times are a plain list.
    await inject(name, 'dormancyFacts', [
      { environmentId: eu, rev: state!.rev, version: FACTS_VERSION, stamp, domains: [], offsets: [0, 0, 0], times: [] },
    ]);
    const roster = await reopen(name);
    const cold = await roster.users.dormantCounts({ environmentId: eu });
    await roster.ready();
    expect(cold).toEqual(await roster.users.dormantCounts({ environmentId: eu }));
    expect(roster.unreadable().records).toEqual([
      expect.objectContaining({ table: 'dormancyFacts', key: `"${eu}"`, problem: expect.stringMatching(/offsets/) }),
    ]);
  });
});

describe('the register', () => {
  test('observeUnreadable tells of each record set apart', async () => {
    const { name } = await seeded();
    await inject(name, 'environments', [{ id: 'broken-env', name: 42 }]);
    const roster = await reopen(name);
    const seen: number[] = [];
    const subscription = roster.observeUnreadable().subscribe((report) => seen.push(report.count));
    await roster.environments.list();
    subscription.unsubscribe();
    expect(seen).toEqual([0, 1]);
  });

  test('a record read twice is counted once', async () => {
    const { name } = await seeded();
    await inject(name, 'environments', [{ id: 'broken-env', name: 42 }]);
    const roster = await reopen(name);
    await roster.environments.list();
    await roster.environments.list();
    expect(roster.unreadable().count).toBe(1);
  });
});
