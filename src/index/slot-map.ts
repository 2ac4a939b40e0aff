/**
 * A map from a key (a user's id, a username within its tenant) to the user's slot that a load
 * can leave to be built after it: a million keys cost about a second, and the first page, the
 * counts and the lists answer without them. `buildLater` builds the map in idle slices; a
 * lookup before it is done builds the rest at once. While unbuilt, adds and removes are not
 * recorded: the build reads the keys of the slots there are then.
 */
import { yieldUntilIdle } from './pause';

/** Keys set per idle slice of the background build. */
const BUILD_SLICE = 20_000;

export interface SlotSource {
  /** Every slot the map is to hold, in load order (a later slot with the same key wins). */
  slots(): Iterable<ArrayLike<number>>;
  keyOf(slot: number): string;
}

export class SlotMap {
  #map: Map<string, number> | undefined = new Map();
  /** Moves on every add and remove, so that a background build knows that the slots moved. */
  #changes = 0;
  readonly #source: SlotSource;

  constructor(source: SlotSource) {
    this.#source = source;
  }

  /** Whether the map is built (false between `defer` and the end of its build). */
  get built(): boolean {
    return this.#map !== undefined;
  }

  get(key: string): number | undefined {
    return this.#built().get(key);
  }

  /** Maps a slot's key (as the source tells it now) to the slot. */
  add(slot: number): void {
    this.#changes++;
    this.#map?.set(this.#source.keyOf(slot), slot);
  }

  /** Forgets a slot's key (call before the slot changes) if it still maps to it: another slot may have taken it. */
  remove(slot: number): void {
    this.#changes++;
    if (!this.#map) return;
    const key = this.#source.keyOf(slot);
    if (this.#map.get(key) === slot) this.#map.delete(key);
  }

  /** Drops the map: the slots are about to be loaded, and the map is built after them. */
  defer(): void {
    this.#map = undefined;
  }

  /**
   * Builds the map in idle slices. Slots added or removed meanwhile make this build moot: the
   * next lookup builds it at once.
   */
  async buildLater(): Promise<void> {
    if (this.#map) return;
    const changes = this.#changes;
    const map = new Map<string, number>();
    let done = 0;
    for (const slots of this.#source.slots()) {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        map.set(this.#source.keyOf(slot), slot);
        if (++done % BUILD_SLICE !== 0) continue;
        await yieldUntilIdle();
        if (this.#map || changes !== this.#changes) return;
      }
    }
    if (!this.#map && changes === this.#changes) this.#map = map;
  }

  #built(): Map<string, number> {
    if (this.#map) return this.#map;
    const map = new Map<string, number>();
    for (const slots of this.#source.slots())
      for (let i = 0; i < slots.length; i++) map.set(this.#source.keyOf(slots[i]!), slots[i]!);
    this.#map = map;
    return map;
  }
}
