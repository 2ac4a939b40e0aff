/**
 * The cells of one imported CSV row, read as the fields of a user. Only the reading a CSV file
 * needs happens here (yes/no words, dates in a spreadsheet's order, lists, formula
 * neutralisation undone, line breaks); whether a username or an email is acceptable is the
 * API's question, asked exactly as `users.create` asks it.
 *
 * Messages are sentences that name the row and the column as the file's header writes it:
 * "row 17, isActive: 'maybe' is not a yes/no value".
 */
import type { ImportColumn, ImportField } from './columns';
import { parseImportDate, type DateOrder } from './dates';

/** A role named in a `roles` cell as `application/role`. */
export interface ImportRoleName {
  application: string;
  name: string;
}

/** What a row gives; a field is absent when its column is missing, ignored or its cell empty. */
export interface ImportUserInput {
  username?: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive?: boolean;
  /** ISO 8601 in UTC, as `Date.prototype.toISOString` writes it. */
  lastLogin?: string;
  externalId?: string;
  groups?: string[];
  roles?: ImportRoleName[];
  /** The name of the tenant the user belongs to (absent: the import's tenant). */
  tenant?: string;
}

export interface CellOptions {
  /** How to read dates such as 8/19/2021; without it they are errors (ISO dates are always read). */
  dateOrder?: DateOrder;
  /** Fields a row's username is taken from, in order, when its username cell is empty or absent. */
  usernameFrom?: readonly ImportField[];
  /** `groups` and `roles` cells list one item a line, `;` being part of a name (see `splitList`). */
  listsByLine?: boolean;
}

export interface RowReading {
  input: ImportUserInput;
  /** Sentences naming the row (and the column, when one is at fault). */
  errors: string[];
}

/** The characters after which Roster's export puts a `'` (see neutraliseCsvText in ../csv). */
const NEUTRALISED = /^'[=+\-@\t\r]/;
const LINE_BREAK = /[\r\n]/;
const NEVER = /^\s*never(\s+(logged|signed)\s+in)?\s*$/i;

/**
 * A cell as it was before Roster's export neutralised it: `'=1+1` is `=1+1` again and `'+44 20…`
 * the phone number `+44 20…`. Only one `'` goes, and only before those characters, so other
 * text that starts with `'` (O'Brien's `'s`) is kept.
 */
