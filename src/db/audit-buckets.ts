/**
 * The audit log's counts per block of entry ids (schema v6): how they are keyed and how
 * entries move them. Entry ids only grow, so the blocks are in time order too, near enough:
 * the newest entries are in the highest block.
 */
import type { AuditBucketRecord, AuditRecord } from './records';

/** Entry ids per block: small enough that reading one block's entries is a few milliseconds. */
export const BUCKET_SIZE = 1024;

export function bucketOf(id: number): number {
  return Math.floor(id / BUCKET_SIZE);
}

/** The key of an entry's kind in a block's counts. */
export function countKey(entry: Pick<AuditRecord, 'environmentId' | 'entity' | 'action'>): string {
  return `${entry.environmentId ?? ''}\t${entry.entity}\t${entry.action}`;
}

/** The environment, entity and action a count key stands for. */
export function splitCountKey(key: string): { environmentId: string; entity: string; action: string } {
  const [environmentId = '', entity = '', action = ''] = key.split('\t');
  return { environmentId, entity, action };
}

/** Adds (or, with `sign` -1, removes) entries with ids to the blocks, creating the blocks they need. */
export function countEntries(
  buckets: Map<number, AuditBucketRecord>,
  entries: readonly AuditRecord[],
  sign: 1 | -1 = 1,
): void {
  for (const entry of entries) {
    const bucket = bucketOf(entry.id!);
    let record = buckets.get(bucket);
    if (!record) {
      record = { bucket, count: 0, minAt: entry.at, maxAt: entry.at, counts: {} };
      buckets.set(bucket, record);
    }
    const key = countKey(entry);
    const count = (record.counts[key] ?? 0) + sign;
    if (count > 0) record.counts[key] = count;
    else delete record.counts[key];
    record.count += sign;
    if (sign > 0) {
      if (entry.at < record.minAt) record.minAt = entry.at;
      if (entry.at > record.maxAt) record.maxAt = entry.at;
    }
  }
}
