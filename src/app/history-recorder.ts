/**
 * Keeps the usage history: a snapshot when the console opens, and again a little after the
 * numbers change (here or in another tab), at most one per environment and day.
 */
import type { Roster } from '../api';

const SETTLE_MS = 3000;

export function recordHistory(roster: Roster): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const record = () => {
    roster.history.record().catch((error: unknown) => console.warn('Roster could not record the usage history.', error));
  };
  const subscription = roster.observe(() => roster.usage()).subscribe(() => {
    clearTimeout(timer);
    // After a burst of writes (an import, a bulk action) settles: one snapshot, not many.
    timer = setTimeout(record, SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    subscription.unsubscribe();
  };
}
