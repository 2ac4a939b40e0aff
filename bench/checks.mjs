// Sanity checks on what the scenarios read back: a benchmark of wrong answers is worthless.
// Each returns a list of problems (empty when all is well). The smoke run fails on any.

/**
 * @typedef {{
 *   environmentId: string, name: string,
 *   internal: number, external: number, named: number, anonymous: number, inactive: number
 * }} UsageRow
 * @typedef {{
 *   username: string, name?: string, email?: string, class: string, lastLogin?: string, isActive: boolean
 * }} Item
 */

/**
 * Every user of an environment is in exactly one class.
 * @param {UsageRow} row
 */
function classified(row) {
  return row.internal + row.external + row.anonymous + row.inactive;
}

/**
 * Usage rows that do not add up (named = internal + external), as problems.
 * @param {UsageRow[]} usage
 * @returns {string[]}
 */
function namedProblems(usage) {
  return usage
    .filter((row) => row.named !== row.internal + row.external)
    .map((row) => `${row.name}: named ${row.named} ≠ internal + external`);
}

/**
 * After the import: N users created, listed and counted.
 * @param {number} n
 * @param {{ created: number, usage: UsageRow[] }} imported
 * @param {{ listed: { environmentId: string, total: number }[], usage: UsageRow[] }} census
 * @returns {string[]}
 */
export function checkImport(n, imported, census) {
  const problems = namedProblems(census.usage);
  if (imported.created !== n) problems.push(`createMany returned ${imported.created} users, not ${n}`);
  const counted = imported.usage.reduce((sum, row) => sum + classified(row), 0);
  if (counted !== n) problems.push(`usage after the import counts ${counted} users, not ${n}`);
  const listed = census.listed.reduce((sum, row) => sum + row.total, 0);
  if (listed !== n) problems.push(`users.list totals add up to ${listed}, not ${n}`);
  for (const { environmentId, total } of census.listed) {
    const row = census.usage.find((r) => r.environmentId === environmentId);
    if (!row || classified(row) !== total)
      problems.push(
        `${row?.name ?? environmentId}: lists ${total} users but usage classifies ${row ? classified(row) : 0}`,
      );
  }
  return problems;
}

/**
 * After a rule change: nobody lost, and the environment's counts moved as expected.
 * @param {UsageRow[]} before
 * @param {UsageRow[]} after
 * @param {string} environmentId
 * @param {'more-internal' | 'all-internal' | 'same-as-before'} expect
 * @returns {string[]}
 */
export function checkRuleChange(before, after, environmentId, expect) {
  const problems = namedProblems(after);
  const was = before.find((row) => row.environmentId === environmentId);
  const now = after.find((row) => row.environmentId === environmentId);
  if (!was || !now) return [...problems, 'environment missing from usage'];
  if (classified(was) !== classified(now))
    problems.push(`${now.name}: ${classified(now)} users counted, ${classified(was)} before`);
  if (
    expect === 'more-internal' &&
    !(now.internal > was.internal && now.internal - was.internal === was.external - now.external)
  ) {
    problems.push(
      `${now.name}: adding a used domain should move users from external (${was.external} → ${now.external}) ` +
        `to internal (${was.internal} → ${now.internal})`,
    );
  }
  if (expect === 'all-internal' && (now.external !== 0 || now.internal !== was.internal + was.external)) {
    problems.push(
      `${now.name}: all-internal should count everyone named as internal ` +
        `(internal ${now.internal}, external ${now.external})`,
    );
  }
  if (expect === 'same-as-before' && (now.internal !== was.internal || now.external !== was.external)) {
    problems.push(`${now.name}: restoring the rules should restore the counts`);
  }
  return problems;
}

/**
 * After an edit: the new name returned and stored, the counts unchanged.
 * @param {{ returnedName?: string, storedName?: string, usage: UsageRow[] }} result
 * @param {string} name
 * @param {UsageRow[]} before
 * @returns {string[]}
 */
export function checkEdit(result, name, before) {
  const problems = [];
  if (result.returnedName !== name) problems.push(`update returned name ${JSON.stringify(result.returnedName)}`);
  if (result.storedName !== name) problems.push(`get after update has name ${JSON.stringify(result.storedName)}`);
  if (JSON.stringify(result.usage) !== JSON.stringify(before))
    problems.push('renaming a user changed the usage counts');
  return problems;
}

/**
 * A page of a list: the right number of items for its total, offset and limit.
 * @param {{ total: number, items: Item[] }} page
 * @param {{ offset?: number, limit: number, total?: number }} expected
 * @returns {string[]}
 */
export function checkPage(page, expected) {
  const problems = [];
  if (expected.total !== undefined && page.total !== expected.total)
    problems.push(`total ${page.total}, expected ${expected.total}`);
  const size = Math.max(0, Math.min(expected.limit, page.total - (expected.offset ?? 0)));
  if (page.items.length !== size) problems.push(`${page.items.length} items, expected ${size}`);
  return problems;
}

