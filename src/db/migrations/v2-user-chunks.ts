/**
 * Schema v1 → v2: users move from one record each into chunks of CHUNK_SIZE per environment,
 * and v1's tally rows become part of each environment's state record.
 */
import type { Transaction } from 'dexie';
import { tallyUsers } from '../../domain';
import { CHUNK_SIZE, HEAD_SIZE, chunkId } from '../layout';
import {
  bit,
  packUser,
  toUser,
  type EnvironmentStateRecord,
  type UserChunkRecord,
  type UserRecord,
} from '../records';

export async function migrateUsersToChunks(tx: Transaction): Promise<void> {
  const users = (await tx.table<UserRecord>('users').toArray()).map(toUser);
  const environmentIds: string[] = (await tx.table('environments').toCollection().primaryKeys()) as string[];
  const chunks: UserChunkRecord[] = [];
  const states: EnvironmentStateRecord[] = [];
  for (const environmentId of environmentIds) {
    const own = users
      .filter((user) => user.environmentId === environmentId)
      .sort((a, b) => (a.username.toLowerCase() < b.username.toLowerCase() ? -1 : 1));
    let seq = 0;
    for (let start = 0; start < own.length; start += CHUNK_SIZE, seq++) {
      const packed = own.slice(start, start + CHUNK_SIZE).map(packUser);
      chunks.push({ id: chunkId(environmentId, seq), environmentId, seq, rev: 1, count: packed.length, data: JSON.stringify(packed) });
    }
    states.push({
      environmentId,
      rev: 1,
      nextSeq: seq,
      count: own.length,
      tallies: tallyUsers(own).map((t) => [t.domain, bit(t.isActive), bit(t.isAnonymous), t.count]),
      head: own.slice(0, HEAD_SIZE).map(packUser),
    });
  }
  await tx.table('userChunks').bulkPut(chunks);
  await tx.table('environmentStates').bulkPut(states);
}
