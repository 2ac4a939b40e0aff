/**
 * The shapes stored in IndexedDB and their mapping to the domain's entities.
 * Booleans are stored as 0/1 because IndexedDB cannot index booleans; `*Key` fields hold
 * the case-folded forms that uniqueness and lookups use.
 */
import type { ClassificationRules, Environment, EnvironmentKind, Group, Role, Tenant, TenantLimits } from '../domain';

type Bit = 0 | 1;

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
 * A chunk of an environment's users (schema v2), packed a few thousand per record so that
 * IndexedDB's per-record cost is paid once per chunk. Its text is written and read only by the
 * user codec (src/index/user-codec.ts), which src/db may not import: here it is a string.
 */
export interface UserChunkRecord {
  /** `${environmentId}:${seq}` */
  id: string;
  environmentId: string;
  /** The chunk's number within its environment, from 0. */
  seq: number;
  /** The environment's revision when this chunk was last written; lets other tabs fetch only what changed. */
  rev: number;
  /** How many users `data` holds. */
  count: number;
  /** The packed users, as text (user codec: encodeUsers). */
  data: string;
}

/**
 * Per environment: the revision (bumped by every user write), the next chunk number, the
 * tallies by counting facts (usage without reading users) and the head, the first users in
 * username order (the first page, shown before the full index has loaded). The text fields
 * are the user codec's (src/index/user-codec.ts).
 */
export interface EnvironmentStateRecord {
  environmentId: string;
  /**
   * The revision: moves on with every write of the environment's users (UserChunkRecord.rev
   * says which chunks changed).
   */
  rev: number;
  /** The seq the environment's next new chunk gets. */
  nextSeq: number;
  /** The tallies by counting facts, as text (user codec: encodeTallies). */
  tallies: string;
  /** The first HEAD_SIZE users by username, packed, as text (user codec: encodeUsers). */
  head: string;
  /** How many users the environment has. */
  count: number;
  /**
   * Moves on whenever the tallies of the environment's other tenants (TenantTallyRecord) are
   * written: a reader that kept them keeps using them while it is the same. Absent until then.
   */
  tenantTalliesStamp?: string;
  /**
   * Set by a restore on every state record: the database was replaced wholesale, so a tab whose
   * index was loaded under another generation reloads it (revisions only compare within one).
   */
  generation?: string;
}

/**
 * An environment's users in username order, as this tab's index last had them (schema v7): a
 * cache, so that a reload takes the order instead of sorting every user again. It says which
 * revision of the environment it reflects; users of chunks written after that are sorted in
 * when it is read, and one that does not fit the chunks is ignored. Never the truth: losing it
 * costs a sort, nothing more.
 */
export interface UserOrderRecord {
  environmentId: string;
  /** The environment's revision (EnvironmentStateRecord.rev) the order reflects. */
  rev: number;
  /** The state records' generation it was taken under (EnvironmentStateRecord.generation). */
  generation?: string;
  /** How the order compares users (src/index: ORDER_VERSION): an order of another version is sorted again. */
  version: number;
  /** Each user's place, in order: its chunk's seq × 65,536 + its index in the chunk's users. */
  positions: Uint32Array;
}

/**
 * The facts that decide who is dormant, for each environment (schema v9): a cache written in the
 * background once the index is loaded, so that a cold start counts dormant users without waiting
 * for the whole index. Used only at the exact revision (and generation) it reflects.
 *
 * Active users only, grouped by email domain (`domains`; one more group at the end for the
 * anonymous users). Group g's users who logged in are `times[offsets[2g] .. offsets[2g + 1])`,
 * their last logins; those who never did are `times[offsets[2g + 1] .. offsets[2g + 2])`, their
 * creation times; each range sorted ascending, so a count for any cutoff is a binary search.
 */
/** A dormancy facts record's stamp: the generation, revision and layout version it reflects. */
export function factsStamp(generation: string | undefined, rev: number, version: number): string {
  return `${generation ?? ''}/${rev}/${version}`;
}

export interface DormancyFactsRecord {
  environmentId: string;
  /** The environment's revision (EnvironmentStateRecord.rev) the facts reflect. */
  rev: number;
  /** The state records' generation they were taken under (EnvironmentStateRecord.generation). */
  generation?: string;
  /** How the facts are laid out (src/index: FACTS_VERSION): facts of another version are not used. */
  version: number;
  /** `factsStamp(generation, rev, version)`: what the facts reflect, readable from the table's index alone. */
  stamp: string;
  domains: string[];
  offsets: Uint32Array;
  times: Float64Array;
}

