import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  billingPeriod,
  dayFromEpoch,
  epochDay,
  periodPeaks,
  productionSeries,
  snapshotsToTake,
  usageSnapshotSchema,
  utcDay,
  withLatest,
  type UsagePoint,
  type UsageSnapshot,
} from '../../src/domain';

const RUNS = { numRuns: 300 };

function counts(internal: number, external: number, anonymous = 0, inactive = 0) {
  return { internal, external, named: internal + external, anonymous, inactive };
}
function usage(environmentId: string, internal: number, external: number, anonymous = 0, inactive = 0) {
  return { environmentId, ...counts(internal, external, anonymous, inactive) };
}
function snap(
  environmentId: string,
  day: string,
  internal: number,
  external: number,
  anonymous = 0,
  inactive = 0,
): UsageSnapshot {
  return { environmentId, day, ...counts(internal, external, anonymous, inactive) };
}
const latestOf = (...snapshots: UsageSnapshot[]) => new Map(snapshots.map((s) => [s.environmentId, s]));

describe('UTC days', () => {
  it('takes the UTC day of an instant, whatever the local time zone', () => {
    expect(utcDay(new Date('2025-06-30T23:59:59.999Z'))).toBe('2025-06-30');
    expect(utcDay(new Date('2025-07-01T00:00:00.000Z'))).toBe('2025-07-01');
    expect(utcDay(new Date('2025-07-01T01:30:00+02:00'))).toBe('2025-06-30');
  });

  it('counts days since 1970-01-01 and back', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2000-03-01')).toBe(11_017);
    expect(dayFromEpoch(11_017)).toBe('2000-03-01');
  });

  it.each(['2025-02-30', '2025-13-01', '2025-1-01', '20250101', '', '2025-06-30T00:00:00Z'])(
    'refuses %j as a day',
    (day) => {
      expect(epochDay(day)).toBeNaN();
    },
  );

  it('round-trips every day between 1900 and 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (n) => {
        expect(epochDay(dayFromEpoch(n))).toBe(n);
      }),
      RUNS,
    );
  });
});

describe('usageSnapshotSchema', () => {
  it('accepts a snapshot', () => {
    expect(usageSnapshotSchema.parse(snap('prod', '2025-06-30', 3, 4, 1, 2))).toEqual(
      snap('prod', '2025-06-30', 3, 4, 1, 2),
    );
  });

  it.each([
    { why: 'a day that does not exist', value: snap('prod', '2025-02-29', 1, 1) },
    { why: 'a negative count', value: snap('prod', '2025-06-30', -1, 1) },
    { why: 'a fractional count', value: snap('prod', '2025-06-30', 1.5, 1) },
    { why: 'no environment', value: snap('', '2025-06-30', 1, 1) },
  ])('refuses $why', ({ value }) => {
    expect(usageSnapshotSchema.safeParse(value).success).toBe(false);
  });
});

