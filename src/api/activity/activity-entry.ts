/** An audit entry as the activity API returns it: its words added, the stored user lists left out. */
import { describeActivity } from '../../domain';
import type { AuditRecord } from '../../db';

export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  entity: AuditRecord['entity'];
  entityId: string;
  environmentId?: string;
  /** The entity's name when the change was made. */
  label?: string;
  /** Who made it: the name the browser was given in Settings, if any. */
  actor?: string;
  summary?: string;
  /** Changed fields, with their values before and after. */
  changes?: Record<string, { before?: unknown; after?: unknown }>;
  /** A bulk change or an import: how many users it touched (`activity.users` lists them). */
  userCount?: number;
  /** What happened, in one sentence: "Renamed ana.lee: name 'Ana' → 'Ana Lee'". */
  words: string;
}

export function toActivityEntry(record: AuditRecord): ActivityEntry {
  const { userIds: _ids, usernames: _names, id, ...rest } = record;
  return { id: id!, ...rest, words: describeActivity(record) };
}

/**
 * The text a search looks in: the words, the name, who, the summary, the id, the values changed
 * and, for a bulk change or an import, the usernames of its users (as the entry keeps them).
 */
export function searchText(record: AuditRecord): string {
  const values = record.changes ? JSON.stringify(record.changes) : '';
  const users = record.usernames ?? '';
  return [describeActivity(record), record.label, record.actor, record.summary, record.entityId, values, users]
    .join('\n')
    .toLowerCase();
}
