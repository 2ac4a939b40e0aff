/**
 * The loaded users of one environment: their slots by username and by chunk, their tallies
 * by counting facts, and the sort orders built so far.
 */
import { defaultTenantId, foldForSearch } from '../domain';
import { CHUNK_SIZE } from '../db';
import { SortedOrder, type SortField } from './sorted-order';
import { SliceClock, waitsForWrites, type Pause } from './pause';
import { SlotMap } from './slot-map';
import type { UserColumns } from './user-columns';

/** Users folded for search per step of the background build (a few milliseconds' work). */
const SEARCH_SLICE = 2048;

/**
 * Usernames are unique within a tenant: the default tenant's users are keyed by their lower-cased
 * username, another tenant's by it and the tenant's ordinal after a NUL (no username holds one).
 */
function usernameSlotKey(usernameKey: string, tenantOrdinal: number): string {
  return tenantOrdinal === 0 ? usernameKey : `${usernameKey}\u0000${tenantOrdinal}`;
}

/** A sort order being built or settled, shared by everyone who asks for it meanwhile. */
interface OrderBuild {
  /** The latest caller's pause. */
  pause: Pause;
  /** Ends the pause under way (someone else now waits for the order). */
  wake: () => void;
  done: Promise<SortedOrder>;
}

export class EnvironmentUsers {
  readonly environmentId: string;
  /**
   * The environment's ordinal: its position in the index, stored per user in the columns (a Uint16
   * instead of an id string).
   */
  readonly ordinal: number;
  /** The revision this copy reflects (EnvironmentStateRecord.rev, which every user write moves on). */
  rev = 0;
  /**
   * The number the next new chunk gets (EnvironmentStateRecord.nextSeq); a chunk's seq is its
   * number within the environment.
   */
  nextSeq = 0;
  /** Slots by username key (usernameSlotKey); after a load, built in idle time (SlotMap). */
  readonly #slotByKey = new SlotMap({ slots: () => this.chunks.values(), keyOf: (slot) => this.#keyOf(slot) });
  /** Slots of each chunk, by chunk seq. */
  readonly chunks = new Map<number, number[]>();
  /** User counts by tally key (see UserColumns.tallyKey). */
  readonly tallies = new Map<number, number>();
  /** The state record's tenantTalliesStamp as this copy knows it (kept by writes that store no tenant's tallies). */
  tenantTalliesStamp: string | undefined;
  /** The tenants (ordinals) whose tallies changed since they were last stored: the next write stores them. */
  readonly talliesChanged = new Set<number>();
  /**
   * Each client tenant's tallies (encoded) as this tab last stored them: a tenant whose tallies
   * moved and came back within a write (a rename) is not stored again.
   */
  readonly storedTallies = new Map<number, string>();
  readonly #orders = new Map<SortField, SortedOrder>();
  readonly #columns: UserColumns;
  count = 0;
  /**
   * The head as last stored (the first users by username, kept in the state record), while only
   * inserts followed; else undefined.
   */
  headSlots: number[] | undefined;
  /** Slots inserted since the head was last stored. */
  insertedSinceHead: number[] = [];
  /** Production environments count against the licence; their counted users' emails are tracked for distinct counts. */
  production = false;
  /** Moves on every add and remove, so that the search text knows it is outdated. */
  #changes = 0;
  /** Moves on every removal and dropped order, so that an order built meanwhile knows it holds a slot it must not. */
  #removals = 0;
  /** Orders being built: slots added meanwhile are deferred into them. */
  readonly #unfinished = new Set<SortedOrder>();
  /**
   * Moves on whenever who is dormant, or as what, may have changed: a user added, removed,
   * (de)activated, or given another login, creation date, email domain or anonymity. A rename
   * leaves it alone, so the dormant counts read after every write stay valid.
   */
  dormancyChanges = 0;

  constructor(columns: UserColumns, environmentId: string, ordinal: number) {
    this.#columns = columns;
    this.environmentId = environmentId;
    this.ordinal = ordinal;
  }

  /**
   * The slot of a username (any case) in a tenant (its stored id: undefined for the default
   * tenant), if taken: usernames are unique within a tenant.
   */
  slotOfUsername(usernameKey: string, storedTenant?: string): number | undefined {
    const ordinal = storedTenant === undefined ? 0 : this.#columns.tenants.idOf(storedTenant);
    return this.#slotByKey.get(usernameSlotKey(usernameKey, ordinal));
  }

  /** A slot's key in #slotByKey: its lower-cased username within its tenant. */
  #keyOf(slot: number): string {
    return usernameSlotKey(this.#columns.keys[slot]!, this.#columns.tenant[slot]!);
  }

