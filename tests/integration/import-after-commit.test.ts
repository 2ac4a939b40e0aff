/**
 * An import whose transaction committed reports what it wrote, even when the connection closes
 * right after the commit (another tab upgrading the schema, the browser closing the database):
 * its report is built inside the transaction, from what it wrote, and nothing is read after it.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openRoster, type Roster } from '../../src/api';
import { anEnvironment } from '../factories/inputs';
import { openTestRoster, uniqueDbName } from '../factories/roster';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Tells the connection that another tab opens a newer schema version, as the import's
 * transaction commits (`complete`: in a listener, before the code awaiting the transaction goes
 * on) or while it still writes (`mid-write`: once its audit entry is written, before the log's
 * counts). The console's handler (roster.lifecycle.onVersionChange) then closes it for good.
 */
function upgradeElsewhereDuringImport(when: 'complete' | 'mid-write'): { closed: boolean } {
  const state = { closed: false };
  const add = IDBObjectStore.prototype.add;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === 'audit' && (args[0] as { action?: string }).action === 'import') {
      const { transaction } = this;
      const tell = () => {
        const { db } = transaction;
        const event = Object.assign(new Event('versionchange'), {
          oldVersion: db.version,
          newVersion: db.version + 10,
        });
        db.onversionchange?.call(db, event as IDBVersionChangeEvent);
        state.closed = true;
      };
      if (when === 'complete') transaction.addEventListener('complete', tell);
      else queueMicrotask(tell);
    }
    return add.apply(this, args);
  });
  return state;
}

describe('an import whose transaction committed', () => {
  let reopened: Roster | undefined;
  afterEach(() => reopened?.close());

  test('reports it applied, with the usage after it, when the connection closes right after', async () => {
    const name = uniqueDbName('import-after-commit');
    const roster = await openTestRoster(undefined, name);
    const eu = await roster.environments.create(anEnvironment({ name: 'EU' }));
    await roster.ready();
    const changes: unknown[] = [];
    roster.lifecycle.onVersionChange((change) => changes.push(change));
    const closing = upgradeElsewhereDuringImport('complete');

    const report = await roster.importCsv(eu.id, 'username,email\nana,ana@example.com\nbo,\n');

    expect(closing.closed).toBe(true);
    expect(changes).toHaveLength(1);
    expect(report.applied).toBe(true);
    expect(report.totals).toMatchObject({ create: 2, error: 0 });
    expect(report.userIds).toHaveLength(2);
    const usage = report.usageAfter.environments.find((row) => row.environmentId === eu.id)!;
    expect(usage.named + usage.anonymous).toBe(2);
    vi.restoreAllMocks();
    // Closed for good: a later call fails (the page asks for a reload).
    await expect(roster.usage()).rejects.toMatchObject({ name: 'DatabaseClosedError' });

    // What it says is what the database kept.
    reopened = await openRoster(name);
    const stored = await reopened.users.list({ environmentId: eu.id });
    expect(stored.items.map((user) => user.username).sort()).toEqual(['ana', 'bo']);
    expect((await reopened.usage()).environments.find((row) => row.environmentId === eu.id)).toEqual(usage);
  });

  test('says what was written when the connection closes before the commit: all of it, or nothing', async () => {
    const name = uniqueDbName('import-before-commit');
    const roster = await openTestRoster(undefined, name);
    const eu = await roster.environments.create(anEnvironment({ name: 'EU' }));
    await roster.ready();
    roster.lifecycle.onVersionChange(() => undefined);
    const closing = upgradeElsewhereDuringImport('mid-write');

    const applied = await roster.importCsv(eu.id, 'username\nana\nbo\n').then(
      (report) => report.applied,
      () => false,
    );
    expect(closing.closed).toBe(true);
    vi.restoreAllMocks();

    reopened = await openRoster(name);
    expect((await reopened.users.list({ environmentId: eu.id })).total).toBe(applied ? 2 : 0);
    expect((await reopened.activity.list({ action: 'import' })).total).toBe(applied ? 1 : 0);
  });
});
