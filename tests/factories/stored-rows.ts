/**
 * What IndexedDB holds underneath the API, for the cascade tests: rows that the API has no
 * read for (memberships and grants of a deleted user or group, user chunks and state) must be gone too.
 * Memberships are counted from the member chunks (schema v4), whose shape is checked on the way.
 */
import { expect } from 'vitest';
import { MEMBER_CHUNK_SIZE, RosterDb, type GroupMemberChunkRecord } from '../../src/db';

export interface StoredRows {
  userChunks: number;
  environmentStates: number;
  groups: number;
  /** Memberships, counted in the member chunks. */
  memberships: number;
  /** Member chunk records. */
  memberChunks: number;
  roles: number;
  userRoles: number;
  groupRoles: number;
}

/** Counts the rows of every table that belong to `environmentId`, through a second connection to the database. */
export async function storedRowsOf(dbName: string, environmentId: string): Promise<StoredRows> {
  const db = new RosterDb(dbName);
  await db.open();
  try {
    const mine = <T extends { environmentId: string }>(rows: T[]) =>
      rows.filter((row) => row.environmentId === environmentId).length;
    const chunks = checked(await db.groupMembers.where('environmentId').equals(environmentId).toArray());
    return {
      userChunks: mine(await db.userChunks.toArray()),
      environmentStates: mine(await db.environmentStates.toArray()),
      groups: mine(await db.groups.toArray()),
      memberships: memberIdsIn(chunks).length,
      memberChunks: chunks.length,
      roles: mine(await db.roles.toArray()),
      userRoles: mine(await db.userRoles.toArray()),
      groupRoles: mine(await db.groupRoles.toArray()),
    };
  } finally {
    db.close();
  }
}

/** The membership and grant rows that mention a user or group, whatever their environment. */
export async function rowsMentioning(dbName: string, ids: { userId?: string; groupId?: string }) {
  const db = new RosterDb(dbName);
  await db.open();
  try {
    const chunks = checked(await db.groupMembers.toArray());
    // Memberships of the group, and of the user in any group.
    const memberships = chunks
      .flatMap((chunk) => (JSON.parse(chunk.userIds) as string[]).map((userId) => ({ groupId: chunk.groupId, userId })))
      .filter((row) => row.userId === ids.userId || row.groupId === ids.groupId).length;
    const userRoles = await db.userRoles.filter((row) => row.userId === ids.userId).count();
    const groupRoles = await db.groupRoles.filter((row) => row.groupId === ids.groupId).count();
    return { memberships, userRoles, groupRoles };
  } finally {
    db.close();
  }
}

/** Every member id the chunks hold. */
function memberIdsIn(chunks: readonly GroupMemberChunkRecord[]): string[] {
  return chunks.flatMap((chunk) => JSON.parse(chunk.userIds) as string[]);
}

/**
 * Checks the stored shape of member chunks: id `${groupId}/${seq}`, `count` equal to the ids
 * held, between 1 and MEMBER_CHUNK_SIZE, each user once per group, one environment per group.
 */
function checked(chunks: GroupMemberChunkRecord[]): GroupMemberChunkRecord[] {
  const byGroup = new Map<string, { environmentId: string; ids: Set<string> }>();
  for (const chunk of chunks) {
    const ids = JSON.parse(chunk.userIds) as string[];
    expect(chunk.id).toBe(`${chunk.groupId}/${chunk.seq}`);
    expect(chunk.count).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(MEMBER_CHUNK_SIZE);
    const group = byGroup.get(chunk.groupId) ?? { environmentId: chunk.environmentId, ids: new Set<string>() };
    byGroup.set(chunk.groupId, group);
    expect(chunk.environmentId).toBe(group.environmentId);
    for (const id of ids) {
      expect(group.ids.has(id), `${id} twice in group ${chunk.groupId}`).toBe(false);
      group.ids.add(id);
    }
  }
  return chunks;
}

/** The member chunks of a group, in order, as stored. */
export async function memberChunksOf(dbName: string, groupId: string): Promise<GroupMemberChunkRecord[]> {
  const db = new RosterDb(dbName);
  await db.open();
  try {
    const chunks = checked(await db.groupMembers.where('groupId').equals(groupId).toArray());
    return chunks.sort((a, b) => a.seq - b.seq);
  } finally {
    db.close();
  }
}
