/** Roles of one environment and their grants to users and to groups. */
import { prefixRange } from './key-range';
import type { GroupRoleRecord, RoleRecord, UserRoleRecord } from './records';
import { admit, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

export function getRole(db: RosterDb, id: string): Promise<RoleRecord | undefined> {
  return db.roles.get(id).then((record) => admitOne<RoleRecord>(db, 'roles', record));
}

export function findRoleByKey(db: RosterDb, environmentId: string, key: string): Promise<RoleRecord | undefined> {
  return db.roles
    .where('[environmentId+key]')
    .equals([environmentId, key])
    .first()
    .then((record) => admitOne<RoleRecord>(db, 'roles', record));
}

export function rolesOfEnvironment(db: RosterDb, environmentId: string): Promise<RoleRecord[]> {
  return db.roles
    .where('[environmentId+key]')
    .between(...prefixRange(environmentId))
    .toArray()
    .then((records) => admit<RoleRecord>(db, 'roles', records));
}

export async function putRoles(db: RosterDb, records: RoleRecord[]): Promise<void> {
  await db.roles.bulkPut(records);
}

/** Deletes a role with every grant of it. */
export async function deleteRoleCascade(db: RosterDb, id: string): Promise<void> {
  await db.userRoles.where('roleId').equals(id).delete();
  await db.groupRoles.where('roleId').equals(id).delete();
  await db.roles.delete(id);
}

export async function putUserRole(db: RosterDb, record: UserRoleRecord): Promise<void> {
  await db.userRoles.put(record);
}

export async function deleteUserRole(db: RosterDb, userId: string, roleId: string): Promise<void> {
  await db.userRoles.delete([userId, roleId]);
}

export async function putGroupRole(db: RosterDb, record: GroupRoleRecord): Promise<void> {
  await db.groupRoles.put(record);
}

export async function deleteGroupRole(db: RosterDb, groupId: string, roleId: string): Promise<void> {
  await db.groupRoles.delete([groupId, roleId]);
}

export async function roleIdsOfUser(db: RosterDb, userId: string): Promise<string[]> {
  const keys = await db.userRoles
    .where('[userId+roleId]')
    .between(...prefixRange(userId))
    .primaryKeys();
  return keys.map((key) => key[1]);
}

export async function roleIdsOfGroup(db: RosterDb, groupId: string): Promise<string[]> {
  const keys = await db.groupRoles
    .where('[groupId+roleId]')
    .between(...prefixRange(groupId))
    .primaryKeys();
  return keys.map((key) => key[1]);
}

export async function userIdsWithRole(db: RosterDb, roleId: string): Promise<string[]> {
  const rows = admit<UserRoleRecord>(db, 'userRoles', await db.userRoles.where('roleId').equals(roleId).toArray());
  return rows.map((row) => row.userId);
}

export async function groupIdsWithRole(db: RosterDb, roleId: string): Promise<string[]> {
  const rows = admit<GroupRoleRecord>(db, 'groupRoles', await db.groupRoles.where('roleId').equals(roleId).toArray());
  return rows.map((row) => row.groupId);
}

/** Revokes every direct grant of the users (when the users are deleted). */
export async function revokeAllFromUsers(db: RosterDb, userIds: readonly string[]): Promise<void> {
  // A range per user for a few; one pass over the grants for many (a bulk delete).
  if (userIds.length <= 50) {
    for (const userId of userIds)
      await db.userRoles
        .where('[userId+roleId]')
        .between(...prefixRange(userId))
        .delete();
    return;
  }
  const ids = new Set(userIds);
  await db.userRoles.filter((grant) => ids.has(grant.userId)).delete();
}
