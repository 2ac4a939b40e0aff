/**
 * The stored dormancy facts (schema v9, src/index/dormancy-facts.ts): written in the background
 * once the index is loaded and quiet, read by `users.dormantCounts` on a cold start before the
 * index has loaded, and used only at the exact revision and generation they reflect.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Roster, UserCreateInput } from '../../src/api';
import { RosterDb, factsStamp, type DormancyFactsRecord } from '../../src/db';
import { FACTS_VERSION } from '../../src/index';
import { FIXED_NOW, TestClock, daysBefore, openTestRoster, uniqueDbName } from '../factories/roster';

const THRESHOLDS = [1, 30, 90, 200, 400];

async function withDb<T>(name: string, work: (db: RosterDb) => Promise<T>): Promise<T> {
  const db = new RosterDb(name);
  await db.open();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Users over a production and a non-production environment, logins spread over a year, some never. */
async function populate(roster: Roster, clock: TestClock) {
  // Created a year and a half ago, so that those never logged in are dormant at every threshold.
  clock.set(daysBefore(540));
  const rules = { mode: 'domains' as const, domains: ['example.com'] };
  const production = await roster.environments.create({ name: 'Production', kind: 'production', rules });
  const qa = await roster.environments.create({ name: 'QA', kind: 'non-production', rules });
  const inputs: UserCreateInput[] = [];
  for (let i = 0; i < 300; i++) {
    inputs.push({
      environmentId: i % 3 === 0 ? qa.id : production.id,
      username: `user-${i}`,
      email: i % 11 === 0 ? undefined : `u${i}@${['example.com', 'gmail.com', 'acme.test'][i % 3]}`,
      isActive: i % 13 !== 0,
      lastLogin: i % 7 === 0 ? undefined : daysBefore((i * 37) % 365).toISOString(),
    });
  }
  await roster.users.createMany(inputs);
  clock.set(FIXED_NOW);
  return { production, qa };
}

/** Waits until every environment with users has facts stored at its current revision. */
async function factsStored(name: string): Promise<DormancyFactsRecord[]> {
  return vi.waitFor(
    () =>
      withDb(name, async (db) => {
        const states = await db.environmentStates.toArray();
        const facts = await db.dormancyFacts.toArray();
        for (const state of states) {
          if (state.count === 0) continue;
          const stored = facts.find((record) => record.environmentId === state.environmentId);
          if (stored?.stamp !== factsStamp(state.generation, state.rev, FACTS_VERSION))
            throw new Error('The facts are not stored yet.');
        }
        return facts;
      }),
    { timeout: 15_000, interval: 200 },
  );
}

/** A populated database with its facts stored, closed: its name and the counts the index gives. */
async function seeded() {
  const clock = new TestClock();
  const name = uniqueDbName('dormancy-facts');
  const roster = await openTestRoster(clock, name);
  const environments = await populate(roster, clock);
  await roster.ready();
  const expected = [];
  for (const days of THRESHOLDS) expected.push(await roster.users.dormantCounts({ days }));
  await factsStored(name);
  roster.close();
  return { name, clock, environments, expected };
}

