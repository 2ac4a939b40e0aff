/**
 * When another tab opens this database at a newer schema version (or deletes it), the
 * browser asks every open connection to close first; one that stays open blocks the other
 * tab's upgrade. This tab closes its connection at once, for good (no automatic reopen,
 * which would fail against the newer schema), and tells the caller, so that the page can ask
 * the person to reload into the new version instead of failing call after call.
 */
import type { Dexie } from 'dexie';

export interface VersionChange {
  /** The schema version the other tab opened, or null when it deletes the database. */
  newVersion: number | null;
}

/**
 * Calls `handler` when another connection upgrades or deletes `db`, after closing `db`.
 * Returns a function that stops listening.
 */
export function onVersionChange(db: Dexie, handler: (change: VersionChange) => void): () => void {
  const listener = (event: IDBVersionChangeEvent): false => {
    db.close({ disableAutoOpen: true });
    // Dexie counts its versions ten to one of IndexedDB's.
    handler({ newVersion: event.newVersion ? event.newVersion / 10 : null });
    // Dexie's own listener (a warning, then a close that reopens on the next call) is not needed.
    return false;
  };
  db.on('versionchange', listener);
  return () => db.on('versionchange').unsubscribe(listener);
}
