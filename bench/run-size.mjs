// One size's run: a fresh browser profile, the data set up and imported, then every
// scenario in turn. Each scenario has a time limit; one that runs over (or throws) is
// reported as such and stopped, the page is recovered (reloaded, or the browser restarted
// on the same profile) and the run goes on with the next.
import { measureHeap, openSession, waitForRoster } from './browser.mjs';
import { addMemberships, importScenario, measureBaselines, recount, setUp } from './prepare.mjs';
import { failedRow } from './report.mjs';
import {
  groupMembersScenario,
  listScenario,
  memoryRow,
  reloadScenario,
  searchScenario,
  selectAllScenario,
} from './scenarios.mjs';
import { dashboardOpenScenario, openSection } from './dashboard-scenarios.mjs';
import { OTHER_SECTIONS, USERS } from './sections.mjs';
import {
  bulkDeactivateScenario,
  editScenario,
  groupChangeScenario,
  restoreActive,
  restoreGroup,
  restoreRules,
  ruleScenario,
} from './write-scenarios.mjs';
import { TimeoutError, withTimeout } from './stats.mjs';
import { backupScenario, csvImportScenario } from './csv-scenarios.mjs';
import { activityScenario } from './activity-scenario.mjs';
import { tenantScenarios } from './tenant-scenarios.mjs';

/**
 * @typedef {import('./step.mjs').Step} Step
 * @typedef {import('./step.mjs').Plan} Plan
 * @typedef {Omit<Step, 'signal'>} Run  the size's run; each step sees it with its own signal
 */

/** Where the benchmark opens the app: the Users section. */
const USERS_CONSOLE = '#/users';

/** @param {string} message */
function log(message) {
  console.error(`bench: ${message}`);
}

/**
 * Gets the page usable again after a scenario ran over or threw: reload it, or restart the
 * browser on the same profile if the page does not answer. If even that fails, the next
 * scenario fails too and tries again; the run always goes on to the end.
 * @param {Run} run
 * @param {string} url
 */