export interface GroupRecord {
  id: string;
  environmentId: string;
  /** The group's tenant (schema v10; the v10 migration gives every group its environment's default tenant). */
  tenantId: string;
  name: string;
  /** Lower-cased name: unique within the tenant. */
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
  /** The chunk's number within its group, from 0. */
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

/** What an audit entry is about; `settings` (since schema v6) is the activity log's own settings. */
export type AuditEntity = 'environment' | 'user' | 'group' | 'role' | 'subscription' | 'settings' | 'tenant';

export interface AuditRecord {
  id?: number;
  at: string;
  action: string;
  entity: AuditEntity;
  entityId: string;
  environmentId?: string;
  /** Changed fields, with their values before and after. */
  changes?: Record<string, { before: unknown; after: unknown }>;
  /** Free text for bulk operations, e.g. "created 2,000 users". */
  summary?: string;
  /** The entity's name when the entry was written (a username, a group's name), so that its words need no lookup. */
  label?: string;
  /** The name the administrator gave the browser that made the change (Settings), if any. */
  actor?: string;
  /** A bulk change or an import: how many users it touched. */
  userCount?: number;
  /** A bulk change or an import: the ids of the users it touched, as JSON of string[]. */
  userIds?: string;
  /** Their usernames when the entry was written, in the order of `userIds`, as JSON of string[]. */
  usernames?: string;
}

/**
 * The audit log's counts per block of BUCKET_SIZE entry ids (schema v6), kept in the
 * transaction of every entry written: how many entries of each environment, entity and action
 * the block holds and the range of their times. Counting and paging the log's 1M entries reads
 * these few hundred records instead of counting through an index (about 7 µs an entry).
 */
export interface AuditBucketRecord {
  /** floor(entry id / BUCKET_SIZE). */
  bucket: number;
  /** Entries in the block. */
  count: number;
  /** The earliest and latest `at` of its entries (bounds: they may be wider after old entries went). */
  minAt: string;
  maxAt: string;
  /** Entries by `${environmentId}\t${entity}\t${action}` (no environment: the empty string). */
  counts: Record<string, number>;
}

/**
 * The users of one bulk entry whose ids fall in one shard (schema v8, audit-users.ts): so that a
 * user's history finds the bulk entries that listed the user without reading them all.
 */
export interface AuditUserRecord {
  entryId: number;
  /** shardOf(user id), 0 … USER_SHARDS - 1. */
  shard: number;
  /** The entry's users in this shard, as JSON of string[]. */
  userIds: string;
}

export function toEnvironment(record: EnvironmentRecord): Environment {
  const { rules: _rules, ...environment } = record;
  return environment;
}

/**
 * A tenant of an environment (schema v10): every environment has a default one (its id derived
 * from the environment's, domain/tenants.ts), created with it or by the v10 migration.
 */
export interface TenantRecord {
  id: string;
  environmentId: string;
  name: string;
  /** Lower-cased name: unique within the environment. */
  nameKey: string;
  isDefault: 0 | 1;
  /** The tenant's own classification rules; absent when the environment's apply. */
  rules?: ClassificationRules;
  limits?: TenantLimits;
  createdAt: string;
  updatedAt: string;
}

/**
 * The tallies of one tenant other than the default one (schema v10), as the user codec packs an
 * environment's (encodeTallies, without the tenant on each entry): kept apart from the state
 * record so that a write rewrites only the tallies of the tenants it touched, not every client's.
 */
export interface TenantTallyRecord {
  environmentId: string;
  tenantId: string;
  tallies: string;
}

export function toTenant(record: TenantRecord): Tenant {
  const { nameKey: _n, isDefault, ...tenant } = record;
  return { ...tenant, isDefault: isDefault === 1 };
}

export function toGroup(record: GroupRecord): Group {
  const { nameKey: _n, ...group } = record;
  return group;
}

export function toRole(record: RoleRecord): Role {
  const { key: _k, builtIn, ...role } = record;
  return { ...role, builtIn: builtIn === 1 };
}
