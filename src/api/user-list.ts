/**
 * Listing users: search, filters, sorting and paging. This reads the environment's users
 * in memory; the storage issue replaces it with an in-memory columnar index without
 * changing this function's contract.
 */
import { classifyFacts, type ClassificationRules, type EndUser, type UserClass } from '../domain';
import { memberIdsOf, readTransaction, toUser, usersOfEnvironment, type UserRecord } from '../db';
import type { ApiContext } from './context';
import { requireEnvironment } from './environments.api';
import { parseInput } from './errors';
import { userListSchema, type UserListQuery } from './schemas';

/** A listed user, with its class under the environment's current rules. */
export type UserListItem = EndUser & { class: UserClass };

export interface UserPage {
  /** How many users match the query, whatever the page. */
  total: number;
  items: UserListItem[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function matchesSearch(record: UserRecord, needle: string): boolean {
  return (
    record.usernameKey.includes(needle) ||
    (record.name?.toLowerCase().includes(needle) ?? false) ||
    (record.email?.toLowerCase().includes(needle) ?? false)
  );
}

function classOf(record: UserRecord, rules: ClassificationRules): UserClass {
  return classifyFacts({ isActive: record.isActive === 1, isAnonymous: record.anonymous === 1, domain: record.domain }, rules).class;
}

export async function listUsers(context: ApiContext, input: UserListQuery): Promise<UserPage> {
  const query = parseInput(userListSchema, input);
  return readTransaction(context.db, async () => {
    const environment = await requireEnvironment(context, query.environmentId, 'environmentId');
    let records = await usersOfEnvironment(context.db, query.environmentId);
    if (query.groupId !== undefined) {
      const members = new Set(await memberIdsOf(context.db, query.groupId));
      records = records.filter((record) => members.has(record.id));
    }
    const needle = query.search?.toLowerCase();
    const filtered = records.filter(
      (record) =>
        (needle === undefined || needle === '' || matchesSearch(record, needle)) &&
        (query.isActive === undefined || (record.isActive === 1) === query.isActive) &&
        (query.class === undefined || classOf(record, environment.rules) === query.class),
    );
    const field = query.sort;
    const direction = query.order === 'desc' ? -1 : 1;
    // A locale-aware, numeric-aware order (user9 before user10); empty values sort last,
    // and the username (ascending) breaks ties so pages are stable.
    filtered.sort((a, b) => {
      const x = a[field];
      const y = b[field];
      if (x !== y && (!x || !y)) return x ? -1 : 1;
      return direction * collator.compare(x ?? '', y ?? '') || collator.compare(a.username, b.username);
    });
    const page = filtered.slice(query.offset, query.offset + query.limit);
    return { total: filtered.length, items: page.map((record) => ({ ...toUser(record), class: classOf(record, environment.rules) })) };
  });
}
