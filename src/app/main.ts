// First: zod checks whether eval is allowed when its schemas are built (see no-eval.ts).
import './no-eval';
import { mount } from 'svelte';
import { openRoster } from '../api';
import App from './App.svelte';
import { recordHistory } from './history-recorder';
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
try {
  const roster = await openRoster('roster', { actor: browserName.name });
  // The same API the console uses, for scripting from the browser's developer console.
  window.roster = roster;
  mount(App, { target, context: rosterContext(roster) });
  recordHistory(roster);
  keepActivityTrimmed(roster);
} catch (error) {
  // No console without its database: say why in words rather than leave a blank page.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  const reason = error instanceof Error ? error.message : String(error);
  message.textContent =
    `Roster could not open its data in this browser (${reason}). ` +
    'If Roster is open in another tab with a newer version, reload this page.';
  target.replaceChildren(message);
}
