/**
 * Schema v5 → v6: the audit log's counts per block of 1,024 entry ids (`auditBuckets`), built
 * from the entries already written, so that the Activity page counts and pages the log
 * without counting through an index.
 *
 * Frozen: the blocks are computed here as v6 defined them, with a copy of the keying rather
 * than the repository's (which may change with the app). Only the record types are shared.
 */
import type { Transaction } from 'dexie';
import type { AuditBucketRecord, AuditRecord } from '../records';

/** Entry ids per block (schema v6). */
const BUCKET_SIZE = 1024;
/** Entries read per request, so that a large log is never one array. */
const READ_BATCH = 10_000;

export async function migrateAuditToBuckets(tx: Transaction): Promise<void> {
  const buckets = new Map<number, AuditBucketRecord>();
  const audit = tx.table<AuditRecord, number>('audit');
  let after = 0;
  for (;;) {
    const entries = await audit.where(':id').above(after).limit(READ_BATCH).toArray();
    for (const entry of entries) {
      const bucket = Math.floor(entry.id! / BUCKET_SIZE);
      let record = buckets.get(bucket);
      if (!record) {
        record = { bucket, count: 0, minAt: entry.at, maxAt: entry.at, counts: {} };
        buckets.set(bucket, record);
      }
      const key = `${entry.environmentId ?? ''}\t${entry.entity}\t${entry.action}`;
      record.counts[key] = (record.counts[key] ?? 0) + 1;
      record.count += 1;
      if (entry.at < record.minAt) record.minAt = entry.at;
      if (entry.at > record.maxAt) record.maxAt = entry.at;
    }
    if (entries.length < READ_BATCH) break;
    after = entries[entries.length - 1]!.id!;
  }
  await tx.table<AuditBucketRecord, number>('auditBuckets').bulkAdd([...buckets.values()]);
}
