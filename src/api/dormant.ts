/**
 * Dormant users read straight from the index's columns. The dashboard asks for their counts
 * after every write, so counting builds no user object: each environment's order by last
 * login already holds the dormant users at its two ends (logins up to the cutoff first,
 * never logged in last), found by a binary search and one pass over just those users. The
 * list is the same slots, oldest login first, a page at a time. On a cold start, until the index
 * has loaded, the counts come from the stored dormancy facts when they are current
 * (src/index/dormancy-facts.ts).
 */
import { classifyFacts, dormancyCutoff, type ClassificationRules, type TenantRules, type UserClass } from '../domain';
import { allOf, dormancyFactsOf, environmentStates, listAllTenants, listEnvironments, readTransaction } from '../db';
import { ruleBookFrom } from './tenant-rules';
import {
  SliceClock,
  dormantFromFacts,
  usableFacts,
  type EnvironmentUsers,
  type SortedOrder,
  type UserColumns,
} from '../index';
import type { ApiContext } from './context';
import { parseInput } from './errors';
import { requireEnvironment } from './guards';
import { readPause, readWithIndex } from './user-access';
import { slotClassifier, type UserPage } from './user-list';
import {
  dormantCountsSchema,
  dormantPageSchema,
  dormantSchema,
  type DormantCountsQuery,
  type DormantPageQuery,
  type DormantQuery,
} from './schemas';

/** One environment's dormant users by class (dormant users are active: never 'inactive'). */
export interface DormantCount {
  environmentId: string;
  production: boolean;
  internal: number;
  external: number;
  anonymous: number;
}

export interface DormantCounts {
  /** Every environment asked for, in the order of `environments.list()`, with or without dormant users. */
  environments: DormantCount[];
  /** Summed over production environments: what deactivating them frees on each limit. */
  production: { internal: number; external: number; named: number };
}

/** An environment's dormant slots: never logged in first, then by last login, oldest first. */
interface DormantSlots {
  never: Int32Array;
  loggedIn: Int32Array;
}

type ClassCounts = Pick<DormantCount, 'internal' | 'external' | 'anonymous'>;

interface DomainTally {
  /** Dormant users by domain (its number in the columns' domain dictionary). */
  byDomain: Map<number, number>;
  anonymous: number;
}

interface Scope {
  environment: EnvironmentUsers;
  rules: ClassificationRules;
  /** The own rules of the environment's tenants that have them. */
  tenantRules: TenantRules;
  production: boolean;
}

/** Room for this many distinct domains in a key of the dormant tally, below the tenant's ordinal. */
const DOMAIN_SPAN = 2 ** 24;

