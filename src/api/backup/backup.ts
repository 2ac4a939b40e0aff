/**
 * `roster.backup` and `roster.restore`: the whole database as one versioned JSON document,
 * gzip-compressed with the browser's CompressionStream. The document is written a piece at a
 * time (a Blob of parts, one record per line), so a million users never become one string on
 * the way out. A restore reads and validates the whole file before it touches anything, then
 * replaces every table in one transaction: the data is either the backup's or, on any failure,
 * exactly as it was.
 */
import {
  BACKUP_TABLES,
  firstAuditAt,
  getSetting,
  putSetting,
  recentAudit,
  replaceDatabase,
  schemaVersion,
  tableCounts,
  tableRecords,
  writeTransaction,
  type BackupTable,
} from '../../db';
import { defaultTenantId } from '../../domain';
import { yieldToEventLoop } from '../../index';
import { defaultTenantRecord } from '../tenants.api';
import type { ApiContext } from '../context';
import { RosterError } from '../errors';
import { BACKUP_RECORD_SCHEMAS } from './backup-records';
import { BackupTextError, backupDocument, recordLine } from './backup-text';
import { gzip } from './gzip';

export const BACKUP_FORMAT = 'roster-backup';
/** The backup format this Roster writes and the newest it reads. */
export const BACKUP_VERSION = 3;

export interface BackupOptions {
  /** gzip the document (default: where the runtime has CompressionStream). */
  compress?: boolean;
}

export interface RestoreOptions {
  /** Only read and check the file, and say what it holds; nothing is written. */
  dryRun?: boolean;
}

export interface BackupSummary {
  exportedAt: string;
  version: number;
  environments: { id: string; name: string; kind: string; users: number }[];
  /** Records per table. */
  records: Record<BackupTable, number>;
}

/** When the last backup was made and the data last changed, for the console's reminder. */
export interface BackupStatus {
  lastBackupAt?: string;
  lastChangeAt?: string;
  /** The oldest change still in the activity log: how long the data has gone unsaved when there was never a backup. */
  firstChangeAt?: string;
}

const LAST_BACKUP_KEY = 'lastBackupAt';

/**
 * Records read and encoded per slice while writing a backup: a user chunk holds a few thousand
 * users (a few hundred kilobytes of text), so few at a time keep every task short.
 */
const READ_BATCH: Partial<Record<BackupTable, number>> = { userChunks: 2, environmentStates: 20, groupMembers: 20 };
const READ_BATCH_OTHERS = 500;
/** Characters of text turned into a Blob at a time, with a pause after each. */
const PIECE_CHARS = 1 << 20;

/**
 * The backup's text gathered into a Blob a few megabytes at a time, with a pause after each: a
 * Blob made at the end from every line (hundreds of megabytes at 1M) encodes it all in one task.
 */
class TextPieces {
  readonly #blobs: Blob[] = [];
  #parts: string[] = [];
  #chars = 0;

  async write(...texts: string[]): Promise<void> {
    for (const text of texts) {
      this.#parts.push(text);
      this.#chars += text.length;
    }
    if (this.#chars < PIECE_CHARS) return;
    this.#flush();
    await yieldToEventLoop();
  }

  blob(type: string): Blob {
    this.#flush();
    return new Blob(this.#blobs, { type });
  }

  #flush(): void {
    if (!this.#parts.length) return;
    this.#blobs.push(new Blob(this.#parts));
    this.#parts = [];
    this.#chars = 0;
  }
}

export async function backup(context: ApiContext, options: BackupOptions = {}): Promise<Blob> {
  const compress = options.compress ?? typeof CompressionStream === 'function';
  // Writes that are under way land first, so the backup holds them whole.
  await context.userIndex.whenIdle();
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: schemaVersion(context.db),
    exportedAt: context.now().toISOString(),
  };
  const text = new TextPieces();
  await text.write(`${JSON.stringify(head).slice(0, -1)},"tables":{`);
  for (const [index, table] of BACKUP_TABLES.entries()) {
    await text.write(`${index ? ',' : ''}\n${JSON.stringify(table)}:[`);
    let first = true;
    for await (const records of tableRecords(context.db, table, READ_BATCH[table] ?? READ_BATCH_OTHERS)) {
      for (const record of records) {
        await text.write(`${first ? '' : ','}\n`, await recordLine(record));
        first = false;
      }
      await yieldToEventLoop();
    }
    await text.write('\n]');
  }
  await text.write('\n}}\n');
  // Recorded after the tables were read, so the backup itself holds the previous date.
  await writeTransaction(context.db, () => putSetting(context.db, LAST_BACKUP_KEY, head.exportedAt));
  const plain = text.blob('application/json');
  return compress ? gzip(plain, 'compress') : plain;
}

/** Reads a backup and checks every record; throws RosterError `validation` saying why a file is refused. */
async function readBackup(
  source: unknown,
): Promise<{ head: { exportedAt: string; version: number }; tables: Record<BackupTable, unknown[]> }> {
  if (typeof source !== 'string' && !(source instanceof Blob))
    throw RosterError.validation('source', 'Give the backup file (a File or Blob) or its text.');
  const document = await backupDocumentOf(source);
  if (!isObject(document) || document.format !== BACKUP_FORMAT)
    throw refused(`it is not a Roster backup (no "format": "${BACKUP_FORMAT}").`);
  const { version, exportedAt, tables } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw refused('its format version is missing.');
  if (version > BACKUP_VERSION) {
    throw RosterError.validation(
      'source',
      `This backup was made by a newer Roster (format ${version}); this one reads up to ${BACKUP_VERSION}.`,
    );
  }
  if (typeof exportedAt !== 'string' || Number.isNaN(Date.parse(exportedAt)))
    throw refused('it does not say when it was made.');
  if (!isObject(tables)) throw refused('it holds no tables.');
  if (version < 2) withDefaultTenants(tables);
  // Format 3 added the tenants' own history: an older backup has none to restore.
  if (version < 3 && tables.tenantSnapshots === undefined) tables.tenantSnapshots = [];
  const checked = {} as Record<BackupTable, unknown[]>;
  for (const table of BACKUP_TABLES) {
    const records = tables[table];
    if (!Array.isArray(records)) throw refused(`the table ${table} is missing.`);
    const schema = BACKUP_RECORD_SCHEMAS[table];
    for (let index = 0; index < records.length; index++) {
      const result = schema.safeParse(records[index]);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        const where = issue.path.length ? `, ${issue.path.join('.')}` : '';
        const problem = issue.code === 'unrecognized_keys' ? 'has a field Roster does not know' : issue.message;
        throw refused(`record ${index + 1} of the table ${table}${where} ${problem}.`);
      }
      if ((index & 1023) === 1023) await yieldToEventLoop();
    }
    checked[table] = records;
  }
  for (const table of Object.keys(tables)) {
    if (!(BACKUP_TABLES as readonly string[]).includes(table))
      throw refused(`it has a table Roster does not know (${table}).`);
  }
  return { head: { exportedAt, version }, tables: checked };
}

