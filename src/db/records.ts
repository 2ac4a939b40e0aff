/**
 * The shapes stored in IndexedDB and their mapping to the domain's entities.
 * Booleans are stored as 0/1 because IndexedDB cannot index booleans; `*Key` fields hold
 * the case-folded forms that uniqueness and lookups use.
 */
import type { ClassificationRules, EndUser, Environment, EnvironmentKind, FactTally, Group, Role } from '../domain';

export type Bit = 0 | 1;

export interface EnvironmentRecord {
  id: string;
  name: string;
  kind: EnvironmentKind;
  platformVersion?: string;
  rules: ClassificationRules;
  createdAt: string;
  updatedAt: string;
}

/** A user as schema v1 stored it, one record per user; read only by the v1 → v2 migration. */
export interface UserRecord {
  id: string;
  environmentId: string;
  username: string;
  usernameKey: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: Bit;
  lastLogin?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
  /** Counting facts, fixed by the user's own fields (see domain/user-facts). */
  domain: string;
  anonymous: Bit;
  /** Lower-cased effective email of a counted (active, non-anonymous) user; absent otherwise, so unindexed. */
  emailKey?: string;
}

/** Schema v1's tally rows; read only by the v1 → v2 migration. */
export interface TallyRecord {
  environmentId: string;
  domain: string;
  isActive: Bit;
  anonymous: Bit;
  count: number;
}

/**
 * One user packed as a tuple (schema v2): users are stored a few thousand per record, so
 * the per-record cost of IndexedDB is paid once per chunk. Dates are epoch milliseconds;
 * absent optional fields are null.
 */
export type PackedUser = [
  id: string,
  username: string,
  name: string | null,
  email: string | null,
  mobilePhone: string | null,
  isActive: Bit,
  lastLogin: number | null,
  externalId: string | null,
  createdAt: number,
  updatedAt: number,
];

/** A chunk of an environment's users, JSON-encoded: a string clones and stores far faster than objects. */
export interface UserChunkRecord {
  /** `${environmentId}:${seq}` */
  id: string;
  environmentId: string;
  seq: number;
  /** The environment's revision when this chunk was last written; lets other tabs fetch only what changed. */
  rev: number;
  count: number;
  /** JSON of PackedUser[] */
  data: string;
}

/** How many users of an environment share one combination of counting facts: [domain, isActive, anonymous, count]. */
export type PackedTally = [domain: string, isActive: Bit, anonymous: Bit, count: number];

/**
 * Per environment: the revision (bumped by every user write), the next chunk number, the
 * tallies by counting facts (usage without reading users) and the first users in username
 * order (the first page, shown before the full index has loaded).
 */
export interface EnvironmentStateRecord {
  environmentId: string;
  rev: number;
  nextSeq: number;
  /** JSON of PackedTally[] (text clones far faster than thousands of small arrays). */
  tallies: string;
  /** JSON of PackedUser[]. */
  head: string;
  /** How many users the environment has. */
  count: number;
}

export interface GroupRecord {
  id: string;
  environmentId: string;
  name: string;
  nameKey: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

/** A membership as schemas v1 to v3 stored it, one record each; read only by the v3 → v4 migration. */
export interface MembershipRecord {
  groupId: string;
  userId: string;
  environmentId: string;
}

/**
 * Members of a group, MEMBER_CHUNK_SIZE at most per record (schema v4). A group's chunks hold
 * each member once; a chunk that loses its last member is deleted.
 */
export interface GroupMemberChunkRecord {
  /** `${groupId}/${seq}` */
  id: string;
  groupId: string;
  /** The group's environment: a user's groups are found by scanning its environment's chunks. */
  environmentId: string;
  seq: number;
  /** How many ids `userIds` holds (member counts without parsing). */
  count: number;
  /** JSON of string[]: user ids. */
  userIds: string;
}

export interface RoleRecord {
  id: string;
  environmentId: string;
  application: string;
  name: string;
  /** `application/name`, case-folded: unique per environment. */
  key: string;
  builtIn: Bit;
}

export interface UserRoleRecord {
  userId: string;
  roleId: string;
  environmentId: string;
}

export interface GroupRoleRecord {
  groupId: string;
  roleId: string;
  environmentId: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface AuditRecord {
  id?: number;
  at: string;
  action: string;
  entity: 'environment' | 'user' | 'group' | 'role' | 'subscription';
  entityId: string;
  environmentId?: string;
  /** Changed fields, with their values before and after. */
  changes?: Record<string, { before: unknown; after: unknown }>;
  /** Free text for bulk operations, e.g. "created 2,000 users". */
  summary?: string;
}

export const bit = (value: boolean): Bit => (value ? 1 : 0);

export function toEnvironment(record: EnvironmentRecord): Environment {
  const { rules: _rules, ...environment } = record;
  return environment;
}

/** Maps a schema v1 user record (migration only). */
export function toUser(record: UserRecord): EndUser {
  const { usernameKey: _u, domain: _d, anonymous: _a, emailKey: _e, isActive, ...rest } = record;
  return { ...rest, isActive: isActive === 1 };
}

export function toGroup(record: GroupRecord): Group {
  const { nameKey: _n, ...group } = record;
  return group;
}

export function toRole(record: RoleRecord): Role {
  const { key: _k, builtIn, ...role } = record;
  return { ...role, builtIn: builtIn === 1 };
}

const isoOrUndefined = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

/** Packs a user for its chunk. */
export function packUser(user: EndUser): PackedUser {
  return [
    user.id,
    user.username,
    user.name ?? null,
    user.email ?? null,
    user.mobilePhone ?? null,
    bit(user.isActive),
    user.lastLogin === undefined ? null : Date.parse(user.lastLogin),
    user.externalId ?? null,
    Date.parse(user.createdAt),
    Date.parse(user.updatedAt),
  ];
}

/** Unpacks a user of an environment from its chunk tuple. */
export function unpackUser(environmentId: string, packed: PackedUser): EndUser {
  const [id, username, name, email, mobilePhone, isActive, lastLogin, externalId, createdAt, updatedAt] = packed;
  const user: EndUser = {
    id,
    environmentId,
    username,
    isActive: isActive === 1,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
  if (name !== null) user.name = name;
  if (email !== null) user.email = email;
  if (mobilePhone !== null) user.mobilePhone = mobilePhone;
  const login = isoOrUndefined(lastLogin);
  if (login !== undefined) user.lastLogin = login;
  if (externalId !== null) user.externalId = externalId;
  return user;
}

/** The tallies kept in an environment's state record, as the domain counts them. */
export function stateTallies(state: EnvironmentStateRecord): FactTally[] {
  return (JSON.parse(state.tallies) as PackedTally[]).map(([domain, isActive, anonymous, count]) => ({
    domain,
    isActive: isActive === 1,
    isAnonymous: anonymous === 1,
    count,
  }));
}

/** The first users (by username) kept in an environment's state record. */
export function stateHead(state: EnvironmentStateRecord): PackedUser[] {
  return JSON.parse(state.head) as PackedUser[];
}
