// What every scenario gets: its view of the size's run (a Step) and `invoke`, the only way
// it calls into the page, which stops a scenario that has run out of time.
import { call } from './page-script.mjs';

/** Users per roster.users.createMany call: an import of 1M users goes in 10 calls. */
export const IMPORT_BATCH = 100_000;
/** Users per record in the raw baseline store. */
export const RAW_BATCH = 2000;
/** Search as you type: the three keystrokes. */
export const SEARCH_TERMS = ['a', 'an', 'ann'];

/**
 * @typedef {import('./checks.mjs').UsageRow} UsageRow
 * @typedef {{
 *   list: number, edit: number, reload: number, ruleReps: number, bulk: number, baseline: number,
 *   groupReps: number, sectionRuns: number, dashboardOpen: number, snapshotWaitMs: number
 * }} Plan  runs per scenario (ruleReps, groupReps: round trips, two samples each); in the
 *   sections other than Users, no write scenario repeats more than sectionRuns times;
 *   dashboardOpen: opens of the dashboard, cold and warm each; snapshotWaitMs: how long after
 *   a change of the counts the next scenario starts (write-scenarios.mjs afterSnapshot)
 * @typedef {object} State  what the scenarios learn and pass on to the next ones
 * @property {{ id: string, name: string, groups: string[], roles: string[], tenants: string[] }[]} environments
 * @property {string} mainId      the environment the console shows and the scenarios use
 * @property {number} mainTotal   its number of users
 * @property {number} [stored]    users stored in all (fewer than n if the import was stopped)
 * @property {UsageRow[]} usage   usage as it stands between scenarios
 * @property {string} popularDomain
 * @property {string[]} [tenants]  the main environment's tenants (its default one aside)
 * @property {number} rawChars    size of the users as JSON
 * @property {Record<string, number>} baselines
 * @property {string[]} [pendingReactivation]  users a bulk deactivation has not put back yet
 * @property {import('./sections.mjs').Targets} [targets]  what the write scenarios change
 * @property {number} [countsChangedAt]  Date.now() when a scenario last changed the counts
 * @typedef {object} Step  one scenario's view of a size's run
 * @property {import('./browser.mjs').Session} session
 * @property {number} n
 * @property {Plan} plan
 * @property {number} timeoutMs   per scenario
 * @property {number} budgetMs    stop repeating a scenario after this much wall time
 * @property {State} state
 * @property {AbortSignal} signal aborted once the scenario has run out of time: it must stop
 * @property {(row: import('./report.mjs').Row) => void} emit
 */

/**
 * Calls an in-page function, unless the scenario has been stopped (then, or if it is
 * stopped meanwhile, throws): a scenario that ran out of time must not touch the page again.
 * @param {Step} run
 * @param {string} name
 * @param {...unknown} args
 * @returns {Promise<any>}
 */
export async function invoke(run, name, ...args) {
  run.signal.throwIfAborted();
  const result = await call(run.session.page, name, ...args);
  run.signal.throwIfAborted();
  return result;
}

/**
 * How long to wait for the console to show a change.
 * @param {Step} run
 */
export function uiTimeout(run) {
  return Math.min(run.timeoutMs, 120_000);
}

/**
 * The usage row of the main environment.
 * @param {Step} run
 * @param {UsageRow[]} usage
 * @returns {UsageRow}
 */
export function mainRow(run, usage) {
  return /** @type {UsageRow} */ (usage.find((row) => row.environmentId === run.state.mainId));
}

/**
 * The offset of the deep page: near the end of the main environment's list.
 * @param {Step} run
 */
export function deepOffset(run) {
  return Math.max(0, run.state.mainTotal - 75);
}

/**
 * The bulk scenarios' users: the main environment's external users (select all, then deactivate).
 * @param {Step} run
 */
export function bulkQuery(run) {
  return { environmentId: run.state.mainId, class: 'external' };
}