export function restoreNeutralisedText(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

const YES = new Set(['true', 'yes', '1', 'active', 'enabled']);
const NO = new Set(['false', 'no', '0', 'inactive', 'disabled']);
/**
 * The account states of identity providers, by their API names and their consoles' labels:
 * Okta (a user who must still act, reset a password or is locked out can sign in again, so is
 * active; suspended and deactivated ones are not) and Google Workspace (Active, Suspended).
 */
const ACTIVE_STATES = new Set([
  'provisioned',
  'staged',
  'recovery',
  'passwordexpired',
  'lockedout',
  'pendinguseraction',
  'passwordreset',
  'pendingactivation',
]);
const INACTIVE_STATES = new Set(['suspended', 'deprovisioned', 'deactivated']);

/**
 * A yes/no cell: true/false, yes/no, 1/0, active/inactive, enabled/disabled in any case, and
 * the account states of Okta and Google Workspace (ACTIVE, LOCKED_OUT, "Password reset" → yes;
 * SUSPENDED, DEPROVISIONED, Deactivated → no). Undefined for an empty cell (not given), null
 * for anything else.
 */
export function parseYesNo(cell: string): boolean | undefined | null {
  const word = cell.trim().toLowerCase();
  const state = word.replace(/[\s_-]+/g, '');
  if (ACTIVE_STATES.has(state)) return true;
  if (INACTIVE_STATES.has(state)) return false;
  if (word === '') return undefined;
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return null;
}

/**
 * The items of a `groups` or `roles` cell: separated by `;` (or by line breaks, as a person
 * writes a list in one spreadsheet cell with Alt+Enter), trimmed, empty items dropped, and an
 * item that repeats an earlier one but for case dropped (the first spelling is kept). `byLine`:
 * by line breaks only, for the lists a JSON export gives, whose names may hold a `;`.
 */
export function splitList(cell: string, byLine = false): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of cell.split(byLine ? /[\r\n]+/ : /[;\r\n]/)) {
    const item = part.trim();
    const key = item.toLowerCase();
    if (item === '' || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/**
 * A role as `application/role`, e.g. `Sales App/Manager`; null when either name is empty. The
 * role is after the last `/`, since an application may be named by a URL (Keycloak names a SAML
 * client by its entity id, `https://sp.example.com/saml/metadata`) while a role name has no `/`.
 */
export function parseRoleName(text: string): ImportRoleName | null {
  const at = text.lastIndexOf('/');
  if (at < 0) return null;
  const application = text.slice(0, at).trim();
  const name = text.slice(at + 1).trim();
  return application && name ? { application, name } : null;
}

/** A name on one line: each run of line breaks (with the spaces around it) becomes one space. */
export function foldLineBreaks(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A cell's text for a message: quoted, line breaks shown as ↵, long text cut. */
export function showCell(cell: string): string {
  const shown = cell.replace(/\r\n|\r|\n/g, '↵');
  return `'${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}'`;
}

type Single = 'username' | 'email' | 'mobilePhone' | 'externalId';
const SINGLE_LINE: Readonly<Record<Single, string>> = {
  username: 'a username',
  email: 'an email address',
  mobilePhone: 'a phone number',
  externalId: 'an external id',
};

/**
 * One row's cells read as a user, column by column. The cells line up with `columns` (as
 * `mapColumns` gives them); cells past the last column must be empty, as a trailing delimiter
 * leaves them; any text there is an error, since it belongs to no column.
 */
export function readUserRow(
  row: number,
  cells: readonly string[],
  columns: readonly ImportColumn[],
  options: CellOptions = {},
): RowReading {
  const input: ImportUserInput = {};
  const errors: string[] = [];
  const parts: { givenName?: string; familyName?: string } = {};
  let blocked: boolean | undefined;
  const fallbacks: Partial<Record<ImportField, string>> = {};

  const beyond = cells.slice(columns.length).filter((cell) => cell.trim() !== '');
  if (beyond.length > 0) {
    const n = beyond.length;
    errors.push(
      `row ${row}: ${n} ${n === 1 ? 'cell has' : 'cells have'} text past the last column ` +
        `(${beyond.map(showCell).join(', ')}); check the delimiters and quotes.`,
    );
  }

  for (const column of columns) {
    const field = column.field;
    if (!field) continue;
    const raw = cells[column.index] ?? '';
    const cell = restoreNeutralisedText(raw);
    const where = `row ${row}, ${column.header}`;
    if (cell.trim() === '') continue;

    switch (field) {
      case 'givenName':
      case 'familyName':
        parts[field] = foldLineBreaks(cell.trim());
        break;
      case 'blocked': {
        const value = parseYesNo(cell);
        if (value === null)
          errors.push(`${where}: ${showCell(cell)} is not a yes/no value (yes means the user is blocked).`);
        else blocked = value;
        break;
      }
      case 'username':
      case 'email':
      case 'mobilePhone':
      case 'externalId':
        if (LINE_BREAK.test(cell.trim()))
          errors.push(`${where}: ${showCell(cell)} has a line break, which ${SINGLE_LINE[field]} may not have.`);
        else input[field] = cell.trim();
        break;
      case 'name':
        input.name = foldLineBreaks(cell.trim());
        break;
      case 'isActive': {
        const value = parseYesNo(cell);
        if (value === null)
          errors.push(
            `${where}: ${showCell(cell)} is not a yes/no value ` +
              '(use yes/no, true/false, 1/0, active/inactive or enabled/disabled).',
          );
        else input.isActive = value;
        break;
      }
      case 'lastLogin': {
        // Google Workspace writes "Never logged in" where there is no sign-in.
        if (NEVER.test(cell)) break;
        const date = parseImportDate(cell, options.dateOrder);
        if ('error' in date) errors.push(`${where}: ${date.error}`);
        else input.lastLogin = date.iso;
        break;
      }
      case 'groups':
        input.groups = splitList(cell, options.listsByLine);
        break;
      case 'tenant':
        if (LINE_BREAK.test(cell.trim()))
          errors.push(`${where}: ${showCell(cell)} has a line break, which a tenant name may not have.`);
        else input.tenant = cell.trim();
        break;
      case 'roles': {
        const roles: ImportRoleName[] = [];
        // splitList compares whole items; `Sales/Manager` and `Sales / Manager` are one role too.
        const seen = new Set<string>();
        for (const item of splitList(cell, options.listsByLine)) {
          const role = parseRoleName(item);
          const key = role && `${role.application}/${role.name}`.toLowerCase();
          if (role && key !== null) {
            if (!seen.has(key)) roles.push(role);
            seen.add(key);
          } else
            errors.push(
              `${where}: ${showCell(item)} is not a role written as application/role, such as 'Sales App/Manager'.`,
            );
        }
        input.roles = roles;
        break;
      }
    }
    if (field === 'email' || field === 'externalId') fallbacks[field] = input[field];
  }
  if (input.name === undefined && (parts.givenName || parts.familyName))
    input.name = [parts.givenName, parts.familyName].filter(Boolean).join(' ');
  // "Block sign in: Yes" means inactive; an isActive cell of the same row says it first.
  if (input.isActive === undefined && blocked !== undefined) input.isActive = !blocked;
  if (input.username === undefined)
    for (const from of options.usernameFrom ?? []) {
      const value = fallbacks[from];
      if (value) {
        input.username = value;
        break;
      }
    }
  return { input, errors };
}
