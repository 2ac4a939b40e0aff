/** subscription and usage: the licence limits and how the production environments use them. */
import {
  countTallies,
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
  listEnvironments,
  putSetting,
  readTransaction,
  writeTransaction,
} from '../db';
import { decodeTallies } from '../index';
import { IndexReplacedError } from '../index';
import { audit, type ApiContext } from './context';
import { parseInput } from './errors';
import { subscriptionSchema, type SubscriptionInput } from './schemas';

export const SUBSCRIPTION_KEY = 'subscription';

export interface UsageReport {
  environments: EnvironmentUsage[];
  production: ProductionTotals;
  limits: LimitUsage[];
}

export function subscriptionApi(context: ApiContext) {
  const { db } = context;
  return {
    get(): Promise<Subscription | undefined> {
      return getSetting<Subscription>(db, SUBSCRIPTION_KEY);
    },

    /** Sets the subscription; `warnAt` (a fraction of each limit) defaults to 0.9. */
    async set(input: SubscriptionInput): Promise<Subscription> {
      const subscription: Subscription = parseInput(subscriptionSchema, input);
      return writeTransaction(db, async () => {
        const before = await getSetting<Subscription>(db, SUBSCRIPTION_KEY);
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

/**
 * Counts every environment from the tallies in its state record (no user is read), sums the
 * production ones, and checks the limits. Distinct emails come from the index once loaded,
 * and until then from the count the last write saved.
 */
export function usageReport(context: ApiContext): Promise<UsageReport> {
  const { db, userIndex } = context;
  return readTransaction(db, async () => {
    const [environments, states, savedDistinct, subscription] = await allOf([
      listEnvironments(db),
      environmentStates(db),
      getSetting<number>(db, DISTINCT_EMAILS_KEY),
      getSetting<Subscription>(db, SUBSCRIPTION_KEY),
    ]);
    const tallies = new Map(states.map((state) => [state.environmentId, decodeTallies(state.tallies)]));
    const rows = environments.map((environment) =>
      environmentUsage(environment, countTallies(tallies.get(environment.id) ?? [], environment.rules)),
    );
    if (userIndex.isReady) {
      await userIndex.sync({ states, environments }).catch((error: unknown) => {
        if (!(error instanceof IndexReplacedError)) throw error;
        // The database was replaced (a restore): counts come from the state records as ever, and
        // the index loads again outside this transaction.
        setTimeout(() => userIndex.ready().catch(() => undefined), 0);
      });
    }
    const distinctEmails = userIndex.isReady ? userIndex.distinctEmails : (savedDistinct ?? 0);
    const production = { ...sumProduction(rows), distinctEmails };
    return { environments: rows, production, limits: evaluateLimits(production, subscription) };
  });
}
