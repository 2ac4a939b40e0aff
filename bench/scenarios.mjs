// The scenarios measured on the imported users, driven from Node: each calls the in-page
// drivers (page-scenarios.mjs), checks what came back (checks.mjs) and emits its row with
// the raw baseline measured earlier in the same page (prepare.mjs, raw-baseline.mjs).
import { waitForRoster } from './browser.mjs';
import {
  checkClassFilter,
  checkGroupMembers,
  checkPage,
  checkSearch,
  checkSelectAll,
  checkSortedByLastLogin,
} from './checks.mjs';
import { makeRow } from './report.mjs';
import { median, repeat, round } from './stats.mjs';
import { SEARCH_TERMS, bulkQuery, deepOffset, invoke, mainRow } from './step.mjs';

/**
 * @typedef {import('./step.mjs').Step} Step
 * @typedef {import('./step.mjs').UsageRow} UsageRow
 */

/**
 * Reload: from navigation start until the first users row and the counts are in the DOM,
 * with the console on the main environment; and until a page deep in the list, asked for
 * as soon as the rows show, has come back (the whole list usable).
 * @param {Step} run
 */
export async function reloadScenario(run) {
  const page = run.session.page;
  const deepQuery = { environmentId: run.state.mainId, offset: deepOffset(run), limit: 50 };
  await page.evaluate(
    ({ id, query }) => {
      localStorage.setItem('roster.environmentId', id);
      localStorage.setItem('roster.bench.fullListQuery', query);
    },
    { id: run.state.mainId, query: JSON.stringify(deepQuery) },
  );
  /** @type {{ domMs: number, frameMs: number, fullListMs: number, readyMs: number }[]} */
  const marks = await repeat(run.plan.reload, run.budgetMs, async () => {
    run.signal.throwIfAborted();
    await page.reload({ waitUntil: 'commit' });
    const ready = () => {
      const w = /** @type {any} */ (window);
      const mark = w.__benchReady;
      const hasReady = typeof w.roster?.ready === 'function';
      return mark?.frameMs && mark.fullListMs && (mark.readyMs || !hasReady) ? mark : undefined;
    };
    const handle = await page.waitForFunction(ready, undefined, { timeout: run.timeoutMs, polling: 50 });
    const mark = await handle.jsonValue();
    await waitForRoster(page);
    await invoke(run, 'settle');
    return mark;
  });
  await page.evaluate(() => localStorage.removeItem('roster.bench.fullListQuery'));
  run.emit(
    makeRow({
      scenario: 'reload',
      n: run.n,
      runs: marks.map((m) => m.domMs),
      baseline: run.state.baselines?.reload,
      baselineWhat: 'open the raw store, read all N users back and JSON.parse them',
      extra: {
        nextFrameMs: median(marks.map((m) => m.frameMs)),
        deepPageReadyMs: median(marks.map((m) => m.fullListMs)),
        ...(marks.some((m) => m.readyMs > 0) ? { apiReadyMs: median(marks.map((m) => m.readyMs)) } : {}),
        deepPageTarget: run.n > 100_000 ? 6000 : undefined,
      },
      problems: marks.some((m) => m.fullListMs < 0) ? ['the deep-page list call after the reload failed'] : [],
    }),
  );
}

/**
 * The list scenarios on the main environment: first page, deep page, search as you type,
 * filter by class, sort by last login.
 * @param {Step} run
 * @param {'first' | 'deep' | 'filter' | 'sort'} kind
 */
