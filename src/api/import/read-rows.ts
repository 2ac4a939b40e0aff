/**
 * The first stage of an import: reads the file a chunk at a time (src/import), maps its
 * columns, reads each row's cells as a user (src/domain/import) and validates the user exactly
 * as users.create does, with the same messages. It touches no storage and no DOM, so the
 * browser runs it in a Web Worker (src/workers/read-rows.worker.ts) and Node in the calling
 * thread. Usernames given twice in the file are found here, since this stage sees every row in
 * order.
 */
import { z } from 'zod';
import {
  detectSheet,
  isNeverRead,
  isSheetFormat,
  mapColumns,
  readUserRow,
  showCell,
  type ColumnProfile,
  type FileGroup,
  type JsonSheet,
  type SheetProfile,
} from '../../domain/import';
import { CsvReadError, readCsv, type CsvBatch, type CsvRecord } from '../../import/read-csv';
import { RosterError, issuesFromZod } from '../errors';
import { userCreateSchema } from '../schemas';
import type { ImportColumnReport, ImportFileFacts, ImportedUser, ReadRow, RowReadingOptions } from './import-types';
import { isJsonSource, readJsonSheet } from './read-json';

/** A row's user as users.create validates it; `isActive` stays absent when the row does not say. */
const importedUserSchema = userCreateSchema.omit({ environmentId: true }).extend({ isActive: z.boolean().optional() });
const importedUsersSchema = z.array(importedUserSchema);

export interface ReadRowsBatch {
  /** In the first batch only. */
  facts?: ImportFileFacts & { header: string[] };
  rows: ReadRow[];
  /** Records skipped on purpose (a template's example row), each in a sentence naming its row. */
  notes?: string[];
  /** Groups the file defines with their roles (Keycloak's group tree, SCIM Groups); in the first batch. */
  groups?: FileGroup[];
  bytesRead: number;
  totalBytes: number;
  done: boolean;
}

export interface ReadRowsOptions extends RowReadingOptions {
  signal?: AbortSignal;
  /** Told after each chunk of the file is read (a chunk is a few hundred kilobytes). */
  onBytes?: (progress: { bytesRead: number; totalBytes: number }) => void;
  /** Bytes read at a time; tests make it small. */
  chunkBytes?: number;
}

