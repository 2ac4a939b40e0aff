/**
 * The users of one environment in the order of one sort field, kept up to date as users are
 * added, changed and removed, so that a page in any order is a slice, not a sort.
 * Empty values sort last; ties go by username, then by slot, so the order is total.
 * A bulk insert defers its slots, which are later sorted among themselves and merged in, so
 * that keeping an order costs in proportion to what was inserted, not to the whole order.
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
  /** Slots taken in but not yet placed (see `defer`). */
  #pending: number[] = [];
  /** Moves on every removal, so that a settle in slices knows its merge is outdated. */
  #placements = 0;
  /** Whether a settle is merging (an insert then defers rather than moving the slots it reads). */
  #settling = false;

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
      if ((i & 4095) === 4095 && clock.due()) await clock.pause();
    }
    const compare = (a: number, b: number) => compareKeys(keys[a]!, keys[b]!) || this.#tieBreak(a, b);
    this.slots = await sortInSlices(Int32Array.from(slots), compare, pause);
    this.length = slots.length;
  }

  /**
   * Replaces the order with slots already in it (a stored order) and `others` sorted in: only
   * the others' keys are computed and sorted, so a few thousand others among a million cost a
   * few milliseconds instead of a build.
   */
  async restore(ordered: Int32Array, others: Int32Array, pause: Pause): Promise<void> {
    this.slots = ordered;
    this.length = ordered.length;
    this.#pending = Array.from(others);
    // Not shared yet, so nothing can interleave: the settle cannot be outdated.
    await this.settle(pause);
  }

  /** Whether every slot given to the order is in place (none deferred). */
  get settled(): boolean {
    return this.#pending.length === 0;
  }

  /**
   * Takes a slot in without placing it yet: a bulk insert defers its slots, and `settle` sorts
   * only them and merges them in, instead of the whole order being sorted again.
   */
  defer(slot: number): void {
    this.#pending.push(slot);
  }

  /**
   * Places the deferred slots, in slices: sorts them, then merges them into the order, each
   * found by a galloping search from the previous one's place. Costs the deferred slots' sort,
   * a few key comparisons per deferred slot and one copy of the order, not a sort of the order.
   * Returns false, leaving the order as it was, when a slot was removed meanwhile (the merge
   * read an order that moved under it); slots inserted meanwhile are deferred for a later settle.
   */
  async settle(pause: Pause): Promise<boolean> {
    const count = this.#pending.length;
    if (count === 0) return true;
    const placements = this.#placements;
    this.#settling = true;
    try {
      const merged = await this.#merged(this.#pending.slice(0, count), pause);
      if (placements !== this.#placements) return false;
      this.slots = merged;
      this.length += count;
      this.#pending.splice(0, count);
      return true;
    } finally {
      this.#settling = false;
    }
  }

  /** The order with `added` merged in (a new array; the order itself is left alone). */
  async #merged(added: number[], pause: Pause): Promise<Int32Array> {
    // Sorted by their index in `added`, so that keys sit in a dense array, not a map or a
    // sparse array as large as the columns.
    const keys: Key[] = new Array(added.length);
    const clock = new SliceClock(pause);
    for (let i = 0; i < added.length; i++) {
      keys[i] = sortKeyOf(this.#columns, this.field, added[i]!);
      if ((i & 1023) === 1023 && clock.due()) await clock.pause();
    }
    const compare = (a: number, b: number) => compareKeys(keys[a]!, keys[b]!) || this.#tieBreak(added[a]!, added[b]!);
    // A plain loop: Int32Array.from with a map function takes tens of ms for a million in one task.
    const identity = new Int32Array(added.length);
    for (let i = 0; i < identity.length; i++) identity[i] = i;
    const sorted = (await sortInSlices(identity, compare, pause)).subarray(0, added.length);
    // Whether a placed slot goes before the added one at `index` (placed slots' keys computed on demand).
    const before = (placed: number, index: number) =>
      (compareKeys(sortKeyOf(this.#columns, this.field, placed), keys[index]!) ||
        this.#tieBreak(placed, added[index]!)) < 0;
    const placed = this.slots.subarray(0, this.length);
    return mergeInSlices(placed, sorted, added, before, clock);
  }

  /** Inserts a slot at its place, by binary search (deferred while a settle is merging). */
  insert(slot: number): void {
    if (this.#settling) return this.defer(slot);
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

  /** Removes a slot, wherever its (possibly changed) values have put it, or from the deferred ones. */
  remove(slot: number): void {
    const deferred = this.#pending.indexOf(slot);
    if (deferred >= 0) {
      this.#pending.splice(deferred, 1);
      // A settle in progress is merging the first deferred slots: its result would keep this one.
      this.#placements++;
      return;
    }
    this.#placements++;
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

/**
 * Merges sorted `added` slots into the sorted `placed` ones, in slices. Each added slot's place
 * is found by galloping from the previous one's (probes 1, 2, 4… ahead, then a binary search),
 * so the comparisons grow with the added slots and the log of the gaps; the placed slots
 * between are copied in blocks.
 */
async function mergeInSlices(
  placed: Int32Array,
  order: Int32Array,
  added: readonly number[],
  before: (placed: number, index: number) => boolean,
  clock: SliceClock,
): Promise<Int32Array> {
  const n = placed.length;
  const total = n + order.length;
  // Room to grow without reallocating on the next inserts, as after a build.
  const result = new Int32Array(Math.max(1024, total + (total >> 3)));
  let from = 0;
  let to = 0;
  for (let i = 0; i < order.length; i++) {
    const index = order[i]!;
    const at = placeFrom(placed, from, (slot) => before(slot, index));
    result.set(placed.subarray(from, at), to);
    to += at - from;
    from = at;
    result[to++] = added[index]!;
    if ((i & 255) === 255 && clock.due()) await clock.pause();
  }
  result.set(placed.subarray(from), to);
  return result;
}

/**
 * The first place at or after `from` whose slot does not go before: probes 1, 2, 4… places
 * ahead, then searches the last doubling by halves (few probes when places are near).
 */
function placeFrom(placed: Int32Array, from: number, goesBefore: (slot: number) => boolean): number {
  // Every slot in [from, lo) goes before; the one at hi does not (or hi is the end).
  let lo = from;
  let hi = placed.length;
  for (let step = 1; from + step - 1 < placed.length; step *= 2) {
    const probe = from + step - 1;
    if (!goesBefore(placed[probe]!)) {
      hi = probe;
      break;
    }
    lo = probe + 1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (goesBefore(placed[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
    if (clock.due()) await clock.pause();
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
        if ((k & 4095) === 0 && clock.due()) await clock.pause();
      }
    }
    [source, target] = [target, source];
  }
  // Room to grow without reallocating on the next inserts.
  const result = new Int32Array(Math.max(1024, n + (n >> 3)));
  result.set(source);
  return result;
}
