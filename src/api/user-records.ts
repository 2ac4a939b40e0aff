/** Building the stored form of a user from validated input: case-folded keys and counting facts. */
import { userFacts, type EndUser } from '../domain';
import { bit, type UserRecord } from '../db';

type UserData = Omit<EndUser, 'id' | 'createdAt' | 'updatedAt'>;

/** The stored record of a user: its fields plus the facts that counting and uniqueness read. */
export function toUserRecord(user: UserData & { id: string; createdAt: string; updatedAt: string }): UserRecord {
  const facts = userFacts(user);
  const record: UserRecord = {
    id: user.id,
    environmentId: user.environmentId,
    username: user.username,
    usernameKey: usernameKey(user.username),
    isActive: bit(user.isActive),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    domain: facts.domain,
    anonymous: bit(facts.isAnonymous),
  };
  if (user.name !== undefined) record.name = user.name;
  if (user.email !== undefined) record.email = user.email;
  if (user.mobilePhone !== undefined) record.mobilePhone = user.mobilePhone;
  if (user.lastLogin !== undefined) record.lastLogin = user.lastLogin;
  if (user.externalId !== undefined) record.externalId = user.externalId;
  // Only counted users (active, not anonymous) enter the distinct-email index.
  if (facts.isActive && !facts.isAnonymous && facts.emailKey) record.emailKey = facts.emailKey;
  return record;
}

/** Usernames are unique per environment ignoring case. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export const USER_FIELDS = ['username', 'name', 'email', 'mobilePhone', 'isActive', 'lastLogin', 'externalId'] as const;
