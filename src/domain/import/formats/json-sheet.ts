/**
 * JSON exports (Keycloak, SCIM, Auth0's NDJSON) read as a sheet: each user becomes a record of
 * named cells (the attributes the format maps, as text), so that the mapping, the row checks
 * and the writing are the CSV import's, and a person can change the mapping of a JSON file as of
 * a CSV one. Groups the file defines (with the roles granted to them) come beside the records.
 */
import type { ImportRoleName } from '../cells';
import type { ColumnProfile } from '../columns';
import type { ImportFormat } from './sheet-format';

/** A group the file defines: its name and the roles granted to it. */
export interface FileGroup {
  name: string;
  roles: ImportRoleName[];
}

export interface JsonSheet extends ColumnProfile {
  format: ImportFormat;
  variant: string;
  label: string;
  header: string[];
  /** One record per user; `row` is the user's place in the file, from 1. */
  records: { row: number; cells: string[] }[];
  groups: FileGroup[];
  /** What was left out on purpose (credentials, built-in roles, …), in sentences. */
  notes: string[];
}

/** A flat user: attribute name → the cell's text (lists joined with `;`, booleans as true/false). */
export type FlatUser = Record<string, string | undefined>;

/** The sheet of flat users: the header is `order`'s attributes that some user has. */
export function sheetOf(users: readonly FlatUser[], order: readonly string[]): Pick<JsonSheet, 'header' | 'records'> {
  const header = order.filter((name) => users.some((user) => user[name] !== undefined));
  const records = users.map((user, index) => ({ row: index + 1, cells: header.map((name) => user[name] ?? '') }));
  return { header, records };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as a cell: strings as they are, numbers and booleans as text, anything else absent. */
export function cellOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Strings of a list, others dropped. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A list as a `groups` or `roles` cell: one item a line, since a name in a JSON export may hold
 * the `;` that separates a sheet's items (a sheet of JSON records sets `listsByLine`).
 */
export function listCell(items: readonly string[]): string | undefined {
  return items.length ? items.join('\n') : undefined;
}

/** Roles as a `roles` cell: `application/role`, one a line. */
export function rolesCell(roles: readonly ImportRoleName[]): string | undefined {
  return listCell(roles.map((role) => `${role.application}/${role.name}`));
}
