/**
 * history: a usage snapshot per environment and day, the production totals over time, the
 * peaks of the current billing period and, for each limit, when the trend would cross it.
 */
import {
  forecastCrossing,
  forecastSentence,
  periodPeaks,
  productionSeries,
  snapshotsToTake,
  utcDay,
  type Forecast,
  type LimitName,
  type PeriodPeaks,
  type Subscription,
  type UsagePoint,
  type UsageSnapshot,
} from '../domain';
import {
  allOf,
  allSnapshots,
  getSetting,
  latestSnapshots,
  listEnvironments,
  putSnapshots,
  readTransaction,
  writeTransaction,
} from '../db';
import type { ApiContext } from './context';
import { SUBSCRIPTION_KEY, usageReport } from './usage.api';

export interface LimitForecast {
  limit: LimitName;
  forecast: Forecast;
  /** The forecast in one sentence, e.g. "At this rate the external limit is reached around 14 March 2027." */
  sentence: string;
}

export interface UsageHistory {
  /** Every snapshot, oldest day first. */
  snapshots: UsageSnapshot[];
  /** The production totals on each day with a snapshot, oldest first. */
  production: UsagePoint[];
  /** The peaks of the current billing period (from the subscription's periodStart, else from the first snapshot). */
  peaks: PeriodPeaks | undefined;
  /** When each limit of the subscription would be crossed at the recent rate. */
  forecasts: LimitForecast[];
}

const LIMIT_WORDS: Record<LimitName, string> = { internal: 'internal', external: 'external', named: 'named-users' };

function limitsOf(subscription: Subscription | undefined): { limit: LimitName; max: number }[] {
  if (!subscription) return [];
  if (subscription.model === 'named') return [{ limit: 'named', max: subscription.namedLimit }];
  return [
    { limit: 'internal', max: subscription.internalLimit },
    { limit: 'external', max: subscription.externalLimit },
  ];
}

export function historyApi(context: ApiContext) {
  const { db } = context;
  return {
    /**
     * Takes today's snapshot of each environment whose numbers changed since its last one
     * (replacing today's earlier one). The console calls it when it opens and after changes.
     * Returns how many snapshots were written.
     */
    async record(): Promise<number> {
      const report = await usageReport(context);
      return writeTransaction(db, async () => {
        const taken = snapshotsToTake(report.environments, await latestSnapshots(db), context.now());
        if (taken.length) await putSnapshots(db, taken);
        return taken.length;
      });
    },

    /** The history, the peaks of the billing period and the forecast of each limit. */
    async get(): Promise<UsageHistory> {
      return readTransaction(db, async () => {
        const [snapshots, environments, subscription] = await allOf([
          allSnapshots(db),
          listEnvironments(db),
          getSetting<Subscription>(db, SUBSCRIPTION_KEY),
        ]);
        const now = context.now();
        const production = productionSeries(
          snapshots,
          environments.filter((environment) => environment.kind === 'production').map((environment) => environment.id),
        );
        const start = subscription?.periodStart ?? production[0]?.day ?? utcDay(now);
        const peaks = production.length ? periodPeaks(production, start, now) : undefined;
        const forecasts = limitsOf(subscription).map(({ limit, max }) => {
          const forecast = forecastCrossing(
            production.map((point) => ({ day: point.day, value: point[limit] })),
            max,
            now,
          );
          return { limit, forecast, sentence: forecastSentence(forecast, LIMIT_WORDS[limit]) };
        });
        return { snapshots, production, peaks, forecasts };
      });
    },
  };
}
