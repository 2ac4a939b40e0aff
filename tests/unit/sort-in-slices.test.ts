/** The dormancy facts' sort (src/index/dormancy-facts.ts): ascending, in slices, over runs merged pairwise. */
import { describe, expect, test } from 'vitest';
import { sortInSlices } from '../../src/index/dormancy-facts';
import { SliceClock } from '../../src/index/pause';

/** A deterministic sequence of values with many repeats. */
function values(count: number): Float64Array {
  const out = new Float64Array(count);
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out[i] = 1.7e12 + (seed % 50_000) * 1000;
  }
  return out;
}

describe('sortInSlices', () => {
  test.each([0, 1, 5, 16_384, 16_385, 50_000, 100_003])('sorts %i values as a plain sort does', async (count) => {
    const input = values(count);
    const expected = Float64Array.from(input).sort();
    await sortInSlices(input, new SliceClock(async () => undefined));
    expect(input).toEqual(expected);
  });

  test('sorts a range inside a larger array, leaving the rest as it was', async () => {
    const whole = values(60_000);
    const before = Float64Array.from(whole);
    await sortInSlices(whole.subarray(10_000, 50_000), new SliceClock(async () => undefined));
    expect(whole.subarray(0, 10_000)).toEqual(before.subarray(0, 10_000));
    expect(whole.subarray(50_000)).toEqual(before.subarray(50_000));
    expect(whole.subarray(10_000, 50_000)).toEqual(before.subarray(10_000, 50_000).sort());
  });
});
