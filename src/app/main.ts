// First: zod checks whether eval is allowed when its schemas are built (see no-eval.ts).
import './no-eval';
import { mount } from 'svelte';
import { openRoster } from '../api';
import App from './App.svelte';
import { recordHistory } from './history-recorder';
import { noDatabaseReason, showNoDatabase } from './no-database';
import { keepActivityTrimmed } from './activity-retention';
import { browserName } from '../state/browser-name.svelte';
import { pwa } from '../state/pwa.svelte';
import { storage } from '../state/storage.svelte';
import { rosterContext } from '../state/roster-context.svelte';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');

// Before the database opens: a page that cannot open it still gets the newest version.
pwa.register();
void storage.ensurePersisted();
/**
 * How long the database may take to open before the page says it is waiting: a browser that
 * never answers (another tab holding an older version, a stuck storage) would otherwise leave
 * a blank page. Long enough for an upgrade of a large database to go unnoticed.
 */
const WAITING_MS = 15_000;

const waiting = setTimeout(() => showNoDatabase(target, 'waiting'), WAITING_MS);
try {
  const roster = await openRoster('roster', { actor: browserName.name });
  clearTimeout(waiting);
  // The same API the console uses, for scripting from the browser's developer console.
  window.roster = roster;
  // Empty first: the waiting page may be showing if the database was slow to open.
  target.replaceChildren();
  mount(App, { target, context: rosterContext(roster) });
  recordHistory(roster);
  keepActivityTrimmed(roster);
} catch (error) {
  clearTimeout(waiting);
  // No console without its database: one page that says why and what to do, not a blank one.
  showNoDatabase(target, noDatabaseReason(error), error);
}
