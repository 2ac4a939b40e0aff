/**
 * A tenant's own history: its client's counts day by day, with the day's highs, so that each
 * client's peak and forecast can be read against its own limits, as the organisation's are
 * against the subscription. Only tenants other than the default one keep a history (the
 * default tenant has no limits of its own; its environment's history covers it).
 */
import { utcDay, type UsagePoint } from './history';
import type { EnvironmentCounts } from './usage';

/** The counts a limit is checked against. */
export type LimitCounts = Pick<UsagePoint, 'internal' | 'external' | 'named'>;

/** One tenant's counts on one UTC day: the day's last numbers, and the highest of each at one moment. */
export interface TenantSnapshot extends EnvironmentCounts {
  tenantId: string;
  environmentId: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  /** The day's highest internal, external and named counts (a peak cleaned up within the day stays). */
  high: LimitCounts;
}

/** A tenant's counts now, as the usage report gives them. */
export interface TenantCountsNow extends EnvironmentCounts {
  tenantId: string;
  environmentId: string;
}

const COUNT_NAMES = ['internal', 'external', 'named', 'anonymous', 'inactive'] as const;
const LIMIT_NAMES = ['internal', 'external', 'named'] as const;

/**
 * The tenant snapshots to store now: for each tenant, today's record when its counts differ
 * from its latest snapshot or rise above today's highs (or it has none yet). Today's record
 * replaces an earlier one of the same day (keyed by tenant and day), keeping the day's highs;
 * nothing is taken for a tenant whose latest snapshot is dated after today (the clock went back).
 */
export function tenantSnapshotsToTake(
  current: Iterable<TenantCountsNow>,
  latest: ReadonlyMap<string, TenantSnapshot>,
  now: Date,
): TenantSnapshot[] {
  const day = utcDay(now);
  const taken: TenantSnapshot[] = [];
  for (const counts of current) {
    const last = latest.get(counts.tenantId);
    if (last && last.day > day) continue;
    const base = last?.day === day ? last.high : undefined;
    const high = {
      internal: Math.max(base?.internal ?? 0, counts.internal),
      external: Math.max(base?.external ?? 0, counts.external),
      named: Math.max(base?.named ?? 0, counts.named),
    };
    const unchanged =
      last !== undefined &&
      COUNT_NAMES.every((name) => last[name] === counts[name]) &&
      (last.day < day || LIMIT_NAMES.every((name) => last.high[name] === high[name]));
    if (unchanged) continue;
    const { tenantId, environmentId, internal, external, named, anonymous, inactive } = counts;
    taken.push({ tenantId, environmentId, day, internal, external, named, anonymous, inactive, high });
  }
  return taken;
}

/** A tenant's series: each day's last counts, oldest first (one tenant's snapshots, in any order). */
export function tenantSeries(snapshots: readonly TenantSnapshot[]): UsagePoint[] {
  return [...snapshots]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map(({ day, internal, external, named }) => ({ day, internal, external, named }));
}

/** A tenant's series raised to each day's highs: what its peaks are read from. */
export function tenantHighs(snapshots: readonly TenantSnapshot[]): UsagePoint[] {
  return [...snapshots]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map(({ day, internal, external, named, high }) => ({
      day,
      internal: Math.max(internal, high.internal),
      external: Math.max(external, high.external),
      named: Math.max(named, high.named),
    }));
}
