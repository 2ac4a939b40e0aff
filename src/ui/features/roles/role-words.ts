/** How the Roles screens put a role and its grants into words. */
import type { RoleHolder } from '../../../api';
import { formatCount } from '../../format';
import { counted } from '../../words';

/** How many holders hold a role directly, how many through at least one group, and how many both ways. */
export function holderCounts(holders: readonly RoleHolder[]): {
  total: number;
  direct: number;
  throughGroups: number;
  both: number;
} {
  return {
    total: holders.length,
    direct: holders.filter((holder) => holder.direct).length,
    throughGroups: holders.filter((holder) => holder.inheritedFrom.length > 0).length,
    both: holders.filter((holder) => holder.direct && holder.inheritedFrom.length > 0).length,
  };
}

/** The groups the holders inherit a role from, each once, by name. */
function grantingGroups(holders: readonly RoleHolder[]): string[] {
  const names = new Map<string, string>();
  for (const holder of holders) for (const group of holder.inheritedFrom) names.set(group.id, group.name);
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

const NAMED_GROUPS = 3;

/**
 * What deleting a role takes away, for its confirmation: the users holding it directly and
 * the groups it comes through, counted and (for the groups) named, then how many users lose
 * it. holders() lists active users only, so inactive ones with a grant are not counted.
 */
export function removalConsequences(holders: readonly RoleHolder[]): string {
  const { direct } = holderCounts(holders);
  const groups = grantingGroups(holders);
  if (direct === 0 && groups.length === 0) return 'It is not granted to anyone. This cannot be undone.';
  const parts: string[] = [];
  if (direct > 0) parts.push(`${counted(direct, 'user')} directly`);
  if (groups.length > 0) {
    const shown = groups.slice(0, NAMED_GROUPS).join(', ');
    const more = groups.length > NAMED_GROUPS ? ` and ${formatCount(groups.length - NAMED_GROUPS)} more` : '';
    parts.push(`${counted(groups.length, 'group')} (${shown}${more})`);
  }
  const losing = `${counted(holders.length, 'user loses', 'users lose')} it.`;
  const from = `every user and group it is granted to: ${parts.join(' and ')}`;
  return `It is removed from ${from}. ${losing} This cannot be undone.`;
}
