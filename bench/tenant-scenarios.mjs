// The tenants of the main environment (issue 15: an ISV serving 50 clients from one
// environment, its users spread over them): usage with a row per tenant, a tenant's list (first
// page, and its external users), and a tenant given its own rules and back. Each row checks
// that what came back is right: the tenants' counts add up to the environment's, a tenant's
// list holds only its users, its own rules move only its users.
import { makeRow } from './report.mjs';
import { median, repeat, round } from './stats.mjs';
import { invoke } from './step.mjs';

/** @typedef {import('./step.mjs').Step} Step */
/** @typedef {{ internal: number, external: number, named: number, anonymous: number, inactive: number }} Counts */
/**
 * @typedef {{ ms: number, longestTaskMs: number, environment: Counts, tenants: (Counts & { tenantId: string })[] }}
 *   UsageResult
 */

const KEYS = /** @type {const} */ (['internal', 'external', 'named', 'anonymous', 'inactive']);

/**
 * Why the tenants' counts do not add up to the environment's (none when they do).
 * @param {UsageResult} usage
 * @param {number} tenants  how many tenants the environment should list (its default one too)
 * @returns {string[]}
 */
function sumProblems(usage, tenants) {
  /** @type {string[]} */
  const problems = [];
  if (usage.tenants.length !== tenants) problems.push(`usage lists ${usage.tenants.length} tenants, not ${tenants}`);
  for (const key of KEYS) {
    const sum = usage.tenants.reduce((total, row) => total + row[key], 0);
    if (sum !== usage.environment[key])
      problems.push(`the tenants' ${key} add up to ${sum}, not ${usage.environment[key]}`);
  }
  return problems;
}

/**
 * @param {Step} run
 * @param {string} scenario
 * @param {number[]} runs
 * @param {number[]} longest
 * @param {string[]} problems
 * @param {Record<string, unknown>} [extra]
 */
function emit(run, scenario, runs, longest, problems, extra = {}) {
  run.emit(
    makeRow({
      scenario,
      n: run.n,
      runs,
      extra: {
        section: 'users',
        tenants: (run.state.tenants?.length ?? 0) + 1,
        longestTaskMs: round(median(longest)),
        ...extra,
      },
      problems: [...new Set(problems)],
    }),
  );
}

/** @param {Step} run */
export async function tenantScenarios(run) {
  const environmentId = run.state.mainId;
  const tenants = run.state.tenants ?? [];
  const tenantId = /** @type {string} */ (tenants[0]);
  if (!tenantId) throw new Error('the main environment has no tenants');
  const reps = run.plan.list;

  /** @type {string[]} */
  let problems = [];
  /** @type {number[]} */
  let longest = [];
  /** @type {UsageResult | undefined} */
  let usage;
  const usageRuns = await repeat(reps, run.budgetMs, async () => {
    usage = /** @type {UsageResult} */ (await invoke(run, 'tenantCall', 'usage', environmentId, tenantId));
    problems.push(...sumProblems(usage, tenants.length + 1));
    longest.push(usage.longestTaskMs);
    return usage.ms;
  });
  emit(run, 'tenant-usage', usageRuns, longest, problems);
  const before = /** @type {UsageResult} */ (usage).tenants.find((row) => row.tenantId === tenantId);
  if (!before) throw new Error('usage has no row for the tenant');

  for (const kind of /** @type {const} */ (['list', 'list-external'])) {
    problems = [];
    longest = [];
    const runs = await repeat(reps, run.budgetMs, async () => {
      const listed = await invoke(run, 'tenantCall', kind, environmentId, tenantId);
      const wanted = expected(kind, before);
      if (listed.total !== wanted) problems.push(`the list counts ${listed.total} users, usage ${wanted}`);
      if (listed.otherTenant) problems.push(`${listed.otherTenant} listed users belong to another tenant`);
      if (listed.otherClass) problems.push(`${listed.otherClass} listed users are not external`);
      longest.push(listed.longestTaskMs);
      return listed.ms;
    });
    emit(run, kind === 'list' ? 'tenant-list' : 'tenant-list-external', runs, longest, problems, {
      total: expected(kind, before),
    });
  }

  // The tenant's own rules: every user of it internal (its client's point of view), then back.
  problems = [];
  longest = [];
  const ruleRuns = await repeat(run.plan.ruleReps, run.budgetMs, async () => {
    const own = /** @type {UsageResult} */ (
      await invoke(run, 'tenantCall', 'rules', environmentId, tenantId, { mode: 'all-internal', domains: [] })
    );
    const mine = own.tenants.find((row) => row.tenantId === tenantId);
    if (mine?.internal !== before.named || mine?.external !== 0)
      problems.push(`with its own rules the tenant counts ${mine?.internal} internal, ${mine?.external} external`);
    problems.push(...sumProblems(own, tenants.length + 1));
    const back = /** @type {UsageResult} */ (await invoke(run, 'tenantCall', 'rules', environmentId, tenantId, null));
    const again = back.tenants.find((row) => row.tenantId === tenantId);
    if (again?.internal !== before.internal || again?.external !== before.external)
      problems.push('back on the environment’s rules, the tenant does not count as before');
    longest.push(own.longestTaskMs, back.longestTaskMs);
    return [own.ms, back.ms];
  });
  emit(run, 'tenant-rule-change', ruleRuns.flat(), longest, problems, { change: 'all-internal on, then off' });
}

/**
 * How many users a tenant's list should count.
 * @param {'list' | 'list-external'} kind
 * @param {Counts} counts
 */
function expected(kind, counts) {
  return kind === 'list' ? counts.named + counts.anonymous + counts.inactive : counts.external;
}
