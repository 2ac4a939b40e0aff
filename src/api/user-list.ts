/**
 * Listing users: search, filters, sorting and paging. This reads the environment's users
 * in memory; the storage issue replaces it with an in-memory columnar index without
 * changing this function's contract.
 */
import { classifyFacts, type EndUser } from '../domain';
import { memberIdsOf, readTransaction, toUser, usersOfEnvironment, type UserRecord } from '../db';
import type { ApiContext } from './context';
import { requireEnvironment } from './environments.api';
import { parseInput } from './errors';
import { userListSchema, type UserListQuery } from './schemas';

export interface UserPage {
  /** How many users match the query, whatever the page. */
  total: number;
  items: EndUser[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function matchesSearch(record: UserRecord, needle: string): boolean {
  return (
    record.usernameKey.includes(needle) ||
    (record.name?.toLowerCase().includes(needle) ?? false) ||
    (record.email?.toLowerCase().includes(needle) ?? false)
  );
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
        (query.class === undefined ||
          classifyFacts({ isActive: record.isActive === 1, isAnonymous: record.anonymous === 1, domain: record.domain }, environment.rules).class ===
            query.class),
    );
    const field = query.sort;
    const direction = query.order === 'desc' ? -1 : 1;
    // Records come in username order; other sorts keep it as the tie-breaker. Empty values sort last.
    if (field !== 'username') {
      filtered.sort((a, b) => {
        const x = a[field];
        const y = b[field];
        if (!x || !y) return x ? -1 : y ? 1 : 0;
        return direction * collator.compare(x, y);
      });
    } else if (direction === -1) filtered.reverse();
    return { total: filtered.length, items: filtered.slice(query.offset, query.offset + query.limit).map(toUser) };
  });
}
