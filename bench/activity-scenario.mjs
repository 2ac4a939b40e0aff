// The Activity page at N audit entries (N = the run's size: a million in the 1M run): the log
// filled with raw writes (page-activity.mjs, untimed), then #/activity opened from the Users
// section, filtered by an action and scrolled half-way; each timed until the list shows the
// right count, with the longest main-thread task. Runs last: the entries it adds would weigh
// on the backup and restore measured before it.
import { makeRow } from './report.mjs';
import { round } from './stats.mjs';
import { invoke, uiTimeout } from './step.mjs';
import { openSection } from './dashboard-scenarios.mjs';
import { USERS } from './sections.mjs';

/**
 * @param {import('./step.mjs').Step} run
 */
export async function activityScenario(run) {
  await openSection(run, USERS);
  const before = /** @type {{ total: number }} */ (await invoke(run, 'activityTotal'));
  const fill = await invoke(run, 'fillActivity', Math.max(0, run.n - before.total), run.state.mainId);
  const timeout = uiTimeout(run);
  const steps = [
    ['open', fill.total],
    ['filter', fill.byAction.update],
    ['scroll', fill.byAction.update],
  ];
  for (const [kind, total] of /** @type {['open' | 'filter' | 'scroll', number][]} */ (steps)) {
    const step = await invoke(run, 'activityStep', kind, total, timeout);
    /** @type {string[]} */
    const problems = [];
    if (step.ms === null) problems.push(`the list never showed ${total} entries (${kind})`);
    if (step.shownTotal !== total) problems.push(`the list counts ${step.shownTotal}, not ${total}`);
    run.emit(
      makeRow({
        scenario: `activity-${kind}`,
        n: run.n,
        runs: step.ms === null ? [] : [step.ms],
        extra: {
          section: 'activity',
          entries: fill.total,
          shown: total,
          longestTaskMs: round(step.longestTaskMs),
          ...(kind === 'open' ? { fillMs: round(fill.fillMs) } : {}),
          ...(kind === 'scroll' ? { firstRowShown: step.firstRow } : {}),
        },
        problems,
      }),
    );
  }
}
