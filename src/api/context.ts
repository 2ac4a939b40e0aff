/** What every part of the API shares: the database, the user index, a clock and an id source (replaceable in tests). */
import type { AuditRecord, RosterDb } from '../db';
import { addAudit, getEnvironment, getGroup, getRole } from '../db';
import type { UserIndex } from '../index';

export interface ApiContext {
  db: RosterDb;
  /** Every user, in memory, kept in step with the database. */
  userIndex: UserIndex;
  now(): Date;
  newId(): string;
  /** The name the administrator gave this browser (Settings), written on every audit entry; none when empty. */
  actor?: string;
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
 * change carries its own time (created users). Each entry records who made it (the browser's
 * name, if given) and the name of its entity as it is after the change, so that the Activity
 * page says "Renamed ana.lee" without looking anything up.
 */
export async function audit(
  context: ApiContext,
  entries: AuditEntry | readonly AuditEntry[],
  at: Date = context.now(),
): Promise<void> {
  const time = at.toISOString();
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  const records: AuditRecord[] = [];
  for (const entry of list) {
    const label = entry.label ?? (await labelOf(context, entry));
    records.push({
      at: time,
      ...entry,
      ...(label !== undefined ? { label } : {}),
      ...(context.actor ? { actor: context.actor } : {}),
    });
  }
  return addAudit(context.db, records);
}

/** Actions whose summary is the entity's name (it is gone after a delete, so it cannot be read). */
const NAMED_BY_SUMMARY = new Set(['create', 'delete']);

/** The entity's name now: a username, a group's or environment's name, a role's "App / Name". */
async function labelOf(context: ApiContext, entry: AuditEntry): Promise<string | undefined> {
  const { db, userIndex } = context;
  const fallback = NAMED_BY_SUMMARY.has(entry.action) ? entry.summary : undefined;
  if (entry.entityId === '*') return undefined;
  switch (entry.entity) {
    case 'user': {
      const slot = userIndex.slotOf(entry.entityId);
      return slot === undefined ? fallback : (userIndex.columns.usernames[slot] ?? fallback);
    }
    case 'group':
      return (await getGroup(db, entry.entityId))?.name ?? fallback;
    case 'role': {
      const role = await getRole(db, entry.entityId);
      return role ? `${role.application} / ${role.name}` : fallback;
    }
    case 'environment':
      return (await getEnvironment(db, entry.entityId))?.name ?? fallback;
    default:
      return undefined;
  }
}
