/**
 * Failure leaves no trace in the user storage: a write that throws, before or after it has
 * changed the in-memory index, leaves every read as it was; the next write works; and what
 * a session has written is exactly what a fresh session reads, also at scale (12,000 users,
 * several chunks, changes in different chunks).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openRoster, type EndUser, type Roster } from '../../src/api';
import { CHUNK_SIZE } from '../../src/db';
import { failureOf } from '../factories/errors';
import { aUser, someUsers } from '../factories/inputs';
import { CLASSES, allIds, listingsOf, population } from '../factories/population';
import { TestClock, it, openTestRoster, uniqueDbName } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { storedRowsOf } from '../factories/stored-rows';
import { seedWorld } from '../factories/world';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything a fresh session on the same database reads. */
async function freshSnapshot(name: string) {
  const fresh = await openRoster(name);
  try {
    return await snapshotOf(fresh);
  } finally {
    fresh.close();
  }
}

describe('a createMany that fails', () => {
  const failing = [
    {
      about: 'a conflict with a stored user in the middle',
      code: 'conflict',
      inputs: (eu: string) => [aUser(eu), aUser(eu), aUser(eu, { username: 'BOB' }), aUser(eu), aUser(eu)],
    },
    {
      about: 'the same username twice in the batch',
      code: 'conflict',
      inputs: (eu: string) => [aUser(eu, { username: 'twin' }), ...someUsers(eu, 50), aUser(eu, { username: 'Twin' })],
    },
    {
      about: 'a bad item in the middle',
      code: 'validation',
      inputs: (eu: string) => [aUser(eu), aUser(eu, { email: 'not-an-email' }), aUser(eu)],
    },
    {
      about: 'an item in an environment that does not exist',
      code: 'not-found',
      inputs: (eu: string) => [aUser(eu), aUser('no-such-environment'), aUser(eu)],
    },
    {
      about: 'a conflict at the end of 3,000 items',
      code: 'conflict',
      inputs: (eu: string) => [...someUsers(eu, 2999), aUser(eu, { username: 'Ana' })],
    },
  ] as const;

  it.for(failing)('with $about leaves list, usage and get unchanged', async ({ inputs, code }, { roster }) => {
    const world = await seedWorld(roster);
    const eu = world.environments.productionEu.id;
    const before = await snapshotOf(roster);
    const rowsBefore = await storedRowsOf(roster.name, eu);

    expect((await failureOf(roster.users.createMany(inputs(eu)))).code).toBe(code);

    expect(await snapshotOf(roster)).toEqual(before);
    expect(await roster.users.get(world.users.bob.id)).toEqual(world.users.bob);
    expect(await storedRowsOf(roster.name, eu)).toEqual(rowsBefore);
  });

  it('is followed by a write that works, and a fresh session reads the same', async ({ roster }) => {
    const world = await seedWorld(roster);
    const eu = world.environments.productionEu.id;
    await failureOf(roster.users.createMany([aUser(eu, { username: 'newcomer' }), aUser(eu, { username: 'BOB' })]));

    // The username of the failed batch is free: nothing of it was kept.
    const created = await roster.users.createMany([
      aUser(eu, { username: 'newcomer', email: 'newcomer@gmail.com' }),
      aUser(eu),
    ]);

    expect(await roster.users.findByUsername(eu, 'NEWCOMER')).toEqual(created[0]);
    const page = await roster.users.list({ environmentId: eu, limit: 100 });
    expect(page.total).toBe(6);
    expect(page.items.map((user) => user.id)).toEqual(expect.arrayContaining(created.map((user) => user.id)));
    expect((await roster.usage()).environments.find((row) => row.environmentId === eu)).toMatchObject({ external: 2 });
    expect(await freshSnapshot(roster.name)).toEqual(await snapshotOf(roster));
  });
});

/**
 * Writes that fail after they have changed the in-memory index: the transaction rolls back,
 * so the index must be dropped and reloaded from what was kept. The faults are injected: the
 * clock fails when the audit entry reads it, or encoding a chunk fails.
 */
