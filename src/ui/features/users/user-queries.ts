/**
 * The live reads of the user page, as plain functions for `roster.observe`. In a .ts module
 * on purpose: in dev builds a .svelte file wraps each `await` in a native promise, and a read
 * made after it would escape the live query.
 */
import type { Classification, EndUser, Roster } from '../../../api';

export type UserWithClass = { user: EndUser; classification: Classification } | null;

/** A user with its class and reason, or null when no user has the id. */
export async function userWithClass(roster: Roster, userId: string): Promise<UserWithClass> {
  const user = await roster.users.get(userId);
  return user ? { user, classification: await roster.users.classify(userId) } : null;
}
