/**
 * Applies the activity log's retention in the background: a little after the console opens,
 * then every few hours while it stays open. Deleting runs in small transactions (the API), so
 * the console never waits for it; the log keeps everything unless Settings says otherwise.
 */
import type { Roster } from '../api';

/** After opening: once the first screen has settled. */
const OPENING_MS = 10_000;
const EVERY_MS = 6 * 60 * 60 * 1000;

export function keepActivityTrimmed(roster: Roster): () => void {
  const apply = () => {
    roster.activity
      .applyRetention()
      .catch((error: unknown) => console.warn('Roster could not trim the activity log.', error));
  };
  const first = setTimeout(apply, OPENING_MS);
  const every = setInterval(apply, EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
