// The write scenarios, each run with one section of the console open (sections.mjs): a
// rename, a rule change, a group change and a bulk deactivation. Every row says which
// section (`section`), the API time (`ms`: the call and usage() resolved), when the section
// showed the change (`uiMs`, `uiWhat`) and the longest main-thread task from the call until
// the page was quiet (`longestTaskMs`); the Users section's rows keep the names of earlier
// results. The in-page driver is writeInSection (page-sections.mjs).
import {
  checkDeactivation,
  checkEdit,
  checkGroupChange,
  checkReactivation,
  checkRuleChange,
  checkShown,
} from './checks.mjs';
import { ENVIRONMENTS, MAIN_ENVIRONMENT } from './dataset.mjs';
import { makeRow } from './report.mjs';
import { median, repeat, round } from './stats.mjs';
import { RAW_BATCH, bulkQuery, invoke, mainRow, uiTimeout } from './step.mjs';

/**
 * @typedef {import('./step.mjs').Step} Step
 * @typedef {import('./sections.mjs').Section} Section
 * @typedef {import('./sections.mjs').Targets} Targets
 * @typedef {import('./page-sections.mjs').Probe} Probe
 * @typedef {import('./page-sections.mjs').Write} Write
 * @typedef {{
 *   ms: number, writeMs: number, usageMs: number, uiMs: number | null, quietMs: number | null,
 *   expected: unknown[] | null, shownAfter: unknown[] | null,
 *   longTasks: { maxMs: number, count: number, totalMs: number },
 *   usage: import('./step.mjs').UsageRow[],
 *   returnedName?: string, storedName?: string, changed?: number, members?: string[]
 * }} WriteResult
 */

/** How many users the group change takes out of the group and back. */
export const GROUP_CHANGE_USERS = 10;

/**
 * The console records the day's usage snapshot 3 s after the counts last changed
 * (src/app/history-recorder.ts), and the dashboard then reads the history again: after a
 * scenario that changed the counts, the next one waits that out (plan.snapshotWaitMs) rather
 * than time it as its own.
 * @param {Step} run
 */
