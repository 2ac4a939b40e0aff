/**
 * Which user field each column of an imported CSV file fills. Header names are matched
 * ignoring case, spaces, `_` and `-` ("Mobile phone", "mobile_phone" and "MOBILEPHONE" are one
 * name); a person's mapping overrides the guess for the columns it names. Nothing about a
 * column is fatal except a mapping that cannot be followed: unknown columns, Roster's own
 * export-only columns and second columns for one field are listed with a note and ignored.
 */

/** The user fields an import can fill, in the order a file usually has them. */
export const IMPORT_FIELDS = [
  'username',
  'name',
  'email',
  'mobilePhone',
  'isActive',
  'lastLogin',
  'externalId',
  'groups',
  'roles',
  // The tenant a row's user belongs to, by name (multi-tenant applications).
  'tenant',
  // Parts of a name, read when the row has no name (identity providers keep given and family names).
  'givenName',
  'familyName',
  // The inverse of isActive: Entra's "Block sign in", Auth0's `blocked`.
  'blocked',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What one column of the file is read as: `field` null means the column is ignored, and `note` says why. */
export interface ImportColumn {
  /** Position in the record, from 0. */
  index: number;
  /** The header as the file writes it. */
  header: string;
  field: ImportField | null;
  note?: string;
}

/** A person's choice for some headers: a field to read the column as, or null to ignore it. */
export type ImportMapping = Readonly<Record<string, ImportField | null>>;

export interface ColumnReading {
  columns: ImportColumn[];
  /** Sentences; any error means the import cannot start until the mapping or the file changes. */
  errors: string[];
}

/** Header names (as `headerKey` gives them) that mean a field, besides the field's own name. */
const ALIASES: Readonly<Record<string, ImportField>> = {
  username: 'username',
  name: 'name',
  // What spreadsheets and other consoles call the same fields.
  fullname: 'name',
  displayname: 'name',
  email: 'email',
  mail: 'email',
  emailaddress: 'email',
  mobilephone: 'mobilePhone',
  phone: 'mobilePhone',
  mobile: 'mobilePhone',
  isactive: 'isActive',
  // Roster's export writes `active` (yes/no); spreadsheets of other tools say enabled or status.
  active: 'isActive',
  enabled: 'isActive',
  status: 'isActive',
  lastlogin: 'lastLogin',
  externalid: 'externalId',
  groups: 'groups',
  roles: 'roles',
  tenant: 'tenant',
  tenantname: 'tenant',
  // OutSystems' User entity and the sheets built for it name the roles column in the singular.
  role: 'roles',
  givenname: 'givenName',
  firstname: 'givenName',
  familyname: 'familyName',
  lastname: 'familyName',
  surname: 'familyName',
  blocked: 'blocked',
};

/** Columns that hold secrets: never read, whatever a mapping says, and never stored. */
const NEVER_READ = /password|credential|secret/;
const NEVER_READ_NOTE = 'a password or credential: never read or stored';

/** Whether a column (as `mapColumns` reads it) holds secrets: its cells must not even be shown back. */
export function isNeverRead(column: { note?: string }): boolean {
  return column.note === NEVER_READ_NOTE;
}

/**
 * What a known file format (an identity provider's export, see ./formats) knows of its columns,
 * beyond the generic names: the name to match a heading by (`Name [displayName] Required` is
 * read as `displayName`), the field or the reason to ignore each of its own columns, and the
 * fields a row's username comes from when the file has no username column.
 */
export interface ColumnProfile {
  /** The part of a heading that names the column (default: the heading itself). */
  nameOf?: (header: string) => string;
  /** By `headerKey` of that name: a field, or a note saying why the column is ignored. */
  columns: Readonly<Record<string, ImportField | { note: string }>>;
  /** Fields a row's username is taken from, in order, when it has none (Auth0: email, then user_id). */
  usernameFrom?: readonly ImportField[];
  /** Lists in a cell are one item a line: a JSON export's names may hold the `;` a sheet separates by. */
  listsByLine?: boolean;
}

/**
 * Columns that Roster's own CSV export writes and an import cannot take: the environment is the
 * one imported into, the class is derived from the rules, and the creation time is the database's.
 * Recognised so that an exported file imports back with notes rather than "unknown column".
 */
const EXPORT_ONLY: Readonly<Record<string, string>> = {
  environment: 'the environment is the one you import into',
  class: 'the class follows from the environment’s rules',
  createdat: 'Roster sets the creation time itself',
};

const FIELD_SET: ReadonlySet<string> = new Set(IMPORT_FIELDS);

/** The form of a header that matching compares: lower case, without white space, `_` or `-`. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Whether a value (from a mapping sent by the UI, say) names a field an import can fill. */
export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && FIELD_SET.has(value);
}