/**
 * Search as you type: longer prefixes match fewer users, and every item matches.
 * @param {{ search: string, total: number, items: Item[] }[]} steps
 * @returns {string[]}
 */
export function checkSearch(steps) {
  const problems = [];
  steps.forEach((step, i) => {
    problems.push(...checkPage(step, { limit: 50 }).map((p) => `"${step.search}": ${p}`));
    const previous = steps[i - 1];
    if (previous && step.total > previous.total)
      problems.push(
        `"${step.search}" matches more users (${step.total}) than "${previous.search}" (${previous.total})`,
      );
    const needle = step.search.toLowerCase();
    const stray = step.items.find((u) => ![u.username, u.name, u.email].some((v) => v?.toLowerCase().includes(needle)));
    if (stray) problems.push(`"${step.search}" listed ${stray.username}, which does not contain it`);
  });
  if (steps[0] && steps[0].total === 0) problems.push(`"${steps[0].search}" matches nobody`);
  return problems;
}

/**
 * Filter by class: every item of that class, and as many as usage counts.
 * @param {{ total: number, items: Item[] }} page
 * @param {string} className
 * @param {number} counted
 * @returns {string[]}
 */
export function checkClassFilter(page, className, counted) {
  const problems = checkPage(page, { limit: 50, total: counted });
  const stray = page.items.find((u) => u.class !== className);
  if (stray) problems.push(`${stray.username} is ${stray.class}, not ${className}`);
  return problems;
}

/**
 * Sort by last login, newest first, never-logged-in last.
 * @param {{ total: number, items: Item[] }} page
 * @param {number} total
 * @returns {string[]}
 */
export function checkSortedByLastLogin(page, total) {
  const problems = checkPage(page, { limit: 50, total });
  for (let i = 1; i < page.items.length; i++) {
    const a = page.items[i - 1]?.lastLogin;
    const b = page.items[i]?.lastLogin;
    if ((!a && b) || (a && b && a < b)) {
      problems.push(`not in descending last-login order at item ${i} (${a} before ${b})`);
      break;
    }
  }
  return problems;
}

/**
 * Select all: as many distinct ids as usage counts users of that class.
 * @param {{ count: number, distinct: number }} selected
 * @param {number} counted
 * @returns {string[]}
 */
export function checkSelectAll(selected, counted) {
  const problems = [];
  if (selected.count !== counted)
    problems.push(`listIds returned ${selected.count} ids, usage counts ${counted} external users`);
  if (selected.distinct !== selected.count)
    problems.push(`listIds returned ${selected.count - selected.distinct} ids twice`);
  return problems;
}

/**
 * A bulk deactivation of every external user of an environment: each one changed, counted
 * as inactive instead of external, and nothing else moved.
 * @param {{ changed: number, usage: UsageRow[] }} result
 * @param {number} count  ids given
 * @param {UsageRow[]} before
 * @param {string} environmentId
 * @returns {string[]}
 */
export function checkDeactivation(result, count, before, environmentId) {
  const problems = namedProblems(result.usage);
  if (result.changed !== count) problems.push(`setActiveMany(…, false) returned ${result.changed}, not ${count}`);
  const was = before.find((row) => row.environmentId === environmentId);
  const now = result.usage.find((row) => row.environmentId === environmentId);
  if (!was || !now) return [...problems, 'environment missing from usage'];
  if (now.inactive !== was.inactive + count)
    problems.push(`${now.name}: inactive ${was.inactive} → ${now.inactive}, expected +${count}`);
  if (now.external !== 0) problems.push(`${now.name}: ${now.external} external users left after deactivating them all`);
  if (now.internal !== was.internal || now.anonymous !== was.anonymous)
    problems.push(`${now.name}: internal or anonymous counts moved`);
  const others = (/** @type {UsageRow[]} */ usage) =>
    JSON.stringify(usage.filter((row) => row.environmentId !== environmentId));
  if (others(result.usage) !== others(before))
    problems.push('deactivating users of one environment changed the counts of another');
  return problems;
}

/**
 * Reactivating the same users: each one changed, and usage as before the deactivation.
 * @param {{ changed: number, usage: UsageRow[] }} result
 * @param {number} count
 * @param {UsageRow[]} before
 * @returns {string[]}
 */
export function checkReactivation(result, count, before) {
  const problems = [];
  if (result.changed !== count) problems.push(`setActiveMany(…, true) returned ${result.changed}, not ${count}`);
  if (JSON.stringify(result.usage) !== JSON.stringify(before))
    problems.push('reactivating the users did not restore the usage counts');
  return problems;
}

