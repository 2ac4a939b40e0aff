/**
 * Schema v3 → v4: group memberships move from one record each into chunks of up to
 * MEMBER_CHUNK_SIZE user ids per group (`groupMembers`); the `memberships` table goes.
 */
import type { Transaction } from 'dexie';
import { packMembers } from '../group.repository';
import type { GroupMemberChunkRecord, MembershipRecord } from '../records';

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
  for (const [groupId, { environmentId, userIds }] of byGroup) chunks.push(...packMembers(groupId, environmentId, userIds));
  await tx.table<GroupMemberChunkRecord>('groupMembers').bulkAdd(chunks);
}
