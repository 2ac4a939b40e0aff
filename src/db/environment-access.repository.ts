/**
 * Who belongs to which group and holds which role directly, for a whole environment at once:
 * an import of thousands of users compares each with what it has, and one read of the
 * environment's membership chunks and grants is far cheaper than one read per user.
 */
import { admit } from './record-gate';
import type { RosterDb } from './roster-db';
import type { GroupMemberChunkRecord, UserRoleRecord } from './records';
import { chunkMemberIds } from './group.repository';

/** The groups of each member of the environment's groups (users in no group are absent). */
export async function groupIdsByUser(db: RosterDb, environmentId: string): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  const chunks = admit<GroupMemberChunkRecord>(
    db,
    'groupMembers',
    await db.groupMembers.where('environmentId').equals(environmentId).toArray(),
  );
  for (const chunk of chunks) {
    for (const userId of chunkMemberIds(db, chunk)) {
      const groups = byUser.get(userId);
      if (!groups) byUser.set(userId, [chunk.groupId]);
      else if (!groups.includes(chunk.groupId)) groups.push(chunk.groupId);
    }
  }
  return byUser;
}

/** The roles granted directly to each user of the environment (users with none are absent). */
export async function roleIdsByUser(db: RosterDb, environmentId: string): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  const grants = admit<UserRoleRecord>(
    db,
    'userRoles',
    await db.userRoles.where('environmentId').equals(environmentId).toArray(),
  );
  for (const { userId, roleId } of grants) {
    const roles = byUser.get(userId);
    if (roles) roles.push(roleId);
    else byUser.set(userId, [roleId]);
  }
  return byUser;
}

/** Grants roles directly, many at once (a grant that exists is written again, unchanged). */
export async function putUserRoles(db: RosterDb, records: readonly UserRoleRecord[]): Promise<void> {
  if (records.length) await db.userRoles.bulkPut([...records]);
}
