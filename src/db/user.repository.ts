/** End users of every environment, keyed by id, unique by (environment, case-folded username). */
import { prefixRange } from './key-range';
import type { UserRecord } from './records';
import type { RosterDb } from './roster-db';

export function getUser(db: RosterDb, id: string): Promise<UserRecord | undefined> {
  return db.users.get(id);
}

export async function getUsers(db: RosterDb, ids: readonly string[]): Promise<(UserRecord | undefined)[]> {
  return db.users.bulkGet([...ids]);
}

export function findUserByUsernameKey(db: RosterDb, environmentId: string, usernameKey: string): Promise<UserRecord | undefined> {
  return db.users.where('[environmentId+usernameKey]').equals([environmentId, usernameKey]).first();
}

/** Which of the given case-folded usernames already exist in an environment. */
export async function existingUsernameKeys(db: RosterDb, environmentId: string, keys: readonly string[]): Promise<Set<string>> {
  const found = await db.users
    .where('[environmentId+usernameKey]')
    .anyOf(keys.map((key) => [environmentId, key]))
    .toArray();
  return new Set(found.map((record) => record.usernameKey));
}

export async function putUser(db: RosterDb, record: UserRecord): Promise<void> {
  await db.users.put(record);
}

export async function addUsers(db: RosterDb, records: UserRecord[]): Promise<void> {
  await db.users.bulkAdd(records);
}

/** Deletes a user with the user's memberships and direct grants. */
export async function deleteUserCascade(db: RosterDb, id: string): Promise<void> {
  await db.memberships.where('userId').equals(id).delete();
  await db.userRoles.where('[userId+roleId]').between(...prefixRange(id)).delete();
  await db.users.delete(id);
}

/** Every user of an environment, in username order. */
export function usersOfEnvironment(db: RosterDb, environmentId: string): Promise<UserRecord[]> {
  return db.users.where('[environmentId+usernameKey]').between(...prefixRange(environmentId)).toArray();
}

/** Every user of every environment (for cross-environment queries such as dormancy). */
export function allUsers(db: RosterDb): Promise<UserRecord[]> {
  return db.users.toArray();
}

/** The case-folded effective emails of an environment's counted users, read from the index alone. */
export async function countedEmailKeys(db: RosterDb, environmentId: string): Promise<string[]> {
  const keys = await db.users.where('[environmentId+emailKey]').between(...prefixRange(environmentId)).keys();
  return keys.map((key) => (Array.isArray(key) ? String(key[1]) : ''));
}
