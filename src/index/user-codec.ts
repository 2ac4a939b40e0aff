/**
 * The one codec of stored users (schema v2): how a user is packed as a tuple, and how a chunk's
 * `data`, an environment state's `head` (its first users) and its `tallies` are written as text
 * and read back. Every reader and writer of those fields goes through here; the src/db records
 * keep them as plain strings. Pure: no Dexie, no DOM, nothing but the domain's types, so that a
 * Web Worker can pack users (a CSV import) with the same code.
 *
 * What this writes is stored in IndexedDB: a change of layout needs a new schema version and a
 * migration. Migrations never import this module; each keeps a frozen copy of what it wrote.
 */
import { defaultTenantId, isDefaultTenantId, type EndUser, type FactTally } from '../domain';

/** 0/1 rather than a boolean, as every stored flag (IndexedDB cannot index booleans). */
type Flag = 0 | 1;

/**
 * One user packed as a tuple: users are stored a few thousand per record, so the per-record
 * cost of IndexedDB is paid once per chunk. Dates are epoch milliseconds; absent optional
 * fields are null. Only this module reads or builds one by position.
 */
export type PackedUser = [
  id: string,
  username: string,
  name: string | null,
  email: string | null,
  mobilePhone: string | null,
  isActive: Flag,
  lastLogin: number | null,
  externalId: string | null,
  createdAt: number,
  updatedAt: number,
  /** The user's tenant; absent (a tuple of 10) for the environment's default tenant, as every user before tenants. */
  tenantId?: string,
];

/** How many users of an environment share one combination of counting facts and tenant (absent: the default one). */
type PackedTally = [domain: string, isActive: Flag, anonymous: Flag, count: number, tenantId?: string];

/** The fields packing reads from a user (an EndUser, or a validated input that has no id or dates yet). */
export type PackableUser = Pick<
  EndUser,
  'username' | 'name' | 'email' | 'mobilePhone' | 'isActive' | 'lastLogin' | 'externalId'
>;

/** `storedTenantId`: the user's tenant when it is not the environment's default one (undefined when it is). */
function packed(
  user: PackableUser,
  id: string,
  createdAt: number,
  updatedAt: number,
  storedTenantId: string | undefined,
): PackedUser {
  const tuple: PackedUser = [
    id,
    user.username,
    user.name ?? null,
    user.email ?? null,
    user.mobilePhone ?? null,
    user.isActive ? 1 : 0,
    user.lastLogin === undefined ? null : Date.parse(user.lastLogin),
    user.externalId ?? null,
    createdAt,
    updatedAt,
  ];
  if (storedTenantId !== undefined) tuple.push(storedTenantId);
  return tuple;
}

/** The tenant a user stores: none for its environment's default tenant. */
export function storedTenantOf(user: Pick<EndUser, 'environmentId' | 'tenantId'>): string | undefined {
  return user.tenantId === undefined || isDefaultTenantId(user.environmentId, user.tenantId)
    ? undefined
    : user.tenantId;
}

/** Packs a user for its chunk. */
export function packUser(user: EndUser): PackedUser {
  return packed(user, user.id, Date.parse(user.createdAt), Date.parse(user.updatedAt), storedTenantOf(user));
}

/** Packs a user created now (`at`, epoch ms), without formatting and parsing its dates. */
export function packNewUser(user: PackableUser, id: string, at: number, storedTenantId?: string): PackedUser {
  return packed(user, id, at, at, storedTenantId);
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string';
const isTime = (value: unknown) => typeof value === 'number' && Number.isInteger(value);

/**
 * Why decoded chunk text is not a list of packed users, or undefined when it is: for data that
 * comes from outside (a backup), checked field by field in one loop, far faster than a schema
 * over a million tuples.
 */
export function packedUsersProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'is not a list of users';
  for (let index = 0; index < value.length; index++) {
    const user: unknown = value[index];
    const fine =
      Array.isArray(user) &&
      (user.length === 10 || (user.length === 11 && isText(user[10]))) &&
      isText(user[0]) &&
      isText(user[1]) &&
      isTextOrNull(user[2]) &&
      isTextOrNull(user[3]) &&
      isTextOrNull(user[4]) &&
      (user[5] === 0 || user[5] === 1) &&
      (user[6] === null || isTime(user[6])) &&
      isTextOrNull(user[7]) &&
      isTime(user[8]) &&
      isTime(user[9]);
    if (!fine) return `holds a user (number ${index + 1}) that is not as Roster stores users`;
  }
  return undefined;
}

