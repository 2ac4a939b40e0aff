import { describe, expect, test } from 'vitest';
import { SlotMap } from '../../src/index/slot-map';

/** A source over chunks of slots whose keys are looked up in `keys` (by slot). */
function sourceOf(chunks: number[][], keys: string[]) {
  return { slots: () => chunks.values(), keyOf: (slot: number) => keys[slot]! };
}

/** Slots 0..n-1 in one chunk, keyed "k<slot>". */
function many(n: number) {
  const slots = Array.from({ length: n }, (_, i) => i);
  return { chunks: [slots], keys: slots.map((slot) => `k${slot}`) };
}

describe('SlotMap', () => {
  test('built from the start, it follows adds and removes; a removed slot whose key another took leaves it', () => {
    const keys = ['ana', 'bo', 'ana'];
    const map = new SlotMap(sourceOf([[0, 1]], keys));
    map.add(0);
    map.add(1);
    expect([map.get('ana'), map.get('bo'), map.built]).toEqual([0, 1, true]);
    map.add(2);
    map.remove(0);
    expect(map.get('ana')).toBe(2);
    map.remove(1);
    expect(map.get('bo')).toBeUndefined();
  });

  test('deferred, a lookup builds it at once from the slots there are, the later slot of a key winning', () => {
    const map = new SlotMap(sourceOf([[0, 1], [2]], ['ana', 'bo', 'ana']));
    map.defer();
    map.add(0);
    expect(map.built).toBe(false);
    expect([map.get('ana'), map.get('bo'), map.get('cy')]).toEqual([2, 1, undefined]);
    expect(map.built).toBe(true);
  });

  test('built later, in slices, it holds every key', async () => {
    const { chunks, keys } = many(45_000);
    const map = new SlotMap(sourceOf(chunks, keys));
    map.defer();
    const building = map.buildLater();
    // The first slice is done without waiting; the map is not taken until the last.
    expect(map.built).toBe(false);
    await building;
    expect(map.built).toBe(true);
    expect([map.get('k0'), map.get('k44999')]).toEqual([0, 44_999]);
  });

  test('a slot added while it is built later makes that build moot: the next lookup builds with the slot', async () => {
    const { chunks, keys } = many(45_000);
    const map = new SlotMap(sourceOf(chunks, keys));
    map.defer();
    const building = map.buildLater();
    keys.push('new');
    chunks[0]!.push(45_000);
    map.add(45_000);
    await building;
    expect(map.built).toBe(false);
    expect(map.get('new')).toBe(45_000);
  });

  test('a lookup while it is built later builds it at once; the background build then leaves it alone', async () => {
    const { chunks, keys } = many(45_000);
    const map = new SlotMap(sourceOf(chunks, keys));
    map.defer();
    const building = map.buildLater();
    expect(map.get('k30000')).toBe(30_000);
    map.remove(30_000);
    await building;
    expect(map.get('k30000')).toBeUndefined();
  });
});
