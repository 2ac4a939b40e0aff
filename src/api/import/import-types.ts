/**
 * The shapes of a CSV import: its options (validated at the API gate) and its report.
 * Shared by the API, the worker that reads the file and the import screen.
 */
import { z } from 'zod';
import {
  IMPORT_FIELDS,
  IMPORT_FORMATS,
  type ImportField,
  type ImportFormat,
  type ImportRoleName,
} from '../../domain/import';
import type { CsvDelimiter } from '../../import/read-csv';
import type { CsvEncoding } from '../../import/decode';
import type { UsageReport } from '../usage.api';

export interface ImportProgress {
  /** 'reading' the file (in a worker), 'checking' every row against the environment, 'writing' it. */
  phase: 'reading' | 'checking' | 'writing';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  /** Rows checked (checking) or users written (writing) so far; rowsRead while reading. */
  rowsDone: number;
}

export const importOptionsSchema = z.strictObject({
  mode: z.enum(['create', 'upsert'], { error: 'Choose create or upsert.' }).default('create'),
  dryRun: z.boolean({ error: 'dryRun must be true or false.' }).default(false),
  onError: z.enum(['abort', 'skip'], { error: 'Choose abort or skip.' }).default('abort'),
  createMissing: z.boolean({ error: 'createMissing must be true or false.' }).default(false),
  // The tenant users go into when their row names none (default: the environment's default tenant).
  tenantId: z.string({ error: 'tenantId must be the id of a tenant of the environment.' }).min(1).optional(),
  mapping: z
    .unknown()
    // zod builds the record afresh, and assigning "__proto__" there sets a prototype instead of
    // a key: the column would be silently unmapped. Refused, so it never passes unnoticed.
    .check((ctx) => {
      const value = ctx.value;
      if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__'))
        ctx.issues.push({
          code: 'custom',
          input: value,
          path: ['__proto__'],
          message: 'A column named "__proto__" cannot be mapped; rename it in the file.',
        });
    })
    .pipe(
      z.record(
        z.string(),
        z.enum(IMPORT_FIELDS, { error: `Map a column to one of ${IMPORT_FIELDS.join(', ')}, or to null.` }).nullable(),
      ),
    )
    .optional(),
  dateOrder: z.enum(['iso', 'mdy', 'dmy'], { error: 'Choose the date order: iso, mdy or dmy.' }).optional(),
  format: z.enum(IMPORT_FORMATS, { error: `Choose the format: ${IMPORT_FORMATS.join(', ')}.` }).optional(),
  signal: z
    .custom<AbortSignal>((value) => value instanceof AbortSignal, { error: 'signal must be an AbortSignal.' })
    .optional(),
  onProgress: z
    .custom<(progress: ImportProgress) => void>((value) => typeof value === 'function', {
      error: 'onProgress must be a function.',
    })
    .optional(),
});

// The mapping's input is read as unknown (to see a "__proto__" key): callers still give a record.
export type ImportOptions = Omit<z.input<typeof importOptionsSchema>, 'mapping'> & {
  mapping?: Readonly<Record<string, ImportField | null>>;
};
export type ValidImportOptions = z.output<typeof importOptionsSchema>;

/** What the file reading needs of the options; plain data, so that it can be posted to a worker. */
export interface RowReadingOptions {
  mapping?: Readonly<Record<string, ImportField | null>>;
  dateOrder?: 'iso' | 'mdy' | 'dmy';
  /** The format to read the file as; detected when absent. */
  format?: ImportFormat;
}

/** A user as one row gives it, validated as users.create validates; `isActive` absent when the row does not say. */
export interface ImportedUser {
  username: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive?: boolean;
  lastLogin?: string;
  externalId?: string;
}

/** One row of the file after reading and validation, before it meets the database. */
export interface ReadRow {
  row: number;
  /** The username cell as given, to name the row in the report even when it is in error. */
  username?: string;
  /** Present when the row has no error so far. */
  user?: ImportedUser;
  groups?: string[];
  roles?: ImportRoleName[];
  /** The tenant's name as the row gives it; absent: the import's tenant (options.tenantId, else the default). */
  tenant?: string;
  errors: string[];
  /** The row's cells as the file has them, less password and credential columns (for "download the rows in error"). */
  cells?: string[];
}

export interface ImportColumnReport {
  header: string;
  field: ImportField | null;
  note?: string;
}

/** The file's facts, known once its header has been read. */
export interface ImportFileFacts {
  /** The format detected (or forced): `csv` for Roster's own columns and sheets made by hand. */
  format: ImportFormat;
  /** Which file of the format, e.g. `entra-template`, `keycloak-users`, `outsystems`. */
  variant: string;
  /** The format in words: "Entra ID bulk-create template". */
  formatLabel: string;
  /** The CSV delimiter; null for a JSON file. */
  delimiter: CsvDelimiter | null;
  encoding: CsvEncoding | 'text';
  columns: ImportColumnReport[];
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRowReport {
  row: number;
  action: ImportAction;
  username?: string;
  errors: string[];
  /** For rows in error: the cells as the file has them, less those of password or credential columns. */
  cells?: string[];
}

/** A group the file defines (Keycloak's group tree, SCIM Groups) and what the import does to it. */
export interface ImportGroupReport {
  name: string;
  action: ImportAction;
  /** The roles the file grants it, as `application/role`. */
  roles: string[];
  errors: string[];
}

export interface ImportReport extends ImportFileFacts {
  /** The groups the file defines, each created, updated (roles granted), unchanged or in error. */
  groups: ImportGroupReport[];
  /**
   * The file's header as written, for "download the rows in error", less the columns of passwords
   * or credentials (never read, and left out of `rows[].cells` too).
   */
  header: string[];
  /** Records left out on purpose (a template's example row), each a sentence naming its row. */
  notes: string[];
  dryRun: boolean;
  /** Whether anything was written (false for a dry run, and for an import stopped by an error). */
  applied: boolean;
  totals: { rows: number; create: number; update: number; unchanged: number; error: number };
  /** Every row in error and the first 1,000 of the others, in file order. */
  rows: ImportRowReport[];
  /** Groups, roles and tenants the import creates (createMissing) or would create. */
  created: { groups: string[]; roles: string[]; tenants: string[] };
  /** Ids of the users created or updated (when applied), for "show the imported users". */
  userIds: string[];
  usageBefore: UsageReport;
  usageAfter: UsageReport;
}

/** Rows other than errors kept in the report: enough to show, bounded for a million rows. */
export const REPORTED_ROWS = 1000;
