/**
 * The username order kept between sessions (schema v7, UserOrderRecord): on load, the index
 * takes each environment's stored order instead of computing a million collation keys and
 * sorting, and sorts in only the users of chunks written since. The order is written in the
 * background, from the built order, once an environment is idle and its stored order is some
 * chunks behind. It is a cache: an order that does not fit what is stored is ignored and the
 * users are sorted as before.
 *
 * A user's place is its chunk's seq and its index in the chunk's users: the index keeps each
 * chunk's slots in the order the chunk stores them (index-persistence.ts writes them so), so a
 * chunk not written since the order was taken still holds its users where the order says.
 */
import { putUserOrderAt, type RosterDb, type UserOrderRecord } from '../db';
import type { EnvironmentUsers } from './environment-users';
import { SliceClock, type Pause } from './pause';
import { SortedOrder } from './sorted-order';
import type { UserColumns } from './user-columns';

/**
 * The version of how the username order compares users (collationKey, then the lower-cased
 * username): change it with either, and stored orders are sorted again on the next load.
 */
export const ORDER_VERSION = 1;

/** A place packs the chunk's seq above INDEX_BITS bits of the index in the chunk. */
const INDEX_BITS = 16;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const MAX_SEQ = 2 ** (32 - INDEX_BITS);

/** Chunks written since the stored order before it is written again (each costs its users' keys on load). */
const STALE_CHUNKS = 3;
/** Above one user in this many in chunks written since the stored order, the load sorts instead. */
const RESORT_SHARE = 8;
/** Quiet time after a write before the order is stored. */
const SAVE_DELAY_MS = 2000;

/**
 * The environment's username order as a record to store, or undefined when it is not built or
 * a place does not fit in 32 bits.
 */
export function orderRecord(
  columns: UserColumns,
  environment: EnvironmentUsers,
  generation: string | undefined,
): UserOrderRecord | undefined {
  const order = environment.builtOrder('username');
  if (!order) return undefined;
  const placeOf = new Uint32Array(columns.size);
  for (const [seq, slots] of environment.chunks) {
    if (seq >= MAX_SEQ || slots.length > INDEX_MASK + 1) return undefined;
    for (let index = 0; index < slots.length; index++) placeOf[slots[index]!] = seq * (INDEX_MASK + 1) + index;
  }
  const positions = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) positions[i] = placeOf[order.slots[i]!]!;
  const record: UserOrderRecord = {
    environmentId: environment.environmentId,
    rev: environment.rev,
    version: ORDER_VERSION,
    positions,
  };
  if (generation !== undefined) record.generation = generation;
  return record;
}

/** Whether a stored order may be used for an environment loaded at `rev` under `generation`. */
export function usableOrder(
  record: UserOrderRecord | undefined,
  rev: number,
  generation: string | undefined,
): record is UserOrderRecord {
  return (
    record !== undefined &&
    record.version === ORDER_VERSION &&
    record.generation === generation &&
    record.rev <= rev &&
    record.positions instanceof Uint32Array
  );
}

/**
 * The username order from a stored one, once the environment's chunks are loaded: the places
 * in chunks written since (`staleSeqs`) are dropped and those chunks' users sorted in. Undefined
 * when the stored order does not fit the loaded users (a place that holds no user, or a user
 * missing or given twice): the caller sorts instead.
 */
