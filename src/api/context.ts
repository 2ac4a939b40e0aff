/** What every part of the API shares: the database, the user index, a clock and an id source (replaceable in tests). */
import type { AuditRecord, RosterDb } from '../db';
import { addAudit } from '../db';
import type { UserIndex } from '../index';

export interface ApiContext {
  db: RosterDb;
  /** Every user, in memory, kept in step with the database. */
  userIndex: UserIndex;
  now(): Date;
  newId(): string;
}

/** Keys the caller actually gave in a patch: absent keys are left as they are, blank ones clear. */
export function patchedKeys(input: unknown): Set<string> {
  return new Set(input !== null && typeof input === 'object' ? Object.keys(input) : []);
}

/** The fields that differ between two versions of an entity, for the audit log. */
export function diff(before: object, after: object, fields: readonly string[]): NonNullable<AuditRecord['changes']> {
  const changes: NonNullable<AuditRecord['changes']> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const field of fields) if (b[field] !== a[field]) changes[field] = { before: b[field], after: a[field] };
  return changes;
}

/** Whether a diff holds any change; an update that changes nothing writes nothing. */
export function hasChanges(changes: NonNullable<AuditRecord['changes']>): boolean {
  return Object.keys(changes).length > 0;
}

/** An audit entry as a call gives it: the time is added when it is written. */
export type AuditEntry = Omit<AuditRecord, 'at' | 'id'>;

/**
 * Writes audit entries within the caller's transaction: the one path to the audit log. One
 * entry for most calls, one per environment for bulk ones; dated now, or at `at` when the
 * change carries its own time (created users).
 */
export function audit(
  context: ApiContext,
  entries: AuditEntry | readonly AuditEntry[],
  at: Date = context.now(),
): Promise<void> {
  const time = at.toISOString();
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  return addAudit(
    context.db,
    list.map((entry) => ({ at: time, ...entry })),
  );
}
