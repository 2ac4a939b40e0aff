/**
 * Schema v7 → v8: the users of the bulk entries by shard of their ids (`auditUsers`), built from
 * the entries already written, so that a user's history finds the bulk entries that listed it.
 * Before v8 only a bulk change of users or an import (entity 'user', id '*') listed users of
 * others (a group's membership change kept a count), so the `[entity+entityId]` index finds
 * every entry to index without reading the whole log.
 *
 * Frozen: the shards are computed here as v8 defined them, with a copy of the hash rather than
 * the repository's (which may change with the app). Only the record types are shared.
 */
import type { Transaction } from 'dexie';
import type { AuditRecord, AuditUserRecord } from '../records';

/** Shards per entry (schema v8). */
const USER_SHARDS = 256;
/** Entries read per request: one may list a million users. */
const READ_BATCH = 50;

/** FNV-1a over the id's UTF-16 units, modulo the shards (schema v8). */
function shardOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index += 1) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % USER_SHARDS;
}

export async function migrateAuditUsers(tx: Transaction): Promise<void> {
  const audit = tx.table<AuditRecord, number>('audit');
  const target = tx.table<AuditUserRecord, [number, number]>('auditUsers');
  const ids = await audit.where('[entity+entityId]').equals(['user', '*']).primaryKeys();
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const entries = await audit.bulkGet(ids.slice(start, start + READ_BATCH));
    const records: AuditUserRecord[] = [];
    for (const entry of entries) {
      if (typeof entry?.userIds !== 'string') continue;
      let listed: unknown;
      try {
        listed = JSON.parse(entry.userIds);
      } catch {
        // A damaged list indexes nothing; the record gate reports the entry when it is read.
        continue;
      }
      if (!Array.isArray(listed)) continue;
      const shards = new Map<number, string[]>();
      for (const userId of listed) {
        if (typeof userId !== 'string') continue;
        const shard = shardOf(userId);
        const inShard = shards.get(shard);
        if (inShard) inShard.push(userId);
        else shards.set(shard, [userId]);
      }
      for (const [shard, inShard] of shards)
        records.push({ entryId: entry.id!, shard, userIds: JSON.stringify(inShard) });
    }
    if (records.length) await target.bulkPut(records);
  }
}
