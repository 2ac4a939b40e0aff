/**
 * The audit log: one entry per change, written in the transaction of the change itself, and
 * its counts per block of ids (`auditBuckets`, schema v6), kept in the same transaction, so
 * that the log is counted and paged at a million entries without counting through an index.
 */
import { BUCKET_SIZE, bucketOf, countEntries } from './audit-buckets';
import { indexAuditUsers, unindexAuditUsers } from './audit-users';
import type { AuditBucketRecord, AuditRecord } from './records';
import { admit, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

/** Writes entries and counts them in their blocks; call inside the caller's write transaction. */
export async function addAudit(db: RosterDb, entries: AuditRecord[]): Promise<void> {
  if (!entries.length) return;
  const ids = await db.audit.bulkAdd(entries, { allKeys: true });
  const written = entries.map((entry, index) => ({ ...entry, id: ids[index] as number }));
  await updateBuckets(db, written, 1);
  await indexAuditUsers(db, written);
}

async function updateBuckets(db: RosterDb, entries: readonly AuditRecord[], sign: 1 | -1): Promise<void> {
  const wanted = [...new Set(entries.map((entry) => bucketOf(entry.id!)))];
  const stored = await db.auditBuckets.bulkGet(wanted);
  const buckets = new Map<number, AuditBucketRecord>();
  for (const record of stored) if (record) buckets.set(record.bucket, record);
  countEntries(buckets, entries, sign);
  const empty = [...buckets.values()].filter((record) => record.count <= 0).map((record) => record.bucket);
  await db.auditBuckets.bulkPut([...buckets.values()].filter((record) => record.count > 0));
  if (empty.length) await db.auditBuckets.bulkDelete(empty);
}

/** Every block's counts, newest block first. */
export function auditBuckets(db: RosterDb): Promise<AuditBucketRecord[]> {
  // A Dexie promise (not an async function's): awaited inside a transaction or a live query, it keeps their track.
  return db.auditBuckets
    .reverse()
    .toArray()
    .then((records) => admit<AuditBucketRecord>(db, 'auditBuckets', records));
}

/** One block's entries, newest (highest id) first. */
export function entriesOfBucket(db: RosterDb, bucket: number): Promise<AuditRecord[]> {
  return db.audit
    .where(':id')
    .between(bucket * BUCKET_SIZE, (bucket + 1) * BUCKET_SIZE, true, false)
    .reverse()
    .toArray()
    .then((records) => admit<AuditRecord>(db, 'audit', records));
}

/** One entity's entries, newest first (the `[entity+entityId]` index; one entity has few). */
export function entriesOfEntity(db: RosterDb, entity: AuditRecord['entity'], entityId: string): Promise<AuditRecord[]> {
  return db.audit
    .where('[entity+entityId]')
    .equals([entity, entityId])
    .reverse()
    .toArray()
    .then((records) => admit<AuditRecord>(db, 'audit', records));
}

export function getAuditEntry(db: RosterDb, id: number): Promise<AuditRecord | undefined> {
  return db.audit.get(id).then((record) => admitOne<AuditRecord>(db, 'audit', record));
}

/**
 * Deletes up to `limit` entries dated before `cutoff` with their counts; returns how many went.
 * Run in a write transaction; the caller repeats it until it returns less than `limit`.
 */
export async function deleteAuditBefore(db: RosterDb, cutoff: string, limit: number): Promise<number> {
  const old = await db.audit.where('at').below(cutoff).limit(limit).toArray();
  if (!old.length) return 0;
  await db.audit.bulkDelete(old.map((entry) => entry.id!));
  await updateBuckets(db, old, -1);
  await unindexAuditUsers(db, old);
  return old.length;
}

/**
 * Counts every entry of the log afresh, and indexes the users of its bulk entries afresh (after
 * a restore replaced it), in the caller's transaction.
 */
export async function recountAudit(db: RosterDb, entries: readonly AuditRecord[]): Promise<void> {
  const buckets = new Map<number, AuditBucketRecord>();
  countEntries(buckets, entries, 1);
  await db.auditBuckets.clear();
  await db.auditBuckets.bulkAdd([...buckets.values()]);
  await db.auditUsers.clear();
  await indexAuditUsers(db, entries);
}

/** The most recent entries first. */
export function recentAudit(db: RosterDb, limit: number): Promise<AuditRecord[]> {
  return db.audit
    .orderBy('at')
    .reverse()
    .limit(limit)
    .toArray()
    .then((records) => admit<AuditRecord>(db, 'audit', records));
}