/** The first position in the order whose last login is empty (empty values sort last). */
function firstNever(lastLogin: Float64Array, order: SortedOrder): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number.isNaN(lastLogin[order.slots[mid]!]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first position after the logins at or before the cutoff (they come first in the order). */
function afterCutoff(lastLogin: Float64Array, order: SortedOrder, end: number, cutoff: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lastLogin[order.slots[mid]!]! <= cutoff) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function scanDormant(columns: UserColumns, order: SortedOrder, cutoff: number): DormantSlots {
  const { active, lastLogin, createdAt } = columns;
  const never = firstNever(lastLogin, order);
  const loginsEnd = afterCutoff(lastLogin, order, never, cutoff);
  const loggedIn = new Int32Array(loginsEnd);
  let found = 0;
  for (let i = 0; i < loginsEnd; i++) {
    const slot = order.slots[i]!;
    if (active[slot] === 1) loggedIn[found++] = slot;
  }
  const neverSlots = new Int32Array(order.length - never);
  let neverFound = 0;
  for (let i = never; i < order.length; i++) {
    const slot = order.slots[i]!;
    // Never logged in: dormant once created before the cutoff.
    if (active[slot] === 1 && createdAt[slot]! < cutoff) neverSlots[neverFound++] = slot;
  }
  return { never: neverSlots.subarray(0, neverFound), loggedIn: loggedIn.subarray(0, found) };
}

/** Whether a dormant user's class is one asked for; 'named' takes internal and external alike. */
function wantedClass(userClass: UserClass, wanted: DormantQuery['class']): boolean {
  if (wanted === undefined) return true;
  return wanted === 'named' ? userClass === 'internal' || userClass === 'external' : userClass === wanted;
}

/** Outputs of a merge between two looks at the clock. */
const MERGE_STEP = 16_384;

/**
 * Merges lists of slots each sorted by last login into one, oldest first (ties: the earlier
 * list). Each list's next login is kept at hand rather than looked up twice per comparison;
 * at a million users the merge takes a tenth of a second and more, so it pauses on the clock.
 */
async function mergeByLogin(lastLogin: Float64Array, lists: Int32Array[], clock: SliceClock): Promise<Int32Array> {
  if (lists.length === 1) return lists[0]!;
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  const merged = new Int32Array(total);
  const heads = new Int32Array(lists.length);
  // An exhausted list's next login is Infinity: a login is a date, never that.
  const next = Float64Array.from(lists, (list) => (list.length ? lastLogin[list[0]!]! : Infinity));
  for (let out = 0; out < total; out++) {
    let best = 0;
    for (let i = 1; i < next.length; i++) if (next[i]! < next[best]!) best = i;
    const list = lists[best]!;
    const at = heads[best]!++;
    merged[out] = list[at]!;
    next[best] = at + 1 < list.length ? lastLogin[list[at + 1]!]! : Infinity;
    if (out % MERGE_STEP === 0 && clock.due()) await clock.pause();
  }
  return merged;
}

/**
 * Dormant users by class, from their counts by email domain (and tenant: its id, undefined for
 * the default one) under the environment's rules or their tenant's own.
 */
function countByClass(
  byDomain: Iterable<[string, number, string?]>,
  anonymous: number,
  rules: ClassificationRules,
  tenantRules: TenantRules = new Map(),
): ClassCounts {
  const counts = { internal: 0, external: 0, anonymous };
  for (const [domain, count, tenantId] of byDomain) {
    const own = (tenantId !== undefined && tenantRules.get(tenantId)) || rules;
    const userClass = classifyFacts({ isActive: true, isAnonymous: false, domain }, own).class;
    if (userClass === 'internal' || userClass === 'external') counts[userClass] += count;
  }
  return counts;
}

export function dormantApi(context: ApiContext) {
  const { db, userIndex } = context;
  // The last scan of each environment, reused until a write changes who may be dormant (not a
  // rename) or the cutoff changes (the console passes one `now` while it shows the same threshold).
  const scans = new WeakMap<EnvironmentUsers, { changes: number; cutoff: number; slots: DormantSlots }>();
  // Each environment's dormant users by email domain, for the counts.
  const tallies = new WeakMap<EnvironmentUsers, { changes: number; cutoff: number; tally: DomainTally }>();
  // The last filtered list, so that scrolling through it is a slice.
  let lastList: { key: string; slots: Int32Array } | undefined;

  async function scopes(environmentId: string | undefined, production: boolean | undefined): Promise<Scope[]> {
    if (environmentId !== undefined) await requireEnvironment(context, environmentId, 'environmentId');
    const found: Scope[] = [];
    const [records, tenants] = await allOf([listEnvironments(db), listAllTenants(db)]);
    for (const record of records) {
      if (environmentId !== undefined && record.id !== environmentId) continue;
      const isProduction = record.kind === 'production';
      if (production !== undefined && isProduction !== production) continue;
      const environment = userIndex.environment(record.id);
      const own = tenants.filter((tenant) => tenant.environmentId === record.id);
      const { tenantRules } = ruleBookFrom(record, own);
      if (environment) found.push({ environment, rules: record.rules, tenantRules, production: isProduction });
    }
    return found;
  }

  async function dormantSlots(environment: EnvironmentUsers, cutoff: number): Promise<DormantSlots> {
    const cached = scans.get(environment);
    const changes = environment.dormancyChanges;
    if (cached && cached.changes === changes && cached.cutoff === cutoff) return cached.slots;
    const order = await environment.order('lastLogin', readPause(context));
    // The order was built meanwhile: what it holds is what the index holds now.
    const slots = scanDormant(userIndex.columns, order, cutoff);
    scans.set(environment, { changes: environment.dormancyChanges, cutoff, slots });
    return slots;
  }

  /**
   * How many dormant users each email domain has (and how many are anonymous): one pass over
   * the columns, needing no sort order, kept until who may be dormant changes. Classes come
   * from the domains afterwards, so a rule change counts again per domain, not per user.
   */
  function dormantByDomain(environment: EnvironmentUsers, cutoff: number): DomainTally {
    const changes = environment.dormancyChanges;
    const cached = tallies.get(environment);
    if (cached && cached.changes === changes && cached.cutoff === cutoff) return cached.tally;
    const { active, anonymous, domain, lastLogin, createdAt, tenant } = userIndex.columns;
    const byDomain = new Map<number, number>();
    let anonymousCount = 0;
    for (const chunk of environment.chunks.values()) {
      for (const slot of chunk) {
        if (active[slot] !== 1) continue;
        const login = lastLogin[slot]!;
        // Dormant: last login at or before the cutoff, or never logged in and created before it.
        if (login === login ? login > cutoff : createdAt[slot]! >= cutoff) continue;
        if (anonymous[slot] === 1) anonymousCount++;
        else {
          const key = tenant[slot]! * DOMAIN_SPAN + domain[slot]!;
          byDomain.set(key, (byDomain.get(key) ?? 0) + 1);
        }
      }
    }
    const tally = { byDomain, anonymous: anonymousCount };
    tallies.set(environment, { changes, cutoff, tally });
    return tally;
  }

  /** Each environment's last class counts, kept while its dormant tally and rules stay the same. */
  const classCounted = new WeakMap<EnvironmentUsers, { tally: DomainTally; rules: string; counts: ClassCounts }>();

  function classCounts(scope: Scope, cutoff: number): ClassCounts {
    const tally = dormantByDomain(scope.environment, cutoff);
    const rules = JSON.stringify([scope.rules, [...scope.tenantRules]]);
    const kept = classCounted.get(scope.environment);
    if (kept && kept.tally === tally && kept.rules === rules) return { ...kept.counts };
    const names = userIndex.columns.domains.names;
    const tenantIds = userIndex.columns.tenants.names;
    const byName = Array.from(tally.byDomain, ([key, count]): [string, number, string?] => {
      const domain = key % DOMAIN_SPAN;
      const tenant = (key - domain) / DOMAIN_SPAN;
      return [names[domain]!, count, tenant === 0 ? undefined : tenantIds[tenant]];
    });
    const counts = countByClass(byName, tally.anonymous, scope.rules, scope.tenantRules);
    classCounted.set(scope.environment, { tally, rules, counts });
    return { ...counts };
  }

  /**
   * The counts from the stored dormancy facts, while the index is still loading (a cold start):
   * undefined when an environment asked for has none at its current revision.
   */
  function countsFromStoredFacts(
    environmentId: string | undefined,
    production: boolean | undefined,
    cutoff: number,
  ): Promise<DormantCounts | undefined> {
    return readTransaction(
      db,
      async () => {
        const [records, states, tenants] = await allOf([
          listEnvironments(db),
          environmentStates(db),
          listAllTenants(db),
        ]);
        // The stored facts are by domain, not by tenant: a tenant's own rules need the index.
        if (tenants.some((tenant) => tenant.rules !== undefined && tenant.isDefault === 0)) return undefined;
        const chosen = records.filter(
          (record) =>
            (environmentId === undefined || record.id === environmentId) &&
            (production === undefined || (record.kind === 'production') === production),
        );
        const facts = await dormancyFactsOf(
          db,
          chosen.map((record) => record.id),
        );
        const stateOf = new Map(states.map((state) => [state.environmentId, state]));
        const rows: DormantCount[] = [];
        const totals = { internal: 0, external: 0, named: 0 };
        for (const [i, record] of chosen.entries()) {
          const state = stateOf.get(record.id);
          if (!state) return undefined;
          const stored = facts[i];
          let counts: ClassCounts = { internal: 0, external: 0, anonymous: 0 };
          if (state.count > 0) {
            if (!usableFacts(stored, state.rev, state.generation)) return undefined;
            const { byDomain, anonymous } = dormantFromFacts(stored, cutoff);
            counts = countByClass(byDomain, anonymous, record.rules);
          }
          const isProduction = record.kind === 'production';
          rows.push({ environmentId: record.id, production: isProduction, ...counts });
          if (isProduction) {
            totals.internal += counts.internal;
            totals.external += counts.external;
          }
        }
        totals.named = totals.internal + totals.external;
        return { environments: rows, production: totals };
      },
      { caches: true },
    );
  }

  /** The dormant users asked for, in list order: never logged in first, then oldest login first. */
  async function listedSlots(query: DormantQuery): Promise<Int32Array> {
    const { environmentId, days, now, class: wanted, production } = parseInput(dormantSchema, query);
    const cutoff = dormancyCutoff(now ?? context.now(), days);
    for (;;) {
      const inScope = await scopes(environmentId, production);
      const key = listKey(inScope, cutoff, wanted);
      if (lastList?.key === key) return lastList.slots;
      const slots = await collectSlots(inScope, cutoff, wanted);
      // A write while the list was made (its reads and its merge pause): a user it holds may be
      // gone or no longer dormant, and the list knows it by who may be dormant having moved on.
      if (listKey(inScope, cutoff, wanted) !== key) continue;
      lastList = { key, slots };
      return slots;
    }
  }

  /** What a list depends on: cutoff, class and, per environment, who may be dormant and (for a class) the rules. */
  function listKey(inScope: Scope[], cutoff: number, wanted: DormantQuery['class']): string {
    // The rules matter only to a list of one class: a rule change leaves the whole list as it was.
    return [
      cutoff,
      wanted,
      ...inScope.map(
        ({ environment, rules, tenantRules }) =>
          `${environment.environmentId}:${environment.dormancyChanges}` +
          (wanted === undefined ? '' : `:${JSON.stringify([rules, [...tenantRules]])}`),
      ),
    ].join('|');
  }

  async function collectSlots(inScope: Scope[], cutoff: number, wanted: DormantQuery['class']): Promise<Int32Array> {
    const { columns } = userIndex;
    const never: Int32Array[] = [];
    const loggedIn: Int32Array[] = [];
    for (const { environment, rules, tenantRules } of inScope) {
      const slots = await dormantSlots(environment, cutoff);
      if (wanted === undefined) {
        never.push(slots.never);
        loggedIn.push(slots.loggedIn);
        continue;
      }
      const classOf = slotClassifier(columns, rules, tenantRules);
      const keep = (slot: number) => wantedClass(classOf(slot), wanted);
      never.push(slots.never.filter(keep));
      loggedIn.push(slots.loggedIn.filter(keep));
    }
    const merged = await mergeByLogin(columns.lastLogin, loggedIn, new SliceClock(readPause(context)));
    const neverCount = never.reduce((sum, list) => sum + list.length, 0);
    if (neverCount === 0) return merged;
    const all = new Int32Array(neverCount + merged.length);
    let at = 0;
    for (const list of never) {
      all.set(list, at);
      at += list.length;
    }
    all.set(merged, at);
    return all;
  }

  return {
    /**
     * How many users are dormant in each environment, by class, and what that frees on each
     * licence limit; no user is built, so the dashboard can ask after every write.
     */
    async dormantCounts(query: DormantCountsQuery = {}): Promise<DormantCounts> {
      const { environmentId, days, now, production } = parseInput(dormantCountsSchema, query);
      const cutoff = dormancyCutoff(now ?? context.now(), days);
      if (!userIndex.isReady) {
        if (environmentId !== undefined) await requireEnvironment(context, environmentId, 'environmentId');
        const stored = await countsFromStoredFacts(environmentId, production, cutoff);
        if (stored) return stored;
      }
      return readWithIndex(context, async () => {
        const rows: DormantCount[] = [];
        const totals = { internal: 0, external: 0, named: 0 };
        for (const scope of await scopes(environmentId, production)) {
          const counts = classCounts(scope, cutoff);
          rows.push({ environmentId: scope.environment.environmentId, production: scope.production, ...counts });
          if (scope.production) {
            totals.internal += counts.internal;
            totals.external += counts.external;
          }
        }
        totals.named = totals.internal + totals.external;
        return { environments: rows, production: totals };
      });
    },

    /** A page of the dormant users the query selects: never logged in first, then oldest login first. */
    async dormantPage(query: DormantPageQuery = {}): Promise<UserPage> {
      const { offset, limit, ...filters } = parseInput(dormantPageSchema, query);
      return readWithIndex(context, async () => {
        const slots = await listedSlots(filters);
        const { columns } = userIndex;
        const page = slots.subarray(offset, offset + limit);
        const classifiers = new Map(
          (await scopes(undefined, undefined)).map((scope) => [
            scope.environment,
            slotClassifier(columns, scope.rules, scope.tenantRules),
          ]),
        );
        const items = Array.from(page, (slot) => {
          const environment = userIndex.environmentOfSlot(slot);
          return { ...columns.toUser(slot, environment.environmentId), class: classifiers.get(environment)!(slot) };
        });
        return { total: slots.length, items };
      });
    },

    /** The ids of every dormant user the query selects, in the order of `dormantPage`. */
    async dormantIds(query: DormantQuery = {}): Promise<string[]> {
      const filters = parseInput(dormantSchema, query);
      return readWithIndex(context, async () => userIndex.columns.idsOf(await listedSlots(filters)));
    },
  };
}
