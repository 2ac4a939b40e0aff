/**
 * The gate for every record read back from IndexedDB: one zod schema per table, as the current
 * schema stores its records. Each repository read passes what it read through `admit`; a record
 * that does not fit (an older or damaged record, a hand edit in the browser's developer tools)
 * is set apart in an in-memory register of its database (table, key, raw text, the problem in
 * words) and left out, so that the rest of the code only ever sees records of the right shape,
 * and the console keeps working without it.
 *
 * Cheap on purpose: a record's shape is checked, not the packed text inside it. The users of a
 * chunk are checked by the user codec as the index decodes them (src/index), which reports a
 * chunk that does not decode with `setApart`; group members' ids are checked as they are parsed
 * (group.repository.ts). The backup's gate (src/api/backup) builds its stricter schemas on
 * these shapes.
 */
import { z } from 'zod';
import type { RosterDb } from './roster-db';

const text = z.string();
const bit = z.union([z.literal(0), z.literal(1)]);
const count = z.number().int().min(0);
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: 'is not a date' });

/** Text that must hold JSON of a given shape (small packed fields: tallies, member and user ids). */
export function jsonOf(schema: z.ZodType) {
  return text.superRefine((value, context) => {
    const problem = jsonProblem(value, (parsed) => {
      const result = schema.safeParse(parsed);
      return result.success ? undefined : (result.error.issues[0]?.message ?? 'wrong shape');
    });
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

function jsonProblem(value: string, shapeProblem: (parsed: unknown) => string | undefined): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'is not valid JSON';
  }
  const problem = shapeProblem(parsed);
  return problem === undefined ? undefined : `does not hold what it should (${problem})`;
}

/**
 * An environment's tallies as the user codec packs them: [domain, isActive, anonymous, count].
 * Checked by hand, not by zod: the state record is read by every usage read, and its tallies
 * hold one entry per email domain and flags (tens of thousands at scale).
 */
function talliesProblem(parsed: unknown): string | undefined {
  if (!Array.isArray(parsed)) return 'not a list';
  for (const entry of parsed as unknown[]) {
    if (!Array.isArray(entry) || (entry.length !== 4 && entry.length !== 5))
      return 'an entry is not [domain, active, anonymous, count, tenant?]';
    const [domain, isActive, anonymous, count, tenantId] = entry as unknown[];
    if (typeof domain !== 'string') return 'a domain is not text';
    if (entry.length === 5 && (typeof tenantId !== 'string' || tenantId === '')) return 'a tenant is not an id';
    if ((isActive !== 0 && isActive !== 1) || (anonymous !== 0 && anonymous !== 1)) return 'a flag is not 0 or 1';
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return 'a count is not a whole number';
  }
  return undefined;
}

/**
 * Tallies texts that passed, so that reading the same state again (every usage read does) costs
 * a string comparison, not a parse. One is live per environment and per tenant with users (50
 * clients: 50 texts), so the oldest are let go by size, not all at once: a few MB of text.
 */
const talliesPassed = new Set<string>();
const TALLIES_REMEMBERED_CHARS = 8_000_000;
let talliesPassedChars = 0;

function rememberTallies(value: string): void {
  talliesPassed.add(value);
  talliesPassedChars += value.length;
  for (const oldest of talliesPassed) {
    if (talliesPassedChars <= TALLIES_REMEMBERED_CHARS || oldest === value) break;
    talliesPassed.delete(oldest);
    talliesPassedChars -= oldest.length;
  }
}

const packedTallies = text.superRefine((value, context) => {
  if (talliesPassed.has(value)) return;
  const problem = jsonProblem(value, talliesProblem);
  if (problem) {
    context.addIssue({ code: 'custom', message: problem });
    return;
  }
  rememberTallies(value);
});

/**
 * The fields of each table's records. Packed users (`userChunks.data`, `environmentStates.head`)
 * are text here; whoever decodes them checks them with the codec.
 */
const storedRules = z.strictObject({
  mode: z.enum(['all-internal', 'domains']),
  domains: z.array(z.strictObject({ domain: text, relation: z.enum(['own', 'parent', 'affiliate', 'client']) })),
});

const fraction = z.number().gt(0).lte(1);
const limit = z.number().int().min(0);

/** One day's counts of an environment (a snapshot), and of a tenant with its highs beside them. */
const snapshotFields = {
  environmentId: text,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  internal: count,
  external: count,
  named: count,
  anonymous: count,
  inactive: count,
};

export const RECORD_FIELDS = {
  environments: {
    id: text,
    name: text,
    kind: z.enum(['production', 'non-production']),
    platformVersion: text.optional(),
    rules: storedRules,
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  environmentStates: {
    environmentId: text,
    rev: count,
    nextSeq: count,
    tallies: packedTallies,
    head: text,
    count,
    tenantTalliesStamp: text.optional(),
    generation: text.optional(),
  },
  userChunks: { id: text, environmentId: text, seq: count, rev: count, count, data: text },
  tenantTallies: { environmentId: text, tenantId: text, tallies: packedTallies },
  tenants: {
    id: text,
    environmentId: text,
    name: text,
    nameKey: text,
    isDefault: bit,
    rules: storedRules.optional(),
    limits: z
      .discriminatedUnion('model', [
        z.strictObject({
          model: z.literal('internal-external'),
          internalLimit: limit,
          externalLimit: limit,
          warnAt: fraction,
        }),
        z.strictObject({ model: z.literal('named'), namedLimit: limit, warnAt: fraction }),
      ])
      .optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  groups: {
    id: text,
    environmentId: text,
    tenantId: text,
    name: text,
    nameKey: text,
    description: text.optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  groupMembers: { id: text, groupId: text, environmentId: text, seq: count, count, userIds: text },
  roles: { id: text, environmentId: text, application: text, name: text, key: text, builtIn: bit },
  userRoles: { userId: text, roleId: text, environmentId: text },
  groupRoles: { groupId: text, roleId: text, environmentId: text },
  settings: { key: text, value: z.unknown().optional() },
  snapshots: snapshotFields,
  // A tenant's day: the same counts, with the day's highs.
  tenantSnapshots: {
    ...snapshotFields,
    tenantId: text,
    high: z.strictObject({ internal: count, external: count, named: count }),
  },
  audit: {
    id: z.number().int().min(1),
    at: isoDate,
    action: text,
    entity: z.enum(['environment', 'user', 'group', 'role', 'subscription', 'settings', 'tenant']),
    entityId: text,
    environmentId: text.optional(),
    // JSON leaves out a value that was undefined (a field set for the first time has no before).
    changes: z
      .record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() }))
      .optional(),
    summary: text.optional(),
    label: text.optional(),
    actor: text.optional(),
    userCount: count.optional(),
    userIds: text.optional(),
    usernames: text.optional(),
  },
  auditBuckets: {
    bucket: z.number().int().min(0),
    count,
    minAt: text,
    maxAt: text,
    counts: z.record(z.string(), z.number()),
  },
  auditUsers: {
    entryId: z.number().int().min(1),
    shard: z.number().int().min(0).max(255),
    // Parsed where it is read (audit-users.ts), as group members' ids are.
    userIds: text,
  },
  dormancyFacts: {
    environmentId: text,
    rev: count,
    generation: text.optional(),
    version: z.number(),
    stamp: text,
    domains: z.array(text),
    offsets: z.instanceof(Uint32Array),
    times: z.instanceof(Float64Array),
  },
  userOrders: {
    environmentId: text,
    rev: count,
    generation: text.optional(),
    version: z.number(),
    positions: z.instanceof(Uint32Array),
  },
} as const satisfies Record<string, z.ZodRawShape>;

/** Every table whose records pass the gate (all of the current schema's). */
export type GatedTable = keyof typeof RECORD_FIELDS;

/**
 * The read-back schemas: unknown keys are let through (a field an older or newer version wrote
 * harms nothing), but every known field must be as the code expects.
 */
const SCHEMAS = Object.fromEntries(
  Object.entries(RECORD_FIELDS).map(([table, fields]) => [table, z.looseObject(fields)]),
) as unknown as Record<GatedTable, z.ZodType>;

/** A record set apart by the gate. */
export interface UnreadableRecord {
  table: GatedTable;
  /** Its primary key, as JSON text ("" when the key could not be read). */
  key: string;
  /** What is wrong with it, in words. */
  problem: string;
  /** The record as JSON text, as it was read. */
  raw: string;
}

export interface UnreadableReport {
  count: number;
  records: UnreadableRecord[];
}

interface Register {
  records: Map<string, UnreadableRecord>;
  listeners: Set<(report: UnreadableReport) => void>;
}

const registers = new WeakMap<RosterDb, Register>();

function registerOf(db: RosterDb): Register {
  let register = registers.get(db);
  if (!register) registers.set(db, (register = { records: new Map(), listeners: new Set() }));
  return register;
}

/** The primary key of a record of the table, if it can be read. */
function keyOf(db: RosterDb, table: GatedTable, record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return undefined;
  const path = db.table(table).schema.primKey.keyPath;
  const field = (name: string) => (record as Record<string, unknown>)[name];
  if (Array.isArray(path)) return path.map(field);
  return typeof path === 'string' ? field(path) : undefined;
}

/** The record as JSON text, typed arrays as lists; never throws (a cycle gives its String form). */
export function rawText(record: unknown): string {
  try {
    const json = JSON.stringify(record, (_key, value: unknown) =>
      ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Uint32Array) : value,
    );
    return json ?? String(record);
  } catch {
    return String(record);
  }
}

