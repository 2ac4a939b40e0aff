/**
 * A membership the API refuses because some users belong to another tenant than the group: it
 * throws `validation` with one `userIds.N` issue per such user (N their index in the ids sent),
 * each message naming the user. The screens say it in words where the users were chosen, rather
 * than errorMessage's "Check the highlighted fields", since no field is highlighted there.
 */
import { RosterError } from '../../../api';
import { formatCount } from '../../format';

export interface TenantRefusal {
  /** The user's index in the ids sent. */
  index: number;
  /** The API's sentence, naming the user and the group's tenant. */
  message: string;
}

/** The users refused for their tenant; none for any other failure. */
export function tenantRefusals(failure: unknown): TenantRefusal[] {
  if (!(failure instanceof RosterError) || failure.code !== 'validation') return [];
  return failure.issues.flatMap((issue) => {
    const match = /^userIds\.(\d+)$/.exec(issue.path);
    return match ? [{ index: Number(match[1]), message: issue.message }] : [];
  });
}

/**
 * The refusal of a selection, in words: which group, which tenant, how many and who (the first
 * few usernames), and what to do. e.g. "Sales is a group of Northwind: its members come from
 * Northwind, and 2 selected users belong to another tenant (ana, bob). Nothing was changed. …"
 */
export function otherTenantSentence(group: string, tenant: string, count: number, usernames: string[]): string {
  const users = count === 1 ? '1 selected user belongs' : `${formatCount(count)} selected users belong`;
  const more = count > usernames.length ? [`${formatCount(count - usernames.length)} more`] : [];
  const who = usernames.length ? ` (${[...usernames, ...more].join(', ')})` : '';
  return (
    `${group} is a group of ${tenant}: its members come from ${tenant}, and ${users} to another tenant${who}. ` +
    'Nothing was changed. Choose a group of their tenant, or filter the list by tenant to select the users of one.'
  );
}
