/**
 * The audit entries that changed one entity after a moment: for the version check of an edit
 * (src/api/version-check.ts), in the caller's transaction. Read-only; the log itself is kept by
 * audit.repository.ts.
 */
import type { AuditRecord } from './records';
import { admit } from './record-gate';
import type { RosterDb } from './roster-db';
import { allOf } from './transaction';

/**
 * The entries about one entity, and the bulk entries of its kind (`entityId` '*', such as a
 * bulk deactivation or an import) in its environment, written after `since` (an ISO time).
 */
export async function auditSince(
  db: RosterDb,
  entity: AuditRecord['entity'],
  entityId: string,
  environmentId: string | undefined,
  since: string,
): Promise<AuditRecord[]> {
  const [own, bulk] = await allOf<[AuditRecord[], AuditRecord[]]>([
    db.audit.where('[entity+entityId]').equals([entity, entityId]).toArray(),
    db.audit.where('[entity+entityId]').equals([entity, '*']).toArray(),
  ]);
  const touching = bulk.filter((entry) => entry.environmentId === environmentId && mayName(entry, entityId));
  return admit<AuditRecord>(db, 'audit', [...own, ...touching]).filter((entry) => entry.at > since);
}

/** Whether a bulk entry may be about the entity: when it lists its users' ids, only if among them. */
function mayName(entry: AuditRecord, entityId: string): boolean {
  const listed: unknown = (entry as { userIds?: unknown }).userIds;
  return typeof listed !== 'string' || listed.includes(JSON.stringify(entityId));
}