describe('a write that fails after changing the index', () => {
  /** A roster whose clock throws on the n-th read from the moment failOn(n) is called. */
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

  /** Makes encoding the `n`-th chunk of users from now fail, once. */
  function failChunkEncoding(n = 1): void {
    const original = JSON.stringify.bind(JSON);
    let countdown = n;
    vi.spyOn(JSON, 'stringify').mockImplementation(((value: unknown, ...rest: never[]) => {
      if (Array.isArray(value) && Array.isArray(value[0]) && --countdown === 0)
        throw new Error('injected encoding failure');
      return original(value, ...rest);
    }) as typeof JSON.stringify);
  }

  /**
   * Makes the next write to the audit store fail, once: the last step of a write, after the
   * index has changed (edits date their audit entry with the time they already read, so a
   * failing clock cannot reach it).
   */
  function failAuditWrite(): void {
    let armed = true;
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['add']>
      ) {
        if (armed && this.name === 'audit') {
          armed = false;
          throw new Error('injected audit failure');
        }
        return original.apply(this, args);
      });
    }
  }

  async function expectNoTrace(roster: Roster, write: () => Promise<unknown>, message: RegExp): Promise<void> {
    const before = await snapshotOf(roster);
    await expect(write()).rejects.toThrow(message);
    vi.restoreAllMocks();
    expect(await snapshotOf(roster)).toEqual(before);
    expect(await freshSnapshot(roster.name)).toEqual(before);
  }

  test('an update that fails at its audit entry', async () => {
    const { roster } = await faultyRoster();
    try {
      const world = await seedWorld(roster);
      failAuditWrite();
      await expectNoTrace(
        roster,
        () => roster.users.update(world.users.bob.id, { username: 'Robert', email: 'robert@example.com' }),
        /audit/,
      );

      expect(await roster.users.findByUsername(world.environments.productionEu.id, 'robert')).toBeUndefined();
      expect(await roster.users.findByUsername(world.environments.productionEu.id, 'bob')).toEqual(world.users.bob);
      // The next write works.
      await roster.users.update(world.users.bob.id, { username: 'Robert' });
      expect(
        await failureOf(roster.users.create(aUser(world.environments.productionEu.id, { username: 'robert' }))),
      ).toMatchObject({ code: 'conflict' });
      expect(await freshSnapshot(roster.name)).toEqual(await snapshotOf(roster));
    } finally {
      roster.close();
    }
  });

  test('a deactivation that fails at its audit entry', async () => {
    const { roster } = await faultyRoster();
    try {
      const world = await seedWorld(roster);
      failAuditWrite();
      await expectNoTrace(roster, () => roster.users.setActive(world.users.ana.id, false), /audit/);
      expect((await roster.users.classify(world.users.ana.id)).class).toBe('internal');
    } finally {
      roster.close();
    }
  });

  test('a delete that fails at its audit entry', async () => {
    const { roster, failOn } = await faultyRoster();
    try {
      const world = await seedWorld(roster);
      failOn(1);
      await expectNoTrace(roster, () => roster.users.delete(world.users.ana.id), /clock/);

      expect(await roster.users.get(world.users.ana.id)).toEqual(world.users.ana);
      expect(
        await failureOf(roster.users.create(aUser(world.environments.productionEu.id, { username: 'ANA' }))),
      ).toMatchObject({ code: 'conflict' });
      await roster.users.delete(world.users.ana.id);
      expect(await roster.users.get(world.users.ana.id)).toBeUndefined();
    } finally {
      roster.close();
    }
  });

  test('an environment create that fails at its audit entry', async () => {
    const { roster, failOn } = await faultyRoster();
    try {
      await seedWorld(roster);
      failOn(2);
      await expectNoTrace(roster, () => roster.environments.create({ name: 'Staging', kind: 'production' }), /clock/);

      const staging = await roster.environments.create({ name: 'Staging', kind: 'production' });
      await roster.users.create(aUser(staging.id));
      expect((await roster.users.list({ environmentId: staging.id })).total).toBe(1);
    } finally {
      roster.close();
    }
  });

  test('an environment delete that fails at its audit entry', async () => {
    const { roster, failOn } = await faultyRoster();
    try {
      const world = await seedWorld(roster);
      failOn(1);
      await expectNoTrace(roster, () => roster.environments.delete(world.environments.productionEu.id), /clock/);

      expect(await roster.users.get(world.users.ana.id)).toEqual(world.users.ana);
    } finally {
      roster.close();
    }
  });

  test('a createMany over two environments that fails while storing the second', async () => {
    const roster = await openTestRoster();
    try {
      const world = await seedWorld(roster);
      const eu = world.environments.productionEu.id;
      const us = world.environments.productionUs.id;
      const inputs = [...someUsers(eu, 5), aUser(us, { username: 'Ana' }), ...someUsers(us, 4)];
      // EU's chunk encodes and is stored, then US's fails: EU's users are in the index by then.
      failChunkEncoding(2);
      await expectNoTrace(roster, () => roster.users.createMany(inputs), /encoding/);

      expect(await roster.users.findByUsername(eu, inputs[0]!.username)).toBeUndefined();
      expect(await roster.users.findByUsername(us, 'ana')).toBeUndefined();
      const created = await roster.users.createMany(inputs);
      expect(created).toHaveLength(10);
      expect((await roster.users.list({ environmentId: eu, limit: 0 })).total).toBe(9);
      expect(await freshSnapshot(roster.name)).toEqual(await snapshotOf(roster));
    } finally {
      roster.close();
    }
  });

  test('reads made while such a write runs and fails see none of it', async () => {
    const roster = await openTestRoster();
    try {
      const world = await seedWorld(roster);
      const eu = world.environments.productionEu.id;
      const { bob } = world.users;
      const before = await Promise.all([
        roster.users.list({ environmentId: eu, search: 'b' }),
        roster.usage(),
        roster.users.get(bob.id),
      ]);
      failChunkEncoding(1);

      const [write, ...reads] = await Promise.allSettled([
        roster.users.update(bob.id, { username: 'robert', email: 'robert@example.com' }),
        roster.users.list({ environmentId: eu, search: 'b' }),
        roster.usage(),
        roster.users.get(bob.id),
      ]);
      vi.restoreAllMocks();

      expect(write.status).toBe('rejected');
      expect(reads).toEqual(before.map((value) => ({ status: 'fulfilled', value })));
      expect(await roster.users.findByUsername(eu, 'robert')).toBeUndefined();
      expect(await roster.usage()).toEqual(before[1]);
    } finally {
      roster.close();
    }
  });

  test(
    'a createMany of more users than a chunk holds that fails while storing its second chunk',
    { timeout: 60_000 },
    async () => {
      const roster = await openTestRoster();
      try {
        const environment = await roster.environments.create({ name: 'Only', kind: 'production' });
        const before = await roster.users.createMany(someUsers(environment.id, 10));
        const inputs = someUsers(environment.id, CHUNK_SIZE + 500);
        const listBefore = await roster.users.list({ environmentId: environment.id, limit: 10_000 });
        const usageBefore = await roster.usage();
        failChunkEncoding(2);

        await expect(roster.users.createMany(inputs)).rejects.toThrow(/encoding/);
        vi.restoreAllMocks();

        expect(await roster.users.list({ environmentId: environment.id, limit: 10_000 })).toEqual(listBefore);
        expect(await roster.usage()).toEqual(usageBefore);
        expect(await roster.users.findByUsername(environment.id, inputs[0]!.username)).toBeUndefined();
        expect(await storedRowsOf(roster.name, environment.id)).toMatchObject({ userChunks: 1 });
        expect(await roster.users.get(before[9]!.id)).toEqual(before[9]);
        await roster.users.createMany(inputs);
        expect((await roster.users.list({ environmentId: environment.id, limit: 0 })).total).toBe(CHUNK_SIZE + 510);
        expect(await storedRowsOf(roster.name, environment.id)).toMatchObject({
          userChunks: Math.ceil((CHUNK_SIZE + 510) / CHUNK_SIZE),
        });
      } finally {
        roster.close();
      }
    },
  );
});

