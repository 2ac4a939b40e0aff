/**
 * When a limit would be crossed at the recent rate: a least-squares line through the last
 * weeks of a usage series, projected forward from today's value. The clock is passed in.
 */
import { dayFromEpoch, epochDay, utcDay } from './history';

export type Forecast =
  /** Today's value is already above the limit. */
  | { kind: 'over' }
  /** The first day on which the projection is above the limit, and the trend in users per day. */
  | { kind: 'crossing'; date: string; perDay: number }
  /** Flat or falling, or rising too slowly to cross within the horizon. */
  | { kind: 'not-within'; horizonDays: number }
  /** No value yet, or the history in the window covers fewer than `minSpanDays` days. */
  | { kind: 'not-enough-data' };

export interface ForecastOptions {
  /** How many days, ending today, the trend is fitted over. */
  windowDays?: number;
  /** How far ahead a crossing is reported. */
  horizonDays?: number;
  /** The least history, in days from its first value to today, that a trend is drawn from. */
  minSpanDays?: number;
}

export const FORECAST_DEFAULTS = { windowDays: 90, horizonDays: 365, minSpanDays: 7 } as const;

/** Slopes are kept to a billionth of a user a day, so that float noise in an exact trend does not move the date. */
const SLOPE_PRECISION = 1e9;
/** Above the limit means by more than float noise: a projection that meets it exactly is not over it. */
const ABOVE_TOLERANCE = 1e-6;

function wholeAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number of at least ${min}, not ${value}.`);
  return value;
}

/**
 * Forecasts when `series` (the value of a count on some days) would go above `limit`.
 *
 * The series is read as a step function: a value holds from its day until the next point,
 * and the last one holds until today, since snapshots are taken only when the numbers change.
 * So sparse and daily series of the same history give the same forecast, and a history that
 * has not moved for a month is a flat month, not a lack of data. Points after today, on days
 * that are not YYYY-MM-DD, or with a value that is not finite are ignored; of two points on
 * one day the later in the input wins.
 *
 * `over` when today's value is above the limit (as in compliance, reaching the limit exactly
 * is not over). Otherwise the trend is the least-squares slope of the daily values over the
 * last `windowDays` days (from the first value when the history is shorter), needing at least
 * `minSpanDays` days of history. The projection starts from today's value, not from the fitted
 * line, so that a drop today (dormant users deactivated) moves the date at once; the crossing
 * is the first day after today on which it is above the limit.
 */
export function forecastCrossing(
  series: readonly { day: string; value: number }[],
  limit: number,
  now: Date,
  options: ForecastOptions = {},
): Forecast {
  if (Number.isNaN(limit)) throw new RangeError('The limit to forecast against is not a number.');
  const windowDays = wholeAtLeast('windowDays', options.windowDays ?? FORECAST_DEFAULTS.windowDays, 2);
  const horizonDays = wholeAtLeast('horizonDays', options.horizonDays ?? FORECAST_DEFAULTS.horizonDays, 1);
  const minSpanDays = wholeAtLeast('minSpanDays', options.minSpanDays ?? FORECAST_DEFAULTS.minSpanDays, 1);
  if (minSpanDays >= windowDays)
    throw new RangeError(`minSpanDays (${minSpanDays}) must be shorter than windowDays (${windowDays}).`);

  const today = epochDay(utcDay(now));
  const byDay = new Map<number, number>();
  for (const point of series) {
    const day = epochDay(point.day);
    if (day <= today && Number.isFinite(point.value)) byDay.set(day, point.value);
  }
  const points = [...byDay].sort(([a], [b]) => a - b);
  const last = points.at(-1);
  if (!last) return { kind: 'not-enough-data' };
  const current = last[1];
  if (current > limit) return { kind: 'over' };

  const firstPoint = points[0] as [number, number];
  const first = Math.max(today - windowDays + 1, firstPoint[0]);
  if (today - first < minSpanDays) return { kind: 'not-enough-data' };

  // Daily values from `first` to today, each the latest point on or before its day.
  const values: number[] = [];
  let next = 0;
  let value = Number.NaN;
  for (let day = first; day <= today; day++) {
    while (next < points.length && (points[next] as [number, number])[0] <= day)
      value = (points[next++] as [number, number])[1];
    values.push(value);
  }
  const slope = Math.round(leastSquaresSlope(values) * SLOPE_PRECISION) / SLOPE_PRECISION;
  if (!(slope > 0)) return { kind: 'not-within', horizonDays };

  const above = (days: number) => current + slope * days - limit > ABOVE_TOLERANCE;
  let days = Math.max(1, Math.floor((limit - current) / slope) + 1);
  if (!Number.isFinite(days) || days > horizonDays) return { kind: 'not-within', horizonDays };
  // Where the line meets the limit exactly on a day (1.1 a day from 0 to 187: day 170), the
  // division can land on that day itself; the comparison, with its tolerance, moves it on.
  while (!above(days) && days <= horizonDays) days++;
  if (days > horizonDays) return { kind: 'not-within', horizonDays };
  return { kind: 'crossing', date: dayFromEpoch(today + days), perDay: slope };
}

/** The slope of the least-squares line through (i, values[i]), in value per step. */
function leastSquaresSlope(values: readonly number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  let meanY = 0;
  for (const y of values) meanY += y / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  return sxx === 0 ? 0 : sxy / sxx;
}

function horizonWords(days: number): string {
  if (days === 365) return 'a year';
  if (days % 365 === 0) return `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The sentence the dashboard shows for a forecast of the `what` limit (e.g. `external`).
 * Dates read like "14 March 2027" unless another locale is given; the words are English.
 */
export function forecastSentence(result: Forecast, what: string, locale?: string): string {
  switch (result.kind) {
    case 'over':
      return `The ${what} limit is already exceeded.`;
    case 'crossing': {
      const format = new Intl.DateTimeFormat(locale ?? 'en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      return `At this rate the ${what} limit is reached around ${format.format(new Date(`${result.date}T00:00:00Z`))}.`;
    }
    case 'not-within':
      return `At this rate the ${what} limit is not reached within ${horizonWords(result.horizonDays)}.`;
    case 'not-enough-data':
      return `Not enough history yet to forecast the ${what} limit.`;
  }
}
