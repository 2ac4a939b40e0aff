// Getting a size's run ready: the roster set up, the users generated and imported (the
// import scenario, with its raw baseline), a few memberships, and the raw baselines of the
// later scenarios.
import { checkImport } from './checks.mjs';
import { ENVIRONMENTS, GROUPS, MAIN_ENVIRONMENT, NOW, ROLES, SEED, TENANTS } from './dataset.mjs';
import { makeRow } from './report.mjs';
import { median, repeat } from './stats.mjs';
import { IMPORT_BATCH, RAW_BATCH, SEARCH_TERMS, deepOffset, invoke } from './step.mjs';
import { GROUP_CHANGE_USERS } from './write-scenarios.mjs';

/** @typedef {import('./step.mjs').Step} Step */

/** The production environments, by name: the limits count their users. */
const PRODUCTION = new Set(ENVIRONMENTS.filter((e) => e.kind === 'production').map((e) => e.name));

/**
 * Times one baseline `times` times (within the budget) and returns the median.
 * @param {Step} run
 * @param {string} name
 * @param {...unknown} args
 * @returns {Promise<number>}
 */
async function baseline(run, name, ...args) {
  const runs = await repeat(run.plan.baseline, run.budgetMs, async () => (await invoke(run, name, ...args)).ms);
  return median(runs);
}

/**
 * Creates the environments, rules, groups and roles, and generates the users in the page.
 * @param {Step} run
 */
export async function setUp(run) {
  run.state.environments = await invoke(run, 'setupRoster', {
    environments: ENVIRONMENTS.map(({ name, kind, platformVersion, rules }) => ({
      name,
      kind,
      platformVersion,
      rules,
    })),
    groups: GROUPS,
    roles: ROLES,
    tenants: { environment: MAIN_ENVIRONMENT, count: TENANTS },
  });
  run.state.mainId = /** @type {{ id: string }} */ (run.state.environments.find((e) => e.name === MAIN_ENVIRONMENT)).id;
  const shares = ENVIRONMENTS.map((spec, i) => ({
    id: /** @type {{ id: string }} */ (run.state.environments[i]).id,
    share: spec.share,
    emailDomains: spec.emailDomains,
  }));
  const main = /** @type {{ id: string, tenants: string[] }} */ (
    run.state.environments.find((e) => e.id === run.state.mainId)
  );
  run.state.tenants = main.tenants;
  const prepared = await invoke(run, 'prepareUsers', {
    n: run.n,
    seed: SEED,
    now: NOW,
    environments: shares,
    tenants: { environmentId: main.id, ids: main.tenants },
  });
  run.state.popularDomain = prepared.popularDomain;
}

/**
 * Import: the raw baseline first, then N users through createMany and a usage read.
 * Emits `import` and `import-longest-task`.
 * @param {Step} run
 */
export async function importScenario(run) {
  const raw = await invoke(run, 'rawWrite', RAW_BATCH);
  run.state.rawChars = raw.chars;
  await invoke(run, 'settle');
  const imported = await invoke(run, 'importUsers', IMPORT_BATCH);
  await invoke(run, 'dropUsers');
  const census = await takeCensus(run);
  run.emit(
    makeRow({
      scenario: 'import',
      n: run.n,
      runs: [imported.ms],
      baseline: raw.ms,
      baselineWhat: `the same users as JSON, ${RAW_BATCH} per record, put in a bare IndexedDB store in one transaction`,
      extra: {
        createManyMs: imported.createMs,
        usageMs: imported.usageMs,
        calls: imported.calls,
        usersPerSecond: Math.round((run.n / imported.ms) * 1000),
        rawBatches: raw.batches,
      },
      problems: checkImport(run.n, imported, census),
    }),
  );
  run.emit(
    makeRow({
      scenario: 'import-longest-task',
      n: run.n,
      runs: [imported.longTasks.maxMs],
      extra: { longTasks: imported.longTasks.count, longTasksTotalMs: Math.round(imported.longTasks.totalMs) },
    }),
  );
}

/**
 * After an import that did not finish: what is stored now.
 * @param {Step} run
 */
export async function recount(run) {
  await takeCensus(run);
}

/**
 * Reads how many users each environment lists and counts, and keeps it in the run's state.
 * @param {Step} run
 * @returns {Promise<{ listed: { environmentId: string, total: number }[], usage: import('./step.mjs').UsageRow[] }>}
 */