export async function restoredOrder(
  columns: UserColumns,
  environment: EnvironmentUsers,
  record: UserOrderRecord,
  staleSeqs: ReadonlySet<number>,
  pause: Pause,
): Promise<SortedOrder | undefined> {
  let behind = 0;
  for (const seq of staleSeqs) behind += environment.chunks.get(seq)?.length ?? 0;
  // Placing each by binary search costs more than a sort once they are many.
  if (behind * RESORT_SHARE > environment.count) return undefined;
  const clock = new SliceClock(pause);
  const bySeq: (number[] | undefined)[] = [];
  const stale: boolean[] = [];
  for (const [seq, slots] of environment.chunks) {
    bySeq[seq] = slots;
    stale[seq] = staleSeqs.has(seq);
  }
  const seen = new Uint8Array(columns.size);
  const ordered = new Int32Array(record.positions.length);
  let kept = 0;
  for (let i = 0; i < record.positions.length; i++) {
    const place = record.positions[i]!;
    const seq = Math.floor(place / (INDEX_MASK + 1));
    if (stale[seq]) continue;
    const slot = bySeq[seq]?.[place & INDEX_MASK];
    if (slot === undefined || seen[slot]) return undefined;
    seen[slot] = 1;
    ordered[kept++] = slot;
    if ((i & 65535) === 65535 && clock.due()) await clock.pause();
  }
  const others: number[] = [];
  for (const seq of staleSeqs) for (const slot of environment.chunks.get(seq) ?? []) others.push(slot);
  if (kept + others.length !== environment.count) return undefined;
  const order = new SortedOrder(columns, 'username');
  await order.restore(ordered.subarray(0, kept), Int32Array.from(others), pause);
  return order;
}

/** What the index tells the stored orders, and what they need from it to write one. */
export interface OrderSource {
  readonly db: RosterDb;
  readonly columns: UserColumns;
  readonly generation: string | undefined;
  /** The environments loaded now. */
  environments(): Iterable<EnvironmentUsers>;
  /** Whether the index is loaded and no write of this tab is in flight. */
  isIdle(): boolean;
  /** A pause for background work: until the browser is idle and no write is in flight (backgroundPause). */
  pause: Pause;
}

/**
 * Which environments' stored orders are behind, and their writing in the background: after a
 * quiet moment, in idle time, one environment at a time. Forgets everything on a reset.
 */
export class StoredOrders {
  /** Chunks written since the stored order, by environment. */
  #stale = new Map<string, Set<number>>();
  /** The environments whose order is stored (at some revision, of this ORDER_VERSION). */
  #stored = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** After a load: whether an environment's order came from storage, and which chunks it missed. */
  loaded(environmentId: string, stored: boolean, staleSeqs: Iterable<number>): void {
    if (stored) this.#stored.add(environmentId);
    else this.#stored.delete(environmentId);
    this.#stale.set(environmentId, new Set(staleSeqs));
  }

  /** Chunks of an environment were written (by this tab or another). */
  written(environmentId: string, seqs: Iterable<number>): void {
    let stale = this.#stale.get(environmentId);
    if (!stale) this.#stale.set(environmentId, (stale = new Set()));
    for (const seq of seqs) stale.add(seq);
  }

  /** Forgets what was stored (the index was reset). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#stale = new Map();
    this.#stored = new Set();
  }

  /** Writes, after a quiet moment, every order that is missing or too far behind. Debounced. */
  schedule(source: OrderSource): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#saveBehind(source).catch(() => {
        // A closed database or a reset: the order is written another time, or sorted on load.
      });
    }, SAVE_DELAY_MS);
  }

  #behind(environment: EnvironmentUsers): boolean {
    if (environment.count === 0) return false;
    const stale = this.#stale.get(environment.environmentId)?.size ?? 0;
    return !this.#stored.has(environment.environmentId) || stale >= STALE_CHUNKS;
  }

  async #saveBehind(source: OrderSource): Promise<void> {
    for (const environment of [...source.environments()]) {
      if (!this.#behind(environment)) continue;
      // Built in idle slices if a bulk write dropped it (the warm-up may be building it already).
      await environment.order('username', source.pause);
      await source.pause();
      // A write in flight stores its chunks and schedules this again.
      if (!source.isIdle()) return;
      const { rev, environmentId } = environment;
      const stale = new Set(this.#stale.get(environmentId));
      const saved = await putUserOrderAt(source.db, environmentId, rev, source.generation, () =>
        source.isIdle() && environment.rev === rev
          ? orderRecord(source.columns, environment, source.generation)
          : undefined,
      );
      // The environment moved on meanwhile (here or in another tab): its next write schedules this again.
      if (!saved) return;
      this.#stored.add(environmentId);
      const now = this.#stale.get(environmentId);
      for (const seq of stale) now?.delete(seq);
    }
  }
}
