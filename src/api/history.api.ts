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
  isDefaultTenantId,
  tenantHighs,
  tenantSeries,
  tenantSnapshotsToTake,
  utcDay,
  withLatest,
  type Forecast,
  type LimitName,
  type PeriodPeaks,
  type Subscription,
  type TenantCountsNow,
  type TenantLimits,
  type TenantSnapshot,
  type UsagePoint,
  type UsageSnapshot,
} from '../domain';
import {
  allOf,
  allSnapshots,
  allTenantSnapshots,
  getSetting,
  latestTenantSnapshots,
  listAllTenants,
  putTenantSnapshots,
  latestSnapshots,
  snapshotOf,
  listEnvironments,
  putSnapshots,
  readTransaction,
  writeTransaction,
} from '../db';
import type { ApiContext } from './context';
import { SUBSCRIPTION_KEY, usageReport, type UsageReport } from './usage.api';
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
  /** Each tenant's own history (every tenant but the environments' default ones), by environment then name. */
  tenants: TenantHistory[];
}

/** One tenant's history: its counts day by day, its peaks and its forecast against its own limits. */
export interface TenantHistory {
  tenantId: string;
  environmentId: string;
  name: string;
  /** The tenant's counts on each day with a snapshot, oldest first, today's being the live counts. */
  points: UsagePoint[];
  /** The peaks of the billing period (the subscription's, else from the tenant's first snapshot). */
  peaks: PeriodPeaks | undefined;
  /** When each of the tenant's own limits would be crossed at the recent rate; none without limits. */
  forecasts: LimitForecast[];
}

const LIMIT_WORDS: Record<LimitName, string> = { internal: 'internal', external: 'external', named: 'named-users' };

function limitsOf(subscription: Subscription | TenantLimits | undefined): { limit: LimitName; max: number }[] {
  if (!subscription) return [];
  if (subscription.model === 'named') return [{ limit: 'named', max: subscription.namedLimit }];
  return [
    { limit: 'internal', max: subscription.internalLimit },
    { limit: 'external', max: subscription.externalLimit },
  ];
}

/** The counts now of every tenant that keeps a history (all but the environments' default ones). */
function tenantCountsOf(report: UsageReport): TenantCountsNow[] {
  return report.environments.flatMap((environment) =>
    environment.tenants
      .filter((tenant) => !isDefaultTenantId(environment.environmentId, tenant.tenantId))
      .map(({ tenantId, internal, external, named, anonymous, inactive }) => ({
        tenantId,
        environmentId: environment.environmentId,
        internal,
        external,
        named,
        anonymous,
        inactive,
      })),
  );
}

