// The dashboard opened, until every number, banner and chart is shown (watchDashboard in
// page-sections.mjs): cold, a reload with the dashboard as the URL, timed from navigation
// start; and warm, from the Users section by changing location.hash, as a link does.
import { waitForRoster } from './browser.mjs';
import { checkDashboard } from './checks.mjs';
import { makeRow } from './report.mjs';
import { DASHBOARD, USERS } from './sections.mjs';
import { median, repeat, round } from './stats.mjs';
import { invoke, uiTimeout } from './step.mjs';
import { afterSnapshot, sectionBudget } from './write-scenarios.mjs';

/**
 * @typedef {import('./step.mjs').Step} Step
 * @typedef {{ limits: number, environments: number, charts: number }} Expected
 * @typedef {{ ms: number | null, parts: Record<string, number>, missing: string[] }} Opened
 */

/** localStorage key that starts the dashboard watcher at document start (watchDashboardOnLoad). */
const WATCH_KEY = 'roster.bench.dashboardWatch';

/**
 * Opens a section (the hash, as a link does) and waits until it is shown and quiet.
 * @param {Step} run
 * @param {import('./sections.mjs').Section} section
 */
export async function openSection(run, section) {
  const t = run.state.targets;
  if (!t) throw new Error('the users, group and role the write scenarios change were not chosen');
  const opened = await invoke(run, 'openSection', section.hash(t), section.ready, uiTimeout(run));
  if (opened.missing.length) throw new Error(`the ${section.name} section did not show ${opened.missing.join(', ')}`);
}

/**
 * One cold open: the dashboard's URL reloaded, until everything is shown (ms since
 * navigation start), then until the page is quiet.
 * @param {Step} run
 * @returns {Promise<Opened>}
 */
async function openCold(run) {
  const page = run.session.page;
  run.signal.throwIfAborted();
  await page.reload({ waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => /** @type {any} */ (window).__benchDashboard, undefined, {
    timeout: run.timeoutMs,
    polling: 50,
  });
  const opened = /** @type {Opened} */ (await handle.jsonValue());
  await waitForRoster(page);
  await invoke(run, 'quiet', uiTimeout(run));
  return opened;
}

/**
 * One warm open, from the Users section.
 * @param {Step} run
 * @param {Expected} expected
 * @returns {Promise<Opened & { longTasks: { maxMs: number } }>}
 */
async function openWarm(run, expected) {
  await openSection(run, USERS);
  return invoke(run, 'openDashboardWarm', expected, uiTimeout(run));
}

/**
 * The dashboard-open scenario: warm opens first, then cold ones; a row for each. Every open
 * is checked: the numbers, cards and banners shown are the usage report's.
 * @param {Step} run
 */
export async function dashboardOpenScenario(run) {
  await afterSnapshot(run);
  const expected = /** @type {Expected} */ (await invoke(run, 'dashboardExpected'));
  /** @type {string[]} */
  const warmProblems = [];
  /** @type {Opened[]} */
  const warm = [];
  await repeat(run.plan.dashboardOpen, sectionBudget(run), async () => {
    const opened = await openWarm(run, expected);
    warmProblems.push(...checkDashboard(await invoke(run, 'dashboardReadBack')));
    warm.push(opened);
  });
  const longest = Math.max(...warm.map((o) => /** @type {any} */ (o).longTasks.maxMs));
  emitOpen(run, 'warm', expected, warm, warmProblems, { longestTaskMs: round(longest) });

  await openSection(run, DASHBOARD);
  const page = run.session.page;
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [WATCH_KEY, JSON.stringify(expected)]);
  /** @type {string[]} */
  const coldProblems = [];
  /** @type {Opened[]} */
  const cold = [];
  try {
    await repeat(run.plan.dashboardOpen, sectionBudget(run), async () => {
      cold.push(await openCold(run));
      coldProblems.push(...checkDashboard(await invoke(run, 'dashboardReadBack')));
    });
  } finally {
    await page.evaluate((key) => localStorage.removeItem(key), WATCH_KEY);
  }
  emitOpen(run, 'cold', expected, cold, coldProblems, {});
}

/**
 * The row of the cold or the warm opens.
 * @param {Step} run
 * @param {'cold' | 'warm'} start
 * @param {Expected} expected
 * @param {Opened[]} opens
 * @param {string[]} problems
 * @param {Record<string, unknown>} extra
 */
function emitOpen(run, start, expected, opens, problems, extra) {
  const shown = /** @type {number[]} */ (opens.map((o) => o.ms).filter((ms) => ms !== null));
  const missing = [...new Set(opens.flatMap((o) => o.missing))];
  const parts = Object.fromEntries(
    ['banners', 'totals', 'cards', 'charts', 'dormant'].map((name) => {
      const times = /** @type {number[]} */ (opens.map((o) => o.parts[name]).filter((t) => t !== undefined));
      return [name, times.length ? round(median(times)) : null];
    }),
  );
  run.emit(
    makeRow({
      scenario: 'dashboard-open',
      n: run.n,
      runs: shown,
      extra: {
        section: 'dashboard',
        start,
        from: start === 'cold' ? 'navigation start of a reload of #/dashboard' : 'location.hash set, from #/users',
        partsMs: parts,
        expected,
        ...(missing.length ? { notShown: missing, notShownRuns: opens.length - shown.length } : {}),
        ...extra,
      },
      problems: [
        ...new Set([...problems, ...(missing.length ? [`the dashboard never showed: ${missing.join(', ')}`] : [])]),
      ],
    }),
  );
}