async function takeCensus(run) {
  const census = await invoke(
    run,
    'census',
    run.state.environments.map((e) => e.id),
  );
  run.state.usage = census.usage;
  run.state.mainTotal =
    census.listed.find((/** @type {{ environmentId: string }} */ l) => l.environmentId === run.state.mainId)?.total ??
    0;
  run.state.stored = census.listed.reduce(
    (/** @type {number} */ sum, /** @type {{ total: number }} */ l) => sum + l.total,
    0,
  );
  return census;
}

/**
 * A few memberships and grants (untimed), so that groups and roles are not empty; a
 * subscription, so that the dashboard shows its limits' banners; and who and what the write
 * scenarios change (sections.mjs Targets).
 * @param {Step} run
 */
export async function addMemberships(run) {
  await invoke(run, 'addMemberships', run.state.environments);
  await invoke(run, 'setSubscription', subscription(run.state.usage));
  await chooseTargets(run);
}

/**
 * Limits that the production totals come near (internal) and go over (external), so that
 * the banners say more than "OK" and a rule change or a bulk deactivation moves them.
 * @param {import('./step.mjs').UsageRow[]} usage
 */
function subscription(usage) {
  const production = usage.filter((row) => PRODUCTION.has(row.name));
  const sum = (/** @type {'internal' | 'external'} */ key) => production.reduce((total, row) => total + row[key], 0);
  return {
    model: 'internal-external',
    internalLimit: Math.ceil(sum('internal') / 0.95),
    externalLimit: Math.floor(sum('external') * 0.9),
    warnAt: 0.9,
  };
}

/**
 * The user renamed, the group whose page is open (the main environment's first: its first
 * 100 users are members), its members that leave and come back, and the role granted to it.
 * @param {Step} run
 */
async function chooseTargets(run) {
  const main = /** @type {{ id: string, name: string, groups: string[], roles: string[] }} */ (
    run.state.environments.find((e) => e.id === run.state.mainId)
  );
  const groupId = /** @type {string} */ (main.groups[0]);
  const chosen = await invoke(run, 'chooseTargets', groupId, GROUP_CHANGE_USERS);
  if (!chosen.user || chosen.leaving.length === 0) throw new Error(`the group ${groupId} has no active member`);
  run.state.targets = {
    mainId: main.id,
    mainName: main.name,
    user: chosen.user,
    groupId,
    groupName: chosen.groupName,
    // Granted to the group (prepare's addMemberships): its holders are the group's active members.
    roleId: /** @type {string} */ (main.roles[0]),
    leaving: chosen.leaving,
  };
}

/**
 * The raw baselines of the later scenarios, from an in-memory copy read back from the raw
 * store (the read itself is the reload's baseline). Dropped again before the reloads.
 * @param {Step} run
 */
export async function measureBaselines(run) {
  await invoke(run, 'settle');
  const environmentId = run.state.mainId;
  const read = await invoke(run, 'rawReadAll');
  run.state.baselines = { reload: read.ms };
  run.state.baselines.rules = await baseline(run, 'rawRecount');
  run.state.baselines.edit = await baseline(run, 'rawPutOne', RAW_BATCH, 'Baseline Edit');
  run.state.baselines.first = await baseline(run, 'rawList', { environmentId, limit: 50 });
  run.state.baselines.deep = await baseline(run, 'rawList', { environmentId, offset: deepOffset(run), limit: 50 });
  const searches = [];
  for (const search of SEARCH_TERMS)
    searches.push(await baseline(run, 'rawList', { environmentId, search, limit: 50 }));
  run.state.baselines.search = Math.max(...searches);
  run.state.baselines.filter = await baseline(run, 'rawList', { environmentId, class: 'external', limit: 50 });
  run.state.baselines.sort = await baseline(run, 'rawList', {
    environmentId,
    sort: 'lastLogin',
    order: 'desc',
    limit: 50,
  });
  // Last: it rewrites the raw store (nothing reads it again).
  const bulk = await repeat(run.plan.baseline, run.budgetMs, () =>
    invoke(run, 'rawSetActive', RAW_BATCH, environmentId, 'external', false),
  );
  run.state.baselines.bulk = median(bulk.map((b) => b.ms));
  run.state.baselines.bulkUsers = bulk[0].users;
  run.state.baselines.bulkBatches = bulk[0].batches;
  await invoke(run, 'dropRaw');
}