  /** Registers a slot already written in the columns. */
  add(slot: number, updateOrders = true): void {
    const columns = this.#columns;
    this.#slotByKey.add(slot);
    const seq = columns.chunk[slot]!;
    let chunk = this.chunks.get(seq);
    if (!chunk) this.chunks.set(seq, (chunk = []));
    chunk.push(slot);
    this.#tally(columns.tallyKey(slot), +1);
    this.count++;
    this.#changes++;
    this.dormancyChanges++;
    for (const order of this.#orders.values()) {
      if (updateOrders) order.insert(slot);
      else order.defer(slot);
    }
    // An order being built took the slots as they were when it started: it places this one after.
    for (const order of this.#unfinished) order.defer(slot);
  }

  /** The usernames are about to be loaded: their map is built after (usernamesLater), not user by user. */
  deferUsernames(): void {
    this.#slotByKey.defer();
  }

  /** Builds the username map in idle time (after a load); a lookup before the end builds it at once. */
  usernamesLater(): Promise<void> {
    return this.#slotByKey.buildLater();
  }

  /** Moves a user from one tally to another: its counting facts changed in place. */
  retally(from: number, to: number): void {
    if (from === to) return;
    this.dormancyChanges++;
    this.#tally(from, -1);
    this.#tally(to, +1);
  }

  /** Unregisters a slot; call before its columns change or are released. */
  remove(slot: number, updateOrders = true): void {
    const columns = this.#columns;
    this.#slotByKey.remove(slot);
    const chunk = this.chunks.get(columns.chunk[slot]!);
    if (chunk) chunk.splice(chunk.indexOf(slot), 1);
    this.#tally(columns.tallyKey(slot), -1);
    this.count--;
    this.#changes++;
    this.dormancyChanges++;
    this.#removals++;
    if (updateOrders) for (const order of this.#orders.values()) order.remove(slot);
  }

  /** The chunk new users go into: the last one while it has room, else a new one. */
  openChunk(): number {
    const last = this.nextSeq - 1;
    if (last >= 0 && (this.chunks.get(last)?.length ?? 0) < CHUNK_SIZE) return last;
    return this.nextSeq++;
  }

  /** The slots of a tenant's users (by its id; the default tenant's are the ones that store none). */
  slotsOfTenant(tenantId: string): number[] {
    const { tenant, tenants } = this.#columns;
    const ordinal = tenantId === defaultTenantId(this.environmentId) ? 0 : tenants.idOf(tenantId);
    const found: number[] = [];
    for (const chunk of this.chunks.values()) for (const slot of chunk) if (tenant[slot] === ordinal) found.push(slot);
    return found;
  }

  /** Every slot of the environment, in no particular order. */
  slots(): Int32Array {
    const all = new Int32Array(this.count);
    let i = 0;
    for (const chunk of this.chunks.values()) for (const slot of chunk) all[i++] = slot;
    return all;
  }

  /**
   * The order of a sort field with every user in place: built (in slices) the first time it is
   * asked for; after a bulk insert, the deferred users are merged in (SortedOrder.settle).
   */
  order(field: SortField, pause: Pause): Promise<SortedOrder> {
    const existing = this.#orders.get(field);
    const running = this.#building.get(field);
    if (existing?.settled && !running) return Promise.resolve(existing);
    // One build or settle per field at a time: later callers share it, and the latest caller's
    // pause applies (work started in the background speeds up when someone waits for it)...
    if (running) {
      // ...but a pause that waits for the writes in flight never replaces one that does not:
      // that caller may be a write (a load a write waits for), which must not wait for itself.
      if (waitsForWrites(pause) && !waitsForWrites(running.pause)) return running.done;
      running.pause = pause;
      // The pause under way may be one that waits for the writes, while this caller may be a
      // write: it ends now, and the build goes on with this caller's pause.
      running.wake();
      return running.done;
    }
    const control = { pause, wake: () => {} };
    const paused = () =>
      new Promise<void>((resolve, reject) => {
        control.wake = resolve;
        control.pause().then(resolve, reject);
      });
    const done = this.#ready(field, paused).finally(() => this.#building.delete(field));
    this.#building.set(field, Object.assign(control, { done }));
    return done;
  }

  readonly #building = new Map<SortField, OrderBuild>();

  async #ready(field: SortField, pause: Pause): Promise<SortedOrder> {
    for (;;) {
      const order = this.#orders.get(field) ?? (await this.#build(field, pause));
      // Settled, still the field's order (not dropped meanwhile) and nothing deferred since.
      if ((await order.settle(pause)) && this.#orders.get(field) === order && order.settled) return order;
    }
  }

  async #build(field: SortField, pause: Pause): Promise<SortedOrder> {
    for (;;) {
      const removals = this.#removals;
      const order = new SortedOrder(this.#columns, field);
      this.#unfinished.add(order);
      try {
        await order.build(this.slots(), pause);
      } finally {
        this.#unfinished.delete(order);
      }
      // A user removed (or changed) while the order was built: build it again from the new state.
      if (removals !== this.#removals) continue;
      this.#orders.set(field, order);
      return order;
    }
  }

  /**
   * The slots whose username, name or email contains `needle` (folded by foldForSearch), marked in an
   * array indexed by slot. One native substring search runs over the text of all rows,
   * far faster than a test per row; the text is rebuilt after any change.
   */
  searchMarks(needle: string): Uint8Array {
    const { text, starts, slots } = this.#searchText();
    const marks = new Uint8Array(this.#columns.size);
    let at = text.indexOf(needle);
    let row = 0;
    while (at !== -1) {
      // Matches come in text order: the row holding this one is at or after the last.
      while (row + 1 < starts.length && starts[row + 1]! <= at) row++;
      marks[slots[row]!] = 1;
      // One match per row is enough: go on from the next row.
      at = row + 1 < starts.length ? text.indexOf(needle, starts[row + 1]!) : -1;
    }
    return marks;
  }

  /**
   * Builds the search text ahead of the first search (background warm-up), in slices: folding
   * a million users' names takes seconds. Users changed meanwhile: left to the first search.
   */
  async prepareSearch(pause: Pause): Promise<void> {
    if (this.#search?.changes === this.#changes) return;
    const changes = this.#changes;
    const slots = this.slots();
    const starts = new Int32Array(slots.length);
    const pieces: string[] = [];
    const clock = new SliceClock(pause);
    let offset = 0;
    for (let from = 0; from < slots.length; from += SEARCH_SLICE) {
      const rows = this.#searchRows(slots, from, Math.min(from + SEARCH_SLICE, slots.length), starts, offset);
      pieces.push(rows.text);
      offset = rows.offset;
      if (clock.due()) await clock.pause();
      if (changes !== this.#changes) return;
    }
    this.#search = { changes, text: pieces.join('\u0000'), starts, slots };
  }

  #search: { changes: number; text: string; starts: Int32Array; slots: Int32Array } | undefined;

  #searchText(): { text: string; starts: Int32Array; slots: Int32Array } {
    if (this.#search?.changes === this.#changes) return this.#search;
    const slots = this.slots();
    const starts = new Int32Array(slots.length);
    const { text } = this.#searchRows(slots, 0, slots.length, starts, 0);
    this.#search = { changes: this.#changes, text, starts, slots };
    return this.#search;
  }

  /** The search text of slots[from..to), rows apart by NUL; each row's start goes into `starts`. */
  #searchRows(
    slots: Int32Array,
    from: number,
    to: number,
    starts: Int32Array,
    offset: number,
  ): { text: string; offset: number } {
    const { keys, names, emails } = this.#columns;
    const rows: string[] = new Array(to - from);
    for (let i = from; i < to; i++) {
      const slot = slots[i]!;
      // Folded as the needle is (foldForSearch): case and accents ignored.
      const row =
        `${foldForSearch(keys[slot]!)}\n${foldForSearch(names[slot] ?? '')}\n` + foldForSearch(emails[slot] ?? '');
      rows[i - from] = row;
      starts[i] = offset;
      offset += row.length + 1;
    }
    return { text: rows.join('\u0000'), offset };
  }

  /** Takes an order made from what was stored (stored-order.ts) as its field's order. */
  adoptOrder(order: SortedOrder): void {
    this.#orders.set(order.field, order);
  }

  /** The order of a field if it is built with every user in place (none deferred). */
  builtOrder(field: SortField): SortedOrder | undefined {
    const order = this.#orders.get(field);
    return order?.settled ? order : undefined;
  }

  /** Forgets every order (after changes too many to apply one by one); they rebuild on demand. */
  dropOrders(): void {
    this.#orders.clear();
    this.#removals++;
  }

  #tally(key: number, delta: number): void {
    const count = (this.tallies.get(key) ?? 0) + delta;
    if (count > 0) this.tallies.set(key, count);
    else this.tallies.delete(key);
    this.talliesChanged.add(this.#columns.tenantOfTallyKey(key));
  }
}
