/**
 * Distinct effective emails (ignoring case) of the counted users of production
 * environments, kept as a count per email so that adding and removing users is O(1).
 */
import type { UserColumns } from './user-columns';

export class DistinctEmails {
  #counts = new Map<string, number>();

  get size(): number {
    return this.#counts.size;
  }

  /** Adds (+1) or removes (-1) a slot's effective email, if the user is counted (active, not anonymous). */
  count(columns: UserColumns, slot: number, delta: number): void {
    if (columns.active[slot] === 0 || columns.anonymous[slot] === 1) return;
    // The email field when set; else the username, when it is an email (it then has a domain).
    const key = columns.emails[slot]?.toLowerCase() || (columns.domain[slot] !== 0 ? columns.keys[slot] : undefined);
    if (!key) return;
    const count = (this.#counts.get(key) ?? 0) + delta;
    if (count > 0) this.#counts.set(key, count);
    else this.#counts.delete(key);
  }
}
