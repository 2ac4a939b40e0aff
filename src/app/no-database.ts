/**
 * The page for a browser that will not give Roster its database: IndexedDB missing or turned off,
 * refused (a private window, site data blocked), or not answering. Roster keeps everything in
 * IndexedDB, so without it there is no console to show; rather than a blank page or one that
 * waits for ever, one plain page says what happened and what to do. Built with the DOM API:
 * it must work when nothing else of the app does, and no text reaches the HTML parser.
 */

/** Why the database could not be had, in the terms the page speaks of. */
export type NoDatabaseReason = 'missing' | 'refused' | 'newer' | 'full' | 'waiting';

/** The reason behind an error of `openRoster`, by the names the browser and Dexie give it. */
export function noDatabaseReason(error: unknown): NoDatabaseReason {
  const names = new Set<string>();
  for (let value = error, depth = 0; value && typeof value === 'object' && depth < 4; depth++) {
    const { name, inner, cause } = value as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.add(name);
    value = inner ?? cause;
  }
  if (names.has('MissingAPIError') || typeof indexedDB === 'undefined') return 'missing';
  if (names.has('VersionError')) return 'newer';
  if (names.has('QuotaExceededError')) return 'full';
  return 'refused';
}

const WORDS: Readonly<Record<NoDatabaseReason, { title: string; what: string; steps: string[] }>> = {
  missing: {
    title: 'Roster cannot keep its data in this browser',
    what:
      'This browser gives Roster no storage (IndexedDB is missing or turned off), and Roster keeps ' +
      'everything there.',
    steps: [
      "Allow this site to store data: in the browser's settings, under cookies and site data.",
      'Or open Roster in another up-to-date browser.',
    ],
  },
  refused: {
    title: 'Roster cannot keep its data in this browser',
    what:
      'The browser refused to open Roster’s storage. Private or incognito windows, and settings that ' +
      'block site data, do this; Roster keeps everything there, so it cannot start.',
    steps: [
      'Open Roster in a normal window, not a private or incognito one.',
      "Allow this site to store data: in the browser's settings, under cookies and site data.",
    ],
  },
  newer: {
    title: 'Roster was updated in another tab',
    what: 'This browser holds Roster’s data in a newer version than this page knows. Nothing was changed.',
    steps: ['Reload the page to get the newest version of Roster.'],
  },
  full: {
    title: 'The browser’s storage is full',
    what: 'Roster could not open its data because the browser has no space left for it. Nothing was changed.',
    steps: ["Free some space on this device (files, or other sites' data in the browser's settings)."],
  },
  waiting: {
    title: 'Roster is waiting for its data',
    what:
      'The browser has not opened Roster’s storage yet. Another tab of Roster may be holding it, ' +
      'or the browser is not answering.',
    steps: ['Close the other tabs or windows of Roster.', 'Reload this page.'],
  },
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * Replaces the page with the one for `reason`. `error`, when there is one, is shown only under
 * "Technical details", for whoever helps: the page itself speaks in words.
 */
export function showNoDatabase(target: HTMLElement, reason: NoDatabaseReason, error?: unknown): void {
  const words = WORDS[reason];
  const main = element('main', undefined, { class: 'no-database', 'aria-labelledby': 'no-database-title' });
  const title = element('h1', words.title, { id: 'no-database-title', tabindex: '-1' });
  const steps = element('ol');
  for (const step of [
    ...words.steps,
    ...(reason === 'newer' || reason === 'waiting' ? [] : ['Then reload this page.']),
  ])
    steps.append(element('li', step));
  const reload = element('button', 'Reload', { type: 'button', class: 'primary' });
  reload.addEventListener('click', () => location.reload());
  main.append(title, element('p', words.what), element('h2', 'What to do'), steps, reload);
  if (error !== undefined) {
    const details = element('details');
    const name =
      error instanceof Error || error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
    details.append(element('summary', 'Technical details'), element('code', name));
    main.append(details);
  }
  document.title = `Roster: ${words.title}`;
  target.replaceChildren(main);
  // The page changed under whoever reads it: start them at its title, as after a page load.
  title.focus();
}
