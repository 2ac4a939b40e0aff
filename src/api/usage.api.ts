/** subscription and usage: the licence limits and how the production environments use them. */
import { z } from 'zod';
import {
  environmentUsage,
  evaluateLimits,
  sumProduction,
  type EnvironmentUsage,
  type LimitUsage,
  type ProductionTotals,
  type Subscription,
} from '../domain';
import {
  DISTINCT_EMAILS_KEY,
  allOf,
  environmentStates,
  getSetting,
  listAllTenants,
  listEnvironments,
  tenantOrder,
  tenantTalliesOf,
  type EnvironmentStateRecord,
  type TenantTallyRecord,
  putSetting,
  readTransaction,
  writeTransaction,
} from '../db';
import { IndexReplacedError } from '../index';
import { audit, type ApiContext } from './context';
import { parseInput } from './errors';
import { subscriptionSchema, type SubscriptionInput } from './schemas';
import { TallyCounts } from './tally-counts';
import { assertSameValue } from './version-check';

export const SUBSCRIPTION_KEY = 'subscription';

export interface UsageReport {
  environments: EnvironmentUsage[];
  production: ProductionTotals;
  limits: LimitUsage[];
}

/** The last argument of `subscription.set`. */
export interface SubscriptionOptions {
  /** The subscription the edit is based on, as `get` gave it, or null when none was set; without it, no check. */
  expectedSubscription?: SubscriptionInput | null;
}

/** Every field a subscription may hold, in the form's order: the ones a version check compares. */
const SUBSCRIPTION_FIELDS = ['model', 'internalLimit', 'externalLimit', 'namedLimit', 'warnAt', 'periodStart'];

const subscriptionOptionsSchema = z
  .strictObject({ expectedSubscription: z.union([subscriptionSchema, z.null()]).optional() })
  .optional();

/** The expected subscription of `set`'s options: null for "none was set", undefined for no check. */
function expectedSubscription(options: unknown): Subscription | null | undefined {
  return parseInput(subscriptionOptionsSchema, options)?.expectedSubscription;
}

export function subscriptionApi(context: ApiContext) {
  const { db } = context;
  return {
    get(): Promise<Subscription | undefined> {
      return getSetting<Subscription>(db, SUBSCRIPTION_KEY, subscriptionSchema);
    },

    /**
     * Sets the subscription; `warnAt` (a fraction of each limit) defaults to 0.9. With
     * `expectedSubscription` (the one the caller read, or null for none: its content is its
     * version), refused (`conflict`, naming each field) when the stored one is another.
     */
    async set(input: SubscriptionInput, options?: SubscriptionOptions): Promise<Subscription> {
      const subscription: Subscription = parseInput(subscriptionSchema, input);
      const expected = expectedSubscription(options);
      return writeTransaction(db, async () => {
        const before = await getSetting<Subscription>(db, SUBSCRIPTION_KEY, subscriptionSchema);
        if (expected !== undefined) assertSameValue(before, expected ?? undefined, SUBSCRIPTION_FIELDS);
        await putSetting(db, SUBSCRIPTION_KEY, subscription);
        await audit(context, {
          action: 'set',
          entity: 'subscription',
          entityId: SUBSCRIPTION_KEY,
          changes: { subscription: { before, after: subscription } },
        });
        return subscription;
      });
    },
  };
}

const tallyCounts = new WeakMap<ApiContext, TallyCounts>();

function countsKept(context: ApiContext): TallyCounts {
  let kept = tallyCounts.get(context);
  if (!kept) tallyCounts.set(context, (kept = new TallyCounts()));
  return kept;
}

const tenantTalliesKept = new WeakMap<ApiContext, Map<string, { stamp: string; records: TenantTallyRecord[] }>>();

/**
 * Each environment's tenant tallies: read again only when its state record's stamp moved (a
 * write stored some tenant's tallies), so that the usage read after an edit of the default
 * tenant's users reads no client's tallies (50 clients: several times the state record).
 */
async function keptTenantTallies(
  context: ApiContext,
  states: readonly EnvironmentStateRecord[],
): Promise<Map<string, TenantTallyRecord[]>> {
  let kept = tenantTalliesKept.get(context);
  if (!kept) tenantTalliesKept.set(context, (kept = new Map()));
  const result = new Map<string, TenantTallyRecord[]>();
  for (const state of states) {
    if (state.tenantTalliesStamp === undefined) continue;
    const stamp = `${state.generation ?? ''}/${state.tenantTalliesStamp}`;
    let entry = kept.get(state.environmentId);
    if (entry?.stamp !== stamp) {
      entry = { stamp, records: await tenantTalliesOf(context.db, state.environmentId) };
      kept.set(state.environmentId, entry);
    }
    result.set(state.environmentId, entry.records);
  }
  for (const id of kept.keys()) if (!result.has(id)) kept.delete(id);
  return result;
}

/**
 * Counts every environment from the tallies in its state record (no user is read), sums the
 * production ones, and checks the limits. Distinct emails come from the index once loaded,
 * and until then from the count the last write saved.
 */
export function usageReport(context: ApiContext): Promise<UsageReport> {
  const { db, userIndex } = context;
  const counted = countsKept(context);
  return readTransaction(db, async () => {
    const [environments, states, savedDistinct, subscription, tenants] = await allOf([
      listEnvironments(db),
      environmentStates(db),
      getSetting<number>(db, DISTINCT_EMAILS_KEY, z.number().int().min(0)),
      getSetting<Subscription>(db, SUBSCRIPTION_KEY, subscriptionSchema),
      listAllTenants(db),
    ]);
    const tenantTallies = await keptTenantTallies(context, states);
    const tallies = new Map(states.map((state) => [state.environmentId, state.tallies]));
    const rows = environments.map((environment) => {
      const own = tenants.filter((tenant) => tenant.environmentId === environment.id).sort(tenantOrder);
      const { counts, tenants: byTenant } = counted.countsOf(
        environment.id,
        tallies.get(environment.id),
        environment.rules,
        own,
        tenantTallies.get(environment.id) ?? [],
      );
      return environmentUsage(environment, counts, byTenant);
    });
    counted.keepOnly(new Set(environments.map((environment) => environment.id)));
    if (userIndex.isReady) {
      await userIndex.sync({ states, environments }).catch((error: unknown) => {
        if (!(error instanceof IndexReplacedError)) throw error;
        // The database was replaced (a restore): counts come from the state records as ever, and
        // the index loads again outside this transaction.
        setTimeout(() => userIndex.ready().catch(() => undefined), 0);
      });
    }
    // Stored with every write: current until the index has counted the emails itself.
    const distinctEmails = (userIndex.isReady ? userIndex.distinctEmailsIfCounted : undefined) ?? savedDistinct ?? 0;
    const production = { ...sumProduction(rows), distinctEmails };
    return { environments: rows, production, limits: evaluateLimits(production, subscription) };
  });
}
