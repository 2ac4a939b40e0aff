/**
 * The Roster database: every Dexie schema version, in order. A shipped version is never
 * edited; a change adds version(n + 1) with an upgrade() and a migration test.
 *
 * Keeps: environments (with their classification rules); users in chunks of a few thousand
 * per record (v2), with a state record per environment holding its revision, its tallies
 * of users by counting facts (usage without reading users) and its first page; groups,
 * memberships, roles, grants, settings (the subscription), the audit log, and a usage
 * snapshot per environment and day (v3).
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { UsageSnapshot } from '../domain';
import { migrateUsersToChunks } from './migrations/v2-user-chunks';
import type {
  AuditRecord,
  EnvironmentRecord,
  EnvironmentStateRecord,
  GroupRecord,
  GroupRoleRecord,
  MembershipRecord,
  RoleRecord,
  SettingRecord,
  UserChunkRecord,
  UserRoleRecord,
} from './records';

/** Schema v1 (shipped): one record per user. Kept as data so the migration tests can write v1 databases. */
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

export class RosterDb extends Dexie {
  environments!: EntityTable<EnvironmentRecord, 'id'>;
  userChunks!: EntityTable<UserChunkRecord, 'id'>;
  environmentStates!: EntityTable<EnvironmentStateRecord, 'environmentId'>;
  groups!: EntityTable<GroupRecord, 'id'>;
  memberships!: Table<MembershipRecord, [string, string]>;
  roles!: EntityTable<RoleRecord, 'id'>;
  userRoles!: Table<UserRoleRecord, [string, string]>;
  groupRoles!: Table<GroupRoleRecord, [string, string]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  audit!: EntityTable<AuditRecord, 'id'>;
  snapshots!: Table<UsageSnapshot, [string, string]>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // v2: users packed CHUNK_SIZE per record, read into an in-memory index (docs/decisions.md).
    this.version(2)
      .stores({
        users: null,
        tallies: null,
        userChunks: 'id, environmentId, [environmentId+rev]',
        environmentStates: 'environmentId',
      })
      .upgrade(migrateUsersToChunks);
    // v3: a usage snapshot per environment and day, for the history and forecast.
    this.version(3).stores({ snapshots: '[environmentId+day], day' });
  }
}
