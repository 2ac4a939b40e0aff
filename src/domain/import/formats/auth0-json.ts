/**
 * Auth0's user export job in JSON: NDJSON, one user object a line (no array). The fields are
 * the CSV export's (see ./auth0.ts), here typed: `blocked` a boolean, `identities` a list.
 */
import { auth0Csv } from './auth0';
import { cellOf, isObject, sheetOf, type FlatUser, type JsonSheet } from './json-sheet';

const ORDER = [
  'user_id',
  'username',
  'email',
  'name',
  'given_name',
  'family_name',
  'phone_number',
  'blocked',
  'last_login',
  'created_at',
];

/** Whether parsed NDJSON lines are Auth0 users (each has a user_id). */
export function isAuth0Lines(lines: readonly unknown[]): boolean {
  return lines.length > 0 && lines.every((line) => isObject(line) && typeof line.user_id === 'string');
}

export function readAuth0Lines(lines: readonly unknown[]): JsonSheet {
  const users: FlatUser[] = lines.map((line) =>
    isObject(line) ? Object.fromEntries(ORDER.map((name) => [name, cellOf(line[name])])) : {},
  );
  return {
    format: 'auth0',
    variant: 'auth0-ndjson',
    label: 'Auth0 user export (JSON lines)',
    ...sheetOf(users, ORDER),
    groups: [],
    notes: [],
    columns: auth0Csv.columns,
    usernameFrom: auth0Csv.usernameFrom,
  };
}
