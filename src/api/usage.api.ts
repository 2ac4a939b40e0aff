/** subscription and usage: the licence limits and how the production environments use them. */
import {
  countTallies,
  environmentUsage,
  evaluateLimits,
  productionTotals,
  type EnvironmentUsage,
  type LimitUsage,
  type ProductionTotals,
  type Subscription,
} from '../domain';
import { countedEmailKeys, getSetting, listEnvironments, putSetting, readTransaction, talliesOf, writeTransaction } from '../db';
import { audit, type ApiContext } from './context';
import { parseInput } from './errors';
import { subscriptionSchema, type SubscriptionInput } from './schemas';

const SUBSCRIPTION_KEY = 'subscription';

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
        await audit(context, { action: 'set', entity: 'subscription', entityId: SUBSCRIPTION_KEY, changes: { subscription: { before, after: subscription } } });
        return subscription;
      });
    },
  };
}

/** Counts every environment from its tallies, sums the production ones, and checks the limits. */
export function usageReport(context: ApiContext): Promise<UsageReport> {
  const { db } = context;
  return readTransaction(db, async () => {
    const environments = await listEnvironments(db);
    const rows = await Promise.all(
      environments.map(async (environment) => environmentUsage(environment, countTallies(
        (await talliesOf(db, environment.id)).map((t) => ({ domain: t.domain, isActive: t.isActive === 1, isAnonymous: t.anonymous === 1, count: t.count })),
        environment.rules,
      ))),
    );
    const productionEmails = await Promise.all(
      environments.filter((environment) => environment.kind === 'production').map((environment) => countedEmailKeys(db, environment.id)),
    );
    const production = productionTotals(rows, productionEmails);
    const subscription = await getSetting<Subscription>(db, SUBSCRIPTION_KEY);
    return { environments: rows, production, limits: evaluateLimits(production, subscription) };
  });
}
