/**
 * history: a usage snapshot per environment and day, the production totals over time, the
 * peaks of the current billing period and, for each limit, when the trend would cross it.
 */
import {
  forecastCrossing,
  forecastSentence,
  PRODUCTION_PEAK_ID,
  peakSeries,
  periodPeaks,
  productionSeries,
  raisedPeak,
  snapshotsToTake,
  utcDay,
  withLatest,
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
  snapshotOf,
  listEnvironments,
  putSnapshots,
  readTransaction,
  writeTransaction,
} from '../db';
import type { ApiContext } from './context';
import { SUBSCRIPTION_KEY, usageReport } from './usage.api';
import { subscriptionSchema } from './schemas';

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
        const latest = await latestSnapshots(db);
        const taken = snapshotsToTake(report.environments, latest, context.now());
        const peak = raisedPeak(report.production, latest.get(PRODUCTION_PEAK_ID), context.now());
        const written = peak ? [...taken, peak] : taken;
        if (written.length) await putSnapshots(db, written);
        // The environments' snapshots; the day's production high is kept beside them.
        return taken.length;
      });
    },

    /**
     * Raises today's highest production totals if they are higher now, and nothing else: cheap
     * enough to call after every change, so that a peak reached and cleaned up within minutes
     * is kept. Returns whether a new high was written.
     */
    async recordPeak(): Promise<boolean> {
      const report = await usageReport(context);
      const todaysPeak = () => snapshotOf(db, PRODUCTION_PEAK_ID, utcDay(context.now()));
      // Read first: most changes raise no peak, and a write transaction (over every table)
      // would hold up the reads that the console and the caller make right after a change.
      if (!raisedPeak(report.production, await todaysPeak(), context.now())) return false;
      return writeTransaction(db, async () => {
        const peak = raisedPeak(report.production, await todaysPeak(), context.now());
        if (peak) await putSnapshots(db, [peak]);
        return peak !== undefined;
      });
    },

    /** The history, the peaks of the billing period and the forecast of each limit. */
    async get(): Promise<UsageHistory> {
      return readTransaction(db, async () => {
        const [stored, environments, subscription, report] = await allOf([
          allSnapshots(db),
          listEnvironments(db),
          getSetting<Subscription>(db, SUBSCRIPTION_KEY, subscriptionSchema),
          usageReport(context),
        ]);
        const now = context.now();
        // The days' production highs are kept beside the snapshots; they are no environment's.
        const snapshots = stored.filter((snapshot) => snapshot.environmentId !== PRODUCTION_PEAK_ID);
        const production = productionSeries(
          snapshots,
          environments.filter((environment) => environment.kind === 'production').map((environment) => environment.id),
        );
        const start = subscription?.periodStart ?? production[0]?.day ?? utcDay(now);
        // Peaks from the days' highs as well as their last totals: a peak never goes down in its period.
        const highs = peakSeries(production, stored);
        const peaks = highs.length ? periodPeaks(highs, start, now) : undefined;
        // Today's point is the live totals: the forecast follows a change at once, as the banners do.
        const { internal, external, named } = report.production;
        const current = withLatest(production, { day: utcDay(now), internal, external, named });
        const forecasts = limitsOf(subscription).map(({ limit, max }) => {
          const forecast = forecastCrossing(
            current.map((point) => ({ day: point.day, value: point[limit] })),
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
