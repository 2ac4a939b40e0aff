/**
 * Faults of the browser's storage itself: a full disk (QuotaExceededError) or a transaction the
 * browser aborts, during an import, a bulk action or a restore, leaves every table exactly as
 * before, the in-memory index too, and the console's sentence says so in words; the same call
 * then works. And a tab closed mid-import leaves nothing half-written: an import is one
 * transaction, so aborting it at its last write, or closing the connection while it writes,
 * gives all or nothing.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openRoster, type Roster } from '../../src/api';
import { CHUNK_SIZE, RosterDb } from '../../src/db';
import { STORAGE_FAULTS, errorMessage } from '../../src/ui/errors';
import { openTestRoster, uniqueDbName } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { seedWorld, type World } from '../factories/world';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Every record of every table, derived ones (audit buckets, stored orders) included: what a
 * tab opening the database next would find.
 */
async function everyTable(name: string): Promise<Record<string, unknown[]>> {
  const db = new RosterDb(name);
  await db.open();
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of db.tables) tables[table.name] = await table.toArray();
    return tables;
  } finally {
    db.close();
  }
}

type Fault = 'quota' | 'aborted';

/**
 * Makes the `nth` write (add, put or delete) to `store` from now on that `matches` fail, once:
 * with `quota` the browser refuses it as it does on a full disk; with `aborted` the write is
 * issued and then the browser aborts the whole transaction, as when it runs out of space at
 * commit or the tab closes. Counts every write per store, so that a test can show the fault hit
 * mid-way.
 */
function failWrite(
  store: string,
  fault: Fault,
  { nth = 1, matches = () => true }: { nth?: number; matches?: (value: unknown) => boolean } = {},
): { writes: number; byStore: Map<string, number> } {
  const seen = { writes: 0, byStore: new Map<string, number>() };
  for (const method of ['add', 'put', 'delete'] as const) {
    const original = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      seen.byStore.set(this.name, (seen.byStore.get(this.name) ?? 0) + 1);
      if (this.name !== store || !matches(args[0])) return original.apply(this, args);
      seen.writes += 1;
      if (seen.writes !== nth) return original.apply(this, args);
      if (fault === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      // The browser aborts between tasks, never within a call: once this write has succeeded.
      const request = original.apply(this, args);
      const transaction = this.transaction;
      request.addEventListener('success', () => transaction.abort());
      return request;
    });
  }
  return seen;
}

/** A CSV file of `count` new users, with groups so that memberships and new groups are written too. */
function newUsersCsv(count: number): string {
  const lines = ['username,email,groups'];
  for (let i = 0; i < count; i++) lines.push(`import-${i},import-${i}@example.com,${i % 2 ? 'Sales' : 'Imported'}`);
  return lines.join('\n');
}

interface Operation {
  about: string;
  /** The stores it writes, each a place to fail it. */
  stores: string[];
  run: (roster: Roster, world: World, backup: Blob) => Promise<unknown>;
}

const operations: Operation[] = [
  {
    about: 'an import',
    stores: ['userChunks', 'groups', 'groupMembers', 'audit'],
    run: (roster, world) =>
      roster.importCsv(world.environments.productionEu.id, newUsersCsv(20), { createMissing: true }),
  },
  {
    about: 'a bulk deactivation',
    stores: ['userChunks', 'audit'],
    run: (roster, { users }) => roster.users.setActiveMany([users.ana.id, users.bob.id, users.carla.id], false),
  },
  {
    about: 'a bulk delete',
    stores: ['groupMembers', 'userChunks', 'audit'],
    // Ana leaves Sales, where Bob stays: its member chunk is written again.
    run: (roster, { users }) => roster.users.deleteMany([users.ana.id, users.carla.id, users.dan.id]),
  },
  {
    about: 'adding users to a group',
    stores: ['groupMembers', 'audit'],
    run: (roster, { users, groups }) => roster.groups.addUsers(groups.support.id, [users.ana.id, users.carla.id]),
  },
  {
    about: 'a restore',
    stores: ['environments', 'userChunks', 'audit', 'auditBuckets'],
    run: (roster, _world, backup) => roster.restore(backup),
  },
];

const cases = operations.flatMap((operation) =>
  operation.stores.flatMap((store) => (['quota', 'aborted'] as const).map((fault) => ({ ...operation, store, fault }))),
);

/** A backup of another database, different from the one restored into. */
async function otherBackup(): Promise<Blob> {
  const other = await openTestRoster();
  try {
    const world = await seedWorld(other);
    await other.users.createMany(
      Array.from({ length: 30 }, (_, i) => ({
        environmentId: world.environments.qa.id,
        username: `restored-${i}`,
      })),
    );
    return await other.backup();
  } finally {
    other.close();
  }
}

