/**
 * The users of one environment in the order of one sort field, kept up to date as users are
 * added, changed and removed, so that a page in any order is a slice, not a sort.
 * Empty values sort last; ties go by username, then by slot, so the order is total.
 */
import { collationKey } from '../domain';
import { SliceClock, type Pause } from './pause';
import type { UserColumns } from './user-columns';

export type SortField = 'username' | 'name' | 'email' | 'lastLogin' | 'createdAt';

type Key = string | number | null;

/** The value a field sorts by: a collation key or a number; null when empty. */
export function sortKeyOf(columns: UserColumns, field: SortField, slot: number): Key {
  switch (field) {
    case 'username':
      return collationKey(columns.keys[slot]!);
    case 'name': {
      const name = columns.names[slot];
      return name ? collationKey(name.toLowerCase()) : null;
    }
    case 'email': {
      const email = columns.emails[slot];
      return email ? collationKey(email.toLowerCase()) : null;
    }
    case 'lastLogin': {
      const value = columns.lastLogin[slot]!;
      return Number.isNaN(value) ? null : value;
    }
    case 'createdAt':
      return columns.createdAt[slot]!;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export class SortedOrder {
  /** Slots in order; only the first `length` entries count. */
  slots: Int32Array;
  length = 0;
  readonly field: SortField;
  #columns: UserColumns;

  constructor(columns: UserColumns, field: SortField) {
    this.#columns = columns;
    this.field = field;
    this.slots = new Int32Array(1024);
  }

  /** Sorts the given slots in slices (a merge sort that pauses), replacing the order. */
  async build(slots: Int32Array, pause: Pause): Promise<void> {
    // Keys computed once per slot, not once per comparison.
    const keys: Key[] = new Array(this.#columns.size);
    const clock = new SliceClock(pause);
    for (let i = 0; i < slots.length; i++) {
      keys[slots[i]!] = sortKeyOf(this.#columns, this.field, slots[i]!);
      if ((i & 4095) === 4095) await clock.tick();
    }
    const compare = (a: number, b: number) => compareKeys(keys[a]!, keys[b]!) || this.#tieBreak(a, b);
    this.slots = await sortInSlices(Int32Array.from(slots), compare, pause);
    this.length = slots.length;
  }

  /**
   * Replaces the order with slots already in it (a stored order) and `others` sorted in. Only
   * the others' keys are computed, and each finds its place by binary search, so a few
   * thousand others among a million cost a few milliseconds instead of a build.
   */
  async restore(ordered: Int32Array, others: Int32Array, pause: Pause): Promise<void> {
    const clock = new SliceClock(pause);
    const otherKeys = new Map<number, Key>();
    for (const slot of others) otherKeys.set(slot, sortKeyOf(this.#columns, this.field, slot));
    const sortedOthers = Int32Array.from(others).sort(
      (a, b) => compareKeys(otherKeys.get(a)!, otherKeys.get(b)!) || this.#tieBreak(a, b),
    );
    const n = ordered.length;
    const result = new Int32Array(Math.max(1024, n + others.length + ((n + others.length) >> 3)));
    let from = 0;
    let to = 0;
    for (const slot of sortedOthers) {
      const key = otherKeys.get(slot)!;
      let lo = from;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const other = ordered[mid]!;
        const order = compareKeys(sortKeyOf(this.#columns, this.field, other), key) || this.#tieBreak(other, slot);
        if (order < 0) lo = mid + 1;
        else hi = mid;
      }
      result.set(ordered.subarray(from, lo), to);
      to += lo - from;
      from = lo;
      result[to++] = slot;
      await clock.tick();
    }
    result.set(ordered.subarray(from), to);
    this.slots = result;
    this.length = to + n - from;
  }

  /** Inserts a slot at its place, by binary search. */
  insert(slot: number): void {
    const key = sortKeyOf(this.#columns, this.field, slot);
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.slots[mid]!;
      const order = compareKeys(sortKeyOf(this.#columns, this.field, other), key) || this.#tieBreak(other, slot);
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    if (this.length === this.slots.length) {
      const bigger = new Int32Array(this.slots.length * 2);
      bigger.set(this.slots);
      this.slots = bigger;
    }
    this.slots.copyWithin(lo + 1, lo, this.length);
    this.slots[lo] = slot;
    this.length++;
  }

  /** Removes a slot, wherever its (possibly changed) values have put it. */
  remove(slot: number): void {
    const at = this.slots.subarray(0, this.length).indexOf(slot);
    if (at < 0) return;
    this.slots.copyWithin(at, at + 1, this.length);
    this.length--;
  }

  #tieBreak(a: number, b: number): number {
    const keys = this.#columns.keys;
    return keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b;
  }
}

const RUN = 2048;

/** A bottom-up merge sort that pauses between slices, so sorting a million never blocks. */
async function sortInSlices(
  items: Int32Array,
  compare: (a: number, b: number) => number,
  pause: Pause,
): Promise<Int32Array> {
  const clock = new SliceClock(pause);
  const n = items.length;
  for (let start = 0; start < n; start += RUN) {
    items.subarray(start, Math.min(start + RUN, n)).sort(compare);
    await clock.tick();
  }
  let source: Int32Array = items;
  let target: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        target[k++] = i < mid && (j >= hi || compare(source[i]!, source[j]!) <= 0) ? source[i++]! : source[j++]!;
        if ((k & 4095) === 0) await clock.tick();
      }
    }
    [source, target] = [target, source];
  }
  // Room to grow without reallocating on the next inserts.
  const result = new Int32Array(Math.max(1024, n + (n >> 3)));
  result.set(source);
  return result;
}
