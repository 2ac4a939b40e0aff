/** SliceClock: a loop asks whether its slice is used up, and awaits only when it pauses. */
import { describe, expect, test } from 'vitest';
import { SliceClock } from '../../src/index/pause';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('SliceClock', () => {
  test('is due once its slice is used up, and a pause (the given one, once) starts a new slice', async () => {
    let pauses = 0;
    const clock = new SliceClock(async () => {
      pauses++;
    });
    expect(clock.due()).toBe(false);
    busy(60);
    expect(clock.due()).toBe(true);
    await clock.pause();
    expect(pauses).toBe(1);
    expect(clock.due()).toBe(false);
  });
});
