/**
 * Schema v1 → v2: users move from one record each into chunks of 2,000 per environment, and
 * v1's tally rows become part of each environment's state record.
 *
 * Frozen: a migration writes what its version stored, whatever later code does. So it imports
 * no code that may change with the app (the user codec, the layout constants, the record
 * mappings): what it needs of them is copied here as it was when v2 shipped. Only the types
 * and the domain's counting rules and username order are shared, so that the stored tallies
 * and first page agree with what the running code computes from the same users.
 */
import type { Transaction } from 'dexie';
import { compareUsernameKeys, tallyUsers, type EndUser } from '../../domain';
import type { EnvironmentRecord, EnvironmentStateRecord, UserChunkRecord, UserRecord } from '../records';

/** Users per chunk (schema v2). */
const CHUNK_SIZE = 2000;
/** Users kept in username order in each environment's state: the first page on a cold start. */
const HEAD_SIZE = 100;
/** The setting that keeps the count of distinct production emails. */
const DISTINCT_EMAILS_KEY = 'distinctEmails';

type Flag = 0 | 1;
/**
 * A user as v2 packs it:
 * [id, username, name, email, mobilePhone, isActive, lastLogin, externalId, createdAt, updatedAt].
 */
type PackedUser = [
  string,
  string,
  string | null,
  string | null,
  string | null,
  Flag,
  number | null,
  string | null,
  number,
  number,
];

const flag = (value: boolean): Flag => (value ? 1 : 0);

function chunkId(environmentId: string, seq: number): string {
  return `${environmentId}:${seq}`;
}

/** A v1 user record as an entity. */
function toUser(record: UserRecord): EndUser {
  const { usernameKey: _u, domain: _d, anonymous: _a, emailKey: _e, isActive, ...rest } = record;
  return { ...rest, isActive: isActive === 1 };
}

function packUser(user: EndUser): PackedUser {
  return [
    user.id,
    user.username,
    user.name ?? null,
    user.email ?? null,
    user.mobilePhone ?? null,
    flag(user.isActive),
    user.lastLogin === undefined ? null : Date.parse(user.lastLogin),
    user.externalId ?? null,
    Date.parse(user.createdAt),
    Date.parse(user.updatedAt),
  ];
}

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
      chunks.push({
        id: chunkId(environmentId, seq),
        environmentId,
        seq,
        rev: 1,
        count: packed.length,
        data: JSON.stringify(packed),
      });
    }
    states.push({
      environmentId,
      rev: 1,
      nextSeq: seq,
      count: own.length,
      tallies: JSON.stringify(tallyUsers(own).map((t) => [t.domain, flag(t.isActive), flag(t.isAnonymous), t.count])),
      head: JSON.stringify(own.slice(0, HEAD_SIZE).map(packUser)),
    });
  }
  await tx.table('userChunks').bulkPut(chunks);
  await tx.table('environmentStates').bulkPut(states);
  // v1 kept the effective email of counted users as emailKey: count the production ones.
  const production = new Set(
    environments.filter((environment) => environment.kind === 'production').map((environment) => environment.id),
  );
  const distinct = new Set(
    records
      .filter((record) => record.emailKey && production.has(record.environmentId))
      .map((record) => record.emailKey),
  );
  await tx.table('settings').put({ key: DISTINCT_EMAILS_KEY, value: distinct.size });
}
