// In-page drivers of the tenant scenarios (issue 15), copied into the page as source like
// page-scenarios.mjs: self-contained, reaching the other helpers through `window.__bench`.
// Timed work starts from a timer task, after the page has gone quiet.

/**
 * One timed call about a tenant of an environment: `usage` (usage()), `list` (its first page),
 * `list-external` (its external users' first page) or `rules` (its own rules set, or `null`
 * for the environment's, then usage()). Returns the time, the longest task and what the checks read.
 * @param {'usage' | 'list' | 'list-external' | 'rules'} kind
 * @param {string} environmentId
 * @param {string} tenantId
 * @param {object | null} [rules]
 */
export async function tenantCall(kind, environmentId, tenantId, rules) {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  await bench.quiet(30_000);
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  /** @type {any} */
  let result;
  if (kind === 'usage') result = await roster.usage();
  else if (kind === 'list') result = await roster.users.list({ environmentId, tenantId, limit: 50 });
  else if (kind === 'list-external')
    result = await roster.users.list({ environmentId, tenantId, class: 'external', limit: 50 });
  else {
    await roster.tenants.setRules(tenantId, rules);
    result = await roster.usage();
  }
  const ms = performance.now() - t0;
  await bench.quiet(30_000);
  const longTasks = await bench.stopLongTasks();
  if (kind === 'list' || kind === 'list-external') {
    const items = /** @type {any[]} */ (result.items);
    return {
      ms,
      longestTaskMs: longTasks.maxMs,
      total: result.total,
      shown: items.length,
      otherTenant: items.filter((user) => user.tenantId !== tenantId).length,
      otherClass: kind === 'list-external' ? items.filter((user) => user.class !== 'external').length : 0,
    };
  }
  const environment = result.environments.find((/** @type {any} */ e) => e.environmentId === environmentId);
  const counts = (/** @type {any} */ row) => ({
    internal: row.internal,
    external: row.external,
    named: row.named,
    anonymous: row.anonymous,
    inactive: row.inactive,
  });
  return {
    ms,
    longestTaskMs: longTasks.maxMs,
    environment: counts(environment),
    tenants: environment.tenants.map((/** @type {any} */ row) => ({ tenantId: row.tenantId, ...counts(row) })),
  };
}
