import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FORECAST_DEFAULTS,
  dayFromEpoch,
  epochDay,
  forecastCrossing,
  forecastSentence,
  type Forecast,
} from '../../src/domain';

const RUNS = { numRuns: 300 };
const now = new Date('2025-06-30T15:00:00.000Z');
const TODAY = epochDay('2025-06-30');

/** Daily points from `daysAgo` days ago to today, valued by `f(x)` with x ≤ 0 the offset from today. */
function daily(daysAgo: number, f: (x: number) => number): { day: string; value: number }[] {
  const points = [];
  for (let x = -daysAgo; x <= 0; x++) points.push({ day: dayFromEpoch(TODAY + x), value: f(x) });
  return points;
}
const ago = (days: number) => dayFromEpoch(TODAY - days);
const after = (days: number) => dayFromEpoch(TODAY + days);

describe('forecastCrossing', () => {
  it('fits 90 days, looks a year ahead and wants a week of history by default', () => {
    expect(FORECAST_DEFAULTS).toEqual({ windowDays: 90, horizonDays: 365, minSpanDays: 7 });
  });

  it('finds the first day above the limit on a steady rise', () => {
    // 100 today, 2 more a day: 150 in 25 days is the limit itself, 152 in 26 days is over it.
    expect(
      forecastCrossing(
        daily(30, (x) => 100 + 2 * x),
        150,
        now,
      ),
    ).toEqual({ kind: 'crossing', date: after(26), perDay: 2 });
  });

  it('says crossing tomorrow when at the limit and rising', () => {
    expect(
      forecastCrossing(
        daily(10, (x) => 150 + x),
        150,
        now,
      ),
    ).toEqual({ kind: 'crossing', date: after(1), perDay: 1 });
  });

  it('handles a fractional rate', () => {
    // One more user every 4 days from 100: above 110 once 100 + d/4 > 110, on day 41.
    expect(
      forecastCrossing(
        daily(60, (x) => 100 + x / 4),
        110,
        now,
      ),
    ).toEqual({ kind: 'crossing', date: after(41), perDay: 0.25 });
  });

  it.each([
    { limit: 33, days: 31, why: 'reaches 33 on day 30 exactly' },
    { limit: 55, days: 51, why: 'reaches 55 on day 50 exactly' },
    { limit: 187, days: 171, why: 'reaches 187 on day 170 exactly' },
    { limit: 188, days: 171, why: 'passes 188 on day 171' },
  ])(
    'takes the day after the line meets the limit exactly, despite float noise: 1.1 a day from 0 $why',
    ({ limit, days }) => {
      expect(
        forecastCrossing(
          daily(60, (x) => Math.round(1.1 * x * 10) / 10),
          limit,
          now,
          { horizonDays: 400 },
        ),
      ).toEqual({
        kind: 'crossing',
        date: after(days),
        perDay: 1.1,
      });
    },
  );

  it("says over when today's value is above the limit, and not when it equals it", () => {
    expect(forecastCrossing([{ day: ago(0), value: 151 }], 150, now)).toEqual({ kind: 'over' });
    expect(
      forecastCrossing(
        daily(30, (x) => 160 - x),
        150,
        now,
      ),
    ).toEqual({ kind: 'over' });
    expect(
      forecastCrossing(
        daily(30, () => 150),
        150,
        now,
      ),
    ).toEqual({ kind: 'not-within', horizonDays: 365 });
  });

  it.each([
    { why: 'flat', f: () => 80 },
    { why: 'falling', f: (x: number) => 80 - x },
    { why: 'rising too slowly to cross within a year', f: (x: number) => 80 + x / 10 },
  ])('does not forecast a crossing when $why', ({ f }) => {
    expect(forecastCrossing(daily(90, f), 150, now)).toEqual({ kind: 'not-within', horizonDays: 365 });
  });

  it('reports a crossing on the last day of the horizon and not the day after', () => {
    // From 0, one a day: above 364 on day 365, above 365 on day 366.
    expect(
      forecastCrossing(
        daily(30, (x) => x),
        364,
        now,
      ),
    ).toEqual({ kind: 'crossing', date: after(365), perDay: 1 });
    expect(
      forecastCrossing(
        daily(30, (x) => x),
        365,
        now,
      ),
    ).toEqual({ kind: 'not-within', horizonDays: 365 });
    expect(
      forecastCrossing(
        daily(30, (x) => x),
        30,
        now,
        { horizonDays: 30 },
      ),
    ).toEqual({ kind: 'not-within', horizonDays: 30 });
    expect(
      forecastCrossing(
        daily(30, (x) => x),
        29,
        now,
        { horizonDays: 30 },
      ),
    ).toEqual({ kind: 'crossing', date: after(30), perDay: 1 });
  });

  it.each([
    { why: 'no history', series: [] },
    { why: 'one value from today', series: [{ day: ago(0), value: 10 }] },
    { why: 'six days of history', series: daily(6, (x) => 100 + 10 * x) },
    {
      why: 'only values after today',
      series: [
        { day: after(1), value: 1 },
        { day: after(9), value: 9 },
      ],
    },
  ])('has not enough data with $why', ({ series }) => {
    expect(forecastCrossing(series, 1000, now)).toEqual({ kind: 'not-enough-data' });
  });

  it('forecasts from a week of history', () => {
    expect(
      forecastCrossing(
        daily(7, (x) => 100 + 10 * x),
        1000,
        now,
      ).kind,
    ).toBe('crossing');
  });

  it('reads a snapshot that still holds as a flat history up to today', () => {
    // Snapshots are taken only when numbers change: one 30 days ago and none since is 30 flat days.
    expect(forecastCrossing([{ day: ago(30), value: 50 }], 100, now)).toEqual({ kind: 'not-within', horizonDays: 365 });
  });

  it('gives the same forecast for a sparse series as for its daily values', () => {
    const sparse = [
      { day: ago(40), value: 10 },
      { day: ago(20), value: 30 },
      { day: ago(5), value: 45 },
    ];
    const dense = daily(40, (x) => (x < -20 ? 10 : x < -5 ? 30 : 45));
    expect(forecastCrossing(sparse, 100, now)).toEqual(forecastCrossing(dense, 100, now));
    expect(forecastCrossing(sparse, 100, now).kind).toBe('crossing');
  });

  it('fits only the recent window', () => {
    // Steep growth long ago, flat for the last 100 days: no crossing at the default 90-day window.
    const steepThenFlat = [
      { day: ago(200), value: 0 },
      { day: ago(150), value: 500 },
      { day: ago(100), value: 900 },
    ];
    expect(forecastCrossing(steepThenFlat, 1000, now)).toEqual({ kind: 'not-within', horizonDays: 365 });
    expect(forecastCrossing(steepThenFlat, 1000, now, { windowDays: 200 }).kind).toBe('crossing');
  });

  it("projects from today's value, so that a drop today moves the date", () => {
    // Rising one a day to 99 yesterday, then 30 dormant users deactivated today.
    const rising = daily(60, (x) => 100 + x);
    const dropped = rising.map((p, i) => (i === rising.length - 1 ? { ...p, value: 70 } : p));
    const before = forecastCrossing(rising, 120, now);
    const afterDrop = forecastCrossing(dropped, 120, now);
    expect(before).toEqual({ kind: 'crossing', date: after(21), perDay: 1 });
    expect(afterDrop.kind).toBe('crossing');
    expect(afterDrop.kind === 'crossing' && afterDrop.date > after(21)).toBe(true);
  });

  it('ignores later duplicates, bad days and values that are not finite', () => {
    const series = [
      ...daily(10, (x) => 100 + x),
      { day: ago(0), value: 200 },
      { day: 'not a day', value: 1e9 },
      { day: ago(3), value: Number.NaN },
    ];
    expect(forecastCrossing(series, 150, now)).toEqual({ kind: 'over' });
  });

  it('ignores points dated after today', () => {
    const series = [...daily(30, (x) => 100 + x), { day: after(5), value: 10_000 }];
    expect(forecastCrossing(series, 150, now)).toEqual({ kind: 'crossing', date: after(51), perDay: 1 });
  });

  it('reads the day of `now` in UTC', () => {
    const lateEvening = new Date('2025-06-30T23:59:59.999Z');
    expect(
      forecastCrossing(
        daily(30, (x) => 100 + 2 * x),
        150,
        lateEvening,
      ),
    ).toEqual({ kind: 'crossing', date: after(26), perDay: 2 });
  });

  it.each([
    { options: { windowDays: 1 } },
    { options: { horizonDays: 0 } },
    { options: { minSpanDays: 0 } },
    { options: { windowDays: 7, minSpanDays: 7 } },
    { options: { windowDays: 30.5 } },
  ])('refuses options $options', ({ options }) => {
    expect(() =>
      forecastCrossing(
        daily(30, (x) => x),
        100,
        now,
        options,
      ),
    ).toThrow(RangeError);
  });

  it('refuses a limit that is not a number, and never crosses an infinite one', () => {
    expect(() =>
      forecastCrossing(
        daily(30, (x) => x),
        Number.NaN,
        now,
      ),
    ).toThrow(RangeError);
    expect(
      forecastCrossing(
        daily(30, (x) => 100 + x),
        Number.POSITIVE_INFINITY,
        now,
      ),
    ).toEqual({ kind: 'not-within', horizonDays: 365 });
  });

  describe('properties', () => {
    const line = fc.record({
      start: fc.integer({ min: 0, max: 10_000 }),
      rate: fc.integer({ min: 1, max: 400 }).map((r) => r / 8),
      span: fc.integer({ min: 7, max: 120 }),
      headroom: fc.integer({ min: 0, max: 5_000 }),
    });

    it('finds the exact first day above the limit on a straight line', () => {
      fc.assert(
        fc.property(line, ({ start, rate, span, headroom }) => {
          const series = daily(span, (x) => start + rate * x);
          const limit = start + headroom;
          const result = forecastCrossing(series, limit, now);
          let first = 1;
          while (start + rate * first <= limit) first++;
          if (first > 365) expect(result).toEqual({ kind: 'not-within', horizonDays: 365 });
          else expect(result).toEqual({ kind: 'crossing', date: after(first), perDay: rate });
        }),
        RUNS,
      );
    });

    const noisy = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 })
      .chain((values) =>
        fc
          .uniqueArray(fc.integer({ min: 0, max: 150 }), { minLength: values.length, maxLength: values.length })
          .map((days) => values.map((value, i) => ({ day: ago(days[i] ?? 0), value }))),
      );

    it('never forecasts an earlier crossing for a higher limit', () => {
      fc.assert(
        fc.property(
          noisy,
          fc.integer({ min: 0, max: 2000 }),
          fc.integer({ min: 0, max: 500 }),
          (series, limit, more) => {
            const low = forecastCrossing(series, limit, now);
            const high = forecastCrossing(series, limit + more, now);
            const rank = (r: Forecast) => (r.kind === 'over' ? 0 : r.kind === 'crossing' ? 1 : 2);
            if (low.kind === 'not-enough-data') expect(high.kind).toBe('not-enough-data');
            else if (high.kind === 'not-enough-data') expect(low.kind).toBe('over');
            else expect(rank(high)).toBeGreaterThanOrEqual(rank(low));
            if (low.kind === 'crossing' && high.kind === 'crossing') expect(high.date >= low.date).toBe(true);
          },
        ),
        RUNS,
      );
    });

    it("gives any crossing after today and within the horizon, and is over exactly when today's value is", () => {
      fc.assert(
        fc.property(
          noisy,
          fc.integer({ min: 0, max: 1200 }),
          fc.integer({ min: 1, max: 400 }),
          (series, limit, horizonDays) => {
            const result = forecastCrossing(series, limit, now, { horizonDays });
            const latest = [...series].sort((a, b) => (a.day < b.day ? -1 : 1)).at(-1);
            expect(result.kind === 'over').toBe((latest?.value ?? 0) > limit);
            if (result.kind === 'crossing') {
              expect(result.date > ago(0) && result.date <= after(horizonDays)).toBe(true);
              expect(result.perDay).toBeGreaterThan(0);
            }
          },
        ),
        RUNS,
      );
    });
  });
});

