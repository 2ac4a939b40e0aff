/**
 * No silent overwrite: an edit may say which version it was based on, and is refused with a
 * `conflict` when the stored version has moved since (another tab, a bulk action, an import).
 *
 * Users, groups and environments carry `updatedAt`, so an edit names the `updatedAt` it read;
 * the fields that changed since are read from the audit log, which each change writes in its
 * own transaction and dates with the entity's `updatedAt`. Rules and the subscription carry no
 * date of their own, so their version is their content: the caller passes what it read, and
 * the fields that differ are named exactly. Every check runs inside the write's transaction,
 * so nothing can slip in between the check and the write.
 */
import { z } from 'zod';
import { auditSince, type AuditRecord } from '../db';
import type { ApiContext } from './context';
import { RosterError, parseInput, type RosterIssue } from './errors';

/** A refused edit: the stored version moved since the caller read it. Still a `RosterError` `conflict`. */
export class VersionConflictError<T = unknown> extends RosterError {
  /** The fields that changed since the caller read them (empty when the log cannot tell). */
  readonly changed: string[];
  /** The version stored now, to load into a form or to base a new attempt on. */
  readonly current: T;

  constructor(issues: RosterIssue[], changed: string[], current: T) {
    super('conflict', issues);
    this.changed = changed;
    this.current = current;
  }
}

/** Whether an error is a refused stale edit (not, say, a username already taken). */
export function isVersionConflict(error: unknown): error is VersionConflictError {
  return error instanceof VersionConflictError;
}

/** The last argument of `users.update`, `groups.update` and `environments.update`. */
export interface UpdateOptions {
  /** The `updatedAt` of the version the edit is based on; without it, no check. */
  expectedUpdatedAt?: string;
}

const updateOptionsSchema = z
  .strictObject({
    expectedUpdatedAt: z.iso
      .datetime({ offset: true, error: 'Give the updatedAt you read, such as 2026-03-31T09:30:00.000Z.' })
      .optional(),
  })
  .optional();

/** Parses the options of an update: the expected time in UTC, or undefined for no check. */
export function expectedUpdatedAt(options: unknown): string | undefined {
  const parsed = parseInput(updateOptionsSchema, options);
  return parsed?.expectedUpdatedAt && new Date(parsed.expectedUpdatedAt).toISOString();
}

/** Audit actions that change one field and carry no field-level changes. */
const FIELD_OF_ACTION: Record<string, string> = {
  deactivate: 'isActive',
  reactivate: 'isActive',
  'deactivate-many': 'isActive',
  'reactivate-many': 'isActive',
};

/** Which entity an edit is about, to find its entries in the audit log. */
export interface EditTarget {
  entity: 'user' | 'group' | 'environment';
  id: string;
  environmentId?: string;
}

/**
 * Refuses an edit based on `expected` when the entity's `updatedAt` is another: a
 * VersionConflictError naming each field changed since, with its value now (read from
 * `stored`, the record, when it holds fields the returned entity does not, such as rules).
 */
export async function assertUpdatedAt<T extends { updatedAt: string }>(
  context: ApiContext,
  target: EditTarget,
  current: T,
  expected: string | undefined,
  stored: object = current,
): Promise<void> {
  if (expected === undefined || Date.parse(current.updatedAt) === Date.parse(expected)) return;
  const entries = await auditSince(context.db, target.entity, target.id, target.environmentId, expected);
  const changed = changedFields(entries);
  const values = stored as Record<string, unknown>;
  const issues = changed.map((field) => ({ path: field, message: changedMessage(values[field], field) }));
  if (issues.length === 0) issues.push({ path: '', message: unnamedChange(target.entity, entries) });
  throw new VersionConflictError(issues, changed, current);
}

/** The fields the log says changed, in the order first seen. */
function changedFields(entries: readonly AuditRecord[]): string[] {
  const fields = new Set<string>();
  for (const entry of entries) {
    for (const field of Object.keys(entry.changes ?? {})) fields.add(field);
    const field = FIELD_OF_ACTION[entry.action];
    if (field) fields.add(field);
  }
  return [...fields];
}

/** When the log cannot name the fields (an import, or entries no longer kept), say what it can. */
function unnamedChange(entity: EditTarget['entity'], entries: readonly AuditRecord[]): string {
  const byImport = entries.some((entry) => entry.action === 'import');
  return byImport ? `An import changed this ${entity} since you read it.` : `This ${entity} changed since you read it.`;
}

/** One field's issue: it changed, and what it holds now (when it is short enough to say). */
export function changedMessage(value: unknown, field: string): string {
  const now = describeValue(value, field);
  return now ? `Changed since you read it; now ${now}.` : 'Changed since you read it.';
}

function describeValue(value: unknown, field: string): string | undefined {
  if (field === 'isActive' && typeof value === 'boolean') return value ? 'active' : 'inactive';
  if (value === undefined || value === null || value === '') return 'empty';
  if (typeof value === 'string') return value.length > 80 ? `"${value.slice(0, 79)}…"` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return listed(value);
  return undefined;
}

/** A list of rule entries in words: the domains it holds now. */
function listed(entries: readonly unknown[]): string | undefined {
  const domains = entries.map((entry) => (entry as { domain?: unknown }).domain);
  if (!domains.every((domain) => typeof domain === 'string')) return undefined;
  return domains.length ? `${domains.join(', ')}` : 'no domain';
}

/**
 * Refuses an edit of a value with no date of its own (rules, the subscription) when the value
 * stored now differs from `expected`, the one the caller read: each differing field named.
 */
export function assertSameValue<T extends object>(
  current: T | undefined,
  expected: T | undefined,
  fields: readonly string[],
): void {
  const now = (current ?? {}) as Record<string, unknown>;
  const then = (expected ?? {}) as Record<string, unknown>;
  const changed = fields.filter((field) => !sameValue(now[field], then[field]));
  if (changed.length === 0) return;
  const issues = changed.map((field) => ({ path: field, message: changedMessage(now[field], field) }));
  throw new VersionConflictError(issues, changed, current);
}

/** Equal as stored: plain data compared by its JSON form (rules' domain lists keep their order). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
