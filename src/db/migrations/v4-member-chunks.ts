/**
 * Schema v3 → v4: group memberships move from one record each into chunks of up to 5,000
 * user ids per group (`groupMembers`); the `memberships` table goes.
 *
 * Frozen: a migration writes what its version stored, whatever later code does, so the
 * packing of member chunks is copied here as it was when v4 shipped rather than imported
 * from the repository (which may change with the app). Only the record types are shared.
 */
import type { Transaction } from 'dexie';
import type { GroupMemberChunkRecord, MembershipRecord } from '../records';

/** Member ids per chunk (schema v4). */
const MEMBER_CHUNK_SIZE = 5000;

/** A group's ids packed into chunks, numbered from 0. */
function packMembers(groupId: string, environmentId: string, userIds: readonly string[]): GroupMemberChunkRecord[] {
  const chunks: GroupMemberChunkRecord[] = [];
  for (let start = 0, seq = 0; start < userIds.length; start += MEMBER_CHUNK_SIZE, seq++) {
    const ids = userIds.slice(start, start + MEMBER_CHUNK_SIZE);
    chunks.push({
      id: `${groupId}/${seq}`,
      groupId,
      environmentId,
      seq,
      count: ids.length,
      userIds: JSON.stringify(ids),
    });
  }
  return chunks;
}

export async function migrateMembershipsToChunks(tx: Transaction): Promise<void> {
  // In primary-key order, [groupId+userId]: each group's rows together, each membership once.
  const rows = await tx.table<MembershipRecord>('memberships').toArray();
  const byGroup = new Map<string, { environmentId: string; userIds: string[] }>();
  for (const row of rows) {
    const group = byGroup.get(row.groupId);
    if (group) group.userIds.push(row.userId);
    else byGroup.set(row.groupId, { environmentId: row.environmentId, userIds: [row.userId] });
  }
  const chunks: GroupMemberChunkRecord[] = [];
  for (const [groupId, { environmentId, userIds }] of byGroup)
    chunks.push(...packMembers(groupId, environmentId, userIds));
  await tx.table<GroupMemberChunkRecord>('groupMembers').bulkAdd(chunks);
}
