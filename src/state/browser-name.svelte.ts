/**
 * The name an administrator gives this browser (Settings), recorded on every change it makes
 * so that the Activity page says who did what. Kept in the browser (localStorage), not in the
 * database: a backup restored elsewhere must not sign that browser's changes with this name.
 */
import type { Roster } from '../api';

const KEY = 'roster.browserName';

function stored(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    // Storage blocked (a private mode): the name lasts as long as the page.
    return '';
  }
}

class BrowserName {
  name = $state(stored());

  /** Gives the API the name (it validates it: a bad one throws RosterError) and remembers it. */
  save(roster: Roster, name: string): string {
    const saved = roster.activity.setActor(name);
    try {
      if (saved) localStorage.setItem(KEY, saved);
      else localStorage.removeItem(KEY);
    } catch {
      // Not kept across reloads, but used for this page's changes.
    }
    this.name = saved;
    return saved;
  }
}

export const browserName = new BrowserName();
