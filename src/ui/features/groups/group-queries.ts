/**
 * The live reads of a group page, as plain functions for `roster.observe`. They live in a .ts
 * module on purpose: in a .svelte file the compiler wraps each `await` (in dev builds, to warn
 * about lost reactivity) in a native promise, and a read made after such an await escapes the
 * live query, which then misses the changes to it.
 */
import type { EndUser, Role, Roster } from '../../../api';
import { byRoleLabel } from '../../words';

/** A group's members, in username order. */
export function groupMembers(roster: Roster, groupId: string): Promise<EndUser[]> {
  return roster.groups.members(groupId);
}

/** The roles granted to a group, by application then name. */
export async function grantedRoles(roster: Roster, groupId: string): Promise<Role[]> {
  return (await roster.roles.ofGroup(groupId)).sort(byRoleLabel);
}
