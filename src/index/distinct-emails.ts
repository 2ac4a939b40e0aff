/**
 * Distinct effective emails (ignoring case) of the counted users of production
 * environments, kept as a count per email so that adding and removing users is O(1).
 * Keeps which environments are production (EnvironmentUsers.production) in step with their
 * records, and recounts when that changes.
 */
import type { EnvironmentRecord } from '../db';
import type { EnvironmentUsers } from './environment-users';
import type { UserColumns } from './user-columns';

export class DistinctEmails {
  #counts = new Map<string, number>();

  get size(): number {
    return this.#counts.size;
  }

  /**
   * Adds (+1) or removes (-1) a slot's effective email, if its environment is production and the
   * user is counted (active, not anonymous).
   */
  count(environment: EnvironmentUsers, columns: UserColumns, slot: number, delta: number): void {
    if (!environment.production) return;
    if (columns.active[slot] === 0 || columns.anonymous[slot] === 1) return;
    // The email field when set; else the username, when it is an email (it then has a domain).
    const key = columns.emails[slot]?.toLowerCase() || (columns.domain[slot] !== 0 ? columns.keys[slot] : undefined);
    if (!key) return;
    const count = (this.#counts.get(key) ?? 0) + delta;
    if (count > 0) this.#counts.set(key, count);
    else this.#counts.delete(key);
  }

  /**
   * Marks the loaded environments production or not, as their records say; when that changed
   * for one with users (or when `force`d, after a load), counts every production user again.
   */
  syncKinds(
    loaded: ReadonlyMap<string, EnvironmentUsers>,
    records: readonly EnvironmentRecord[],
    columns: UserColumns,
    force = false,
  ): void {
    let changed = force;
    for (const record of records) {
      const environment = loaded.get(record.id);
      if (environment && environment.production !== (record.kind === 'production')) {
        environment.production = record.kind === 'production';
        if (environment.count > 0) changed = true;
      }
    }
    if (!changed) return;
    this.#counts = new Map();
    for (const environment of loaded.values()) {
      if (environment.production) for (const slot of environment.slots()) this.count(environment, columns, slot, +1);
    }
  }
}
