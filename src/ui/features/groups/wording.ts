/** The sentences of the Groups screens that depend on counts, so the plurals are said once. */
import { counted } from '../../words';

/** What deleting a group takes away: its memberships and, through them, the roles granted to it. */
export function deleteGroupConsequences(members: number, roles: number): string {
  if (members === 0) {
    const grants =
      roles === 0
        ? 'It has no members and no roles.'
        : `It has no members; its ${counted(roles, 'role grant')} ${roles === 1 ? 'goes' : 'go'} too.`;
    return `${grants} This cannot be undone.`;
  }
  const leave = `${counted(members, 'member')} ${members === 1 ? 'loses' : 'lose'} their membership`;
  const lose = roles === 0 ? '.' : `, and with it the ${counted(roles, 'role')} granted to the group.`;
  return `${leave}${lose} This cannot be undone.`;
}

/** What leaving the group takes from the users who leave it. */
export function leavingConsequences(roles: number): string {
  if (roles === 0) return 'No roles are granted to the group, so they keep every role they hold.';
  const which = roles === 1 ? 'the role' : `the ${counted(roles, 'role')}`;
  const them = roles === 1 ? 'it' : 'them';
  return `They lose ${which} granted to the group, unless they also hold ${them} directly or through another group.`;
}
