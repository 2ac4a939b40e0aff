/** The audit log: one entry per change, written in the transaction of the change itself. */
import type { AuditRecord } from './records';
import type { RosterDb } from './roster-db';

export async function addAudit(db: RosterDb, entries: AuditRecord[]): Promise<void> {
  if (entries.length) await db.audit.bulkAdd(entries);
}

/** The most recent entries first. */
export function recentAudit(db: RosterDb, limit: number): Promise<AuditRecord[]> {
  return db.audit.orderBy('at').reverse().limit(limit).toArray();
}
