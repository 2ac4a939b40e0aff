/**
 * Schema v1 → v2: users move from one record each into chunks of CHUNK_SIZE per environment,
 * and v1's tally rows become part of each environment's state record.
 */
import type { Transaction } from 'dexie';
import { compareUsernameKeys, tallyUsers } from '../../domain';
import { CHUNK_SIZE, DISTINCT_EMAILS_KEY, HEAD_SIZE, chunkId } from '../layout';
import {
  bit,
  type EnvironmentRecord,
  packUser,
  toUser,
  type EnvironmentStateRecord,
  type PackedTally,
  type UserChunkRecord,
  type UserRecord,
} from '../records';

export async function migrateUsersToChunks(tx: Transaction): Promise<void> {
  const records = await tx.table<UserRecord>('users').toArray();
  const users = records.map(toUser);
  const environments = await tx.table<EnvironmentRecord>('environments').toArray();
  const environmentIds = environments.map((environment) => environment.id);
  const chunks: UserChunkRecord[] = [];
  const states: EnvironmentStateRecord[] = [];
  for (const environmentId of environmentIds) {
    const own = users
      .filter((user) => user.environmentId === environmentId)
      .sort((a, b) => compareUsernameKeys(a.username.toLowerCase(), b.username.toLowerCase()));
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
      tallies: JSON.stringify(tallyUsers(own).map((t): PackedTally => [t.domain, bit(t.isActive), bit(t.isAnonymous), t.count])),
      head: JSON.stringify(own.slice(0, HEAD_SIZE).map(packUser)),
    });
  }
  await tx.table('userChunks').bulkPut(chunks);
  await tx.table('environmentStates').bulkPut(states);
  // v1 kept the effective email of counted users as emailKey: count the production ones.
  const production = new Set(environments.filter((environment) => environment.kind === 'production').map((environment) => environment.id));
  const distinct = new Set(records.filter((record) => record.emailKey && production.has(record.environmentId)).map((record) => record.emailKey));
  await tx.table('settings').put({ key: DISTINCT_EMAILS_KEY, value: distinct.size });
}