/** Unpacks a user of an environment from its tuple. */
export function unpackUser(environmentId: string, packed: PackedUser): EndUser {
  const [id, username, name, email, mobilePhone, isActive, lastLogin, externalId, createdAt, updatedAt, tenantId] =
    packed;
  const user: EndUser = {
    id,
    environmentId,
    tenantId: tenantId ?? defaultTenantId(environmentId),
    username,
    isActive: isActive === 1,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
  if (name !== null) user.name = name;
  if (email !== null) user.email = email;
  if (mobilePhone !== null) user.mobilePhone = mobilePhone;
  if (lastLogin !== null) user.lastLogin = new Date(lastLogin).toISOString();
  if (externalId !== null) user.externalId = externalId;
  return user;
}

/** A packed user's id. */
export function packedId(packed: PackedUser): string {
  return packed[0];
}

/** A packed user's username. */
export function packedUsername(packed: PackedUser): string {
  return packed[1];
}

/** When a packed user was created, in epoch ms. */
export function packedCreatedAt(packed: PackedUser): number {
  return packed[8];
}

/**
 * The stored fields of users held column by column, one slot per user (the index's layout:
 * absent text is null, a missing last login NaN, flags 0/1).
 */
export interface UserFieldColumns {
  ids: (string | undefined)[];
  usernames: string[];
  names: (string | null)[];
  emails: (string | null)[];
  phones: (string | null)[];
  externalIds: (string | null)[];
  active: Uint8Array;
  lastLogin: Float64Array;
  createdAt: Float64Array;
  updatedAt: Float64Array;
  /** The tenant, as an id of `tenants` (0: the environment's default tenant). */
  tenant: Int32Array;
  tenants: { readonly names: readonly string[]; idOf(name: string): number };
}

/** Writes a packed user's fields into a slot of the columns. */
export function unpackToColumns(columns: UserFieldColumns, slot: number, packed: PackedUser): void {
  const [id, username, name, email, mobilePhone, isActive, lastLogin, externalId, createdAt, updatedAt, tenantId] =
    packed;
  columns.ids[slot] = id;
  columns.usernames[slot] = username;
  columns.names[slot] = name;
  columns.emails[slot] = email;
  columns.phones[slot] = mobilePhone;
  columns.externalIds[slot] = externalId;
  columns.active[slot] = isActive;
  columns.lastLogin[slot] = lastLogin ?? Number.NaN;
  columns.createdAt[slot] = createdAt;
  columns.updatedAt[slot] = updatedAt;
  columns.tenant[slot] = tenantId === undefined ? 0 : columns.tenants.idOf(tenantId);
}

/** Packs the user in a slot of the columns. */
export function packColumns(columns: UserFieldColumns, slot: number): PackedUser {
  const lastLogin = columns.lastLogin[slot]!;
  const tuple: PackedUser = [
    columns.ids[slot]!,
    columns.usernames[slot]!,
    columns.names[slot] ?? null,
    columns.emails[slot] ?? null,
    columns.phones[slot] ?? null,
    columns.active[slot] as Flag,
    Number.isNaN(lastLogin) ? null : lastLogin,
    columns.externalIds[slot] ?? null,
    columns.createdAt[slot]!,
    columns.updatedAt[slot]!,
  ];
  const tenant = columns.tenant[slot]!;
  if (tenant !== 0) tuple.push(columns.tenants.names[tenant]!);
  return tuple;
}

/** A packed user's stored tenant (undefined: the environment's default tenant). */
export function packedTenant(packed: PackedUser): string | undefined {
  return packed[10];
}

/**
 * The text of packed users: a chunk's `data`, or an environment state's `head`. A string clones
 * and stores far faster than objects.
 */
export function encodeUsers(rows: readonly PackedUser[]): string {
  return JSON.stringify(rows);
}

/** The packed users of a chunk's `data` or a state's `head`. */
export function decodeUsers(text: string): PackedUser[] {
  return JSON.parse(text) as PackedUser[];
}

/**
 * The packed users of text read back from the database, checked (packedUsersProblem: one loop,
 * no schema), or why the text does not hold them: the caller sets its record apart.
 */
export function decodeCheckedUsers(text: string): { users: PackedUser[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  const problem = packedUsersProblem(value);
  return problem === undefined ? { users: value as PackedUser[] } : { problem };
}

/** The text of an environment state's `tallies` (text clones far faster than thousands of small arrays). */
export function encodeTallies(tallies: Iterable<FactTally>): string {
  const rows: PackedTally[] = [];
  for (const { domain, isActive, isAnonymous, count, tenantId } of tallies) {
    const row: PackedTally = [domain, isActive ? 1 : 0, isAnonymous ? 1 : 0, count];
    if (tenantId !== undefined) row.push(tenantId);
    rows.push(row);
  }
  return JSON.stringify(rows);
}

/**
 * Every tally of an environment: its state's (its default tenant's users) and each other tenant's
 * record (TenantTallyRecord: the same text, the tenant named once for all its entries).
 */
export function decodeEnvironmentTallies(
  stateTallies: string | undefined,
  tenantTallies: readonly { tenantId: string; tallies: string }[],
): FactTally[] {
  const all = stateTallies === undefined ? [] : decodeTallies(stateTallies);
  for (const { tenantId, tallies } of tenantTallies)
    for (const tally of decodeTallies(tallies)) all.push({ ...tally, tenantId });
  return all;
}

/** The tallies of an environment state's `tallies`, as the domain counts them. */
export function decodeTallies(text: string): FactTally[] {
  return (JSON.parse(text) as PackedTally[]).map(([domain, isActive, anonymous, count, tenantId]) => {
    const tally: FactTally = { domain, isActive: isActive === 1, isAnonymous: anonymous === 1, count };
    if (tenantId !== undefined) tally.tenantId = tenantId;
    return tally;
  });
}
