/**
 * Listing users: search, filters, sorting and paging over the in-memory index. Sort orders
 * are kept built, so a page is a slice; a search or filter is one scan of the columns.
 * Before the index has loaded, the default first page comes from the environment's state
 * record, so a cold start shows users at once.
 */
import {
  classifyFacts,
  classifyUser,
  foldForSearch,
  isDefaultTenantId,
  type ClassificationRules,
  type EndUser,
  type TenantRules,
  type UserClass,
} from '../domain';
import {
  allOf,
  awaitInLiveQuery,
  getEnvironmentState,
  groupIdsWithRole,
  memberIdsOf,
  readTransaction,
  setApart,
  userIdsWithRole,
} from '../db';
import {
  decodeCheckedUsers,
  sortKeyOf,
  unpackUser,
  type EnvironmentUsers,
  type SortedOrder,
  type UserColumns,
} from '../index';
import type { ApiContext } from './context';
import { parseInput } from './errors';
import { requireEnvironment } from './guards';
import { readPause, readWithIndex } from './user-access';
import { userListSchema, type UserListQuery } from './schemas';
import { RosterError } from './errors';
import { ruleBookOf, scopeOf, slotRules, type RuleBook } from './tenant-rules';

/** A listed user, with its class under the environment's current rules. */
export type UserListItem = EndUser & { class: UserClass };

export interface UserPage {
  /** How many users match the query, whatever the page. */
  total: number;
  items: UserListItem[];
}

type Query = ReturnType<typeof userListSchema.parse>;

/**
 * The class of each slot under an environment's rules (or, for a tenant with its own, the
 * tenant's: `tenantRules`), computed once per tenant and domain rather than once per user.
 */
export function slotClassifier(
  columns: UserColumns,
  rules: ClassificationRules,
  tenantRules: TenantRules = new Map(),
): (slot: number) => UserClass {
  const classes = new Map<ClassificationRules, (UserClass | undefined)[]>();
  const rulesOf = slotRules(columns, { rules, tenantRules });
  return (slot) => {
    if (columns.active[slot] === 0) return 'inactive';
    if (columns.anonymous[slot] === 1) return 'anonymous';
    const own = rulesOf(slot);
    let byDomain = classes.get(own);
    if (!byDomain) classes.set(own, (byDomain = []));
    const domain = columns.domain[slot]!;
    return (byDomain[domain] ??= classifyFacts(
      { isActive: true, isAnonymous: false, domain: columns.domains.names[domain]! },
      own,
    ).class);
  };
}

function isHeadQuery(query: Query): boolean {
  return (
    !query.search &&
    query.class === undefined &&
    query.isActive === undefined &&
    query.groupId === undefined &&
    query.roleId === undefined &&
    query.tenantId === undefined &&
    query.sort === 'username' &&
    query.order === 'asc'
  );
}

/** The first page straight from the state record, or undefined when it does not cover the page asked for. */
async function pageFromHead(context: ApiContext, query: Query): Promise<UserPage | undefined> {
  return readTransaction(context.db, async () => {
    const environment = await requireEnvironment(context, query.environmentId, 'environmentId');
    const state = await getEnvironmentState(context.db, query.environmentId);
    if (!state) return undefined;
    const end = Math.min(query.offset + query.limit, state.count);
    const decoded = decodeCheckedUsers(state.head);
    if ('problem' in decoded) {
      // The index answers instead; the state record is set apart (and rewritten by the next write).
      setApart(context.db, 'environmentStates', state, `head: ${decoded.problem}`);
      return undefined;
    }
    const head = decoded.users;
    if (end > head.length) return undefined;
    const book = await ruleBookOf(context, environment);
    const items = head.slice(query.offset, end).map((packed) => {
      const user = unpackUser(query.environmentId, packed);
      const scope = scopeOf(book, query.environmentId, user.tenantId);
      return { ...user, class: classifyUser(user, scope.rules).class };
    });
    return { total: state.count, items };
  });
}

/** Where empty values start in an order (they sort last). */
function firstEmpty(columns: UserColumns, order: SortedOrder): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortKeyOf(columns, order.field, order.slots[mid]!) === null) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The order's slots in the direction asked for, empty values last either way. */
function directionSlots(columns: UserColumns, order: SortedOrder, descending: boolean): Int32Array {
  const ascending = order.slots.subarray(0, order.length);
  if (!descending) return ascending;
  const empty = firstEmpty(columns, order);
  const result = new Int32Array(order.length);
  for (let i = 0; i < empty; i++) result[i] = ascending[empty - 1 - i]!;
  result.set(ascending.subarray(empty), empty);
  return result;
}

/** Whether a user's class is the one asked for; 'named' takes internal and external alike. */
function inClass(userClass: UserClass, wanted: UserClass | 'named'): boolean {
  return wanted === 'named' ? userClass === 'internal' || userClass === 'external' : userClass === wanted;
}

interface Filters {
  classOf: (slot: number) => UserClass;
  /** The tenant asked for, as its ordinal in the columns (0: the default tenant); undefined for all. */
  tenant: number | undefined;
  members: Set<string> | undefined;
  needle: string | undefined;
  /** What else the result depends on (rules, group), so a remembered result is reused only when valid. */
  signature: string;
}

/** The last search of each environment: typing one more letter only rescans what matched before. */
const lastSearch = new WeakMap<EnvironmentUsers, { key: string; needle: string; matches: Int32Array }>();

