/**
 * The in-memory index of every user, built from the chunks in IndexedDB and kept in step with
 * them: loaded once (in slices), refreshed from the chunks another tab wrote (each
 * environment's state record carries a revision), and changed by this tab's writes inside
 * their transactions. If a transaction fails after changing the index, the index is dropped
 * and reloaded, so it never shows what was not stored.
 *
 * Keeps the columns (user-columns.ts), each environment's users (environment-users.ts), the
 * slot of each user id and the distinct emails (distinct-emails.ts). Leaves to others the
 * stored format (index-persistence.ts, user-codec.ts), the writes in flight that reads wait
 * for (pending-writes.ts) and the background sorting (warm-up.ts).
 */
import {
  allOf,
  chunksSince,
  environmentStates,
  listEnvironments,
  setApart,
  storedFactsStamps,
  storedUserOrders,
  type EnvironmentRecord,
  type EnvironmentStateRecord,
  type RosterDb,
  type UserChunkRecord,
} from '../db';
import { DistinctEmails } from './distinct-emails';
import { StoredFacts } from './dormancy-facts';
import { EnvironmentUsers } from './environment-users';
import { emptyState, persistEnvironment, readAllChunks, saveDistinctEmails } from './index-persistence';
import { SlotMap } from './slot-map';
import { SliceClock, backgroundPause, yieldToEventLoop, type Pause } from './pause';
import { PendingWrites } from './pending-writes';
import { StoredOrders, restoredOrder, usableOrder, type OrderSource } from './stored-order';
import { decodeCheckedUsers, type PackedUser } from './user-codec';
import { UserColumns } from './user-columns';
import { WarmUp } from './warm-up';

/**
 * Above this many users in one write, sort orders are not updated one by one: inserted users
 * are deferred and merged in later (SortedOrder.settle), removed ones make the orders rebuild.
 */
const BULK = 1000;

/** The database was replaced under a loaded index; the index has been reset and loads again on `ready()`. */
export class IndexReplacedError extends Error {
  override readonly name = 'IndexReplacedError';
  constructor() {
    super('The data was replaced (a backup was restored); the user index reloads.');
  }
}

export class UserIndex {
  #columns = new UserColumns();
  readonly #db: RosterDb;
  #environments = new Map<string, EnvironmentUsers>();
  /** Every environment ever tracked, by ordinal (what the columns store per user). */
  #byOrdinal: EnvironmentUsers[] = [];
  /** Slots by user id; after a load, built in idle time (SlotMap). */
  #slotById = this.#idMap();
  #loading: Promise<void> | undefined;
  #loaded = false;
  /** Whether the write in flight has changed the index (a failure then resets it). */
  #changedInWrite = false;
  /** Whether the write in flight changed so many users that orders were deferred or dropped (warm them after). */
  #bulkWritten = false;
  readonly #pendingWrites = new PendingWrites();
  /** The pause of background work: idle time, behind this tab's writes. */
  readonly #backgroundPause = backgroundPause(() => this.#pendingWrites.whenIdle());
  readonly #warmUp = new WarmUp(this.#backgroundPause);
  readonly #storedOrders = new StoredOrders();
  readonly #storedFacts = new StoredFacts();
  /** What the stored orders and facts read of the index when they write one (always the index as it is then). */
  readonly #orderSource: OrderSource;
  #emails = new DistinctEmails();