describe('stored dormancy facts', () => {
  test('a cold start counts from them exactly what the index counts, at every threshold', async () => {
    const { name, clock, expected } = await seeded();
    const roster = await openTestRoster(clock, name);
    try {
      const counts = await Promise.all(THRESHOLDS.map((days) => roster.users.dormantCounts({ days })));
      expect(counts).toEqual(expected);
      // Per environment and class too, as the dashboard asks.
      const external = await roster.users.dormantCounts({ production: true });
      await roster.ready();
      expect(await roster.users.dormantCounts({ production: true })).toEqual(external);
    } finally {
      roster.close();
    }
  });

  test('a cold start uses facts at the current stamp: what they say is what it shows', async () => {
    const { name, clock, environments } = await seeded();
    // Facts that say something the users do not: one dormant external user in production.
    await withDb(name, async (db) => {
      const record = (await db.dormancyFacts.get(environments.production.id))!;
      await db.dormancyFacts.put({
        ...record,
        domains: ['elsewhere.test'],
        offsets: new Uint32Array([0, 1, 1, 1, 1]),
        times: new Float64Array([daysBefore(400).getTime()]),
      });
    });
    const roster = await openTestRoster(clock, name);
    try {
      const counts = await roster.users.dormantCounts({ environmentId: environments.production.id, days: 90 });
      expect(counts.environments).toEqual([
        { environmentId: environments.production.id, production: true, internal: 0, external: 1, anonymous: 0 },
      ]);
    } finally {
      roster.close();
    }
  });

  test('facts of an older revision are not used: the counts wait for the index', async () => {
    const { name, clock, environments, expected } = await seeded();
    await withDb(name, async (db) => {
      const record = (await db.dormancyFacts.get(environments.production.id))!;
      // Stale facts (as after a write of another tab that closed before storing them) that say nothing.
      await db.dormancyFacts.put({
        ...record,
        rev: record.rev - 1,
        stamp: factsStamp(record.generation, record.rev - 1, FACTS_VERSION),
        domains: [],
        offsets: new Uint32Array([0, 0, 0]),
        times: new Float64Array(0),
      });
    });
    const roster = await openTestRoster(clock, name);
    try {
      expect(await roster.users.dormantCounts({ days: THRESHOLDS[0] })).toEqual(expected[0]);
    } finally {
      roster.close();
    }
  });

  test('a write makes them stale, and they are stored again once quiet', async () => {
    const { name, clock, environments, expected } = await seeded();
    let roster = await openTestRoster(clock, name);
    const [first] = await roster.users.dormant({ environmentId: environments.production.id, days: 90 });
    await roster.users.setActive(first!.id, false);
    const after = await roster.users.dormantCounts({ days: 90 });
    expect(after.production.named).toBe(expected[2]!.production.named - 1);
    await factsStored(name);
    roster.close();
    roster = await openTestRoster(clock, name);
    try {
      expect(await roster.users.dormantCounts({ days: 90 })).toEqual(after);
    } finally {
      roster.close();
    }
  });

  test('an environment deleted takes its facts along; a restore clears them all', async () => {
    const { name, clock, environments } = await seeded();
    const roster = await openTestRoster(clock, name);
    try {
      const backup = await roster.backup();
      await roster.environments.delete(environments.qa.id);
      expect(await withDb(name, (db) => db.dormancyFacts.get(environments.qa.id))).toBeUndefined();
      await roster.restore(backup);
      expect(await withDb(name, (db) => db.dormancyFacts.count())).toBe(0);
    } finally {
      roster.close();
    }
  });

  test('a write of the caches holds up no read or write of users', async () => {
    const { name, clock, environments } = await seeded();
    const roster = await openTestRoster(clock, name);
    await roster.ready();
    // Another connection keeps a write transaction over the caches open, as a large put would.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let holding = true;
    const held = new Promise<void>((resolve) => {
      const transaction = raw.transaction(['dormancyFacts', 'userOrders'], 'readwrite');
      const store = transaction.objectStore('dormancyFacts');
      const again = () => {
        if (holding) store.get('').onsuccess = again;
      };
      again();
      transaction.oncomplete = () => resolve();
    });
    try {
      const usage = await roster.usage();
      await roster.users.createMany([
        { environmentId: environments.qa.id, username: 'while-held', email: 'held@gmail.com' },
      ]);
      expect((await roster.usage()).environments.find((row) => row.environmentId === environments.qa.id)?.named).toBe(
        usage.environments.find((row) => row.environmentId === environments.qa.id)!.named + 1,
      );
      // Still held: the reads and the write above did not wait for it.
      expect(holding).toBe(true);
    } finally {
      holding = false;
      await held;
      raw.close();
      roster.close();
    }
  });
});
