/**
 * The index's background warm-up: once users are loaded or bulk-changed and a moment has
 * passed, it builds in idle slices the sort orders the console offers and the search text,
 * so that a sort or a first keystroke answers at once. Keeps only its (debounce) timer: the
 * orders and the search text live in each EnvironmentUsers.
 */
import type { EnvironmentUsers } from './environment-users';
import type { Pause } from './pause';
import type { SortField } from './sorted-order';

/** Orders built in the background once users are loaded or bulk-changed. */
const WARM_ORDERS: readonly SortField[] = ['username', 'lastLogin', 'createdAt', 'name'];
/** Quiet time after loading or a bulk write before the background sorting starts. */
const WARM_DELAY_MS = 1000;

export class WarmUp {
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #pause: Pause;

  /** `pause`: between slices, until the browser is idle and no write is in flight (backgroundPause). */
  constructor(pause: Pause) {
    this.#pause = pause;
  }

  /**
   * Warms the environments `environments()` lists when the warm-up runs (asked again at each
   * step, so that environments added or dropped meanwhile are seen). Debounced: a run of bulk
   * writes (an import in several calls) warms once, after it.
   */
  schedule(environments: () => Iterable<EnvironmentUsers>): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      try {
        for (const field of WARM_ORDERS) {
          for (const environment of [...environments()]) await environment.order(field, this.#pause);
        }
        for (const environment of [...environments()]) await environment.prepareSearch(this.#pause);
      } catch {
        // A reset or a closed database ends the warm-up; orders then build on demand.
      }
    }, WARM_DELAY_MS);
  }

  /** Drops a warm-up not yet started (the index was reset: its environments are gone). */
  cancel(): void {
    clearTimeout(this.#timer);
  }
}