  constructor(db: RosterDb) {
    this.#db = db;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the index as it is then
    const index = this;
    this.#orderSource = {
      db,
      get columns() {
        return index.columns;
      },
      get generation() {
        return index.#generation;
      },
      environments: () => this.#environments.values(),
      isIdle: () => this.#loaded && !this.#pendingWrites.writing,
      pause: this.#backgroundPause,
    };
  }

  /** Resolves once every user is loaded; the first call starts the load. */
  ready(): Promise<void> {
    this.#loading ??= this.#load().catch((error: unknown) => {
      this.#reset();
      throw error;
    });
    return this.#loading;
  }

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
    if (states.some((state) => state.generation !== this.#generation)) {
      // The database was replaced (a restore, maybe in another tab): revisions say nothing now.
      this.#reset();
      throw new IndexReplacedError();
    }
    const present = new Set<string>();
    for (const state of states) {
      present.add(state.environmentId);
      const environment = this.#environment(state.environmentId);
      // Only ever forward: a lower revision in the database is this tab's own write, not yet committed.
      if (state.rev > environment.rev) {
        const chunks = await chunksSince(this.#db, state.environmentId, environment.rev);
        for (const chunk of chunks) this.#replaceChunk(environment, chunk);
        if (chunks.length) {
          environment.dropOrders();
          this.#storedOrders.written(
            environment.environmentId,
            chunks.map((chunk) => chunk.seq),
          );
          this.#storedOrders.schedule(this.#orderSource);
        }
        environment.rev = state.rev;
        environment.tenantTalliesStamp = state.tenantTalliesStamp;
        // The tab that wrote stores the facts; this one too if it is gone by then (same facts, same stamp).
        this.#storedFacts.schedule(this.#orderSource);
        environment.nextSeq = Math.max(environment.nextSeq, state.nextSeq);
      }
    }
    for (const environment of [...this.#environments.values()]) {
      if (!present.has(environment.environmentId)) this.#dropEnvironment(environment);
    }
    // After the loop, so environments first seen in this sync are marked too.
    this.#emails.syncKinds(this.#environments, environments, this.columns);
  }

  environment(environmentId: string): EnvironmentUsers | undefined {
    return this.#environments.get(environmentId);
  }

  environmentOfSlot(slot: number): EnvironmentUsers {
    return this.#byOrdinal[this.columns.environment[slot]!]!;
  }

  slotOf(id: string): number | undefined {
    return this.#slotById.get(id);
  }

  /** Every loaded environment. */
  environments(): IterableIterator<EnvironmentUsers> {
    return this.#environments.values();
  }

  /**
   * Runs one write (its transaction included). If the transaction fails after the index was
   * changed, the index is reset and reloads from what the database kept. Reads wait for
   * writes in flight (whenIdle), so they never see a change that is not yet stored.
   */
  mutate<T>(write: () => Promise<T>): Promise<T> {
    return this.#pendingWrites.track(write, (failed) => {
      if (failed && this.#changedInWrite) this.#reset();
      this.#changedInWrite = false;
      if (this.#bulkWritten && this.#loaded) this.#warmUp.schedule(() => this.#environments.values());
      this.#bulkWritten = false;
    });
  }

  /** Resolves when no write of this tab is in flight. */
  whenIdle(): Promise<void> | undefined {
    return this.#pendingWrites.whenIdle();
  }

  /**
   * Forgets every user, for a write that replaced the tables wholesale (a restore), inside its
   * `mutate`; the next read loads the index again from what is stored.
   */
  invalidate(): void {
    this.#reset();
  }

  /**
   * Adds new users to an environment; returns the chunks touched (by seq). `inWrite`: how many
   * users the whole write inserts, when the caller inserts them in slices.
   */
  insert(environment: EnvironmentUsers, rows: readonly PackedUser[], inWrite: number = rows.length): Set<number> {
    this.#changedInWrite = true;
    const touched = new Set<number>();
    // Judged by the whole write, not this slice of it: a write inserting many users in slices is bulk.
    const bulk = inWrite > BULK;
    for (const row of rows) {
      const seq = environment.openChunk();
      const slot = this.columns.allocate();
      this.columns.write(slot, environment.ordinal, seq, row);
      this.#slotById.add(slot);
      this.#addSlot(environment, slot, !bulk);
      environment.insertedSinceHead.push(slot);
      touched.add(seq);
    }
    // The orders took the new slots in without placing them: the warm-up (or the first read) merges them in.
    if (bulk) this.#bulkWritten = true;
    return touched;
  }

  /** Replaces a user's fields; returns the chunk touched (its seq). */
  replace(slot: number, row: PackedUser): number {
    this.#changedInWrite = true;
    const environment = this.environmentOfSlot(slot);
    const seq = this.columns.chunk[slot]!;
    environment.headSlots = undefined;
    const facts = this.columns.dormancyFacts(slot);
    const dormancyChanges = environment.dormancyChanges;
    this.#removeSlot(environment, slot);
    this.columns.write(slot, environment.ordinal, seq, row);
    this.#addSlot(environment, slot);
    // Same slot, same facts (a rename): who is dormant, and as what, is as it was.
    if (this.columns.dormancyFacts(slot) === facts) environment.dormancyChanges = dormancyChanges;
    return seq;
  }

  /**
   * Activates or deactivates users of one environment in place: only the flag, the update
   * time, the tallies and the distinct emails change, and no sort key, so nothing is
   * re-indexed. Returns the chunks touched. Slots already in that state are left alone.
   */
  setActive(
    environment: EnvironmentUsers,
    slots: readonly number[],
    isActive: boolean,
    updatedAt: number,
  ): Set<number> {
    this.#changedInWrite = true;
    environment.headSlots = undefined;
    const { columns } = this;
    const bit = isActive ? 1 : 0;
    const touched = new Set<number>();
    for (const slot of slots) {
      if (columns.active[slot] === bit) continue;
      this.#emails.count(environment, this.columns, slot, -1);
      const before = columns.tallyKey(slot);
      columns.active[slot] = bit;
      columns.updatedAt[slot] = updatedAt;
      environment.retally(before, columns.tallyKey(slot));
      this.#emails.count(environment, this.columns, slot, +1);
      touched.add(columns.chunk[slot]!);
    }
    return touched;
  }

  /**
   * Removes users; returns the chunks touched. Removing many rebuilds the orders rather than
   * updating them one by one.
   */
  delete(slots: readonly number[]): Set<number> {
    this.#changedInWrite = true;
    const touched = new Set<number>();
    const bulk = slots.length > BULK;
    const affected = new Set<EnvironmentUsers>();
    for (const slot of slots) {
      const environment = this.environmentOfSlot(slot);
      touched.add(this.columns.chunk[slot]!);
      environment.headSlots = undefined;
      this.#removeSlot(environment, slot, !bulk);
      this.#slotById.remove(slot);
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

  /**
   * Starts tracking a new, empty environment (inside the transaction that creates it); returns its
   * state record to store.
   */
  addEnvironment(environmentId: string): EnvironmentStateRecord {
    this.#changedInWrite = true;
    const environment = this.#environment(environmentId);
    const state = emptyState(environmentId, this.#generation);
    environment.rev = state.rev;
    return state;
  }

  /** Stops tracking a deleted environment (inside the transaction that deletes it). */
  removeEnvironment(environmentId: string): void {
    const environment = this.#environments.get(environmentId);
    if (!environment) return;
    this.#changedInWrite = true;
    this.#dropEnvironment(environment);
  }

  /** Writes the touched chunks (by seq) and the environment's state at the next revision. */
  async persist(environment: EnvironmentUsers, touched: Iterable<number>, pause: Pause): Promise<void> {
    const seqs = [...touched];
    await persistEnvironment(
      this.#db,
      this.columns,
      environment,
      seqs,
      pause,
      () => this.distinctEmails,
      this.#generation,
    );
    // The stored username order is now behind by these chunks (written again once it is far enough behind).
    this.#storedOrders.written(environment.environmentId, seqs);
    this.#storedOrders.schedule(this.#orderSource);
    this.#storedFacts.schedule(this.#orderSource);
  }

  /** Keeps the distinct-email count for the usage shown before the index has loaded. */
  saveDistinctEmails(): Promise<void> {
    return saveDistinctEmails(this.#db, this.distinctEmails);
  }

  /** Distinct effective emails (ignoring case) of the counted users of production environments. */
  get distinctEmails(): number {
    return this.#emails.size;
  }

  /** The distinct-email count if it is counted already (undefined while it is counted in idle time after a load). */
  get distinctEmailsIfCounted(): number | undefined {
    return this.#emails.known;
  }

  /** The database generation this index was loaded under (see EnvironmentStateRecord.generation). */
  #generation: string | undefined;

  async #load(): Promise<void> {
    const clock = new SliceClock(yieldToEventLoop);
    const [states, orders, factsStamps] = await allOf([
      environmentStates(this.#db),
      storedUserOrders(this.#db),
      storedFactsStamps(this.#db),
    ]);
    this.#generation = states[0]?.generation;
    const storedOrder = new Map(orders.map((order) => [order.environmentId, order]));
    /** Per environment with a usable stored order: the chunks written after it. */
    const staleSeqs = new Map<string, Set<number>>();
    for (const state of states) {
      const environment = this.#environment(state.environmentId);
      environment.rev = state.rev;
      environment.tenantTalliesStamp = state.tenantTalliesStamp;
      environment.nextSeq = state.nextSeq;
      if (usableOrder(storedOrder.get(state.environmentId), state.rev, this.#generation))
        staleSeqs.set(state.environmentId, new Set());
    }
    // The maps by id and by username are built after the load, in idle time: the first page,
    // the counts and the lists need neither (a lookup before they are done builds them at once).
    this.#slotById.defer();
    for (const environment of this.#environments.values()) environment.deferUsernames();
    await readAllChunks(this.#db, clock, (chunk) => {
      const environment = this.#environments.get(chunk.environmentId);
      if (environment) this.#replaceChunk(environment, chunk);
      if (chunk.rev > (storedOrder.get(chunk.environmentId)?.rev ?? Infinity))
        staleSeqs.get(chunk.environmentId)?.add(chunk.seq);
    });
    // The distinct emails are counted in idle time: until then usage reads the stored count.
    this.#emails.syncKinds(this.#environments, await listEnvironments(this.#db), this.columns, 'later');
    // The default order of every list, ready before the first page is asked for: as stored
    // when it can be, with the users of chunks written since sorted in; else sorted.
    for (const environment of this.#environments.values()) {
      const { environmentId } = environment;
      const stale = staleSeqs.get(environmentId);
      const restored =
        stale &&
        (await restoredOrder(this.columns, environment, storedOrder.get(environmentId)!, stale, yieldToEventLoop));
      if (restored) environment.adoptOrder(restored);
      else await environment.order('username', yieldToEventLoop);
      this.#storedOrders.loaded(environmentId, restored !== undefined, stale ?? []);
    }
    // The tallies were counted again from the users loaded: what is stored already says the same.
    for (const environment of this.#environments.values()) environment.talliesChanged.clear();
    this.#loaded = true;
    void this.#mapsLater();
    this.#warmUp.schedule(() => this.#environments.values());
    this.#storedOrders.schedule(this.#orderSource);
    this.#storedFacts.loaded(factsStamps);
    this.#storedFacts.schedule(this.#orderSource);
  }

  /** Builds the maps by id and by username in idle time, the id map first (every call by id needs it). */
  async #mapsLater(): Promise<void> {
    const byId = this.#slotById;
    await byId.buildLater();
    for (const environment of [...this.#environments.values()]) {
      // Reset meanwhile: the maps of the new load are that load's to build.
      if (byId !== this.#slotById) return;
      await environment.usernamesLater();
    }
  }

  /** The map of slots by user id, over the slots of every loaded environment. */
  #idMap(): SlotMap {
    const environments = () => this.#environments.values();
    return new SlotMap({
      *slots() {
        for (const environment of environments()) yield* environment.chunks.values();
      },
      keyOf: (slot) => this.columns.ids[slot]!,
    });
  }

  #environment(environmentId: string): EnvironmentUsers {
    let environment = this.#environments.get(environmentId);
    if (!environment) {
      environment = new EnvironmentUsers(this.columns, environmentId, this.#byOrdinal.length);
      this.#byOrdinal.push(environment);
      this.#environments.set(environmentId, environment);
    }
    return environment;
  }

  /** Loads a chunk, replacing what the index held of it (orders are not updated: the caller drops or builds them). */
  #replaceChunk(environment: EnvironmentUsers, chunk: UserChunkRecord): void {
    environment.headSlots = undefined;
    for (const slot of [...(environment.chunks.get(chunk.seq) ?? [])]) {
      this.#removeSlot(environment, slot, false);
      this.#slotById.remove(slot);
      this.columns.release(slot);
    }
    const decoded = decodeCheckedUsers(chunk.data);
    // A chunk whose users do not read is set apart (counted on Settings); the others load.
    if ('problem' in decoded) setApart(this.#db, 'userChunks', chunk, `data: ${decoded.problem}`);
    const rows = 'users' in decoded ? decoded.users : [];
    for (const row of rows) {
      const slot = this.columns.allocate();
      this.columns.write(slot, environment.ordinal, chunk.seq, row);
      this.#slotById.add(slot);
      this.#addSlot(environment, slot, false);
    }
    environment.nextSeq = Math.max(environment.nextSeq, chunk.seq + 1);
  }

  #dropEnvironment(environment: EnvironmentUsers): void {
    for (const slot of environment.slots()) {
      this.#emails.count(environment, this.columns, slot, -1);
      this.#slotById.remove(slot);
      this.columns.release(slot);
    }
    this.#environments.delete(environment.environmentId);
    // The ordinal stays taken in #byOrdinal: slots still carry ordinals until reused.
  }

  #addSlot(environment: EnvironmentUsers, slot: number, updateOrders = true): void {
    environment.add(slot, updateOrders);
    this.#emails.count(environment, this.columns, slot, +1);
  }

  #removeSlot(environment: EnvironmentUsers, slot: number, updateOrders = true): void {
    this.#emails.count(environment, this.columns, slot, -1);
    environment.remove(slot, updateOrders);
  }

  #reset(): void {
    this.#columns = new UserColumns();
    this.#environments = new Map();
    this.#byOrdinal = [];
    this.#slotById = this.#idMap();
    this.#emails = new DistinctEmails();
    this.#storedOrders.reset();
    this.#storedFacts.reset();
    this.#warmUp.cancel();
    this.#loading = undefined;
    this.#loaded = false;
  }
}