/** The slots that pass the filters and the search, in list order. */
function filterSlots(
  columns: UserColumns,
  environment: EnvironmentUsers,
  order: SortedOrder,
  query: Query,
  descending: boolean,
  filters: Filters,
): Int32Array {
  const { active, ids } = columns;
  const { classOf, members, needle, tenant } = filters;
  const marks = needle ? environment.searchMarks(needle) : undefined;
  const key = [environment.rev, query.sort, query.order, query.class, query.isActive, tenant, filters.signature].join(
    '|',
  );
  const previous = lastSearch.get(environment);
  // A longer search matches a subset of what a shorter one inside it matched. (Not with a
  // group filter: membership changes do not move the environment's revision.)
  const candidates =
    needle && !members && previous && previous.key === key && needle.includes(previous.needle)
      ? previous.matches
      : directionSlots(columns, order, descending);
  const matches = new Int32Array(candidates.length);
  let count = 0;
  for (const slot of candidates) {
    if (query.isActive !== undefined && (active[slot] === 1) !== query.isActive) continue;
    if (tenant !== undefined && columns.tenant[slot] !== tenant) continue;
    if (query.class !== undefined && !inClass(classOf(slot), query.class)) continue;
    if (members && !members.has(ids[slot]!)) continue;
    if (marks && marks[slot] === 0) continue;
    matches[count++] = slot;
  }
  const result = matches.subarray(0, count);
  if (needle) lastSearch.set(environment, { key, needle, matches: result });
  return result;
}

/**
 * The users a group or role filter keeps, or undefined without one: a group's members; the
 * users granted a role, directly or as members of a group it is granted to (whatever their
 * state: with `isActive: true`, its holders now). With both, users in both.
 */
async function memberFilter(context: ApiContext, query: Query): Promise<Set<string> | undefined> {
  const { db } = context;
  const sets: Set<string>[] = [];
  if (query.groupId !== undefined) sets.push(new Set(await memberIdsOf(db, query.groupId)));
  if (query.roleId !== undefined) {
    const [direct, groupIds] = await allOf([userIdsWithRole(db, query.roleId), groupIdsWithRole(db, query.roleId)]);
    const holders = new Set(direct);
    for (const members of await allOf(groupIds.map((groupId) => memberIdsOf(db, groupId))))
      for (const id of members) holders.add(id);
    sets.push(holders);
  }
  if (sets.length === 0) return undefined;
  const [first, ...rest] = sets;
  return rest.length ? new Set([...first!].filter((id) => rest.every((set) => set.has(id)))) : first;
}

interface Selection {
  /** The matching slots, in list order. */
  slots: Int32Array;
  classOf: (slot: number) => UserClass;
}

/** The tenant filter as an ordinal of the columns (0: the default tenant); refused when not the environment's. */
function tenantOrdinal(context: ApiContext, book: RuleBook, query: Query): number | undefined {
  const { tenantId } = query;
  if (tenantId === undefined) return undefined;
  if (!book.tenants.some((tenant) => tenant.id === tenantId))
    throw RosterError.validation('tenantId', 'No tenant with this id in the environment.');
  return isDefaultTenantId(query.environmentId, tenantId) ? 0 : context.userIndex.columns.tenants.idOf(tenantId);
}

/** Every slot a query matches, in list order (read inside readWithIndex). */
async function select(context: ApiContext, query: Query): Promise<Selection | undefined> {
  const { userIndex } = context;
  const record = await requireEnvironment(context, query.environmentId, 'environmentId');
  const book = await ruleBookOf(context, record);
  const tenant = tenantOrdinal(context, book, query);
  const environment = userIndex.environment(query.environmentId);
  if (!environment) return undefined;
  const columns = userIndex.columns;
  // The order may be building in the background; awaiting it must not lose the live query.
  const order = await awaitInLiveQuery(environment.order(query.sort, readPause(context)));
  const classOf = slotClassifier(columns, book.rules, book.tenantRules);
  const members = await memberFilter(context, query);
  const needle = query.search ? foldForSearch(query.search) || undefined : undefined;
  const descending = query.order === 'desc';
  if (!needle && !members && query.class === undefined && query.isActive === undefined && tenant === undefined) {
    // No filter: the order itself (the ascending one without a copy).
    return {
      slots: descending ? directionSlots(columns, order, true) : order.slots.subarray(0, order.length),
      classOf,
    };
  }
  const slots = filterSlots(columns, environment, order, query, descending, {
    classOf,
    tenant,
    members,
    needle,
    signature: JSON.stringify([book.rules, [...book.tenantRules]]),
  });
  return { slots, classOf };
}

export async function listUsers(context: ApiContext, input: UserListQuery): Promise<UserPage> {
  const query = parseInput(userListSchema, input);
  const { userIndex } = context;
  if (!userIndex.isReady && isHeadQuery(query)) {
    const page = await pageFromHead(context, query);
    if (page) return page;
  }
  return readWithIndex(context, async () => {
    const selection = await select(context, query);
    if (!selection) return { total: 0, items: [] };
    const { slots, classOf } = selection;
    const page = slots.subarray(query.offset, query.offset + query.limit);
    const items = Array.from(page, (slot) => ({
      ...userIndex.columns.toUser(slot, query.environmentId),
      class: classOf(slot),
    }));
    return { total: slots.length, items };
  });
}

/** The ids of every user a query matches, in list order; offset and limit are ignored. */
export async function listUserIds(context: ApiContext, input: UserListQuery): Promise<string[]> {
  const query = parseInput(userListSchema, input);
  return readWithIndex(context, async () => {
    const selection = await select(context, query);
    if (!selection) return [];
    return context.userIndex.columns.idsOf(selection.slots);
  });
}