/** Reads, maps and validates the rows of a CSV file or text, a batch of a few thousand at a time. */
export async function* readImportRows(
  source: string | Blob,
  options: ReadRowsOptions = {},
): AsyncGenerator<ReadRowsBatch> {
  const firstRowOf = new Map<string, number>();
  if (await isJsonSource(source)) {
    yield* readJsonRows(source, options, firstRowOf);
    return;
  }
  if (options.format && !isSheetFormat(options.format))
    throw RosterError.validation('source', `This file is not JSON, so it cannot be read as ${options.format}.`);
  let sheet: { profile: SheetProfile; columns: ImportColumnReport[] } | undefined;
  try {
    // Batches of a thousand rows: the page takes each in one task, which stays short at that size.
    for await (const batch of readCsv(source, {
      signal: options.signal,
      chunkBytes: options.chunkBytes,
      onProgress: options.onBytes,
      batchRecords: 1000,
    })) {
      let facts: ReadRowsBatch['facts'];
      let records = batch.records;
      if (!sheet) {
        const { profile, header, reading } = readHeader(batch, options);
        if (reading.errors.length)
          throw new RosterError(
            'validation',
            reading.errors.map((message) => ({ path: 'mapping', message })),
          );
        if (profile.headerAfterPreamble) records = records.slice(1);
        sheet = { profile, columns: reading.columns };
        facts = { ...fileFacts(batch, profile, sheet.columns), header: withoutSecrets(header, sheet.columns) };
      }
      const notes: string[] = [];
      const kept = records.filter((record) => {
        const skip = sheet!.profile.skipRow?.(record.cells);
        if (skip) notes.push(`row ${record.row}: ${skip}`);
        return !skip;
      });
      const rows = validate(kept, sheet.profile, sheet.columns, options, firstRowOf);
      const done = batch.done;
      yield { facts, rows, notes, bytesRead: batch.bytesRead, totalBytes: batch.totalBytes, done };
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw RosterError.validation('source', error.message);
    throw error;
  }
}

/** A JSON file's rows, in batches of a thousand, the groups it defines and its notes in the first. */
async function* readJsonRows(
  source: string | Blob,
  options: ReadRowsOptions,
  firstRowOf: Map<string, number>,
): AsyncGenerator<ReadRowsBatch> {
  const { sheet, facts } = await openJson(source, options);
  options.signal?.throwIfAborted();
  const totalBytes = typeof source === 'string' ? source.length : source.size;
  options.onBytes?.({ bytesRead: totalBytes, totalBytes });
  for (let start = 0; start < sheet.records.length || start === 0; start += 1000) {
    options.signal?.throwIfAborted();
    const rows = validate(sheet.records.slice(start, start + 1000), sheet, facts.columns, options, firstRowOf);
    const first = start === 0;
    yield {
      ...(first ? { facts, groups: sheet.groups, notes: sheet.notes } : {}),
      rows,
      bytesRead: totalBytes,
      totalBytes,
      done: start + 1000 >= sheet.records.length,
    };
  }
}

async function openJson(source: string | Blob, options: RowReadingOptions) {
  if (options.format && isSheetFormat(options.format) && !['auth0'].includes(options.format))
    throw RosterError.validation('format', `This file is JSON, so it cannot be read as ${options.format}.`);
  const sheet: JsonSheet = await readJsonSheet(source, options.format);
  const reading = mapColumns(sheet.header, options.mapping, sheet);
  const facts = {
    format: sheet.format,
    variant: sheet.variant,
    formatLabel: sheet.label,
    delimiter: null as null,
    encoding: typeof source === 'string' ? ('text' as const) : ('utf-8' as const),
    columns: reading.columns.map(({ header, field, note }) =>
      note === undefined ? { header, field } : { header, field, note },
    ),
    header: withoutSecrets(sheet.header, reading.columns),
  };
  return { sheet, facts, reading };
}

/**
 * The format of a sheet, its header (after a preamble such as Entra's `version:v1.0`) and how its
 * columns read. Throws when the format's header row is missing.
 */
function readHeader(batch: CsvBatch, options: RowReadingOptions) {
  const profile = detectSheet(batch.header.cells, options.format);
  let cells = batch.header.cells;
  if (profile.headerAfterPreamble) {
    const next = batch.records[0];
    if (!next)
      throw RosterError.validation('source', `The file has no header row after its first line ('${cells[0]}').`);
    cells = next.cells;
  }
  const header = profile.cleanCell ? cells.map(profile.cleanCell) : cells;
  return { profile, header, reading: mapColumns(header, options.mapping, profile) };
}

function fileFacts(batch: CsvBatch, profile: SheetProfile, columns: ImportColumnReport[]): ImportFileFacts {
  return {
    format: profile.format,
    variant: profile.variant,
    formatLabel: profile.label,
    delimiter: batch.delimiter,
    encoding: batch.encoding ?? 'text',
    columns: columns.map(({ header, field, note }) =>
      note === undefined ? { header, field } : { header, field, note },
    ),
  };
}

function validate(
  records: readonly CsvRecord[],
  profile: Pick<SheetProfile, 'cleanCell'> & ColumnProfile,
  columns: ImportColumnReport[],
  options: RowReadingOptions,
  firstRowOf: Map<string, number>,
): ReadRow[] {
  const mapped = columns.map((column, index) => ({ ...column, index }));
  const rows: ReadRow[] = [];
  const candidates: { row: ReadRow; cells: string[] }[] = [];
  const users: ImportedUser[] = [];
  const cellOptions = {
    dateOrder: options.dateOrder,
    usernameFrom: profile.usernameFrom,
    listsByLine: profile.listsByLine,
  };
  for (const record of records) {
    const cells = profile.cleanCell ? record.cells.map(profile.cleanCell) : record.cells;
    const reading = readUserRow(record.row, cells, mapped, cellOptions);
    const { groups, roles, tenant, ...user } = reading.input;
    const row: ReadRow = {
      row: record.row,
      errors: record.problem ? [record.problem, ...reading.errors] : reading.errors,
    };
    if (user.username) row.username = user.username;
    if (groups) row.groups = groups;
    if (roles) row.roles = roles;
    if (tenant) row.tenant = tenant;
    rows.push(row);
    candidates.push({ row, cells: record.cells });
    users.push(user as ImportedUser);
  }
  // One zod call for the whole batch (far cheaper than one per row); issues name the row by index.
  const result = importedUsersSchema.safeParse(users);
  const parsed = result.success ? result.data : undefined;
  const issuesAt = new Map<number, string[]>();
  if (!result.success) {
    for (const issue of issuesFromZod(result.error)) {
      const [index, ...field] = issue.path.split('.');
      const at = Number(index);
      const name = field.join('.');
      const header = columns.find((column) => column.field === name)?.header ?? name;
      const given = (users[at] as Record<string, unknown> | undefined)?.[name];
      const shown = typeof given === 'string' && given !== '' ? ` ${showCell(given)}` : '';
      const list = issuesAt.get(at) ?? [];
      list.push(`row ${candidates[at]!.row.row}, ${header}${shown}: ${issue.message}`);
      issuesAt.set(at, list);
    }
  }
  candidates.forEach(({ row, cells }, index) => {
    const issues = issuesAt.get(index);
    if (issues) row.errors.push(...issues);
    const user = parsed ? parsed[index] : issues ? undefined : importedUserSchema.parse(users[index]);
    if (row.errors.length === 0 && user) {
      // Usernames are unique within a tenant: the same one may appear once per tenant the file names.
      const key = `${row.tenant?.toLowerCase() ?? ''}\u0000${user.username.toLowerCase()}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        const header = columns.find((column) => column.field === 'username')?.header ?? 'username';
        row.errors.push(`row ${row.row}, ${header}: ${showCell(user.username)} already appears in row ${first}.`);
      } else {
        firstRowOf.set(key, row.row);
        row.user = user;
      }
    }
    // Kept for every row: a row may turn out to be in error only when it meets the database (a
    // username taken, a group missing), and the file of rows in error gives them as they were,
    // less the password columns: the report and that file would otherwise carry the secrets out.
    row.cells = withoutSecrets(cells, columns);
  });
  return rows;
}

/**
 * A row's cells (or the header) without the columns that hold passwords or credentials, which
 * Roster never reads: the report's header and rows in error are this, aligned with each other.
 */
function withoutSecrets(cells: readonly string[], columns: readonly { note?: string }[]): string[] {
  return cells.filter((_, index) => !(columns[index] && isNeverRead(columns[index])));
}

/** How a file reads before any row is imported: its delimiter, encoding, header and each column's field. */
export interface CsvPreview extends ImportFileFacts {
  header: string[];
  /** What stops the import until the mapping changes (e.g. no column is read as username); empty when it can go on. */
  errors: string[];
}

/**
 * Reads only the start of a file (the header and the first records) and maps its columns, so a
 * screen can show the mapping, errors included, before and apart from a dry run of every row.
 */
export async function previewCsv(source: string | Blob, options: RowReadingOptions = {}): Promise<CsvPreview> {
  // A JSON file forced as csv goes to openJson too, which refuses it as the import does: a
  // preview read it as CSV (one column '[') while the import said it is JSON.
  if (await isJsonSource(source)) {
    const { facts, reading } = await openJson(source, options);
    return { ...facts, errors: reading.errors };
  }
  try {
    for await (const batch of readCsv(source, { chunkBytes: 64 * 1024, batchRecords: 1 })) {
      const { profile, header, reading } = readHeader(batch, options);
      return { ...fileFacts(batch, profile, reading.columns), header, errors: reading.errors };
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw RosterError.validation('source', error.message);
    throw error;
  }
  throw RosterError.validation('source', 'The file is empty: it has no header row.');
}
