/**
 * The browser's storage as it concerns Roster: whether the browser promised to keep the data
 * (persistent storage, `navigator.storage.persist()`), and how much the site uses and may use
 * (`navigator.storage.estimate()`). Without that promise the browser may evict the data when
 * the disk runs low; with it, only the person can delete it.
 */
class StorageState {
  /** Whether this browser has the Storage API here (it needs a secure context). */
  readonly supported =
    typeof navigator !== 'undefined' && 'storage' in navigator && typeof navigator.storage.persist === 'function';
  /** Whether the data is persistent; undefined until known. */
  persisted = $state<boolean | undefined>();
  /** Bytes the site uses, and may use at most, as the browser estimates them. */
  usage = $state<number | undefined>();
  quota = $state<number | undefined>();

  /** Asks for persistent storage once at start, unless granted already. */
  async ensurePersisted(): Promise<void> {
    if (!this.supported) return;
    this.persisted = await navigator.storage.persisted();
    if (!this.persisted) await this.requestPersistence();
  }

  /**
   * Asks the browser to keep the data; returns whether it agreed. Chromium decides by itself
   * (an installed app or a bookmarked, often-used site is granted); Firefox asks the person.
   */
  async requestPersistence(): Promise<boolean> {
    if (!this.supported) return false;
    this.persisted = await navigator.storage.persist();
    return this.persisted;
  }

  /** Reads persistence and the usage estimate again. */
  async refresh(): Promise<void> {
    if (!this.supported) return;
    const [persisted, estimate] = await Promise.all([navigator.storage.persisted(), navigator.storage.estimate()]);
    this.persisted = persisted;
    this.usage = estimate.usage;
    this.quota = estimate.quota;
  }
}

/** The one storage state of the page. */
export const storage = new StorageState();
