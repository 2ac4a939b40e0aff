/**
 * Another tab opening the database at a newer schema version: this connection closes at once,
 * so the upgrade is not blocked, and says so, so that the page can ask to be reloaded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RosterDb, onVersionChange, type VersionChange } from '../../src/db';

let count = 0;
const opened: RosterDb[] = [];

async function openDb(): Promise<RosterDb> {
  const db = new RosterDb(`roster-version-change-${++count}`);
  await db.open();
  opened.push(db);
  return db;
}

/** Opens `name` at IndexedDB version `version` as another tab would; says whether it was blocked. */
function openElsewhere(name: string, version: number): Promise<'upgraded' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onblocked = () => resolve('blocked');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      request.result.close();
      resolve('upgraded');
    };
  });
}

function deleteElsewhere(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('onVersionChange', () => {
  it('closes the connection and tells the handler when another tab opens a newer version', async () => {
    const db = await openDb();
    const changes: VersionChange[] = [];
    onVersionChange(db, (change) => changes.push(change));

    expect(await openElsewhere(db.name, db.verno * 10 + 10)).toBe('upgraded');
    expect(changes).toEqual([{ newVersion: db.verno + 1 }]);
    expect(db.isOpen()).toBe(false);
    // No quiet reopen against the newer schema: every later call fails.
    await expect(db.environments.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });

  it('says newVersion null when the other tab deletes the database', async () => {
    const db = await openDb();
    const changes: VersionChange[] = [];
    onVersionChange(db, (change) => changes.push(change));

    await deleteElsewhere(db.name);
    expect(changes).toEqual([{ newVersion: null }]);
  });

  it('stops telling once unsubscribed', async () => {
    const db = await openDb();
    const changes: VersionChange[] = [];
    const stop = onVersionChange(db, (change) => changes.push(change));
    stop();

    // Dexie's own handling still lets the upgrade through.
    expect(await openElsewhere(db.name, db.verno * 10 + 10)).toBe('upgraded');
    expect(changes).toEqual([]);
  });
});
