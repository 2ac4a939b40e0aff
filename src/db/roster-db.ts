/**
 * The Roster database: every Dexie schema version, in order. A shipped version is never
 * edited; a change adds version(n + 1) with an upgrade() and a migration test.
 *
 * Keeps: environments (with their classification rules); users in chunks of a few thousand
 * per record (v2), with a state record per environment holding its revision, its tallies
 * of users by counting facts (usage without reading users) and its first page; groups,
 * group members in chunks of a few thousand ids per record (v4), roles, grants, settings
 * (the subscription), the audit log, a usage snapshot per environment and day (v3), and the
 * username order each environment's users had when last stored (v7, a cache for reloads), and
 * the users of each bulk entry by shard of their ids (v8, for a user's history).
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { TenantSnapshot, UsageSnapshot } from '../domain';
import { migrateUsersToChunks } from './migrations/v2-user-chunks';
import { migrateMembershipsToChunks } from './migrations/v4-member-chunks';
import { migrateAuditToBuckets } from './migrations/v6-audit-buckets';
import { migrateAuditUsers } from './migrations/v8-audit-users';
import { migrateToTenants } from './migrations/v10-tenants';
import type {
  AuditBucketRecord,
  AuditRecord,
  AuditUserRecord,
  EnvironmentRecord,
  EnvironmentStateRecord,
  GroupMemberChunkRecord,
  GroupRecord,
  GroupRoleRecord,
  RoleRecord,
  SettingRecord,
  UserChunkRecord,
  UserOrderRecord,
  DormancyFactsRecord,
  TenantRecord,
  TenantTallyRecord,
  UserRoleRecord,
} from './records';

/**
 * Schema v1 (shipped): one record per user. Each version's schema is kept as data so that the
 * migration tests can write databases of an earlier version.
 */
export const SCHEMA_V1 = {
  environments: 'id',
  // Unique username per environment, case-insensitive; emailKey for distinct counted emails.
  users: 'id, &[environmentId+usernameKey], [environmentId+emailKey]',
  tallies: '[environmentId+domain+isActive+anonymous], environmentId',
  groups: 'id, &[environmentId+nameKey], environmentId',
  memberships: '[groupId+userId], userId, environmentId',
  roles: 'id, &[environmentId+key], environmentId',
  userRoles: '[userId+roleId], roleId, environmentId',
  groupRoles: '[groupId+roleId], roleId, environmentId',
  settings: 'key',
  audit: '++id, at, [entity+entityId]',
} as const;

/** What schema v2 changes: users in chunks and a state record per environment. */
export const SCHEMA_V2 = {
  users: null,
  tallies: null,
  userChunks: 'id, environmentId, [environmentId+rev]',
  environmentStates: 'environmentId',
} as const;

/** What schema v3 adds: a usage snapshot per environment and day. */
export const SCHEMA_V3 = { snapshots: '[environmentId+day], day' } as const;

/** What schema v4 changes: group members in chunks instead of a record per membership. */
export const SCHEMA_V4 = { memberships: null, groupMembers: 'id, groupId, environmentId' } as const;

/**
 * What schema v6 adds: the audit log's counts per block of entry ids, so that the Activity
 * page counts and pages a million entries from a few hundred records (docs/decisions.md).
 */
export const SCHEMA_V6 = { auditBuckets: 'bucket' } as const;

/**
 * What schema v7 adds: each environment's username order as the index last built it, a cache
 * that spares a reload the sort (docs/decisions.md). Nothing to migrate: the table starts
 * empty, and the first load sorts and stores the order.
 */
export const SCHEMA_V7 = { userOrders: 'environmentId' } as const;

/**
 * What schema v8 adds: the users of each bulk entry by shard of their ids, so that a user's
 * history finds every bulk entry that listed the user from one shard's records (audit-users.ts).
 */
export const SCHEMA_V8 = { auditUsers: '[entryId+shard], shard' } as const;

/**
 * What schema v9 adds: each environment's dormancy facts, a cache that lets a cold start count
 * dormant users before the index has loaded. Nothing to migrate: the table starts empty, and
 * the first load writes them. Indexed by `stamp` so that a load learns which facts are current
 * from the index alone, without reading the (large) records.
 */
export const SCHEMA_V9 = { dormancyFacts: 'environmentId, stamp' } as const;

export const SCHEMA_V10 = {
  tenants: 'id, environmentId',
  // Each tenant's tallies (the default tenant's stay in the environment's state record).
  tenantTallies: '[environmentId+tenantId], environmentId',
  // Group names are unique per tenant now: checked by the API, no longer by the index.
  groups: 'id, [environmentId+nameKey], environmentId',
} as const;

/**
 * What schema v11 adds: each tenant's own history (its counts and highs per day, for its peaks
 * and forecast against its own limits). Nothing to migrate: the table starts empty, and the
 * next history record fills it.
 */
export const SCHEMA_V11 = { tenantSnapshots: '[tenantId+day], environmentId' } as const;

export class RosterDb extends Dexie {
  environments!: EntityTable<EnvironmentRecord, 'id'>;
  userChunks!: EntityTable<UserChunkRecord, 'id'>;
  environmentStates!: EntityTable<EnvironmentStateRecord, 'environmentId'>;
  groups!: EntityTable<GroupRecord, 'id'>;
  groupMembers!: EntityTable<GroupMemberChunkRecord, 'id'>;
  roles!: EntityTable<RoleRecord, 'id'>;
  userRoles!: Table<UserRoleRecord, [string, string]>;
  groupRoles!: Table<GroupRoleRecord, [string, string]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  audit!: EntityTable<AuditRecord, 'id'>;
  auditBuckets!: EntityTable<AuditBucketRecord, 'bucket'>;
  auditUsers!: Table<AuditUserRecord, [number, number]>;
  snapshots!: Table<UsageSnapshot, [string, string]>;
  userOrders!: EntityTable<UserOrderRecord, 'environmentId'>;
  dormancyFacts!: EntityTable<DormancyFactsRecord, 'environmentId'>;
  tenants!: EntityTable<TenantRecord, 'id'>;
  tenantTallies!: Table<TenantTallyRecord, [string, string]>;
  tenantSnapshots!: Table<TenantSnapshot, [string, string]>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // v2: users packed CHUNK_SIZE per record, read into an in-memory index (docs/decisions.md).
    this.version(2).stores(SCHEMA_V2).upgrade(migrateUsersToChunks);
    // v3: a usage snapshot per environment and day, for the history and forecast.
    this.version(3).stores(SCHEMA_V3);
    // v4: group members packed MEMBER_CHUNK_SIZE ids per record (docs/decisions.md).
    this.version(4).stores(SCHEMA_V4).upgrade(migrateMembershipsToChunks);
    // v6: the audit log's counts per block of 1,024 entry ids, built from the entries there are.
    this.version(6).stores(SCHEMA_V6).upgrade(migrateAuditToBuckets);
    // v7: the username order of each environment, kept so that a reload need not sort (a cache).
    this.version(7).stores(SCHEMA_V7);
    // v8: the users of the bulk entries by shard of their ids, built from the entries there are.
    this.version(8).stores(SCHEMA_V8).upgrade(migrateAuditUsers);
    // v9: the facts that decide who is dormant, per environment, for a cold start (a cache).
    this.version(9).stores(SCHEMA_V9);
    // v10: tenants; every environment's default tenant and its groups in it.
    this.version(10).stores(SCHEMA_V10).upgrade(migrateToTenants);
    this.version(11).stores(SCHEMA_V11);
  }
}
