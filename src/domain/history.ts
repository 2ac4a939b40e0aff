/**
 * Usage history: one snapshot of an environment's counts per UTC day, the production
 * totals over time, and the peaks of the current billing period (what a true-up looks at).
 * Days are `YYYY-MM-DD` strings in UTC, so they sort as text and mean the same day
 * whatever the browser's time zone. The clock is passed in.
 */
import { z } from 'zod';
import type { EnvironmentCounts, EnvironmentUsage } from './usage';

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The counts of one environment as they stood on one UTC day. */
export interface UsageSnapshot extends EnvironmentCounts {
  environmentId: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
}

/** The production totals on one day. */
export interface UsagePoint {
  day: string;
  internal: number;
  external: number;
  named: number;
}

/** A count's highest value and the first day it was reached. */
export interface Peak {
  value: number;
  day: string;
}

export interface PeriodPeaks {
  /** First day of the current billing period. */
  start: string;
  /** Last day of the current billing period (the day before the next one starts). */
  end: string;
  /** Null when the history holds nothing on or before today. */
  internal: Peak | null;
  external: Peak | null;
  named: Peak | null;
}

/** Twelve months: subscriptions are yearly, and a true-up looks back over the year. */
export const DEFAULT_BILLING_PERIOD_MONTHS = 12;

/** The UTC day of an instant, as YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a YYYY-MM-DD day (NaN when it is not one). */
export function epochDay(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return Number.NaN;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2025-02-30 over to March: a day that does not survive the round trip is not a day.
  return dayFromEpoch(ms / DAY_MS) === day ? ms / DAY_MS : Number.NaN;
}

/** The YYYY-MM-DD day that is `n` days after 1970-01-01. */
export function dayFromEpoch(n: number): string {
  return utcDay(new Date(n * DAY_MS));
}

const count = z.number().int().nonnegative();

/** The gate for snapshots read back from storage or a backup. */
export const usageSnapshotSchema = z.object({
  environmentId: z.string().min(1),
  day: z.string().refine((day) => !Number.isNaN(epochDay(day)), 'must be a YYYY-MM-DD day'),
  internal: count,
  external: count,
  named: count,
  anonymous: count,
  inactive: count,
});

function sameCounts(a: EnvironmentCounts, b: EnvironmentCounts): boolean {
  return (
    a.internal === b.internal &&
    a.external === b.external &&
    a.named === b.named &&
    a.anonymous === b.anonymous &&
    a.inactive === b.inactive
  );
}

/**
 * The snapshots to store now: one for each environment whose counts differ from its latest
 * snapshot, or that has none yet.
 *
 * A snapshot taken on a day that already has one for the environment carries the same day,
 * so storing it (keyed by environment and day) replaces that day's snapshot: an environment
 * has at most one snapshot a day, holding the last numbers seen that day. Replacing, rather
 * than keeping the day's first numbers, keeps the history's last point equal to the live
 * numbers the dashboard shows beside it (after a bulk deactivation, say).
 *
 * Nothing is taken for an environment whose latest snapshot is dated after today (the clock
 * went back): history is not rewritten from a clock that disagrees with it.
 */
export function snapshotsToTake(
  current: Iterable<Pick<EnvironmentUsage, 'environmentId' | keyof EnvironmentCounts>>,
  latest: ReadonlyMap<string, UsageSnapshot>,
  now: Date,
): UsageSnapshot[] {
  const day = utcDay(now);
  // One per environment even if the caller lists an environment twice: the last row wins.
  const rows = new Map<string, Pick<EnvironmentUsage, 'environmentId' | keyof EnvironmentCounts>>();
  for (const usage of current) rows.set(usage.environmentId, usage);
  const taken: UsageSnapshot[] = [];
  for (const { environmentId, internal, external, named, anonymous, inactive } of rows.values()) {
    const snapshot = { environmentId, day, internal, external, named, anonymous, inactive };
    const last = latest.get(environmentId);
    if (!last || (last.day <= day && !sameCounts(last, snapshot))) taken.push(snapshot);
  }
  return taken;
}

/**
 * The production totals on each day on which a production environment has a snapshot,
 * oldest first. Each environment counts with its latest snapshot on or before the day (its
 * numbers did not change since, or a snapshot would have been taken) and counts nothing
 * before its first snapshot. Snapshots of other environments are ignored; of two snapshots
 * of one environment on one day, the later in the input wins.
 */
export function productionSeries(snapshots: Iterable<UsageSnapshot>, productionIds: Iterable<string>): UsagePoint[] {
  const production = new Set(productionIds);
  const byDay = new Map<string, Map<string, UsageSnapshot>>();
  for (const snapshot of snapshots) {
    if (!production.has(snapshot.environmentId)) continue;
    let ofDay = byDay.get(snapshot.day);
    if (!ofDay) byDay.set(snapshot.day, (ofDay = new Map()));
    ofDay.set(snapshot.environmentId, snapshot);
  }
  const known = new Map<string, UsageSnapshot>();
  const totals = { internal: 0, external: 0, named: 0 };
  const series: UsagePoint[] = [];
  for (const [day, ofDay] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const snapshot of ofDay.values()) {
      const before = known.get(snapshot.environmentId);
      totals.internal += snapshot.internal - (before?.internal ?? 0);
      totals.external += snapshot.external - (before?.external ?? 0);
      totals.named += snapshot.named - (before?.named ?? 0);
      known.set(snapshot.environmentId, snapshot);
    }
    series.push({ day, ...totals });
  }
  return series;
}

