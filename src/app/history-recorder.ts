/**
 * Keeps the usage history: a snapshot when the console opens, and again a little after the
 * numbers change (here or in another tab), at most one per environment and day.
 */
import type { Roster } from '../api';

/** After the console opens: soon, but after the first paint. */
const OPENING_MS = 500;
/** After a change: once a burst of writes (an import, a bulk action) has settled. */
const SETTLE_MS = 3000;

export function recordHistory(roster: Roster): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const record = () => {
    roster.history
      .record()
      .catch((error: unknown) => console.warn('Roster could not record the usage history.', error));
  };
  let opening = true;
  const subscription = roster
    .observe(() => roster.usage())
    .subscribe(() => {
      // The day's high at once, at every change: a peak may last less than the pause below.
      roster.history
        .recordPeak()
        .catch((error: unknown) => console.warn('Roster could not record the usage peak.', error));
      clearTimeout(timer);
      timer = setTimeout(record, opening ? OPENING_MS : SETTLE_MS);
      opening = false;
    });
  return () => {
    clearTimeout(timer);
    subscription.unsubscribe();
  };
}
