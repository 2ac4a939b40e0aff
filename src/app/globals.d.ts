import type { Roster } from '../api';

declare global {
  interface Window {
    /** The Users API, for scripting from the browser's developer console. */
    roster: Roster;
  }
}
