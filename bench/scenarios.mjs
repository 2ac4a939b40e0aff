// The scenarios measured on the imported users, driven from Node: each calls the in-page
// drivers (page-scenarios.mjs), checks what came back (checks.mjs) and emits its row with
// the raw baseline measured earlier in the same page (prepare.mjs, raw-baseline.mjs).
import { waitForRoster } from './browser.mjs';
import {
  checkClassFilter,
  checkDeactivation,
  checkEdit,
  checkGroupMembers,
  checkPage,
  checkReactivation,
  checkRuleChange,
  checkSearch,
  checkSelectAll,
  checkSortedByLastLogin,
} from './checks.mjs';
import { ENVIRONMENTS, MAIN_ENVIRONMENT } from './dataset.mjs';
import { makeRow } from './report.mjs';
import { median, repeat, round } from './stats.mjs';
import { RAW_BATCH, SEARCH_TERMS, deepOffset, invoke, mainRow, uiTimeout } from './step.mjs';

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

/** The main environment's rules as the benchmark sets them up. */
function originalRules() {
  return /** @type {{ rules: { mode: string, domains: unknown[] } }} */ (
    ENVIRONMENTS.find((e) => e.name === MAIN_ENVIRONMENT)
  ).rules;
}

/**
 * Puts the main environment's rules back, in case a rule scenario was stopped half-way.
 * @param {Step} run
 */
export async function restoreRules(run) {
  await invoke(run, 'setRules', run.state.mainId, originalRules());
}

/**
 * Usage after rule changes on the main environment, each followed by the change back:
 * adding the most common external company domain, and switching to all-internal.
 * @param {Step} run
 * @param {'add-domain' | 'all-internal'} kind
 */
