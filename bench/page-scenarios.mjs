// In-page drivers of the Users API (`window.roster`) for each scenario. Copied into the
// page as source (see page-script.mjs): each function is self-contained and reaches the
// other helpers through `window.__bench`. Timed work starts from a timer task.

/**
 * Creates the environments with their rules, groups and roles, and the tenants of one of them.
 * @param {{
 *   environments: { name: string, kind: string, platformVersion?: string, rules: object }[],
 *   groups: string[],
 *   roles: [string, string][],
 *   tenants?: { environment: string, count: number }
 * }} spec
 * @returns {Promise<{ id: string, name: string, groups: string[], roles: string[], tenants: string[] }[]>}
 */
export async function setupRoster(spec) {
  const roster = /** @type {any} */ (window).roster;
  const created = [];
  for (const e of spec.environments) {
    const environment = await roster.environments.create({
      name: e.name,
      kind: e.kind,
      platformVersion: e.platformVersion,
    });
    await roster.environments.setRules(environment.id, e.rules);
    const groups = [];
    for (const name of spec.groups)
      groups.push((await roster.groups.create({ environmentId: environment.id, name })).id);
    const roles = [];
    for (const [application, name] of spec.roles)
      roles.push((await roster.roles.create({ environmentId: environment.id, application, name })).id);
    const tenants = [];
    if (spec.tenants?.environment === e.name) {
      for (let i = 1; i <= spec.tenants.count; i++) {
        const name = `Client ${String(i).padStart(2, '0')}`;
        tenants.push((await roster.tenants.create({ environmentId: environment.id, name })).id);
      }
    }
    created.push({ id: environment.id, name: e.name, groups, roles, tenants });
  }
  return created;
}

/**
 * Generates the users in the page and keeps them for the import (window.__benchData).
 * @param {{
 *   n: number, seed: number, now: string,
 *   environments: { id: string, share: number, emailDomains: string[] }[],
 *   tenants?: { environmentId: string, ids: string[] }
 * }} options
 * @returns {{ count: number, popularDomain: string }}
 */
export function prepareUsers(options) {
  const w = /** @type {any} */ (window);
  const { inputs, popularDomain } = w.__bench.generateUsers(options);
  // Of the users of the environment with tenants, every other one goes to one of its tenants in
  // turn (each client ~1 % of the environment), the others stay in its default tenant (the ISV's
  // own users, among them the first by username, whom the write scenarios change).
  const spread = options.tenants;
  if (spread && spread.ids.length) {
    let k = 0;
    for (const input of inputs) {
      if (input.environmentId !== spread.environmentId) continue;
      const place = k++ % (2 * spread.ids.length);
      if (place < spread.ids.length) input.tenantId = spread.ids[place];
    }
  }
  w.__benchData = { inputs };
  return { count: inputs.length, popularDomain };
}

/** Drops the generated users. */
export function dropUsers() {
  delete (/** @type {any} */ (window).__benchData);
}

/**
 * Imports the generated users through roster.users.createMany, `batch` per call, then
 * reads usage: timed from the first call until usage has returned. Records long tasks.
 * Progress is kept in window.__benchProgress for a timed-out run.
 * @param {number} batch
 */
export async function importUsers(batch) {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  const inputs = w.__benchData.inputs;
  const progress = { done: 0 };
  w.__benchProgress = progress;
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  let calls = 0;
  for (let i = 0; i < inputs.length; i += batch) {
    const chunk = i === 0 && inputs.length <= batch ? inputs : inputs.slice(i, i + batch);
    const created = await roster.users.createMany(chunk);
    calls++;
    progress.done += created.length;
  }
  const t1 = performance.now();
  const report = await roster.usage();
  const t2 = performance.now();
  const longTasks = await bench.stopLongTasks();
  return {
    ms: t2 - t0,
    createMs: t1 - t0,
    usageMs: t2 - t1,
    calls,
    created: progress.done,
    longTasks,
    usage: bench.compactUsage(report),
  };
}

/**
 * How many users each environment lists (list total) and counts (usage), untimed.
 * @param {string[]} environmentIds
 */
export async function census(environmentIds) {
  const w = /** @type {any} */ (window);
  const listed = [];
  for (const environmentId of environmentIds) {
    listed.push({ environmentId, total: (await w.roster.users.list({ environmentId, limit: 0 })).total });
  }
  return { listed, usage: w.__bench.compactUsage(await w.roster.usage()) };
}

/**
 * Adds a small sample of memberships and grants in each environment, untimed.
 * @param {{ id: string, groups: string[], roles: string[] }[]} environments
 */