/**
 * A group's members: as many as its member count, distinct, of its environment, and the
 * same users in the same order as users.list with that groupId.
 * @param {{
 *   group: { id: string, memberCount: number },
 *   groups: { id: string, memberCount: number }[],
 *   members: { id: string, environmentId: string }[],
 *   listed: { total: number, ids: string[] }
 * }} result
 * @param {string} environmentId
 * @returns {string[]}
 */
export function checkGroupMembers(result, environmentId) {
  const problems = [];
  const { group, members, listed } = result;
  if (group.memberCount === 0) problems.push('the biggest group has no members');
  const counted = result.groups.find((g) => g.id === group.id)?.memberCount;
  if (counted !== group.memberCount)
    problems.push(`groups.list gives the group ${counted} members, ${group.memberCount} before`);
  if (members.length !== group.memberCount)
    problems.push(`members returned ${members.length} users, memberCount is ${group.memberCount}`);
  if (new Set(members.map((u) => u.id)).size !== members.length) problems.push('members returned a user twice');
  if (members.some((u) => u.environmentId !== environmentId))
    problems.push('members returned a user of another environment');
  if (listed.total !== members.length)
    problems.push(`users.list with the groupId totals ${listed.total}, members returned ${members.length}`);
  else if (listed.ids.length === members.length && listed.ids.some((id, i) => members[i]?.id !== id)) {
    problems.push('members are not in the username order of users.list');
  }
  return problems;
}

/**
 * What a section showed once the page had gone quiet after a write, against what the API
 * says (the counts right with each section open).
 * @param {string} section
 * @param {{ expected: unknown[] | null, shownAfter: unknown[] | null, quietMs: number | null }} result
 * @returns {string[]}
 */
export function checkShown(section, result) {
  const problems = [];
  if (result.quietMs === null) problems.push(`${section}: the page did not go quiet after the write`);
  const shown = JSON.stringify(result.shownAfter);
  const expected = JSON.stringify(result.expected);
  if (result.expected && shown !== expected)
    problems.push(`${section}: shows ${shown} once quiet; the API says ${expected}`);
  return problems;
}

/**
 * After a group change: exactly the expected members, and no count moved.
 * @param {{ members?: string[], usage: UsageRow[] }} result
 * @param {string[]} expected  the member ids, in username order
 * @param {UsageRow[]} before
 * @returns {string[]}
 */
export function checkGroupChange(result, expected, before) {
  const problems = [];
  const members = result.members ?? [];
  if (members.length !== expected.length)
    problems.push(`the group has ${members.length} members, expected ${expected.length}`);
  else if (members.some((id, i) => id !== expected[i])) problems.push('the group does not hold the expected members');
  if (JSON.stringify(result.usage) !== JSON.stringify(before)) problems.push('a group change moved the usage counts');
  return problems;
}

/**
 * @typedef {{
 *   shown: {
 *     totals: Record<string, number | null>,
 *     cards: Record<string, Record<string, number | null>>,
 *     banners: Record<string, string | null>
 *   },
 *   report: {
 *     production: Record<string, number>,
 *     limits: { limit: string, status: string }[],
 *     environments: (Record<string, number> & { name: string, splitShown: boolean })[]
 *   }
 * }} DashboardReadBack
 */

/**
 * The dashboard once shown: its totals, every environment card's counts and every banner's
 * status as the usage report says.
 * @param {DashboardReadBack} read
 * @returns {string[]}
 */
export function checkDashboard(read) {
  const { shown, report } = read;
  const problems = [];
  for (const key of ['internal', 'external', 'named']) {
    if (shown.totals[key] !== report.production[key])
      problems.push(`dashboard: production ${key} shows ${shown.totals[key]}, usage says ${report.production[key]}`);
  }
  for (const row of report.environments) {
    const card = shown.cards[row.name];
    if (!card) {
      problems.push(`dashboard: no card for ${row.name}`);
      continue;
    }
    const keys = [...(row.splitShown ? ['internal', 'external'] : []), 'named', 'anonymous', 'inactive'];
    const wrong = keys.filter((key) => card[key] !== row[key]);
    if (wrong.length) problems.push(`dashboard: ${row.name}'s card shows wrong ${wrong.join(', ')}`);
  }
  if (Object.keys(shown.cards).length !== report.environments.length)
    problems.push(`dashboard: ${Object.keys(shown.cards).length} cards for ${report.environments.length} environments`);
  for (const { limit, status } of report.limits) {
    if (shown.banners[limit] !== status)
      problems.push(`dashboard: the ${limit} banner says ${shown.banners[limit]}, usage says ${status}`);
  }
  if (Object.keys(shown.banners).length !== report.limits.length)
    problems.push(`dashboard: ${Object.keys(shown.banners).length} banners for ${report.limits.length} limits`);
  return problems;
}