/**
 * A backup of format 1 (before tenants) read as format 2: every environment gets its default
 * tenant and every group is put in it, as the v10 migration does for a database.
 */
function withDefaultTenants(tables: Record<string, unknown>): void {
  if (tables.tenants !== undefined) return;
  tables.tenantTallies = [];
  const environments = Array.isArray(tables.environments) ? (tables.environments as unknown[]) : [];
  tables.tenants = environments.filter(isObject).map((environment) => {
    const at = environment.createdAt;
    return defaultTenantRecord(String(environment.id), typeof at === 'string' ? at : new Date(0).toISOString());
  });
  if (Array.isArray(tables.groups)) {
    tables.groups = (tables.groups as unknown[]).map((group) =>
      isObject(group) && group.tenantId === undefined
        ? { ...group, tenantId: defaultTenantId(String(group.environmentId)) }
        : group,
    );
  }
}

export async function restore(
  context: ApiContext,
  source: string | Blob,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  if (options === null || typeof options !== 'object')
    throw RosterError.validation('options', 'Give the options as an object, such as { dryRun: true }.');
  const { head, tables } = await readBackup(source);
  const summary = summarise(head, tables);
  if (options.dryRun) return summary;
  const { userIndex } = context;
  // No load may be under way while the tables are replaced under it.
  await userIndex.ready();
  await userIndex.mutate(async () => {
    await replaceDatabase(context.db, tables);
    // The index held the data that was replaced: it reloads from the restored tables.
    userIndex.invalidate();
  });
  await userIndex.ready();
  return summary;
}

function summarise(
  head: { exportedAt: string; version: number },
  tables: Record<BackupTable, unknown[]>,
): BackupSummary {
  const users = new Map<string, number>();
  for (const state of tables.environmentStates as { environmentId: string; count: number }[])
    users.set(state.environmentId, state.count);
  const environments = (tables.environments as { id: string; name: string; kind: string }[]).map(
    ({ id, name, kind }) => ({ id, name, kind, users: users.get(id) ?? 0 }),
  );
  const records = Object.fromEntries(BACKUP_TABLES.map((table) => [table, tables[table].length])) as Record<
    BackupTable,
    number
  >;
  return { exportedAt: head.exportedAt, version: head.version, environments, records };
}

export async function backupStatus(context: ApiContext): Promise<BackupStatus> {
  const [lastBackupAt, [last], first] = await Promise.all([
    getSetting<string>(context.db, LAST_BACKUP_KEY),
    recentAudit(context.db, 1),
    firstAuditAt(context.db),
  ]);
  return {
    ...(lastBackupAt ? { lastBackupAt } : {}),
    ...(last ? { lastChangeAt: last.at } : {}),
    ...(first ? { firstChangeAt: first } : {}),
  };
}

/** What this database holds now, in the terms of a backup's summary (for the comparison before a restore). */
export async function currentHoldings(context: ApiContext): Promise<Record<BackupTable, number>> {
  return tableCounts(context.db);
}

/** A backup's document, gunzipped when the file starts with gzip's magic bytes, read as it streams in. */
async function backupDocumentOf(source: string | Blob): Promise<unknown> {
  if (typeof source === 'string') {
    try {
      return JSON.parse(source);
    } catch {
      throw refused('it is not complete JSON (it may be cut short, or not a backup at all).');
    }
  }
  const magic = new Uint8Array(await source.slice(0, 2).arrayBuffer());
  const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  if (gzipped && typeof DecompressionStream !== 'function')
    throw RosterError.validation(
      'source',
      'This browser cannot decompress the backup; use one made with { compress: false }.',
    );
  let plain = source;
  if (gzipped) {
    try {
      plain = await gzip(source, 'decompress');
    } catch {
      throw refused('it is damaged or cut short: it could not be decompressed.');
    }
  }
  try {
    return await backupDocument(plain.stream());
  } catch (error) {
    if (error instanceof BackupTextError) throw refused(error.message);
    throw error;
  }
}

function refused(why: string): RosterError {
  return RosterError.validation('source', `This file cannot be restored: ${why} Nothing was changed.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