export async function listScenario(run, kind) {
  const environmentId = run.state.mainId;
  const external = mainRow(run, run.state.usage).external;
  const cases = {
    first: {
      scenario: 'list-first-page',
      query: { environmentId, limit: 50 },
      check: (/** @type {any} */ p) => checkPage(p, { limit: 50, total: run.state.mainTotal }),
    },
    deep: {
      scenario: 'list-deep-page',
      query: { environmentId, offset: deepOffset(run), limit: 50 },
      check: (/** @type {any} */ p) => checkPage(p, { offset: deepOffset(run), limit: 50, total: run.state.mainTotal }),
    },
    filter: {
      scenario: 'list-filter-class',
      query: { environmentId, class: 'external', limit: 50 },
      check: (/** @type {any} */ p) => checkClassFilter(p, 'external', external),
    },
    sort: {
      scenario: 'list-sort-last-login',
      query: { environmentId, sort: 'lastLogin', order: 'desc', limit: 50 },
      check: (/** @type {any} */ p) => checkSortedByLastLogin(p, run.state.mainTotal),
    },
  };
  const { scenario, query, check } = cases[kind];
  /** @type {string[]} */
  const problems = [];
  let total = 0;
  const runs = await repeat(run.plan.list, run.budgetMs, async () => {
    const page = await invoke(run, 'listOnce', query);
    problems.push(...check(page));
    total = page.total;
    return page.ms;
  });
  const { environmentId: _id, ...shown } = query;
  run.emit(
    makeRow({
      scenario,
      n: run.n,
      runs,
      baseline: run.state.baselines?.[kind],
      baselineWhat: 'the same filter, locale sort and page in plain JS over an in-memory array (no index)',
      extra: { query: shown, total },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * Search as you type: "a", "an", "ann" one after the other; reports the slowest keystroke.
 * @param {Step} run
 */
export async function searchScenario(run) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Record<string, number[]>} */
  const perTerm = Object.fromEntries(SEARCH_TERMS.map((t) => [t, []]));
  /** @type {Record<string, number>} */
  const totals = {};
  const runs = await repeat(run.plan.list, run.budgetMs, async () => {
    const steps = await invoke(run, 'searchAsYouType', run.state.mainId, SEARCH_TERMS);
    problems.push(...checkSearch(steps));
    for (const step of steps) {
      perTerm[step.search]?.push(step.ms);
      totals[step.search] = step.total;
    }
    return Math.max(...steps.map((/** @type {{ ms: number }} */ s) => s.ms));
  });
  const keystrokes = Object.fromEntries(
    Object.entries(perTerm).map(([term, times]) => [term, Math.round(median(times) * 10) / 10]),
  );
  run.emit(
    makeRow({
      scenario: 'list-search',
      n: run.n,
      runs,
      baseline: run.state.baselines?.search,
      baselineWhat: 'the slowest of the same three searches in plain JS over an in-memory array (no index)',
      extra: { keystrokesMs: keystrokes, medianKeystrokeMs: median(Object.values(perTerm).flat()), totals },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * The "select all N matching" of the console: the ids of the main environment's external
 * users, from one listIds call.
 * @param {Step} run
 */
export async function selectAllScenario(run) {
  const query = bulkQuery(run);
  const external = mainRow(run, run.state.usage).external;
  /** @type {string[]} */
  const problems = [];
  let count = 0;
  const runs = await repeat(run.plan.list, run.budgetMs, async () => {
    const selected = await invoke(run, 'selectAll', query);
    problems.push(...checkSelectAll(selected, external));
    count = selected.count;
    return selected.ms;
  });
  run.emit(
    makeRow({
      scenario: 'select-all',
      n: run.n,
      runs,
      baseline: run.state.baselines?.filter,
      baselineWhat: 'the same filter and locale sort of every match in plain JS over an in-memory array (no index)',
      extra: { query: { class: query.class }, ids: count },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * A group's members (the main environment's biggest group) and the environment's groups
 * with their member counts: `ms` is the members call, `listMs` the groups.list call.
 * @param {Step} run
 */
export async function groupMembersScenario(run) {
  /** @type {string[]} */
  const problems = [];
  /** @type {number[]} */
  const lists = [];
  /** @type {{ name: string, memberCount: number } | undefined} */
  let group;
  let groups = 0;
  const runs = await repeat(run.plan.list, run.budgetMs, async () => {
    const result = await invoke(run, 'groupMembers', run.state.mainId);
    problems.push(...checkGroupMembers(result, run.state.mainId));
    lists.push(result.listMs);
    group = result.group;
    groups = result.groups.length;
    return result.membersMs;
  });
  run.emit(
    makeRow({
      scenario: 'group-members',
      n: run.n,
      runs,
      extra: {
        group: group?.name,
        members: group?.memberCount,
        listMs: round(median(lists)),
        listRuns: lists.map(round),
        groups,
      },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * The memory row of a section: the JS heap with that section open, when it had opened (for
 * the Users section: after the reloads) and after the scenarios run with it; `mb` is the larger.
 * @param {Step} run
 * @param {string} section
 * @param {{ usedMB: number, workers: number } | undefined} opened
 * @param {{ usedMB: number, workers: number }} afterScenarios
 */
export function memoryRow(run, section, opened, afterScenarios) {
  const values = [opened?.usedMB, afterScenarios.usedMB].filter((v) => v !== undefined);
  const problems = values.some((v) => !(v > 0.5 && v < 65_536))
    ? [`implausible heap size ${values.join(', ')} MB`]
    : [];
  const mb = (/** @type {number} */ v) => Math.round(v * 10) / 10;
  run.emit(
    makeRow({
      scenario: 'memory',
      n: run.n,
      runs: [],
      value: Math.max(...values),
      baseline: run.state.rawChars ? run.state.rawChars / 2 ** 20 : undefined,
      baselineWhat: 'size of the N users as JSON text',
      extra: {
        section,
        [section === 'users' ? 'afterReloadMB' : 'afterOpenMB']: opened ? mb(opened.usedMB) : null,
        afterScenariosMB: mb(afterScenarios.usedMB),
        workers: afterScenarios.workers,
        note: 'page heap after a forced GC, in MiB; dedicated workers not included',
      },
      problems,
    }),
  );
}
