/** Groups of one environment and their memberships (groups do not nest). */
import { prefixRange } from './key-range';
import { allOf } from './transaction';
import type { GroupRecord, MembershipRecord } from './records';
import type { RosterDb } from './roster-db';

export function getGroup(db: RosterDb, id: string): Promise<GroupRecord | undefined> {
  return db.groups.get(id);
}

export function getGroups(db: RosterDb, ids: readonly string[]): Promise<(GroupRecord | undefined)[]> {
  return db.groups.bulkGet([...ids]);
}

export function findGroupByNameKey(db: RosterDb, environmentId: string, nameKey: string): Promise<GroupRecord | undefined> {
  return db.groups.where('[environmentId+nameKey]').equals([environmentId, nameKey]).first();
}

export function groupsOfEnvironment(db: RosterDb, environmentId: string): Promise<GroupRecord[]> {
  return db.groups.where('[environmentId+nameKey]').between(...prefixRange(environmentId)).toArray();
}

export async function putGroup(db: RosterDb, record: GroupRecord): Promise<void> {
  await db.groups.put(record);
}

/** Deletes a group with its memberships and grants. */
export async function deleteGroupCascade(db: RosterDb, id: string): Promise<void> {
  await db.memberships.where('[groupId+userId]').between(...prefixRange(id)).delete();
  await db.groupRoles.where('[groupId+roleId]').between(...prefixRange(id)).delete();
  await db.groups.delete(id);
}

export async function addMemberships(db: RosterDb, records: MembershipRecord[]): Promise<void> {
  await db.memberships.bulkPut(records);
}

export async function removeMemberships(db: RosterDb, groupId: string, userIds: readonly string[]): Promise<void> {
  await db.memberships.bulkDelete(userIds.map((userId): [string, string] => [groupId, userId]));
}

export async function memberIdsOf(db: RosterDb, groupId: string): Promise<string[]> {
  const keys = await db.memberships.where('[groupId+userId]').between(...prefixRange(groupId)).primaryKeys();
  return keys.map((key) => key[1]);
}

export async function groupIdsOfUser(db: RosterDb, userId: string): Promise<string[]> {
  const rows = await db.memberships.where('userId').equals(userId).toArray();
  return rows.map((row) => row.groupId);
}

/**
 * Member count of each group. A count over each group's key range reads no record, where
 * walking the environment's memberships would read every one of them.
 */
export async function memberCounts(db: RosterDb, groupIds: readonly string[]): Promise<Map<string, number>> {
  const counts = (await allOf(groupIds.map((id) => db.memberships.where('[groupId+userId]').between(...prefixRange(id)).count()))) as number[];
  return new Map(groupIds.map((id, index) => [id, counts[index]!]));
}

/** Removes users from every group (when the users are deleted). */
export async function removeUsersFromAllGroups(db: RosterDb, userIds: readonly string[]): Promise<void> {
  await db.memberships.where('userId').anyOf([...userIds]).delete();
}
