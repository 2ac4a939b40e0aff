/**
 * The in-memory index of every user, built from the chunks in IndexedDB and kept in step
 * with them: loaded once (in slices), refreshed from the chunks another tab wrote (each
 * environment's state record carries a revision), and changed by this tab's writes inside
 * their transactions. If a transaction fails after changing the index, the index is dropped
 * and reloaded, so it never shows what was not stored.
 */
import {
  DISTINCT_EMAILS_KEY,
  allOf,
  HEAD_SIZE,
  chunkId,
  chunkIds,
  chunksSince,
  environmentStates,
  getChunks,
  listEnvironments,
  putSetting,
  putChunks,
  putEnvironmentStates,
  type Bit,
  type EnvironmentRecord,
  type EnvironmentStateRecord,
  type PackedTally,
  type PackedUser,
  type RosterDb,
  type UserChunkRecord,
} from '../db';
import { EnvironmentUsers } from './environment-users';
import { firstByUsername } from './first-by-username';
import { SliceClock, yieldToEventLoop, yieldUntilIdle, type Pause } from './pause';
import { UserColumns } from './user-columns';
import { DistinctEmails } from './distinct-emails';
import type { SortField } from './sorted-order';

/** Above this many users in one write, sort orders are rebuilt rather than updated one by one. */
const BULK = 1000;
/** Orders built in the background once users are loaded or bulk-changed. */
const WARM_ORDERS: readonly SortField[] = ['username', 'lastLogin', 'createdAt', 'name'];
/** Quiet time after loading or a bulk write before the background sorting starts. */
const WARM_DELAY_MS = 1000;
/** Chunks written per request. */
const PUT_BATCH = 4;
/** Chunks read per request while loading. */
const LOAD_BATCH = 25;

export class UserStore {
  #columns = new UserColumns();
  readonly #db: RosterDb;
  #environments = new Map<string, EnvironmentUsers>();
  #byNo: EnvironmentUsers[] = [];
  #slotById = new Map<string, number>();
  #loading: Promise<void> | undefined;
  #mutating = false;

  constructor(db: RosterDb) {
    this.#db = db;
  }

