/**
 * Every table as it is stored, for a full backup and its restore: records are read and
 * written exactly as IndexedDB keeps them (user chunks stay packed text), so a restored
 * database is identical to the original. The API validates a backup's records before they
 * reach `replaceDatabase`.
 */
import type { RosterDb } from './roster-db';
import { recountAudit } from './audit.repository';
import { clearCaches, writeTransaction } from './transaction';
import type { AuditRecord, EnvironmentStateRecord } from './records';

/** The tables of the current schema, in the order a backup lists them. */
export const BACKUP_TABLES = [
  'environments',
  'tenants',
  'environmentStates',
  'tenantTallies',
  'userChunks',
  'groups',
  'groupMembers',
  'roles',
  'userRoles',
  'groupRoles',
  'settings',
  'snapshots',
  'tenantSnapshots',
  'audit',
] as const;

export type BackupTable = (typeof BACKUP_TABLES)[number];

/** The schema version these tables belong to (RosterDb's highest version). */
export function schemaVersion(db: RosterDb): number {
  return db.verno;
}

/** A table's records in batches of at most `size`, in primary-key order. */
export async function* tableRecords(db: RosterDb, table: BackupTable, size: number): AsyncGenerator<unknown[]> {
  const keys = await db.table(table).toCollection().primaryKeys();
  for (let start = 0; start < keys.length; start += size) {
    const records = await db.table(table).bulkGet(keys.slice(start, start + size));
    yield records.filter((record) => record !== undefined);
  }
}

/** How many records each table holds. */
export async function tableCounts(db: RosterDb): Promise<Record<BackupTable, number>> {
  const counts = await Promise.all(BACKUP_TABLES.map((table) => db.table(table).count()));
  return Object.fromEntries(BACKUP_TABLES.map((table, index) => [table, counts[index]!])) as Record<
    BackupTable,
    number
  >;
}

/**
 * Replaces every table's records with the given ones in one transaction: either the whole
 * backup is in place afterwards, or (on any failure) the database is as it was.
 */
export async function replaceDatabase(
  db: RosterDb,
  tables: Readonly<Record<BackupTable, readonly unknown[]>>,
): Promise<void> {
  // Other tabs see a new generation on the state records and reload their user index.
  const generation = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const records = {
    ...tables,
    environmentStates: (tables.environmentStates as EnvironmentStateRecord[]).map((state) => ({
      ...state,
      generation,
    })),
  };
  // Nothing but IndexedDB requests is awaited in here: a pause to the event loop would let the
  // transaction commit half-way, with the tables cleared and only part of the backup written.
  // One write transaction like every other, so that an abort says so in the same way.
  await writeTransaction(db, async () => {
    for (const table of BACKUP_TABLES) await db.table(table).clear();
    for (const table of BACKUP_TABLES) {
      for (const batch of batchesOf(records[table])) await db.table(table).bulkAdd(batch as never[]);
    }
    // The log's counts per block are derived (not in backups): counted again from the restored entries.
    await recountAudit(db, records.audit as AuditRecord[]);
  });
  // The stored username orders and dormancy facts describe the users replaced (caches, not in
  // backups). Of the old generation, they could not be used anyway; cleared so as not to linger.
  await clearCaches(db);
}

/** Records per bulkAdd at most, and the text they may hold: each call copies its records in one task. */
const ADD_BATCH = 200;
const ADD_BATCH_CHARS = 1 << 20;

/**
 * The records in batches of at most ADD_BATCH records or about ADD_BATCH_CHARS characters of
 * text: a user chunk holds a few thousand users, an activity entry the ids of a bulk change's
 * users, and 200 of those copied at once made tasks of most of a second.
 */
function* batchesOf(rows: readonly unknown[]): Generator<unknown[]> {
  let batch: unknown[] = [];
  let chars = 0;
  for (const row of rows) {
    batch.push(row);
    chars += textLength(row);
    if (batch.length >= ADD_BATCH || chars >= ADD_BATCH_CHARS) {
      yield batch;
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) yield batch;
}

/** The length of a record's text fields (what makes a record large here). */
function textLength(row: unknown): number {
  if (typeof row !== 'object' || row === null) return 0;
  let chars = 0;
  for (const value of Object.values(row)) if (typeof value === 'string') chars += value.length;
  return chars;
}

/** When the oldest audit entry was written (the data's first change that is still logged). */
export async function firstAuditAt(db: RosterDb): Promise<string | undefined> {
  return (await db.audit.orderBy('id').first())?.at;
}
