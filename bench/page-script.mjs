// Puts the benchmark's in-page functions into every page it opens, before the app's own
// scripts: `window.__bench.<name>` (each function is sent as its source text), and starts
// the live-read count (quiet), the ready watcher that the reload scenario reads and, when
// asked for, the dashboard watcher of a cold open.
import { generateUsers } from './generate-users.mjs';
import * as helpers from './page-helpers.mjs';
import * as scenarios from './page-scenarios.mjs';
import * as sections from './page-sections.mjs';
import * as imports from './page-import.mjs';
import * as raw from './raw-baseline.mjs';
import * as activity from './page-activity.mjs';
import * as tenants from './page-tenants.mjs';

/** @type {Record<string, Function>} */
const FUNCTIONS = { ...helpers, ...scenarios, ...sections, ...imports, ...raw, ...activity, ...tenants, generateUsers };

/**
 * The init script's source.
 * @returns {string}
 */
export function pageScript() {
  const entries = Object.entries(FUNCTIONS).map(([name, fn]) => `  ${JSON.stringify(name)}: ${fn.toString()},`);
  const start = ['watchLive', 'watchReady', 'watchDashboardOnLoad'].map((name) => `window.__bench.${name}();`);
  return `window.__bench = {\n${entries.join('\n')}\n};\n${start.join('\n')}\n`;
}

/**
 * Calls `window.__bench[name](...args)` in the page and returns its (serialisable) result.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {...unknown} args
 * @returns {Promise<any>}
 */
export function call(page, name, ...args) {
  return page.evaluate(
    ([fn, params]) => /** @type {any} */ (window).__bench[fn](...params),
    /** @type {[string, unknown[]]} */ ([name, args]),
  );
}
