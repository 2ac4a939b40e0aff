/**
 * Which entries listed a user (schema v8): the users of every bulk entry (a bulk change, an
 * import, a group's membership change) spread over USER_SHARDS records per entry by a hash of
 * the user id, each record holding that shard's ids as JSON. A user's history reads the one
 * shard its id falls in (a 256th of these records) and checks the ids there, instead of
 * reading every bulk entry and its list of users. Derived from the log, so not in backups:
 * written with each entry, deleted with it, rebuilt after a restore.
 */
import Dexie from 'dexie';
import type { AuditRecord, AuditUserRecord } from './records';
import { admit, setApart } from './record-gate';
import type { RosterDb } from './roster-db';
import { keepAlive } from './transaction';

/** Records per entry at most: a few hundred keeps an import of 1M users at a few hundred writes. */
export const USER_SHARDS = 256;

/** The shard of a user id: FNV-1a over its UTF-16 units. */
export function shardOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index += 1) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % USER_SHARDS;
}

/**
 * Whether an entry's users belong in the index: it lists users, and it is not a change of one
 * user (whose own entries the `[entity+entityId]` index already finds).
 */
export function listsOtherUsers(entry: AuditRecord): boolean {
  return entry.userIds !== undefined && !(entry.entity === 'user' && entry.entityId !== '*');
}

/** Ids hashed between two pauses: an import of a million users is otherwise one long task. */
const HASH_SLICE = 50_000;
/** Index records written per request. */
const PUT_BATCH = 256;

/** The index records of written entries (with their ids); `pause` lets the page breathe between slices. */
export async function userRecordsOf(
  entries: readonly AuditRecord[],
  pause: () => Promise<void> = async () => {},
): Promise<AuditUserRecord[]> {
  const records: AuditUserRecord[] = [];
  // Counted over all the entries: a restore indexes many entries of tens of thousands of ids each.
  let hashed = 0;
  for (const entry of entries) {
    if (!listsOtherUsers(entry)) continue;
    const shards = new Map<number, string[]>();
    const userIds = JSON.parse(entry.userIds!) as string[];
    for (const userId of userIds) {
      const shard = shardOf(userId);
      const ids = shards.get(shard);
      if (ids) ids.push(userId);
      else shards.set(shard, [userId]);
      if (++hashed % HASH_SLICE === 0) await pause();
    }
    for (const [shard, ids] of shards) records.push({ entryId: entry.id!, shard, userIds: JSON.stringify(ids) });
  }
  return records;
}

/** Indexes the users of written entries; call in the transaction that writes them. */
export async function indexAuditUsers(db: RosterDb, entries: readonly AuditRecord[]): Promise<void> {
  const records = await userRecordsOf(entries, keepAlive(db));
  // A few hundred records per request: each request copies its records in one task.
  for (let start = 0; start < records.length; start += PUT_BATCH)
    await db.auditUsers.bulkPut(records.slice(start, start + PUT_BATCH));
}

/** Forgets the users of entries being deleted; call in the transaction that deletes them. */
export async function unindexAuditUsers(db: RosterDb, entries: readonly AuditRecord[]): Promise<void> {
  for (const entry of entries)
    if (listsOtherUsers(entry))
      await db.auditUsers
        .where('[entryId+shard]')
        .between([entry.id!, Dexie.minKey], [entry.id!, Dexie.maxKey])
        .delete();
}

/** The ids of the entries that list a user (not its own entries), newest first. */
export async function entryIdsListing(db: RosterDb, userId: string): Promise<number[]> {
  const read = await db.auditUsers.where('shard').equals(shardOf(userId)).toArray();
  const encoded = JSON.stringify(userId);
  const ids: number[] = [];
  for (const record of admit<AuditUserRecord>(db, 'auditUsers', read)) {
    // The text first: most records of the shard are about other users.
    if (!record.userIds.includes(encoded)) continue;
    let listed: unknown;
    try {
      listed = JSON.parse(record.userIds);
    } catch {
      listed = undefined;
    }
    if (!Array.isArray(listed)) setApart(db, 'auditUsers', record, 'userIds: is not a list of ids');
    else if (listed.includes(userId)) ids.push(record.entryId);
  }
  return ids.sort((a, b) => b - a);
}