export async function ruleScenario(run, kind) {
  const original = originalRules();
  const changed =
    kind === 'add-domain'
      ? { mode: 'domains', domains: [...original.domains, run.state.popularDomain] }
      : { mode: 'all-internal' };
  const before = run.state.usage;
  /** @type {string[]} */
  const problems = [];
  /** @type {(number | null)[]} */
  const ui = [];
  const pairs = await repeat(run.plan.ruleReps, run.budgetMs, async () => {
    const there = await invoke(run, 'changeRules', run.state.mainId, changed, uiTimeout(run));
    problems.push(
      ...checkRuleChange(
        before,
        there.usage,
        run.state.mainId,
        kind === 'add-domain' ? 'more-internal' : 'all-internal',
      ),
    );
    const back = await invoke(run, 'changeRules', run.state.mainId, original, uiTimeout(run));
    problems.push(...checkRuleChange(before, back.usage, run.state.mainId, 'same-as-before'));
    ui.push(there.uiMs, back.uiMs);
    return [there.ms, back.ms];
  });
  const shown = /** @type {number[]} */ (ui.filter((v) => v !== null));
  run.emit(
    makeRow({
      scenario: kind === 'add-domain' ? 'usage-rule-add-domain' : 'usage-rule-all-internal',
      n: run.n,
      runs: pairs.flat(),
      baseline: run.state.baselines?.rules,
      baselineWhat: 'classify and count all N users again in plain JS over an in-memory array',
      extra: {
        change:
          kind === 'add-domain'
            ? `add ${run.state.popularDomain} (${mainRow(run, before).name}), then remove it`
            : 'all-internal on, then off',
        uiMs: shown.length ? median(shown) : null,
        ...(shown.length < ui.length ? { uiNotShown: ui.length - shown.length } : {}),
      },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * One user renamed (the first row of the console's table), persisted, with usage read.
 * @param {Step} run
 */
export async function editScenario(run) {
  const [target] = (await invoke(run, 'listOnce', { environmentId: run.state.mainId, limit: 1 })).items;
  /** @type {string[]} */
  const problems = [];
  /** @type {(number | null)[]} */
  const ui = [];
  const runs = await repeat(run.plan.edit, run.budgetMs, async (i) => {
    const name = `Bench Edit ${i + 1}`;
    const result = await invoke(run, 'editUser', target.id, target.username, name, uiTimeout(run));
    problems.push(...checkEdit(result, name, run.state.usage));
    ui.push(result.uiMs);
    return result.ms;
  });
  const shown = /** @type {number[]} */ (ui.filter((v) => v !== null));
  run.emit(
    makeRow({
      scenario: 'edit-user',
      n: run.n,
      runs,
      baseline: run.state.baselines?.edit,
      baselineWhat:
        `rename one user in its batch of ${RAW_BATCH}, JSON-encode the batch and put it in its own ` + 'transaction',
      extra: {
        uiMs: shown.length ? median(shown) : null,
        ...(shown.length < ui.length ? { uiNotShown: ui.length - shown.length } : {}),
      },
      problems: [...new Set(problems)],
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

/** @param {Step} run */
function bulkQuery(run) {
  return { environmentId: run.state.mainId, class: 'external' };
}

/**
 * Bulk deactivation: every external user of the main environment (the select-all ids)
 * deactivated with setActiveMany, then usage read (timed together, long tasks recorded);
 * then reactivated (timed on its own: `restoreMs`).
 * @param {Step} run
 */
export async function bulkDeactivateScenario(run) {
  const ids = /** @type {string[]} */ (await invoke(run, 'ensureSelection', bulkQuery(run)));
  const before = run.state.usage;
  /** @type {string[]} */
  const problems = [];
  /**
   * @type {{
   *   setMs: number, usageMs: number, uiMs: number | null,
   *   longTasks: { maxMs: number, count: number, totalMs: number }
   * }[]}
   */
  const deactivations = [];
  /** @type {{ ms: number, longTasks: { maxMs: number } }[]} */
  const restores = [];
  const runs = await repeat(run.plan.bulk, run.budgetMs, async () => {
    run.state.pendingReactivation = ids;
    const off = await invoke(run, 'bulkSetActive', false, run.state.mainId, uiTimeout(run));
    problems.push(...checkDeactivation(off, ids.length, before, run.state.mainId));
    const on = await invoke(run, 'bulkSetActive', true, run.state.mainId, uiTimeout(run));
    problems.push(...checkReactivation(on, ids.length, before));
    if (on.changed === ids.length) run.state.pendingReactivation = undefined;
    deactivations.push(off);
    restores.push(on);
    return off.ms;
  });
  const shown = /** @type {number[]} */ (deactivations.map((d) => d.uiMs).filter((v) => v !== null));
  const longest = Math.max(...deactivations.map((d) => d.longTasks.maxMs));
  run.emit(
    makeRow({
      scenario: 'bulk-deactivate',
      n: run.n,
      runs,
      baseline: run.state.baselines?.bulk,
      baselineWhat:
        `set the same users inactive, JSON-encode every batch of ${RAW_BATCH} holding one ` +
        'and put them in one transaction',
      extra: {
        users: ids.length,
        setActiveManyMs: round(median(deactivations.map((d) => d.setMs))),
        usageMs: round(median(deactivations.map((d) => d.usageMs))),
        uiMs: shown.length ? round(median(shown)) : null,
        ...(shown.length < deactivations.length ? { uiNotShown: deactivations.length - shown.length } : {}),
        longestTaskMs: round(longest),
        longTasks: median(deactivations.map((d) => d.longTasks.count)),
        longTasksTotalMs: Math.round(median(deactivations.map((d) => d.longTasks.totalMs))),
        restoreMs: round(median(restores.map((r) => r.ms))),
        restoreRuns: restores.map((r) => Math.round(r.ms)),
        restoreLongestTaskMs: round(Math.max(...restores.map((r) => r.longTasks.maxMs))),
        ...(run.state.baselines?.bulkUsers === undefined
          ? {}
          : { baselineUsers: run.state.baselines.bulkUsers, baselineBatches: run.state.baselines.bulkBatches }),
      },
      problems: [...new Set(problems)],
    }),
  );
}

/**
 * Reactivates the users of a bulk deactivation that was stopped before it put them back.
 * @param {Step} run
 */
export async function restoreActive(run) {
  const ids = run.state.pendingReactivation;
  if (!ids) return;
  await invoke(run, 'setActiveMany', ids, true);
  run.state.pendingReactivation = undefined;
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
 * The memory row: the JS heap after loading the app on N users, and after the scenarios.
 * @param {Step} run
 * @param {{ usedMB: number, workers: number } | undefined} afterLoad
 * @param {{ usedMB: number, workers: number }} afterScenarios
 */
export function memoryRow(run, afterLoad, afterScenarios) {
  const values = [afterLoad?.usedMB, afterScenarios.usedMB].filter((v) => v !== undefined);
  const problems = values.some((v) => !(v > 0.5 && v < 65_536))
    ? [`implausible heap size ${values.join(', ')} MB`]
    : [];
  run.emit(
    makeRow({
      scenario: 'memory',
      n: run.n,
      runs: [],
      value: Math.max(...values),
      baseline: run.state.rawChars ? run.state.rawChars / 2 ** 20 : undefined,
      baselineWhat: 'size of the N users as JSON text',
      extra: {
        afterReloadMB: afterLoad ? Math.round(afterLoad.usedMB * 10) / 10 : null,
        afterScenariosMB: Math.round(afterScenarios.usedMB * 10) / 10,
        workers: afterScenarios.workers,
        note: 'page heap after a forced GC, in MiB; dedicated workers not included',
      },
      problems,
    }),
  );
}
