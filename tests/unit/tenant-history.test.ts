import { describe, expect, test } from 'vitest';
import { tenantHighs, tenantSeries, tenantSnapshotsToTake, type TenantSnapshot } from '../../src/domain';

const now = new Date('2026-03-31T12:00:00Z');
const counts = (internal: number, external: number) => ({
  tenantId: 't-1',
  environmentId: 'env',
  internal,
  external,
  named: internal + external,
  anonymous: 0,
  inactive: 0,
});
const snapshot = (day: string, internal: number, external: number, high = { internal, external }): TenantSnapshot => ({
  ...counts(internal, external),
  day,
  high: { ...high, named: high.internal + high.external },
});

describe('tenantSnapshotsToTake', () => {
  test("takes a first snapshot with the day's highs equal to the counts", () => {
    expect(tenantSnapshotsToTake([counts(2, 3)], new Map(), now)).toEqual([snapshot('2026-03-31', 2, 3)]);
  });

  test('takes nothing when the counts are those of the latest snapshot, whatever its day', () => {
    const latest = new Map([['t-1', snapshot('2026-03-20', 2, 3)]]);
    expect(tenantSnapshotsToTake([counts(2, 3)], latest, now)).toEqual([]);
  });

  test("replaces today's snapshot when the counts fall, keeping the day's highs", () => {
    const latest = new Map([['t-1', snapshot('2026-03-31', 2, 9)]]);
    expect(tenantSnapshotsToTake([counts(2, 4)], latest, now)).toEqual([
      snapshot('2026-03-31', 2, 4, { internal: 2, external: 9 }),
    ]);
  });

  test("starts a new day's highs from the counts, not yesterday's highs", () => {
    const latest = new Map([['t-1', snapshot('2026-03-30', 2, 4, { internal: 2, external: 9 })]]);
    expect(tenantSnapshotsToTake([counts(2, 5)], latest, now)).toEqual([snapshot('2026-03-31', 2, 5)]);
  });

  test('rewrites nothing after a snapshot dated later than today (the clock went back)', () => {
    const latest = new Map([['t-1', snapshot('2026-04-02', 1, 1)]]);
    expect(tenantSnapshotsToTake([counts(5, 5)], latest, now)).toEqual([]);
  });
});

describe('tenantSeries and tenantHighs', () => {
  const stored = [snapshot('2026-03-31', 2, 4, { internal: 3, external: 9 }), snapshot('2026-03-29', 1, 1)];

  test('give the days oldest first, the last counts or the highs', () => {
    expect(tenantSeries(stored)).toEqual([
      { day: '2026-03-29', internal: 1, external: 1, named: 2 },
      { day: '2026-03-31', internal: 2, external: 4, named: 6 },
    ]);
    expect(tenantHighs(stored)).toEqual([
      { day: '2026-03-29', internal: 1, external: 1, named: 2 },
      { day: '2026-03-31', internal: 3, external: 9, named: 12 },
    ]);
  });
});
