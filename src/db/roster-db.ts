/**
 * The Roster database: every Dexie schema version, in order. A shipped version is never
 * edited; a change adds version(n + 1) with an upgrade() and a migration test.
 *
 * Keeps: environments (with their classification rules), users, per-environment tallies
 * of users by counting facts (so usage is counted per domain, not per user), groups,
 * memberships, roles, grants, settings (the subscription) and the audit log.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AuditRecord,
  EnvironmentRecord,
  GroupRecord,
  GroupRoleRecord,
  MembershipRecord,
  RoleRecord,
  SettingRecord,
  TallyRecord,
  UserRecord,
  UserRoleRecord,
} from './records';

export class RosterDb extends Dexie {
  environments!: EntityTable<EnvironmentRecord, 'id'>;
  users!: EntityTable<UserRecord, 'id'>;
  tallies!: Table<TallyRecord, [string, string, number, number]>;
  groups!: EntityTable<GroupRecord, 'id'>;
  memberships!: Table<MembershipRecord, [string, string]>;
  roles!: EntityTable<RoleRecord, 'id'>;
  userRoles!: Table<UserRoleRecord, [string, string]>;
  groupRoles!: Table<GroupRoleRecord, [string, string]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  audit!: EntityTable<AuditRecord, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
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
    });
  }
}
