/**
 * This tab's writes in flight, so that reads can wait for them: a write changes the index
 * inside its transaction, before the change is stored (and a failed write undoes it by a
 * reset), so a read that ran meanwhile could show what is not stored. Keeps the number of
 * writes in flight and the reads waiting for none. Writes are not serialised here: IndexedDB
 * serialises their transactions.
 */
export class PendingWrites {
  #count = 0;
  #idleWaiters: (() => void)[] = [];

  /**
   * Runs a write, counted from this call on (not from its first await), so that reads issued
   * from now on wait for it. `settle` runs once it is over, told whether it failed, before the
   * waiting reads go on.
   */
  async track<T>(write: () => Promise<T>, settle: (failed: boolean) => void): Promise<T> {
    this.#count++;
    let failed = false;
    try {
      return await write();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      settle(failed);
      if (--this.#count === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  /** Whether a write of this tab is in flight. */
  get writing(): boolean {
    return this.#count > 0;
  }

  /** Resolves when no write of this tab is in flight; undefined when none is now. */
  whenIdle(): Promise<void> | undefined {
    if (this.#count === 0) return undefined;
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
