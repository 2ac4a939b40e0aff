import { describe, expect, it } from 'vitest';
import { PRODUCTION_PEAK_ID, peakSeries, raisedPeak, type UsageSnapshot } from '../../src/domain';

const now = new Date('2026-05-10T12:00:00Z');
const high = (day: string, internal: number, external: number): UsageSnapshot => ({
  environmentId: PRODUCTION_PEAK_ID,
  day,
  internal,
  external,
  named: internal + external,
  anonymous: 0,
  inactive: 0,
});

describe('raisedPeak', () => {
  it("starts the day's record with the totals now", () => {
    expect(raisedPeak({ internal: 3, external: 5, named: 8 }, undefined, now)).toEqual(high('2026-05-10', 3, 5));
  });

  it('raises only what went higher, and keeps the rest of the day', () => {
    expect(raisedPeak({ internal: 2, external: 7, named: 9 }, high('2026-05-10', 3, 5), now)).toEqual({
      ...high('2026-05-10', 3, 7),
      named: 9,
    });
  });

  it('writes nothing when nothing went higher', () => {
    expect(raisedPeak({ internal: 1, external: 1, named: 2 }, high('2026-05-10', 3, 5), now)).toBeUndefined();
  });

  it("starts afresh on a new day, whatever yesterday's high", () => {
    expect(raisedPeak({ internal: 1, external: 1, named: 2 }, high('2026-05-09', 30, 50), now)).toEqual(
      high('2026-05-10', 1, 1),
    );
  });
});

describe('peakSeries', () => {
  it("raises each day's last totals to the day's high, and keeps days that have only one of them", () => {
    const series = [
      { day: '2026-05-08', internal: 1, external: 2, named: 3 },
      { day: '2026-05-09', internal: 1, external: 1, named: 2 },
    ];
    expect(peakSeries(series, [high('2026-05-09', 1, 6), high('2026-05-10', 2, 2)])).toEqual([
      { day: '2026-05-08', internal: 1, external: 2, named: 3 },
      { day: '2026-05-09', internal: 1, external: 6, named: 7 },
      { day: '2026-05-10', internal: 2, external: 2, named: 4 },
    ]);
  });
});
