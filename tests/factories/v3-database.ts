/**
 * Databases as schema v3 left them, for the v3 → v4 migration tests: users in chunks (v2),
 * and group memberships one record each in `memberships`, written directly through a Dexie
 * connection that knows only versions 1 to 3.
 */
import { Dexie } from 'dexie';
import type { MembershipRecord } from '../../src/db';
// The schema constants and the shipped v2 migration are not re-exported by src/db/index.ts.
import { migrateUsersToChunks } from '../../src/db/migrations/v2-user-chunks';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/db/roster-db';
import { writeV1Database, type V1Data } from './v1-database';

/** A Dexie connection that declares the schema up to v3, with the shipped v1 → v2 upgrade. */
function v3Connection(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(migrateUsersToChunks);
  db.version(3).stores(SCHEMA_V3);
  return db;
}

/**
 * Writes a database at schema v3, then closes it: `data` is written as v1 wrote it and
 * upgraded to v3 as a v3 build did (users into chunks); then `memberships` are added to the
 * v3 `memberships` table, one record each, as v3's repositories stored them.
 */
export async function writeV3Database(
  name: string,
  data: V1Data,
  memberships: readonly MembershipRecord[],
): Promise<void> {
  await writeV1Database(name, data);
  const db = v3Connection(name);
  await db.open();
  try {
    if (db.verno !== 3) throw new Error(`Expected a v3 database, got version ${db.verno}`);
    await db.transaction('rw', db.table('memberships'), async () => {
      await db.table('memberships').bulkAdd([...memberships]);
    });
  } finally {
    db.close();
  }
}

/** The membership records of a v3 database, read through a v3 connection (before it is migrated). */
export async function v3MembershipsOf(name: string): Promise<MembershipRecord[]> {
  const db = v3Connection(name);
  await db.open();
  try {
    return await db.table<MembershipRecord>('memberships').toArray();
  } finally {
    db.close();
  }
}