describe('snapshotsToTake', () => {
  const now = new Date('2025-06-30T15:00:00.000Z');

  it('takes a first snapshot of an environment that has none, dated today in UTC', () => {
    expect(snapshotsToTake([usage('prod', 5, 2, 1, 3)], new Map(), now)).toEqual([
      snap('prod', '2025-06-30', 5, 2, 1, 3),
    ]);
  });

  it('takes nothing when the numbers are those of the latest snapshot, however old', () => {
    expect(snapshotsToTake([usage('prod', 5, 2)], latestOf(snap('prod', '2024-01-01', 5, 2)), now)).toEqual([]);
  });

  it.each([
    { why: 'internal', now: usage('prod', 6, 2, 1, 3) },
    { why: 'external', now: usage('prod', 5, 3, 1, 3) },
    { why: 'anonymous', now: usage('prod', 5, 2, 2, 3) },
    { why: 'inactive', now: usage('prod', 5, 2, 1, 4) },
  ])('takes a snapshot when only the $why count changed', ({ now: current }) => {
    const latest = latestOf(snap('prod', '2025-06-01', 5, 2, 1, 3));
    expect(snapshotsToTake([current], latest, now)).toEqual([{ ...current, day: '2025-06-30' }]);
  });

  it('takes a snapshot for today again when the numbers changed since this morning, to replace it', () => {
    const latest = latestOf(snap('prod', '2025-06-30', 5, 2));
    expect(snapshotsToTake([usage('prod', 5, 1)], latest, now)).toEqual([snap('prod', '2025-06-30', 5, 1)]);
  });

  it('judges each environment by its own latest snapshot', () => {
    const latest = latestOf(snap('eu', '2025-06-29', 5, 2), snap('us', '2025-06-29', 7, 7));
    const taken = snapshotsToTake([usage('eu', 5, 2), usage('us', 8, 7), usage('qa', 1, 0)], latest, now);
    expect(taken).toEqual([snap('us', '2025-06-30', 8, 7), snap('qa', '2025-06-30', 1, 0)]);
  });

  it('does not rewrite history when the clock is behind the latest snapshot', () => {
    expect(snapshotsToTake([usage('prod', 9, 9)], latestOf(snap('prod', '2025-07-02', 5, 2)), now)).toEqual([]);
  });

  it('keeps only the fields of a snapshot from a usage row', () => {
    const row = { ...usage('prod', 1, 1), name: 'Production', kind: 'production' as const, splitShown: true };
    expect(Object.keys(snapshotsToTake([row], new Map(), now)[0] ?? {}).sort()).toEqual([
      'anonymous',
      'day',
      'environmentId',
      'external',
      'inactive',
      'internal',
      'named',
    ]);
  });

  const usageRow = fc
    .record({
      environmentId: fc.constantFrom('a', 'b', 'c', 'd'),
      internal: fc.nat(5),
      external: fc.nat(5),
      anonymous: fc.nat(2),
      inactive: fc.nat(2),
    })
    .map((r) => ({ ...r, named: r.internal + r.external }));
  const instant = fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('takes at most one snapshot per environment, all dated today, and nothing more once stored', () => {
    fc.assert(
      fc.property(
        fc.array(usageRow, { maxLength: 8 }),
        fc.array(usageRow, { maxLength: 8 }),
        instant,
        (previous, current, at) => {
          const latest = new Map(
            snapshotsToTake(previous, new Map(), new Date(at.getTime() - 86_400_000)).map((s) => [s.environmentId, s]),
          );
          const taken = snapshotsToTake(current, latest, at);
          const ids = taken.map((s) => s.environmentId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const s of taken) expect(s.day).toBe(utcDay(at));
          // Storing what was taken (keyed by environment and day) leaves nothing more to take.
          for (const s of taken) latest.set(s.environmentId, s);
          expect(snapshotsToTake(current, latest, at)).toEqual([]);
          // Every environment whose numbers changed got a snapshot with its last listed numbers.
          const lastRow = new Map(current.map((r) => [r.environmentId, r]));
          for (const [id, row] of lastRow) expect(latest.get(id)).toMatchObject(row);
        },
      ),
      RUNS,
    );
  });
});