describe('a storage fault during a write', () => {
  test.for(cases)(
    '$fault at $store during $about leaves every table and every read as before, says so, and the next try works',
    { timeout: 30_000 },
    async ({ store, fault, run }) => {
      const backup = await otherBackup();
      const roster = await openTestRoster();
      try {
        const world = await seedWorld(roster);
        // Sorted once, so that the stored orders are built before the first reading.
        await roster.users.list({ environmentId: world.environments.productionEu.id, sort: 'name' });
        const before = await everyTable(roster.name);
        const readsBefore = await snapshotOf(roster);

        const injected = failWrite(store, fault);
        const error = await run(roster, world, backup).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        vi.restoreAllMocks();

        // The fault did hit: the call failed at the store, not before it.
        expect(injected.writes).toBeGreaterThan(0);
        expect(error).toBeDefined();
        expect(errorMessage(error)).toBe(STORAGE_FAULTS[fault]);
        expect(await everyTable(roster.name)).toEqual(before);
        expect(await snapshotOf(roster)).toEqual(readsBefore);
        // Nothing is left in a state that stops the same call once space is back.
        await run(roster, world, backup);
        expect(await everyTable(roster.name)).not.toEqual(before);
      } finally {
        roster.close();
      }
    },
  );
});

describe('a tab closed mid-import', () => {
  const ROWS = CHUNK_SIZE + 500;

  test(
    `the browser ending an import's transaction at its last write (${ROWS} users, two chunks) leaves nothing`,
    { timeout: 60_000 },
    async () => {
      const name = uniqueDbName('roster-closed');
      const roster = await openRoster(name);
      let eu = '';
      let before: Record<string, unknown[]>;
      try {
        const world = await seedWorld(roster);
        eu = world.environments.productionEu.id;
        before = await everyTable(name);
        // A closing page aborts the transactions it has not committed: here after the users'
        // chunks, their groups and memberships are all written, at the audit entry that ends it.
        const isImportEntry = (value: unknown) => (value as { action?: string }).action === 'import';
        const injected = failWrite('audit', 'aborted', { matches: isImportEntry });
        const error = await roster.importCsv(eu, newUsersCsv(ROWS), { createMissing: true }).catch((e: unknown) => e);
        expect(errorMessage(error)).toBe(STORAGE_FAULTS.aborted);
        expect(injected.writes).toBe(1);
        expect(injected.byStore.get('userChunks')).toBeGreaterThanOrEqual(2);
        expect(injected.byStore.get('groupMembers')).toBeGreaterThanOrEqual(2);
      } finally {
        vi.restoreAllMocks();
        roster.close();
      }

      // The next visit: a fresh tab on the same database.
      expect(await everyTable(name)).toEqual(before);
      const next = await openRoster(name);
      try {
        expect((await next.users.list({ environmentId: eu, limit: 0 })).total).toBe(4);
        expect(await next.users.findByUsername(eu, 'import-0')).toBeUndefined();
      } finally {
        next.close();
      }
    },
  );

  test(
    'closing the connection while the import writes gives all of it or none of it',
    { timeout: 60_000 },
    async () => {
      const name = uniqueDbName('roster-closed');
      const roster = await openRoster(name);
      const world = await seedWorld(roster);
      const eu = world.environments.productionEu.id;
      const before = await everyTable(name);
      let closedWhile: string | undefined;

      const outcome = await roster
        .importCsv(eu, newUsersCsv(ROWS), {
          createMissing: true,
          onProgress: (progress) => {
            // Closed as a tab that goes away would, once the writing has begun.
            if (progress.phase === 'writing' && closedWhile === undefined) {
              closedWhile = progress.phase;
              roster.close();
            }
          },
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(closedWhile).toBe('writing');
      // A connection closes once its running transaction is done: a failure after that must not
      // claim that nothing was saved.
      if (outcome !== undefined) expect(errorMessage(outcome)).toBe(STORAGE_FAULTS.closed);

      const after = await everyTable(name);
      const next = await openRoster(name);
      try {
        const total = (await next.users.list({ environmentId: eu, limit: 0 })).total;
        const imports = (await next.activity.list({ limit: 100 })).items.filter((entry) => entry.action === 'import');
        // Judged by what the next tab finds, the only thing that counts once the tab is gone.
        if (total === 4) {
          expect(after).toEqual(before);
          expect(imports).toEqual([]);
        } else {
          expect(total).toBe(4 + ROWS);
          expect(imports).toHaveLength(1);
          expect((await next.groups.list(eu)).find((group) => group.name === 'Imported')?.memberCount).toBe(ROWS / 2);
        }
      } finally {
        next.close();
      }
    },
  );
});
