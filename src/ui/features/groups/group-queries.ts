/**
 * The live reads of a group page, as plain functions for `roster.observe`. They live in a .ts
 * module on purpose: in a .svelte file the compiler wraps each `await` (in dev builds, to warn
 * about lost reactivity) in a native promise, and a read made after such an await escapes the
 * live query, which then misses the changes to it.
 */
import type { EndUser, Role, Roster } from '../../../api';
import { byRoleLabel } from './wording';

/**
 * A group's members. `groups.members` alone, observed, re-runs on the first membership change
 * only, then stops following them (the API loses track of the read after syncing its user
 * index); a count-only `users.list` of the group stays tracked and makes the query re-run on
 * every change. The members themselves still come from `groups.members`.
 */
export async function groupMembers(roster: Roster, environmentId: string, groupId: string): Promise<EndUser[]> {
  await roster.users.list({ environmentId, groupId, limit: 0 });
  return roster.groups.members(groupId);
}

/** The roles granted to a group, by application then name. */
export async function grantedRoles(roster: Roster, groupId: string): Promise<Role[]> {
  return (await roster.roles.ofGroup(groupId)).sort(byRoleLabel);
}