describe('productionSeries', () => {
  it('has no points without snapshots', () => {
    expect(productionSeries([], ['prod'])).toEqual([]);
  });

  it('sums the production environments on each day with a snapshot, carrying unchanged ones forward', () => {
    const snapshots = [
      snap('eu', '2025-06-01', 10, 5),
      snap('us', '2025-06-03', 20, 1),
      snap('eu', '2025-06-05', 12, 5),
      snap('us', '2025-06-08', 18, 4),
    ];
    expect(productionSeries(snapshots, ['eu', 'us'])).toEqual([
      { day: '2025-06-01', internal: 10, external: 5, named: 15 },
      { day: '2025-06-03', internal: 30, external: 6, named: 36 },
      { day: '2025-06-05', internal: 32, external: 6, named: 38 },
      { day: '2025-06-08', internal: 30, external: 9, named: 39 },
    ]);
  });

  it('ignores environments that are not production', () => {
    const snapshots = [snap('eu', '2025-06-01', 10, 5), snap('qa', '2025-06-02', 100, 100)];
    expect(productionSeries(snapshots, ['eu'])).toEqual([{ day: '2025-06-01', internal: 10, external: 5, named: 15 }]);
  });

  it('does not depend on the order of the snapshots', () => {
    const snapshots = [
      snap('us', '2025-06-03', 20, 1),
      snap('eu', '2025-06-05', 12, 5),
      snap('eu', '2025-06-01', 10, 5),
    ];
    expect(productionSeries(snapshots, ['eu', 'us'])).toEqual(productionSeries([...snapshots].reverse(), ['eu', 'us']));
  });

  it('takes the later of two snapshots of one environment on one day', () => {
    const snapshots = [snap('eu', '2025-06-01', 10, 5), snap('eu', '2025-06-01', 9, 5)];
    expect(productionSeries(snapshots, ['eu'])).toEqual([{ day: '2025-06-01', internal: 9, external: 5, named: 14 }]);
  });

  const day = fc.integer({ min: 20_000, max: 20_060 }).map(dayFromEpoch);
  const snapshot = fc
    .record({ environmentId: fc.constantFrom('a', 'b', 'c', 'q'), day, internal: fc.nat(50), external: fc.nat(50) })
    .map((s) => snap(s.environmentId, s.day, s.internal, s.external));

  it("equals, on each of its days, the sum of each production environment's latest snapshot by then", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(snapshot, { selector: (s) => `${s.environmentId}|${s.day}`, maxLength: 30 }),
        (snapshots) => {
          const production = ['a', 'b', 'c'];
          const series = productionSeries(snapshots, production);
          const expectedDays = [
            ...new Set(snapshots.filter((s) => production.includes(s.environmentId)).map((s) => s.day)),
          ].sort();
          expect(series.map((p) => p.day)).toEqual(expectedDays);
          for (const point of series) {
            const expected = { day: point.day, internal: 0, external: 0, named: 0 };
            for (const id of production) {
              const latest = snapshots
                .filter((s) => s.environmentId === id && s.day <= point.day)
                .sort((x, y) => (x.day < y.day ? 1 : -1))[0];
              expected.internal += latest?.internal ?? 0;
              expected.external += latest?.external ?? 0;
              expected.named += latest?.named ?? 0;
            }
            expect(point).toEqual(expected);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('billingPeriod', () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it.each([
    {
      start: '2024-04-01',
      now: '2025-06-30',
      period: { start: '2025-04-01', end: '2026-03-31' },
      why: 'counts from the latest anniversary',
    },
    {
      start: '2024-04-01',
      now: '2025-04-01',
      period: { start: '2025-04-01', end: '2026-03-31' },
      why: 'starts a new period on the anniversary itself',
    },
    {
      start: '2024-04-01',
      now: '2025-03-31',
      period: { start: '2024-04-01', end: '2025-03-31' },
      why: 'ends the period on the day before the anniversary',
    },
    {
      start: '2025-06-30',
      now: '2025-06-30',
      period: { start: '2025-06-30', end: '2026-06-29' },
      why: 'begins on the start date',
    },
    {
      start: '2026-04-01',
      now: '2025-06-30',
      period: { start: '2025-04-01', end: '2026-03-31' },
      why: 'counts back from a start in the future (the next renewal)',
    },
    {
      start: '2016-02-29',
      now: '2025-03-10',
      period: { start: '2025-02-28', end: '2026-02-27' },
      why: 'starts on 28 February in a common year for a 29 February start',
    },
    {
      start: '2016-02-29',
      now: '2028-03-10',
      period: { start: '2028-02-29', end: '2029-02-27' },
      why: 'starts on 29 February again in a leap year',
    },
  ])('$why', ({ start, now, period }) => {
    expect(billingPeriod(at(start), at(now))).toEqual(period);
  });

  it.each([
    { now: '2025-02-15', period: { start: '2025-01-31', end: '2025-02-27' } },
    { now: '2025-03-05', period: { start: '2025-02-28', end: '2025-03-30' } },
    { now: '2025-03-31', period: { start: '2025-03-31', end: '2025-04-29' } },
    { now: '2025-05-01', period: { start: '2025-04-30', end: '2025-05-30' } },
  ])("falls on the month's last day without drifting, monthly from 31 January: $now", ({ now, period }) => {
    expect(billingPeriod(at('2025-01-31'), at(now), 1)).toEqual(period);
  });

  it('takes the start as the YYYY-MM-DD day the subscription keeps', () => {
    expect(billingPeriod('2024-04-01', at('2025-06-30'))).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    expect(billingPeriod('2016-02-29', at('2025-03-10'))).toEqual({ start: '2025-02-28', end: '2026-02-27' });
  });

  it.each(['2025-02-30', '1 April 2024', ''])('refuses the start %j', (start) => {
    expect(() => billingPeriod(start, at('2025-06-30'))).toThrow(RangeError);
  });

  it('uses the UTC day of the instants', () => {
    expect(billingPeriod(new Date('2024-04-01T00:00:00Z'), new Date('2025-03-31T23:59:59Z'))).toEqual({
      start: '2024-04-01',
      end: '2025-03-31',
    });
  });

  it.each([0, -12, 1.5])('refuses a period of %d months', (months) => {
    expect(() => billingPeriod(at('2025-01-01'), at('2025-06-01'), months)).toThrow(RangeError);
  });

  it('always contains today, starts on an anniversary and ends the day before the next', () => {
    const day = fc.integer({ min: 10_000, max: 30_000 });
    fc.assert(
      fc.property(day, day, fc.constantFrom(1, 3, 6, 12, 24), (startN, nowN, months) => {
        const start = new Date(startN * 86_400_000);
        const today = dayFromEpoch(nowN);
        const period = billingPeriod(start, new Date(nowN * 86_400_000 + 43_200_000), months);
        expect(period.start <= today && today <= period.end).toBe(true);
        const anniversaryDay = (d: string) =>
          Math.min(
            start.getUTCDate(),
            new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate(),
          );
        expect(Number(period.start.slice(8))).toBe(anniversaryDay(period.start));
        const next = dayFromEpoch(epochDay(period.end) + 1);
        expect(Number(next.slice(8))).toBe(anniversaryDay(next));
        const monthsApart =
          (Number(next.slice(0, 4)) - Number(period.start.slice(0, 4))) * 12 +
          Number(next.slice(5, 7)) -
          Number(period.start.slice(5, 7));
        expect(monthsApart).toBe(months);
      }),
      RUNS,
    );
  });
});

describe('periodPeaks', () => {
  const periodStart = new Date('2024-04-01T00:00:00Z');
  const now = new Date('2025-06-30T10:00:00Z');
  const point = (day: string, internal: number, external: number): UsagePoint => ({
    day,
    internal,
    external,
    named: internal + external,
  });

  it('finds the highest value of each count in the current period, with the first day it was reached', () => {
    const series = [
      point('2025-04-10', 10, 5),
      point('2025-05-01', 14, 3),
      point('2025-05-20', 12, 8),
      point('2025-06-01', 14, 8),
    ];
    expect(periodPeaks(series, periodStart, now)).toEqual({
      start: '2025-04-01',
      end: '2026-03-31',
      internal: { value: 14, day: '2025-05-01' },
      external: { value: 8, day: '2025-05-20' },
      named: { value: 22, day: '2025-06-01' },
    });
  });

  it('ignores the previous period but counts the totals that stood when this one began, from its first day', () => {
    const series = [point('2025-01-01', 100, 100), point('2025-03-15', 50, 40), point('2025-04-20', 45, 41)];
    expect(periodPeaks(series, periodStart, now)).toMatchObject({
      internal: { value: 50, day: '2025-04-01' },
      external: { value: 41, day: '2025-04-20' },
      named: { value: 90, day: '2025-04-01' },
    });
  });

  it('uses a point on the first day of the period rather than the one carried into it', () => {
    const series = [point('2025-03-15', 50, 40), point('2025-04-01', 10, 10)];
    expect(periodPeaks(series, periodStart, now).named).toEqual({ value: 20, day: '2025-04-01' });
  });

  it('takes the period start as the subscription keeps it', () => {
    const series = [point('2025-03-15', 50, 40), point('2025-04-20', 45, 41)];
    expect(periodPeaks(series, '2024-04-01', now)).toEqual(periodPeaks(series, periodStart, now));
  });

  it('ignores points after today', () => {
    const series = [point('2025-05-01', 1, 1), point('2025-07-01', 99, 99)];
    expect(periodPeaks(series, periodStart, now).named).toEqual({ value: 2, day: '2025-05-01' });
  });

  it('has no peaks without history', () => {
    expect(periodPeaks([], periodStart, now)).toEqual({
      start: '2025-04-01',
      end: '2026-03-31',
      internal: null,
      external: null,
      named: null,
    });
    expect(periodPeaks([point('2025-07-01', 1, 1)], periodStart, now).internal).toBeNull();
  });

  it('works on monthly periods', () => {
    const series = [point('2025-05-30', 30, 0), point('2025-06-02', 20, 0)];
    expect(periodPeaks(series, periodStart, now, { months: 1 })).toMatchObject({
      start: '2025-06-01',
      end: '2025-06-30',
      internal: { value: 30, day: '2025-06-01' },
    });
  });

  it('agrees with the peak of the daily values of the period', () => {
    const pointArb = fc
      .record({ day: fc.integer({ min: 20_000, max: 20_200 }), internal: fc.nat(30), external: fc.nat(30) })
      .map((p) => point(dayFromEpoch(p.day), p.internal, p.external));
    fc.assert(
      fc.property(
        fc.uniqueArray(pointArb, { selector: (p) => p.day, maxLength: 25 }),
        fc.integer({ min: 19_900, max: 20_300 }),
        fc.integer({ min: 20_000, max: 20_200 }),
        (points, startN, nowN) => {
          const series = [...points].sort((a, b) => (a.day < b.day ? -1 : 1));
          const at = new Date(nowN * 86_400_000 + 1000);
          const result = periodPeaks(series, new Date(startN * 86_400_000), at, { months: 3 });
          for (const name of ['internal', 'external', 'named'] as const) {
            let expected: { value: number; day: string } | null = null;
            for (let n = epochDay(result.start); n <= nowN; n++) {
              const day = dayFromEpoch(n);
              const latest = series.filter((p) => p.day <= day).at(-1);
              if (latest && (!expected || latest[name] > expected.value)) expected = { value: latest[name], day };
            }
            expect(result[name]).toEqual(expected);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('withLatest', () => {
  const point = (day: string, named: number) => ({ day, internal: 0, external: named, named });

  it('replaces a point of the same day', () => {
    expect(withLatest([point('2026-03-01', 1), point('2026-03-02', 2)], point('2026-03-02', 5))).toEqual([
      point('2026-03-01', 1),
      point('2026-03-02', 5),
    ]);
  });

  it('follows the last point of an earlier day, and starts an empty series', () => {
    expect(withLatest([point('2026-03-01', 1)], point('2026-03-03', 4))).toEqual([
      point('2026-03-01', 1),
      point('2026-03-03', 4),
    ]);
    expect(withLatest([], point('2026-03-03', 4))).toEqual([point('2026-03-03', 4)]);
  });

  it('ignores a point older than the last', () => {
    expect(withLatest([point('2026-03-05', 1)], point('2026-03-03', 4))).toEqual([point('2026-03-05', 1)]);
  });
});