  /** Resolves once every user is loaded; the first call starts the load. */
  ready(): Promise<void> {
    this.#loading ??= this.#load().catch((error: unknown) => {
      this.#reset();
      throw error;
    });
    return this.#loading;
  }

  #loaded = false;

  /** Whether every user is loaded; before that, only the state records can answer. */
  get isReady(): boolean {
    return this.#loaded;
  }

  get columns(): UserColumns {
    return this.#columns;
  }

  /**
   * Brings the index up to date with the state records: environments added or deleted, and
   * chunks written by another tab since this copy's revision. Cheap when nothing changed.
   * Call after `ready()`, never before: inside a transaction a load would let it commit.
   */
  async sync(known?: { states: EnvironmentStateRecord[]; environments: EnvironmentRecord[] }): Promise<void> {
    if (!this.#loaded) throw new Error('The user index is not loaded: await ready() before sync().');
    const [states, environments] = known
      ? [known.states, known.environments]
      : await allOf([environmentStates(this.#db), listEnvironments(this.#db)]);
    const present = new Set<string>();
    for (const state of states) {
      present.add(state.environmentId);
      const environment = this.#environment(state.environmentId);
      // Only ever forward: a lower revision in the database is this tab's own write, not yet committed.
      if (state.rev > environment.rev) {
        const chunks = await chunksSince(this.#db, state.environmentId, environment.rev);
        for (const chunk of chunks) this.#replaceChunk(environment, chunk);
        if (chunks.length) environment.dropOrders();
        environment.rev = state.rev;
        environment.nextSeq = Math.max(environment.nextSeq, state.nextSeq);
      }
    }
    for (const environment of [...this.#environments.values()]) {
      if (!present.has(environment.environmentId)) this.#dropEnvironment(environment);
    }
    // After the loop, so environments first seen in this sync are marked too.
    this.#syncKinds(environments);
  }

  environment(environmentId: string): EnvironmentUsers | undefined {
    return this.#environments.get(environmentId);
  }

  environmentOfSlot(slot: number): EnvironmentUsers {
    return this.#byNo[this.columns.environment[slot]!]!;
  }

  slotOf(id: string): number | undefined {
    return this.#slotById.get(id);
  }

  /**
   * Runs one write (its transaction included). If the transaction fails after the index was
   * changed, the index is reset and reloads from what the database kept. Reads wait for
   * writes in flight (whenIdle), so they never see a change that is not yet stored.
   */
  async mutate<T>(write: () => Promise<T>): Promise<T> {
    this.#writes++;
    try {
      return await write();
    } catch (error) {
      if (this.#mutating) this.#reset();
      throw error;
    } finally {
      this.#mutating = false;
      if (this.#bulkWritten && this.#loaded) this.#warmOrders();
      this.#bulkWritten = false;
      if (--this.#writes === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  #writes = 0;
  #bulkWritten = false;
  #idleWaiters: (() => void)[] = [];

  /** Resolves when no write of this tab is in flight. */
  whenIdle(): Promise<void> | undefined {
    if (this.#writes === 0) return undefined;
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Adds new users to an environment; returns the chunks touched. */
  insert(environment: EnvironmentUsers, rows: readonly PackedUser[]): Set<number> {
    this.#mutating = true;
    const touched = new Set<number>();
    const bulk = rows.length > BULK;
    for (const row of rows) {
      const seq = environment.openChunk();
      const slot = this.columns.allocate();
      this.columns.write(slot, environment.no, seq, row);
      this.#slotById.set(row[0], slot);
      this.#addSlot(environment, slot, !bulk);
      environment.insertedSinceHead.push(slot);
      touched.add(seq);
    }
    if (bulk) this.#ordersDropped(environment);
    return touched;
  }

  /** Replaces a user's fields; returns the chunk touched. */
  replace(slot: number, row: PackedUser): number {
    this.#mutating = true;
    const environment = this.environmentOfSlot(slot);
    const seq = this.columns.chunk[slot]!;
    environment.headSlots = undefined;
    this.#removeSlot(environment, slot);
    this.columns.write(slot, environment.no, seq, row);
    this.#addSlot(environment, slot);
    return seq;
  }

  /**
   * Activates or deactivates users of one environment in place: only the flag, the update
   * time, the tallies and the distinct emails change, and no sort key, so nothing is
   * re-indexed. Returns the chunks touched. Slots already in that state are left alone.
   */
  setActive(environment: EnvironmentUsers, slots: readonly number[], isActive: boolean, updatedAt: number): Set<number> {
    this.#mutating = true;
    environment.headSlots = undefined;
    const { columns } = this;
    const bit = isActive ? 1 : 0;
    const touched = new Set<number>();
    for (const slot of slots) {
      if (columns.active[slot] === bit) continue;
      this.#countEmail(environment, slot, -1);
      const before = columns.tallyKey(slot);
      columns.active[slot] = bit;
      columns.updatedAt[slot] = updatedAt;
      environment.retally(before, columns.tallyKey(slot));
      this.#countEmail(environment, slot, +1);
      touched.add(columns.chunk[slot]!);
    }
    return touched;
  }

  /** Removes users; returns the chunks touched. Removing many rebuilds the orders rather than updating them one by one. */
  delete(slots: readonly number[]): Set<number> {
    this.#mutating = true;
    const touched = new Set<number>();
    const bulk = slots.length > BULK;
    const affected = new Set<EnvironmentUsers>();
    for (const slot of slots) {
      const environment = this.environmentOfSlot(slot);
      touched.add(this.columns.chunk[slot]!);
      environment.headSlots = undefined;
      this.#removeSlot(environment, slot, !bulk);
      this.#slotById.delete(this.columns.ids[slot]!);
      this.columns.release(slot);
      affected.add(environment);
    }
    if (bulk) for (const environment of affected) this.#ordersDropped(environment);
    return touched;
  }

  /** After a bulk change: orders are rebuilt on demand, and warmed again once the write is done. */
  #ordersDropped(environment: EnvironmentUsers): void {
    environment.dropOrders();
    this.#bulkWritten = true;
  }

  /** Starts tracking a new, empty environment (inside the transaction that creates it). */
  addEnvironment(environmentId: string): EnvironmentStateRecord {
    this.#mutating = true;
    const environment = this.#environment(environmentId);
    environment.rev = 1;
    return { environmentId, rev: 1, nextSeq: 0, count: 0, tallies: '[]', head: '[]' };
  }

  /** Stops tracking a deleted environment (inside the transaction that deletes it). */
  removeEnvironment(environmentId: string): void {
    const environment = this.#environments.get(environmentId);
    if (!environment) return;
    this.#mutating = true;
    this.#dropEnvironment(environment);
  }

  /** Writes the touched chunks and the environment's state at the next revision. */
  async persist(environment: EnvironmentUsers, touched: Iterable<number>, pause: Pause): Promise<void> {
    const rev = environment.rev + 1;
    const clock = new SliceClock(pause);
    // A few chunks per request: fewer round trips, and no task long enough to block the page.
    let batch: UserChunkRecord[] = [];
    for (const seq of touched) {
      const slots = environment.chunks.get(seq) ?? [];
      batch.push({
        id: chunkId(environment.environmentId, seq),
        environmentId: environment.environmentId,
        seq,
        rev,
        count: slots.length,
        data: JSON.stringify(slots.map((slot) => this.columns.pack(slot))),
      });
      if (batch.length === PUT_BATCH) {
        await putChunks(this.#db, batch);
        batch = [];
      }
      await clock.tick();
    }
    const head = await this.#head(environment, clock);
    const state: EnvironmentStateRecord = {
      environmentId: environment.environmentId,
      rev,
      nextSeq: environment.nextSeq,
      count: environment.count,
      tallies: JSON.stringify(this.#packTallies(environment)),
      head: JSON.stringify(head),
    };
    // The last writes go out together: one round trip instead of three.
    await allOf([batch.length ? putChunks(this.#db, batch) : undefined, putEnvironmentStates(this.#db, [state]), this.saveDistinctEmails()]);
    environment.rev = rev;
  }

  /** Keeps the distinct-email count for the usage shown before the index has loaded. */
  async saveDistinctEmails(): Promise<void> {
    await putSetting(this.#db, DISTINCT_EMAILS_KEY, this.distinctEmails);
  }

  /** Every loaded environment. */
  environments(): IterableIterator<EnvironmentUsers> {
    return this.#environments.values();
  }

  async #load(): Promise<void> {
    const clock = new SliceClock(yieldToEventLoop);
    const states = await environmentStates(this.#db);
    for (const state of states) {
      const environment = this.#environment(state.environmentId);
      environment.rev = state.rev;
      environment.nextSeq = state.nextSeq;
    }
    const ids = await chunkIds(this.#db);
    for (let start = 0; start < ids.length; start += LOAD_BATCH) {
      const chunks = await getChunks(this.#db, ids.slice(start, start + LOAD_BATCH));
      for (const chunk of chunks) {
        const environment = chunk && this.#environments.get(chunk.environmentId);
        if (chunk && environment) this.#replaceChunk(environment, chunk);
        await clock.tick();
      }
    }
    this.#syncKinds(await listEnvironments(this.#db), true);
    // The default order of every list, ready before the first page is asked for.
    for (const environment of this.#environments.values()) await environment.order('username', yieldToEventLoop);
    this.#loaded = true;
    this.#warmOrders();
  }

  /**
   * Builds, in the background and in slices, the orders the console sorts by and the
   * search text, so that a sort or a first keystroke answers at once.
   */
  #warmOrders(): void {
    // Debounced: a run of bulk writes (an import in several calls) warms once, after it.
    clearTimeout(this.#warmTimer);
    this.#warmTimer = setTimeout(async () => {
      try {
        for (const field of WARM_ORDERS) {
          for (const environment of [...this.#environments.values()]) await environment.order(field, yieldUntilIdle);
        }
        for (const environment of [...this.#environments.values()]) {
          await yieldUntilIdle();
          environment.prepareSearch();
        }
      } catch {
        // A reset or a closed database ends the warm-up; orders then build on demand.
      }
    }, WARM_DELAY_MS);
  }

  #warmTimer: ReturnType<typeof setTimeout> | undefined;

  #environment(environmentId: string): EnvironmentUsers {
    let environment = this.#environments.get(environmentId);
    if (!environment) {
      environment = new EnvironmentUsers(this.columns, environmentId, this.#byNo.length);
      this.#byNo.push(environment);
      this.#environments.set(environmentId, environment);
    }
    return environment;
  }

  /** Loads a chunk, replacing what the index held of it (orders are not updated: the caller drops or builds them). */
  #replaceChunk(environment: EnvironmentUsers, chunk: UserChunkRecord): void {
    environment.headSlots = undefined;
    for (const slot of [...(environment.chunks.get(chunk.seq) ?? [])]) {
      this.#removeSlot(environment, slot, false);
      this.#slotById.delete(this.columns.ids[slot]!);
      this.columns.release(slot);
    }
    const rows = JSON.parse(chunk.data) as PackedUser[];
    for (const row of rows) {
      const slot = this.columns.allocate();
      this.columns.write(slot, environment.no, chunk.seq, row);
      this.#slotById.set(row[0], slot);
      this.#addSlot(environment, slot, false);
    }
    environment.nextSeq = Math.max(environment.nextSeq, chunk.seq + 1);
  }

  #dropEnvironment(environment: EnvironmentUsers): void {
    for (const slot of environment.slots()) {
      this.#countEmail(environment, slot, -1);
      this.#slotById.delete(this.columns.ids[slot]!);
      this.columns.release(slot);
    }
    this.#environments.delete(environment.environmentId);
    // The number stays taken in #byNo: slots still carry numbers until reused.
  }

  /** Distinct effective emails (ignoring case) of the counted users of production environments. */
  get distinctEmails(): number {
    return this.#emails.size;
  }

  #emails = new DistinctEmails();

  /** Marks production environments; when that changes, recounts the distinct emails. */
  #syncKinds(environments: readonly EnvironmentRecord[], force = false): void {
    let changed = force;
    for (const record of environments) {
      const environment = this.#environments.get(record.id);
      if (environment && environment.production !== (record.kind === 'production')) {
        environment.production = record.kind === 'production';
        if (environment.count > 0) changed = true;
      }
    }
    if (!changed) return;
    this.#emails = new DistinctEmails();
    for (const environment of this.#environments.values()) {
      if (environment.production) for (const slot of environment.slots()) this.#countEmail(environment, slot, +1);
    }
  }

  #addSlot(environment: EnvironmentUsers, slot: number, updateOrders = true): void {
    environment.add(slot, updateOrders);
    this.#countEmail(environment, slot, +1);
  }

  #removeSlot(environment: EnvironmentUsers, slot: number, updateOrders = true): void {
    this.#countEmail(environment, slot, -1);
    environment.remove(slot, updateOrders);
  }

  /** Tracks the effective email of a counted user of a production environment. */
  #countEmail(environment: EnvironmentUsers, slot: number, delta: number): void {
    if (environment.production) this.#emails.count(this.columns, slot, delta);
  }

  #packTallies(environment: EnvironmentUsers): PackedTally[] {
    const names = this.columns.domains.names;
    return [...environment.tallies].map(([key, count]) => [names[key >> 2]!, ((key >> 1) & 1) as Bit, (key & 1) as Bit, count]);
  }

  /** The first users by username: a slice of the order when built, else a bounded selection. */
  async #head(environment: EnvironmentUsers, clock: SliceClock): Promise<PackedUser[]> {
    const order = environment.builtOrder('username');
    const slots = order
      ? Array.from(order.slots.subarray(0, Math.min(HEAD_SIZE, order.length)))
      : await firstByUsername(this.columns, environment, HEAD_SIZE, clock);
    environment.headSlots = slots;
    environment.insertedSinceHead = [];
    return slots.map((slot) => this.columns.pack(slot));
  }

  #reset(): void {
    this.#columns = new UserColumns();
    this.#environments = new Map();
    this.#byNo = [];
    this.#slotById = new Map();
    this.#emails = new DistinctEmails();
    this.#loading = undefined;
    this.#loaded = false;
  }
}