function report(register: Register): UnreadableReport {
  const records = [...register.records.values()];
  return { count: records.length, records };
}

function changed(register: Register): void {
  if (!register.listeners.size) return;
  const current = report(register);
  for (const listener of register.listeners) listener(current);
}

function keyText(key: unknown): string {
  if (key === undefined) return '';
  try {
    return JSON.stringify(key) ?? '';
  } catch {
    return '';
  }
}

/**
 * Sets a record apart: it is counted and listed by `unreadable` (once per table and key; a
 * record read again replaces its entry). For a problem found past the gate, by the code that
 * decodes a record's packed text.
 */
export function setApart(db: RosterDb, table: GatedTable, record: unknown, problem: string): void {
  const register = registerOf(db);
  const key = keyText(keyOf(db, table, record));
  const raw = rawText(record);
  // A record without a readable key is told apart by its text.
  register.records.set(`${table}\u0000${key || raw}`, { table, key, problem, raw });
  changed(register);
}

/** Why a record does not fit its table, in words, or undefined when it fits. */
export function recordProblem(table: GatedTable, record: unknown): string | undefined {
  const result = SCHEMAS[table].safeParse(record);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue?.message ?? 'not as Roster stores it'}`;
}

/** Forgets a record set apart that now reads well (fixed in another tab, or replaced by a write). */
function readsWell(db: RosterDb, table: GatedTable, record: unknown): void {
  const register = registers.get(db);
  if (!register?.records.size) return;
  if (register.records.delete(`${table}\u0000${keyText(keyOf(db, table, record))}`)) changed(register);
}

/**
 * The records that fit their table, in their order; the others are set apart. Records are
 * returned as read (not copies), typed as the table's records.
 */
export function admit<T>(db: RosterDb, table: GatedTable, records: readonly unknown[]): T[] {
  const admitted: T[] = [];
  for (const record of records) {
    if (record === undefined) continue;
    const problem = recordProblem(table, record);
    if (problem === undefined) {
      readsWell(db, table, record);
      admitted.push(record as T);
    } else setApart(db, table, record, problem);
  }
  return admitted;
}

/** One record read by key: itself if it fits, else (set apart) undefined, as if it were not there. */
export function admitOne<T>(db: RosterDb, table: GatedTable, record: unknown): T | undefined {
  if (record === undefined) return undefined;
  return admit<T>(db, table, [record])[0];
}

/**
 * Records of a bulkGet: the holes stay holes (callers match them by position), a record that
 * does not fit becomes a hole.
 */
export function admitEach<T>(db: RosterDb, table: GatedTable, records: readonly unknown[]): (T | undefined)[] {
  return records.map((record) => admitOne<T>(db, table, record));
}

/** The records set apart so far in this tab, in the order they were met. */
export function unreadableRecords(db: RosterDb): UnreadableReport {
  return report(registerOf(db));
}

/** Calls `listener` with the report now and whenever a record is set apart or reads well again. */
export function watchUnreadable(db: RosterDb, listener: (report: UnreadableReport) => void): () => void {
  const register = registerOf(db);
  register.listeners.add(listener);
  listener(report(register));
  return () => register.listeners.delete(listener);
}