export function historyApi(context: ApiContext) {
  const { db } = context;

  /** Within a write transaction: today's snapshot of each tenant whose counts or highs moved. */
  async function recordTenants(tenants: readonly TenantCountsNow[]): Promise<void> {
    if (!tenants.length) return;
    const latest = await latestTenantSnapshots(
      db,
      tenants.map((tenant) => tenant.tenantId),
    );
    const taken = tenantSnapshotsToTake(tenants, latest, context.now());
    if (taken.length) await putTenantSnapshots(db, taken);
  }

  return {
    /**
     * Takes today's snapshot of each environment whose numbers changed since its last one
     * (replacing today's earlier one). The console calls it when it opens and after changes.
     * Returns how many snapshots were written.
     */
    async record(): Promise<number> {
      const report = await usageReport(context);
      const tenants = tenantCountsOf(report);
      return writeTransaction(db, async () => {
        const latest = await latestSnapshots(db);
        const taken = snapshotsToTake(report.environments, latest, context.now());
        const peak = raisedPeak(report.production, latest.get(PRODUCTION_PEAK_ID), context.now());
        const written = peak ? [...taken, peak] : taken;
        if (written.length) await putSnapshots(db, written);
        await recordTenants(tenants);
        // The environments' snapshots; the day's production high and the tenants' are kept beside them.
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
      const tenants = tenantCountsOf(report);
      const tenantIds = tenants.map((tenant) => tenant.tenantId);
      const tenantsToTake = async () =>
        tenantSnapshotsToTake(tenants, await latestTenantSnapshots(db, tenantIds), context.now());
      // Read first: most changes raise no peak, and a write transaction (over every table)
      // would hold up the reads that the console and the caller make right after a change.
      // A tenant's counts are kept at once too: its day's high may last less than until the next record.
      const raised = raisedPeak(report.production, await todaysPeak(), context.now());
      if (!raised && (await tenantsToTake()).length === 0) return false;
      return writeTransaction(db, async () => {
        const peak = raisedPeak(report.production, await todaysPeak(), context.now());
        if (peak) await putSnapshots(db, [peak]);
        await recordTenants(tenants);
        return peak !== undefined;
      });
    },

    /** The history, the peaks of the billing period and the forecast of each limit. */
    async get(): Promise<UsageHistory> {
      return readTransaction(db, async () => {
        const [stored, environments, subscription, report, tenantRecords, tenantSnapshots] = await allOf([
          allSnapshots(db),
          listEnvironments(db),
          getSetting<Subscription>(db, SUBSCRIPTION_KEY, subscriptionSchema),
          usageReport(context),
          listAllTenants(db),
          allTenantSnapshots(db),
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
        const forecasts = forecastsOf(limitsOf(subscription), current, now);
        const limitsOfTenant = new Map(tenantRecords.map((tenant) => [tenant.id, tenant.limits]));
        const snapshotsOfTenant = new Map<string, TenantSnapshot[]>();
        for (const snapshot of tenantSnapshots) {
          const own = snapshotsOfTenant.get(snapshot.tenantId);
          if (own) own.push(snapshot);
          else snapshotsOfTenant.set(snapshot.tenantId, [snapshot]);
        }
        const tenants = tenantCountsOf(report).map((live) =>
          tenantHistoryOf(
            live,
            report,
            snapshotsOfTenant.get(live.tenantId) ?? [],
            limitsOfTenant.get(live.tenantId),
            subscription?.periodStart,
            now,
          ),
        );
        return { snapshots, production, peaks, forecasts, tenants };
      });
    },
  };
}

function forecastsOf(
  limits: readonly { limit: LimitName; max: number }[],
  series: readonly UsagePoint[],
  now: Date,
): LimitForecast[] {
  return limits.map(({ limit, max }) => {
    const forecast = forecastCrossing(
      series.map((point) => ({ day: point.day, value: point[limit] })),
      max,
      now,
    );
    return { limit, forecast, sentence: forecastSentence(forecast, LIMIT_WORDS[limit]) };
  });
}

/** A tenant's history from its snapshots, with today's point the live counts, as the organisation's. */
function tenantHistoryOf(
  live: TenantCountsNow,
  report: UsageReport,
  snapshots: readonly TenantSnapshot[],
  limits: TenantLimits | undefined,
  periodStart: string | undefined,
  now: Date,
): TenantHistory {
  const today: UsagePoint = { day: utcDay(now), internal: live.internal, external: live.external, named: live.named };
  const points = withLatest(tenantSeries(snapshots), today);
  // Today's high is at least the live counts: the history is written a moment after a change.
  const stored = tenantHighs(snapshots);
  const last = stored.at(-1);
  const highs =
    last?.day === today.day
      ? [
          ...stored.slice(0, -1),
          {
            day: today.day,
            internal: Math.max(last.internal, today.internal),
            external: Math.max(last.external, today.external),
            named: Math.max(last.named, today.named),
          },
        ]
      : withLatest(stored, today);
  const start = periodStart ?? points[0]!.day;
  const environment = report.environments.find((row) => row.environmentId === live.environmentId)!;
  const name = environment.tenants.find((tenant) => tenant.tenantId === live.tenantId)!.name;
  return {
    tenantId: live.tenantId,
    environmentId: live.environmentId,
    name,
    points,
    peaks: periodPeaks(highs, start, now),
    forecasts: forecastsOf(limitsOf(limits), points, now),
  };
}