/** The field a header means by its name alone, or null with the reason it is ignored. */
export function detectField(header: string, profile?: ColumnProfile): { field: ImportField | null; note?: string } {
  const name = profile?.nameOf ? profile.nameOf(header) : header;
  const key = headerKey(name);
  if (key === '') return { field: null, note: 'no header; ignored' };
  if (NEVER_READ.test(key)) return { field: null, note: NEVER_READ_NOTE };
  const known = profile && Object.hasOwn(profile.columns, key) ? profile.columns[key] : undefined;
  if (typeof known === 'string') return { field: known };
  if (known) return { field: null, note: known.note };
  // Own keys only: a header "constructor" or "toString" would otherwise read Object.prototype's.
  const field = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
  if (field) return { field };
  const exportOnly = Object.hasOwn(EXPORT_ONLY, key) ? EXPORT_ONLY[key] : undefined;
  if (exportOnly) return { field: null, note: `a column of Roster’s export that is not imported: ${exportOnly}` };
  return { field: null, note: 'not a column Roster imports; ignored' };
}

function quoted(header: string): string {
  return header === '' ? 'the column with no header' : `'${header}'`;
}

/**
 * The mapping's entry for a header: by the exact header first, then by its matching form, so that
 * a mapping written as `{ "E-mail": "email" }` also applies to a header written "e-mail".
 */
function mappedEntry(mapping: ImportMapping, header: string): [string, ImportField | null] | undefined {
  if (Object.hasOwn(mapping, header)) return [header, mapping[header] ?? null];
  const key = headerKey(header);
  for (const [name, field] of Object.entries(mapping)) if (headerKey(name) === key) return [name, field];
  return undefined;
}

/**
 * The field each column is read as, from the header cells and an optional mapping.
 *
 * - A header that means a field (`detectField`) is read as that field, unless the mapping says otherwise.
 * - Two columns for one field: the first is read (a mapped column before a guessed one), every
 *   other is ignored with a note, never an error, so that a file with both `active` and
 *   `isActive` still imports; the note lets the dry run show which one was read.
 * - Errors: a mapping value that is not a field, a mapping key that is no header of the file,
 *   two headers mapped to the same field, and no column read as username (every row needs one).
 */
export function mapColumns(
  headers: readonly string[],
  mapping: ImportMapping = {},
  profile?: ColumnProfile,
): ColumnReading {
  const errors: string[] = [];
  for (const [name, field] of Object.entries(mapping)) {
    if (field !== null && !isImportField(field)) {
      errors.push(
        `The mapping reads ${quoted(name)} as '${String(field)}', ` +
          `which is not a field Roster imports (${IMPORT_FIELDS.join(', ')}).`,
      );
    }
    if (!headers.some((header) => mappedEntry({ [name]: field }, header))) {
      errors.push(`The mapping names the column ${quoted(name)}, which the file does not have.`);
    }
  }

  const chosen = headers.map((header, index) => {
    const entry = mappedEntry(mapping, header);
    const guess = detectField(header, profile);
    // A secret stays unread even when a mapping names it: Roster never stores a password.
    if (guess.note === NEVER_READ_NOTE) return { index, header, mapped: false, ...guess };
    if (entry) {
      const field = isImportField(entry[1]) ? entry[1] : null;
      return { index, header, field, mapped: true, note: field ? undefined : 'ignored by the mapping' };
    }
    return { index, header, mapped: false, ...guess };
  });

  const readFrom = new Map<ImportField, (typeof chosen)[number]>();
  // Mapped columns claim their field first, so a person's choice wins over a guess.
  for (const column of [...chosen.filter((c) => c.mapped), ...chosen.filter((c) => !c.mapped)]) {
    if (!column.field) continue;
    const first = readFrom.get(column.field);
    if (!first) {
      readFrom.set(column.field, column);
      continue;
    }
    if (column.mapped && first.mapped && headerKey(column.header) !== headerKey(first.header)) {
      errors.push(
        `The mapping reads both ${quoted(first.header)} and ${quoted(column.header)} as ${column.field}; choose one.`,
      );
    }
    const firstColumn = `${quoted(first.header)} (column ${first.index + 1})`;
    column.note = `a second column for ${column.field}: ${firstColumn} is read; ignored`;
    column.field = null;
  }
  const fallback = profile?.usernameFrom?.some((field) => readFrom.has(field));
  if (!readFrom.has('username') && !fallback) {
    errors.push('No column is read as username: name a column "username", or map one to username.');
  }

  const columns = chosen.map(({ index, header, field, note }): ImportColumn =>
    note === undefined ? { index, header, field } : { index, header, field, note },
  );
  return { columns, errors };
}