describe('forecastSentence', () => {
  it.each<{ result: Forecast; sentence: string }>([
    {
      result: { kind: 'crossing', date: '2027-03-14', perDay: 3 },
      sentence: 'At this rate the external limit is reached around 14 March 2027.',
    },
    {
      result: { kind: 'not-within', horizonDays: 365 },
      sentence: 'At this rate the external limit is not reached within a year.',
    },
    {
      result: { kind: 'not-within', horizonDays: 730 },
      sentence: 'At this rate the external limit is not reached within 2 years.',
    },
    {
      result: { kind: 'not-within', horizonDays: 90 },
      sentence: 'At this rate the external limit is not reached within 90 days.',
    },
    {
      result: { kind: 'not-within', horizonDays: 1 },
      sentence: 'At this rate the external limit is not reached within 1 day.',
    },
    { result: { kind: 'not-enough-data' }, sentence: 'Not enough history yet to forecast the external limit.' },
    { result: { kind: 'over' }, sentence: 'The external limit is already exceeded.' },
  ])('says "$sentence"', ({ result, sentence }) => {
    expect(forecastSentence(result, 'external')).toBe(sentence);
  });

  it('names the limit it is given', () => {
    expect(forecastSentence({ kind: 'over' }, 'named users')).toBe('The named users limit is already exceeded.');
  });

  it('writes the date of the UTC day, in another locale when asked', () => {
    const result: Forecast = { kind: 'crossing', date: '2027-01-01', perDay: 1 };
    expect(forecastSentence(result, 'internal')).toBe(
      'At this rate the internal limit is reached around 1 January 2027.',
    );
    expect(forecastSentence(result, 'internal', 'en-US')).toBe(
      'At this rate the internal limit is reached around January 1, 2027.',
    );
  });
});