export async function afterSnapshot(run) {
  const left = (run.state.countsChangedAt ?? 0) + run.plan.snapshotWaitMs - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/**
 * Runs in a section other than Users are capped (and get a third of the time budget): the
 * sections multiply the write scenarios by five, and a 1M run should grow by minutes only.
 * @param {Step} run
 * @param {Section} section
 * @param {number} runs  the Users section's number
 */
function runsIn(run, section, runs) {
  return section.name === 'users' ? runs : Math.min(runs, run.plan.sectionRuns);
}

/**
 * @param {Step} run
 * @param {Section} section
 */
function budgetIn(run, section) {
  return section.name === 'users' ? run.budgetMs : sectionBudget(run);
}

/**
 * The time budget of a repeated scenario in a section other than Users (and of each half of
 * dashboard-open): a third of the usual.
 * @param {Step} run
 */
export function sectionBudget(run) {
  return run.budgetMs / 3;
}

/**
 * @param {Step} run
 * @returns {Targets}
 */
function targets(run) {
  const chosen = run.state.targets;
  if (!chosen) throw new Error('the users, group and role the write scenarios change were not chosen');
  return chosen;
}

/**
 * One write with the section open (see writeInSection).
 * @param {Step} run
 * @param {Write} write
 * @param {Probe | null} probe
 * @returns {Promise<WriteResult>}
 */
function measureWrite(run, write, probe) {
  return invoke(run, 'writeInSection', write, probe, uiTimeout(run));
}

/**
 * The fields every write row has beside `ms`: the section, when it showed the change (median;
 * how many runs it never did), the longest task (the worst run) and how many long tasks.
 * @param {Section} section
 * @param {Probe | null} probe  any of the runs' probes (they say the same `what`)
 * @param {WriteResult[]} results
 */
function sectionFields(section, probe, results) {
  const shown = /** @type {number[]} */ (results.map((r) => r.uiMs).filter((v) => v !== null));
  const quiet = /** @type {number[]} */ (results.map((r) => r.quietMs).filter((v) => v !== null));
  return {
    section: section.name,
    uiMs: shown.length ? round(median(shown)) : null,
    uiWhat: probe ? probe.what : 'quiet',
    uiRuns: results.map((r) => (r.uiMs === null ? null : round(r.uiMs))),
    ...(shown.length < results.length ? { uiNotShown: results.length - shown.length } : {}),
    quietMs: quiet.length ? round(median(quiet)) : null,
    // Where `ms` goes: the call itself, then usage() (which may wait behind the section's reads).
    writeMs: round(median(results.map((r) => r.writeMs))),
    usageMs: round(median(results.map((r) => r.usageMs))),
    longestTaskMs: round(Math.max(...results.map((r) => r.longTasks.maxMs))),
    longTasks: median(results.map((r) => r.longTasks.count)),
  };
}

/**
 * What a section showed after each write, against what the API says.
 * @param {Section} section
 * @param {WriteResult[]} results
 */
function shownProblems(section, results) {
  return results.flatMap((r) => checkShown(section.name, r));
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
 * adding the most common external company domain (every section), and switching to
 * all-internal (the Users section only).
 * @param {Step} run
 * @param {Section} section
 * @param {'add-domain' | 'all-internal'} kind
 */
export async function ruleScenario(run, section, kind) {
  const t = targets(run);
  await afterSnapshot(run);
  const original = originalRules();
  const changed =
    kind === 'add-domain'
      ? { mode: 'domains', domains: [...original.domains, run.state.popularDomain] }
      : { mode: 'all-internal' };
  const before = run.state.usage;
  /** @type {string[]} */
  const problems = [];
  /** @type {WriteResult[]} */
  const results = [];
  const write = (/** @type {any} */ rules) =>
    measureWrite(run, { kind: 'setRules', id: t.mainId, rules }, section.rules(t, rules.domains?.length ?? 0));
  const pairs = await repeat(runsIn(run, section, run.plan.ruleReps), budgetIn(run, section), async () => {
    const there = await write(changed);
    problems.push(
      ...checkRuleChange(before, there.usage, t.mainId, kind === 'add-domain' ? 'more-internal' : 'all-internal'),
    );
    const back = await write(original);
    problems.push(...checkRuleChange(before, back.usage, t.mainId, 'same-as-before'));
    results.push(there, back);
    run.state.countsChangedAt = Date.now();
    return [there.ms, back.ms];
  });
  run.emit(
    makeRow({
      scenario: kind === 'add-domain' ? 'usage-rule-add-domain' : 'usage-rule-all-internal',
      n: run.n,
      runs: pairs.flat(),
      baseline: run.state.baselines?.rules,
      baselineWhat: 'classify and count all N users again in plain JS over an in-memory array',
      extra: {
        ...sectionFields(section, section.rules(t, 0), results),
        change:
          kind === 'add-domain'
            ? `add ${run.state.popularDomain} (${mainRow(run, before).name}), then remove it`
            : 'all-internal on, then off',
      },
      problems: [...new Set([...problems, ...shownProblems(section, results)])],
    }),
  );
}

/**
 * One user renamed (active, a member of the group and a holder of the role: see Targets),
 * persisted, with usage read.
 * @param {Step} run
 * @param {Section} section
 */
export async function editScenario(run, section) {
  const t = targets(run);
  await afterSnapshot(run);
  /** @type {string[]} */
  const problems = [];
  /** @type {WriteResult[]} */
  const results = [];
  const runs = await repeat(runsIn(run, section, run.plan.edit), budgetIn(run, section), async (i) => {
    const name = `Bench Edit ${section.name} ${i + 1}`;
    const result = await measureWrite(run, { kind: 'rename', id: t.user.id, name }, section.rename(t, name));
    problems.push(...checkEdit(result, name, run.state.usage));
    results.push(result);
    return result.ms;
  });
  run.emit(
    makeRow({
      scenario: 'edit-user',
      n: run.n,
      runs,
      baseline: run.state.baselines?.edit,
      baselineWhat:
        `rename one user in its batch of ${RAW_BATCH}, JSON-encode the batch and put it in its own ` + 'transaction',
      extra: sectionFields(section, section.rename(t, ''), results),
      problems: [...new Set([...problems, ...shownProblems(section, results)])],
    }),
  );
}

/**
 * Puts the members the group change takes out back, in case it was stopped half-way.
 * @param {Step} run
 */
export async function restoreGroup(run) {
  const t = targets(run);
  await invoke(
    run,
    'addToGroup',
    t.groupId,
    t.leaving.map((u) => u.id),
  );
}

/**
 * A group change as a person makes it on the group's page: a selection of members removed
 * (the first GROUP_CHANGE_USERS by username, the Users section's first rows), then added
 * back; both are samples. The group is the one whose page is open, its role the role's.
 * @param {Step} run
 * @param {Section} section
 */
export async function groupChangeScenario(run, section) {
  const t = targets(run);
  await afterSnapshot(run);
  const ids = t.leaving.map((u) => u.id);
  const members = /** @type {string[]} */ (await invoke(run, 'groupMemberIds', t.groupId));
  const holders = await invoke(run, 'holderCounts', t.roleId, t.groupId, ids);
  const remaining = members.filter((id) => !ids.includes(id));
  const out = { members: remaining.length, holders: holders.withoutMembers, inGroup: false };
  const back = { members: members.length, holders: holders.total, inGroup: true };
  /** @type {string[]} */
  const problems = [];
  /** @type {WriteResult[]} */
  const results = [];
  const pairs = await repeat(runsIn(run, section, run.plan.groupReps), budgetIn(run, section), async () => {
    const removed = await measureWrite(run, { kind: 'removeMembers', id: t.groupId, ids }, section.group(t, out));
    problems.push(...checkGroupChange(removed, remaining, run.state.usage));
    const added = await measureWrite(run, { kind: 'addMembers', id: t.groupId, ids }, section.group(t, back));
    problems.push(...checkGroupChange(added, members, run.state.usage));
    results.push(removed, added);
    return [removed.ms, added.ms];
  });
  run.emit(
    makeRow({
      scenario: 'group-change',
      n: run.n,
      runs: pairs.flat(),
      extra: {
        ...sectionFields(section, section.group(t, back), results),
        change: `remove ${ids.length} of the ${members.length} members of ${t.groupName}, then add them back`,
      },
      problems: [...new Set([...problems, ...shownProblems(section, results)])],
    }),
  );
}

/**
 * Bulk deactivation: every external user of the main environment (the select-all ids)
 * deactivated with setActiveMany, then usage read; then reactivated (timed on its own:
 * `restoreMs`), which puts them back for the later scenarios.
 * @param {Step} run
 * @param {Section} section
 */
export async function bulkDeactivateScenario(run, section) {
  const t = targets(run);
  await afterSnapshot(run);
  const ids = /** @type {string[]} */ (await invoke(run, 'ensureSelection', bulkQuery(run)));
  const holders = await invoke(run, 'holderCounts', t.roleId, t.groupId, []);
  const before = run.state.usage;
  /** @type {string[]} */
  const problems = [];
  /** @type {WriteResult[]} */
  const deactivations = [];
  /** @type {WriteResult[]} */
  const restores = [];
  const runs = await repeat(runsIn(run, section, run.plan.bulk), budgetIn(run, section), async () => {
    run.state.pendingReactivation = ids;
    const off = await measureWrite(
      run,
      { kind: 'setActiveSelected', isActive: false },
      section.bulk(t, holders.withoutSelected),
    );
    problems.push(...checkDeactivation({ changed: off.changed ?? -1, usage: off.usage }, ids.length, before, t.mainId));
    const on = await measureWrite(run, { kind: 'setActiveSelected', isActive: true }, section.bulk(t, holders.total));
    problems.push(...checkReactivation({ changed: on.changed ?? -1, usage: on.usage }, ids.length, before));
    if (on.changed === ids.length) run.state.pendingReactivation = undefined;
    deactivations.push(off);
    restores.push(on);
    run.state.countsChangedAt = Date.now();
    return off.ms;
  });
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
        ...sectionFields(section, section.bulk(t, 0), deactivations),
        users: ids.length,
        setActiveManyMs: round(median(deactivations.map((d) => d.writeMs))),
        longTasksTotalMs: Math.round(median(deactivations.map((d) => d.longTasks.totalMs))),
        restoreMs: round(median(restores.map((r) => r.ms))),
        restoreRuns: restores.map((r) => Math.round(r.ms)),
        restoreUiMs: round(median(/** @type {number[]} */ (restores.map((r) => r.uiMs).filter((v) => v !== null)))),
        restoreLongestTaskMs: round(Math.max(...restores.map((r) => r.longTasks.maxMs))),
        ...(run.state.baselines?.bulkUsers === undefined
          ? {}
          : { baselineUsers: run.state.baselines.bulkUsers, baselineBatches: run.state.baselines.bulkBatches }),
      },
      problems: [...new Set([...problems, ...shownProblems(section, [...deactivations, ...restores])])],
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
