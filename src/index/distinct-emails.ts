/**
 * Distinct effective emails (ignoring case) of the counted users of production
 * environments, kept as a count per email so that adding and removing users is O(1).
 * Keeps which environments are production (EnvironmentUsers.production) in step with their
 * records, and recounts when that changes.
 *
 * After a load the count is known (it is stored with every write), so the map of a million
 * emails is built in idle time (`countLater`) rather than before the index answers: a change
 * or a read of the size before it is done builds it at once.
 */
import type { EnvironmentRecord } from '../db';
import type { EnvironmentUsers } from './environment-users';
import { yieldUntilIdle } from './pause';
import type { UserColumns } from './user-columns';

/** Users counted per idle slice of the background count. */
const COUNT_SLICE = 20_000;

export class DistinctEmails {
  #counts = new Map<string, number>();
  /** What the counts are to be built from, while they are not built yet. */
  #pending: { loaded: ReadonlyMap<string, EnvironmentUsers>; columns: UserColumns } | undefined;

  get size(): number {
    this.#ensure();
    return this.#counts.size;
  }

  /** The count, if the map is built (undefined while it is counted in the background). */
  get known(): number | undefined {
    return this.#pending ? undefined : this.#counts.size;
  }

  /**
   * Counts every production user again in idle slices from now; a change or a read of `size`
   * before the end counts the rest at once. Resolves when the counts are built (by either).
   */
  async countLater(loaded: ReadonlyMap<string, EnvironmentUsers>, columns: UserColumns): Promise<void> {
    const pending = { loaded, columns };
    this.#pending = pending;
    const counts = new Map<string, number>();
    let done = 0;
    for (const environment of [...loaded.values()]) {
      if (!environment.production) continue;
      for (const slot of environment.slots()) {
        // Built or started anew meanwhile: this count is not the one wanted.
        if (this.#pending !== pending) return;
        addTo(counts, environment, columns, slot, +1);
        if (++done % COUNT_SLICE === 0) await yieldUntilIdle();
      }
    }
    if (this.#pending !== pending) return;
    this.#counts = counts;
    this.#pending = undefined;
  }

  /** Builds the counts now if they are still to be built. */
  #ensure(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    this.#counts = new Map();
    for (const environment of pending.loaded.values()) {
      if (environment.production)
        for (const slot of environment.slots()) addTo(this.#counts, environment, pending.columns, slot, +1);
    }
  }

  /**
   * Adds (+1) or removes (-1) a slot's effective email, if its environment is production and the
   * user is counted (active, not anonymous).
   */
  count(environment: EnvironmentUsers, columns: UserColumns, slot: number, delta: number): void {
    if (!environment.production) return;
    this.#ensure();
    addTo(this.#counts, environment, columns, slot, delta);
  }

  /**
   * Marks the loaded environments production or not, as their records say; when that changed
   * for one with users (or when `recount` says so, after a load), counts every production user
   * again: `now`, or `later` in idle time (see countLater).
   */
  syncKinds(
    loaded: ReadonlyMap<string, EnvironmentUsers>,
    records: readonly EnvironmentRecord[],
    columns: UserColumns,
    recount: 'if-changed' | 'now' | 'later' = 'if-changed',
  ): void {
    let changed = recount !== 'if-changed';
    for (const record of records) {
      const environment = loaded.get(record.id);
      if (environment && environment.production !== (record.kind === 'production')) {
        environment.production = record.kind === 'production';
        if (environment.count > 0) changed = true;
      }
    }
    if (!changed) return;
    if (recount === 'later') {
      void this.countLater(loaded, columns);
      return;
    }
    this.#pending = { loaded, columns };
    this.#ensure();
  }
}

function addTo(
  counts: Map<string, number>,
  environment: EnvironmentUsers,
  columns: UserColumns,
  slot: number,
  delta: number,
): void {
  if (!environment.production) return;
  if (columns.active[slot] === 0 || columns.anonymous[slot] === 1) return;
  // The email field when set; else the username, when it is an email (it then has a domain).
  const key = columns.emails[slot]?.toLowerCase() || (columns.domain[slot] !== 0 ? columns.keys[slot] : undefined);
  if (!key) return;
  const count = (counts.get(key) ?? 0) + delta;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