/**
 * The series with `latest` as its last point: it replaces a point of the same day, or follows
 * the last one. The forecast reads the live totals as today's point, so that it never lags the
 * banners until the day's snapshot is taken. A point older than the last is ignored.
 */
export function withLatest(series: readonly UsagePoint[], latest: UsagePoint): UsagePoint[] {
  const last = series.at(-1);
  if (!last || last.day < latest.day) return [...series, latest];
  if (last.day === latest.day) return [...series.slice(0, -1), latest];
  return [...series];
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The k-th anniversary of `start` every `months` months, the day clamped to the month's end (31 Jan → 28 Feb). */
function anniversary(start: Date, months: number, k: number): string {
  const total = start.getUTCFullYear() * 12 + start.getUTCMonth() + k * months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const day = Math.min(start.getUTCDate(), daysInMonth(year, monthIndex));
  return utcDay(new Date(Date.UTC(year, monthIndex, day)));
}

function dayStart(day: string): Date {
  const n = epochDay(day);
  if (Number.isNaN(n))
    throw new RangeError(`The start of the billing period is not a YYYY-MM-DD day: ${JSON.stringify(day)}.`);
  return new Date(n * DAY_MS);
}

/**
 * The billing period that contains today (UTC): it starts on the latest anniversary of
 * `start` (a YYYY-MM-DD day, as the subscription keeps it, or the UTC day of a Date), every
 * `months` months (yearly by default), on or before today. A start in the future counts back,
 * so entering the next renewal date works as well as the last one. A start on the 29th–31st
 * falls on the last day of shorter months, counted from the original date each time, so it
 * does not drift (31 Jan, 28 Feb, 31 Mar). Throws a RangeError for a string that is not a day
 * or a period that is not a whole number of months.
 */
export function billingPeriod(
  start: Date | string,
  now: Date,
  months: number = DEFAULT_BILLING_PERIOD_MONTHS,
): { start: string; end: string } {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`A billing period is a whole number of months, not ${months}.`);
  const periodStart = typeof start === 'string' ? dayStart(start) : start;
  const today = utcDay(now);
  const monthsSince =
    (now.getUTCFullYear() - periodStart.getUTCFullYear()) * 12 + now.getUTCMonth() - periodStart.getUTCMonth();
  let k = Math.floor(monthsSince / months);
  if (anniversary(periodStart, months, k) > today) k--;
  return {
    start: anniversary(periodStart, months, k),
    end: dayFromEpoch(epochDay(anniversary(periodStart, months, k + 1)) - 1),
  };
}

/**
 * The highest internal, external and named totals of the current billing period (see
 * billingPeriod), each with the first day it was reached. The totals standing when the period
 * began count from its first day; points after today are ignored.
 */
export function periodPeaks(
  series: readonly UsagePoint[],
  periodStart: Date | string,
  now: Date,
  options: { months?: number } = {},
): PeriodPeaks {
  const { start, end } = billingPeriod(periodStart, now, options.months);
  const today = utcDay(now);
  const peaks: PeriodPeaks = { start, end, internal: null, external: null, named: null };
  let carried: UsagePoint | undefined;
  const inPeriod: UsagePoint[] = [];
  for (const point of [...series].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    if (point.day < start) carried = point;
    else if (point.day <= today) inPeriod.push(point);
  }
  if (carried && inPeriod[0]?.day !== start) inPeriod.unshift({ ...carried, day: start });
  for (const point of inPeriod) {
    for (const name of ['internal', 'external', 'named'] as const) {
      const peak = peaks[name];
      if (!peak || point[name] > peak.value) peaks[name] = { value: point[name], day: point.day };
    }
  }
  return peaks;
}

/**
 * The environment id under which the snapshots table keeps each day's highest production
 * totals: no environment has it (ids are generated, never start with `*`).
 */
export const PRODUCTION_PEAK_ID = '*production';

/**
 * Today's record of the highest production totals seen at one moment, raised by `current` (the
 * production totals now): the new record when one of them is higher than today's, else
 * undefined. Each count is the highest it was at some moment of the day, so a morning's peak
 * cleaned up in the afternoon stays (licence audits look at the highest count).
 */
export function raisedPeak(
  current: Pick<UsagePoint, 'internal' | 'external' | 'named'>,
  today: UsageSnapshot | undefined,
  now: Date,
): UsageSnapshot | undefined {
  const day = utcDay(now);
  const base = today?.day === day ? today : undefined;
  const internal = Math.max(base?.internal ?? 0, current.internal);
  const external = Math.max(base?.external ?? 0, current.external);
  const named = Math.max(base?.named ?? 0, current.named);
  if (base && internal === base.internal && external === base.external && named === base.named) return undefined;
  return { environmentId: PRODUCTION_PEAK_ID, day, internal, external, named, anonymous: 0, inactive: 0 };
}

/**
 * The production totals a peak is read from: each day's last totals (the series), raised to
 * the day's recorded highs where there are some, day by day, oldest first.
 */
export function peakSeries(series: readonly UsagePoint[], highs: Iterable<UsageSnapshot>): UsagePoint[] {
  const byDay = new Map(series.map((point) => [point.day, { ...point }]));
  for (const high of highs) {
    if (high.environmentId !== PRODUCTION_PEAK_ID) continue;
    const point = byDay.get(high.day) ?? { day: high.day, internal: 0, external: 0, named: 0 };
    point.internal = Math.max(point.internal, high.internal);
    point.external = Math.max(point.external, high.external);
    point.named = Math.max(point.named, high.named);
    byDay.set(high.day, point);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