export async function addMemberships(environments) {
  const roster = /** @type {any} */ (window).roster;
  let memberships = 0;
  for (const environment of environments) {
    // Users of the default tenant, as the groups are (a group's members come from its own tenant).
    const query = { environmentId: environment.id, tenantId: `${environment.id}.default`, limit: 100 };
    const ids = (await roster.users.list(query)).items.map((/** @type {any} */ u) => u.id);
    const [first, second] = environment.groups;
    const [roleA, roleB] = environment.roles;
    await roster.groups.addUsers(first, ids);
    await roster.groups.addUsers(second, ids.slice(0, 20));
    await roster.roles.grantToGroup(roleA, first);
    for (const id of ids.slice(0, 10)) await roster.roles.grantToUser(roleB, id);
    memberships += ids.length + Math.min(ids.length, 20);
  }
  return { memberships };
}

/**
 * Sets an environment's rules, untimed (to restore them after a stopped scenario).
 * @param {string} environmentId
 * @param {object} rules
 */
export async function setRules(environmentId, rules) {
  await /** @type {any} */ (window).roster.environments.setRules(environmentId, rules);
}

/**
 * One roster.users.list call, timed.
 * @param {object} query
 */
export async function listOnce(query) {
  const { roster, __bench: bench } = /** @type {any} */ (window);
  await bench.nextTask();
  const t0 = performance.now();
  const page = await roster.users.list(query);
  const ms = performance.now() - t0;
  return { ms, total: page.total, items: bench.compactItems(page.items) };
}

/**
 * Search as you type: one list call per prefix of the search, one after the other.
 * @param {string} environmentId
 * @param {string[]} terms
 */
export async function searchAsYouType(environmentId, terms) {
  const bench = /** @type {any} */ (window).__bench;
  const results = [];
  for (const search of terms) results.push({ search, ...(await bench.listOnce({ environmentId, search, limit: 50 })) });
  return results;
}

/**
 * "Select all N matching": one roster.users.listIds call, timed. Keeps the ids in the page
 * (window.__benchSelected) for the bulk scenarios.
 * @param {object} query
 */
export async function selectAll(query) {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  await bench.nextTask();
  const t0 = performance.now();
  const ids = await roster.users.listIds(query);
  const ms = performance.now() - t0;
  w.__benchSelected = ids;
  return { ms, count: ids.length, distinct: new Set(ids).size };
}

/**
 * The selected ids (window.__benchSelected), selecting them first, untimed, if the page does
 * not hold them (it was reloaded, or select-all did not run).
 * @param {object} query
 * @returns {Promise<string[]>}
 */
export async function ensureSelection(query) {
  const w = /** @type {any} */ (window);
  w.__benchSelected ??= await w.roster.users.listIds(query);
  return w.__benchSelected;
}

/**
 * Sets users active or not, untimed (to reactivate them after a stopped bulk scenario).
 * @param {string[]} ids
 * @param {boolean} isActive
 */
export async function setActiveMany(ids, isActive) {
  return /** @type {any} */ (window).roster.users.setActiveMany(ids, isActive);
}

/**
 * A group's members and the environment's groups with their member counts, each call
 * timed on its own; the group is the environment's biggest (found untimed). Also lists the
 * group's members through users.list for the checks (untimed).
 * @param {string} environmentId
 */
export async function groupMembers(environmentId) {
  const { roster, __bench: bench } = /** @type {any} */ (window);
  const groups = await roster.groups.list(environmentId);
  const biggest = groups.reduce((/** @type {any} */ a, /** @type {any} */ b) =>
    b.memberCount > a.memberCount ? b : a,
  );
  await bench.nextTask();
  const t0 = performance.now();
  const members = await roster.groups.members(biggest.id);
  const t1 = performance.now();
  await bench.nextTask();
  const t2 = performance.now();
  const listed = await roster.groups.list(environmentId);
  const t3 = performance.now();
  const page = await roster.users.list({ environmentId, groupId: biggest.id, limit: 10_000 });
  return {
    membersMs: t1 - t0,
    listMs: t3 - t2,
    group: { id: biggest.id, name: biggest.name, memberCount: biggest.memberCount },
    groups: listed.map((/** @type {any} */ g) => ({ id: g.id, memberCount: g.memberCount })),
    members: members.map((/** @type {any} */ u) => ({
      id: u.id,
      username: u.username,
      environmentId: u.environmentId,
    })),
    listed: { total: page.total, ids: page.items.map((/** @type {any} */ u) => u.id) },
  };
}
