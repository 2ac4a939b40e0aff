/** The database connection's life as the page sees it: when another tab upgrades the schema. */
import { onVersionChange, type VersionChange } from '../db';
import type { ApiContext } from './context';

export type { VersionChange } from '../db';

export function lifecycleApi(context: ApiContext) {
  return {
    /**
     * Calls `handler` when another tab opens this database at a newer schema version, or
     * deletes it. By then this connection is closed, so that the other tab's upgrade goes on
     * rather than waiting for this one; every later call here fails, and the page should ask
     * to be reloaded. Returns a function that stops listening.
     */
    onVersionChange(handler: (change: VersionChange) => void): () => void {
      return onVersionChange(context.db, handler);
    },
  };
}
