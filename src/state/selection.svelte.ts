/**
 * Users picked for an action (the users list, the dormant users, a group's members): the
 * console's one way of holding a selection. Replaced whole on each change (one signal, not one
 * per id), so selecting all 100,000 matches of a filter costs one Set, not 100,000 updates.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- a stored Set is never mutated: each change stores a new one. */
export class UserSelection {
  #ids = $state.raw(new Set<string>());

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  toggle(id: string, picked: boolean): void {
    if (this.#ids.has(id) === picked) return;
    const next = new Set(this.#ids);
    if (picked) next.add(id);
    else next.delete(id);
    this.#ids = next;
  }

  /** Adds ids to those picked already. */
  add(ids: Iterable<string>): void {
    const next = new Set(this.#ids);
    for (const id of ids) next.add(id);
    this.#ids = next;
  }

  replace(ids: Iterable<string>): void {
    this.#ids = new Set(ids);
  }

  /** Drops ids: unpicked ones, or users deleted in another tab since they were picked. */
  drop(ids: Iterable<string>): void {
    const next = new Set(this.#ids);
    for (const id of ids) next.delete(id);
    this.#ids = next;
  }

  clear(): void {
    if (this.#ids.size > 0) this.#ids = new Set();
  }

  /** The selected ids, for an API call. */
  list(): string[] {
    return [...this.#ids];
  }
}