async function recover(run, url) {
  try {
    await run.session.page.reload({ waitUntil: 'load', timeout: 60_000 });
    await waitForRoster(run.session.page, 60_000);
    return;
  } catch {
    log('the page does not answer; restarting the browser on the same profile');
  }
  try {
    await run.session.close(true);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the old browser let go of the profile
    run.session = await openSession(url, { profileDir: run.session.profileDir });
  } catch (error) {
    log(`could not restart the browser: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/**
 * How far the import got before it was stopped (read from the page, if it answers).
 * @param {Run} run
 * @returns {Promise<Record<string, unknown>>}
 */
async function importProgress(run) {
  try {
    const done = await withTimeout(
      run.session.page.evaluate(() => /** @type {any} */ (window).__benchProgress?.done),
      30_000,
    );
    return typeof done === 'number' ? { importedBeforeStop: done } : {};
  } catch {
    return {};
  }
}

/**
 * Runs one step within the time limit. On a timeout or an error, stops it, emits a row for
 * each of `names` saying so (with what `describe` adds), recovers the page and returns false.
 * @param {Run} run
 * @param {string} url
 * @param {string[]} names
 * @param {(step: Step) => Promise<unknown>} work
 * @param {() => Promise<Record<string, unknown>>} [describe]
 * @returns {Promise<boolean>}
 */
async function guarded(run, url, names, work, describe) {
  log(`n=${run.n.toLocaleString('en-US')}: ${names[0]}`);
  const controller = new AbortController();
  const { signal } = controller;
  /** @type {Step} */
  const step = { ...run, signal, emit: (row) => signal.aborted || run.emit(row) };
  const started = Date.now();
  const running = work(step);
  try {
    await withTimeout(running, run.timeoutMs);
    return true;
  } catch (error) {
    controller.abort();
    running.catch(() => {}); // it fails on its next call into the page; nobody waits for it
    const timedOut = error instanceof TimeoutError;
    if (!timedOut) log(`${names[0]} failed: ${error instanceof Error ? error.stack : String(error)}`);
    const extra = { elapsedMs: Date.now() - started, ...(describe ? await describe() : {}) };
    for (const name of names) run.emit(failedRow(name, run.n, error, timedOut, extra));
    await recover(run, url);
    return false;
  }
}

/**
 * The page's JS heap once it has gone quiet, or undefined if it cannot be measured in time.
 * @param {Run} run
 */
async function heapWhenQuiet(run) {
  try {
    return await withTimeout(
      (async () => {
        await run.session.page.evaluate((ms) => /** @type {any} */ (window).__bench.quiet(ms), 60_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return measureHeap(run.session);
      })(),
      Math.min(run.timeoutMs, 120_000),
    );
  } catch (error) {
    log(`could not measure the heap: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * What a failed row of a section's scenario says besides the failure: the section.
 * @param {{ name: string }} section
 * @returns {() => Promise<Record<string, unknown>>}
 */
function inSection(section) {
  return async () => ({ section: section.name });
}

/**
 * The memory row of a section, measured now (once the page is quiet) and compared with
 * `opened`, the heap when the section had just opened.
 * @param {Run} run
 * @param {string} section
 * @param {{ usedMB: number, workers: number } | undefined} opened
 */
async function memoryOf(run, section, opened) {
  const after = await heapWhenQuiet(run);
  if (after) memoryRow({ ...run, signal: new AbortController().signal }, section, opened, after);
  else run.emit({ ...failedRow('memory', run.n, 'the heap could not be measured', false), section });
}

/**
 * The write scenarios and the memory row with one section open (opened as a link opens it).
 * @param {Run} run
 * @param {(names: string[], work: (step: Step) => Promise<unknown>,
 *   describe?: () => Promise<Record<string, unknown>>) => Promise<boolean>} step
 * @param {import('./sections.mjs').Section} section
 */
async function sectionScenarios(run, step, section) {
  const describe = inSection(section);
  if (!(await step([`open-${section.name}`], (s) => openSection(s, section), describe))) return;
  const opened = await heapWhenQuiet(run);
  await step(['edit-user'], (s) => editScenario(s, section), describe);
  await step(['usage-rule-add-domain'], (s) => ruleScenario(s, section, 'add-domain'), describe);
  await step(['restore-rules'], restoreRules);
  await step(['group-change'], (s) => groupChangeScenario(s, section), describe);
  await step(['restore-group'], restoreGroup);
  await step(['bulk-deactivate'], (s) => bulkDeactivateScenario(s, section), describe);
  if (run.state.pendingReactivation) await step(['restore-active'], restoreActive);
  await memoryOf(run, section.name, opened);
}

/**
 * Runs every scenario for `n` users.
 * @param {object} options
 * @param {string} options.url          the served app
 * @param {number} options.n
 * @param {Plan} options.plan
 * @param {number} options.timeoutMs    per scenario
 * @param {number} options.budgetMs     per scenario, for repeated runs
 * @param {(row: import('./report.mjs').Row) => void} options.emit
 * @param {(browserVersion: string) => void} options.onBrowser
 */
export async function runSize({ url: appUrl, n, plan, timeoutMs, budgetMs, emit, onBrowser }) {
  // The users console (the app starts on its dashboard): the users table and the counts of
  // the selected environment, which the reload waits for and the write scenarios watch.
  const url = new URL(USERS_CONSOLE, appUrl).href;
  const session = await openSession(url);
  onBrowser(session.browserVersion);
  /** @type {import('./step.mjs').State} */
  const state = {
    environments: [],
    mainId: '',
    mainTotal: 0,
    usage: [],
    popularDomain: '',
    rawChars: 0,
    baselines: {},
  };
  // After a stopped import, every row says how many users were actually there.
  const emitRow = (/** @type {import('./report.mjs').Row} */ row) =>
    emit(
      state.stored !== undefined && state.stored !== n && row.scenario !== 'import'
        ? { ...row, usersStored: state.stored }
        : row,
    );
  /** @type {Run} */
  const run = { session, n, plan, timeoutMs, budgetMs, emit: emitRow, state };
  /**
   * @type {(names: string[], work: (step: Step) => Promise<unknown>,
   *   describe?: () => Promise<Record<string, unknown>>) => Promise<boolean>}
   */
  const step = (names, work, describe) => guarded(run, url, names, work, describe);
  try {
    // First, on the empty database: a CSV file of N users brought in (its environment is deleted again).
    await step(
      [
        'csv-import-dry-run',
        'csv-import-cancel',
        'csv-import',
        'csv-import-longest-task',
        'csv-import-heap',
        'csv-import-progress',
      ],
      csvImportScenario,
    );
    log(`n=${n.toLocaleString('en-US')}: setting up environments, groups, roles and generating users`);
    await withTimeout(setUp({ ...run, signal: new AbortController().signal }), timeoutMs);
    if (!(await step(['import', 'import-longest-task'], importScenario, () => importProgress(run))))
      await step(['census'], recount);
    await step(['memberships'], addMemberships);
    await step(['baselines'], measureBaselines);
    await step(['reload'], reloadScenario);
    const afterLoad = await heapWhenQuiet(run);
    // The Users section, open since the reload: its rows keep the names of earlier results.
    await step(['usage-rule-add-domain'], (s) => ruleScenario(s, USERS, 'add-domain'), inSection(USERS));
    await step(['usage-rule-all-internal'], (s) => ruleScenario(s, USERS, 'all-internal'), inSection(USERS));
    await step(['restore-rules'], restoreRules);
    await step(['edit-user'], (s) => editScenario(s, USERS), inSection(USERS));
    await step(['group-change'], (s) => groupChangeScenario(s, USERS), inSection(USERS));
    await step(['restore-group'], restoreGroup);
    await step(['list-first-page'], (s) => listScenario(s, 'first'));
    await step(['list-deep-page'], (s) => listScenario(s, 'deep'));
    await step(['list-search'], searchScenario);
    await step(['list-filter-class'], (s) => listScenario(s, 'filter'));
    await step(['list-sort-last-login'], (s) => listScenario(s, 'sort'));
    await step(['select-all'], selectAllScenario);
    await step(['bulk-deactivate'], (s) => bulkDeactivateScenario(s, USERS), inSection(USERS));
    if (state.pendingReactivation) await step(['restore-active'], restoreActive);
    await step(['group-members'], groupMembersScenario);
    await step(['tenant-usage', 'tenant-list', 'tenant-list-external', 'tenant-rule-change'], tenantScenarios);
    await memoryOf(run, USERS.name, afterLoad);
    // The same writes with each other section open.
    for (const section of OTHER_SECTIONS) await sectionScenarios(run, step, section);
    await step(['dashboard-open'], dashboardOpenScenario, inSection({ name: 'dashboard' }));
    // Back to the Users section, where the backup and restore were always measured.
    await step(['open-users'], (s) => openSection(s, USERS));
    // Last: the restore replaces the whole database (with the same data) and reloads the index.
    await step(['backup', 'restore'], backupScenario);
    // After the restore: the log grows to N entries, which the backup would otherwise carry.
    await step(
      ['activity-open', 'activity-filter', 'activity-scroll'],
      activityScenario,
      inSection({ name: 'activity' }),
    );
  } finally {
    await run.session.close();
  }
}