describe('12,000 users over two environments', () => {
  const TOTAL = 12_000;

  test(
    'a fresh session reads exactly what was written: every sort, filter and usage, after changes in different chunks',
    { timeout: 120_000 },
    async () => {
      const clock = new TestClock();
      const name = uniqueDbName('roster-large');
      const roster = await openTestRoster(clock, name);
      let written: Awaited<ReturnType<typeof observed>>;
      let changed: EndUser[];
      let big = '';
      let small = '';
      try {
        const a = await roster.environments.create({ name: 'Big', kind: 'production' });
        const b = await roster.environments.create({ name: 'Small', kind: 'production', platformVersion: '11.2' });
        big = a.id;
        small = b.id;
        await roster.environments.setRules(big, {
          mode: 'domains',
          domains: ['example.com', { domain: '*.example.com', relation: 'parent' }],
        });
        const bigInputs = population(big, 7000, { style: 'numbers-and-accents', prefix: 'b' });
        const smallInputs = population(small, 5000, { style: 'letters' });
        // Interleaved, in one call.
        const inputs = bigInputs.flatMap((input, i) => (i < smallInputs.length ? [input, smallInputs[i]!] : [input]));
        expect(inputs).toHaveLength(TOTAL);

        const created = await roster.users.createMany(inputs);
        expect(created).toHaveLength(TOTAL);
        expect(await storedRowsOf(name, big)).toMatchObject({ userChunks: Math.ceil(7000 / CHUNK_SIZE) });
        expect(await storedRowsOf(name, small)).toMatchObject({ userChunks: Math.ceil(5000 / CHUNK_SIZE) });

        const bigUsers = created.filter((user) => user.environmentId === big);
        const smallUsers = created.filter((user) => user.environmentId === small);
        clock.advanceMinutes(10);
        // One change per chunk, and some at chunk boundaries.
        const touched = [0, 1999, 2000, 4001, 6999].map((i) => bigUsers[i]!);
        await roster.users.update(touched[0]!.id, {
          username: 'Zz-renamed',
          name: 'Renamed',
          email: 'renamed@gmail.com',
        });
        await roster.users.update(touched[1]!.id, {
          lastLogin: '2026-03-30T00:00:00Z',
          email: null,
          mobilePhone: '+44 20 7946 0000',
        });
        await roster.users.setActive(touched[2]!.id, false);
        await roster.users.setActive(bigUsers.find((user) => !user.isActive)!.id, true);
        await roster.users.delete(touched[3]!.id);
        await roster.users.delete(touched[4]!.id);
        await roster.users.delete(smallUsers[0]!.id);
        await roster.users.delete(smallUsers[4999]!.id);
        await roster.users.update(smallUsers[2500]!.id, { name: 'Ñame changed' });
        // New users after deletions land somewhere and are found.
        const late = await roster.users.createMany(someUsers(big, 3));
        changed = [touched[0]!, touched[1]!, touched[2]!, smallUsers[2500]!, ...late];

        written = await observed(roster, big, small, changed);
        expect(written.totals).toEqual({ big: 7000 - 2 + 3, small: 4998 });
      } finally {
        roster.close();
      }

      const fresh = await openTestRoster(clock, name);
      try {
        const read = await observed(fresh, big, small, changed);
        expect(read.totals).toEqual(written.totals);
        expect(read.usage).toEqual(written.usage);
        for (const key of Object.keys(written.big)) expect(read.big[key], `Big: ${key}`).toEqual(written.big[key]);
        for (const key of Object.keys(written.small))
          expect(read.small[key], `Small: ${key}`).toEqual(written.small[key]);
        expect(read.ids).toEqual(written.ids);
        expect(read.changed).toEqual(written.changed);
      } finally {
        fresh.close();
      }
    },
  );

  async function observed(roster: Roster, big: string, small: string, changed: EndUser[]) {
    const usage = await roster.usage();
    const bigListings = await listingsOf(roster, big);
    const smallListings = await listingsOf(roster, small);
    // The class filters add up to the total.
    for (const listings of [bigListings, smallListings]) {
      expect(CLASSES.reduce((sum, klass) => sum + (listings[`class ${klass}`] as number), 0)).toBe(listings.total);
    }
    return {
      totals: { big: bigListings.total, small: smallListings.total },
      usage,
      big: bigListings,
      small: smallListings,
      ids: { big: await allIds(roster, big), small: await allIds(roster, small) },
      changed: await Promise.all(changed.map((user) => roster.users.get(user.id))),
    };
  }
});
