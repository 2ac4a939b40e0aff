// The sections of the console the write scenarios run with, and what each shows of each
// change (a probe: the elements to read and the values they must come to). Where a section
// shows nothing of a change, its probe is null and the scenario waits until the page is
// quiet instead (`uiWhat: 'quiet'`).

/**
 * @typedef {import('./page-sections.mjs').Probe} Probe
 * @typedef {object} Targets  who and what the write scenarios change (chosen once, untimed)
 * @property {string} mainId      the environment the console shows
 * @property {string} mainName
 * @property {{ id: string, username: string }} user  the renamed user: active, a member of the
 *   group and a holder of the role, so that every section showing users shows that one
 * @property {string} groupId     the group whose page is open (the main environment's first)
 * @property {string} groupName
 * @property {string} roleId      the role whose page is open (granted to that group)
 * @property {{ id: string, username: string }[]} leaving  the members the group change takes out and back
 * @typedef {object} Section
 * @property {'users' | 'dashboard' | 'group' | 'role' | 'environments'} name
 * @property {(t: Targets) => string} hash
 * @property {string[]} ready  shown once the section is open
 * @property {(t: Targets, name: string) => Probe | null} rename
 * @property {(t: Targets, domains: number) => Probe | null} rules  after a rule change to `domains` domains
 * @property {(t: Targets, holders: number) => Probe | null} bulk   holders of the role after it
 * @property {(t: Targets, after: { members: number, holders: number, inGroup: boolean }) => Probe | null} group
 */

/**
 * A value inside a CSS attribute selector's double quotes.
 * @param {string} value
 */
function quoted(value) {
  return JSON.stringify(value);
}

/**
 * Counts of the main environment, read from the usage report after the write.
 * @param {Targets} t
 * @param {string[]} fields
 */
function envCounts(t, fields) {
  return fields.map((field) => ({ env: t.mainId, field }));
}

/**
 * The name cell of a user's row.
 * @param {string} row  the row's attribute: data-user or data-member
 * @param {Targets} t
 * @param {string} name
 * @returns {Probe}
 */
function nameCell(row, t, name) {
  return {
    what: 'the new name in the row',
    selectors: [`tr[${row}=${quoted(t.user.username)}] td[data-field="name"]`],
    mode: 'text',
    expected: [name],
  };
}

/**
 * The role page's holders count.
 * @param {number} holders
 * @returns {Probe}
 */
function holdersCount(holders) {
  return {
    what: 'the holders count',
    selectors: ['[data-holders]'],
    mode: 'attribute',
    attribute: 'data-holders',
    expected: [holders],
  };
}

/**
 * The dashboard's card of the main environment (`fields`) and production totals (`totals`).
 * @param {Targets} t
 * @param {string[]} fields
 * @param {string[]} totals
 * @returns {Probe}
 */
function dashboardCounts(t, fields, totals) {
  const card = `article[data-environment=${quoted(t.mainName)}]`;
  return {
    what: 'the new counts (environment card, production totals)',
    selectors: [
      ...fields.map((field) => `${card} [data-env-count=${quoted(field)}] dd`),
      ...totals.map((field) => `[data-total=${quoted(field)}] dd`),
    ],
    mode: 'number',
    expected: [...envCounts(t, fields), ...totals.map((field) => ({ production: field }))],
  };
}

/** @type {Section} */
export const USERS = {
  name: 'users',
  hash: () => '#/users',
  ready: ['tr[data-user]', '[data-count]'],
  rename: (t, name) => nameCell('data-user', t, name),
  rules: (t) => ({
    what: 'the new counts',
    selectors: ['[data-count="internal"] dd', '[data-count="external"] dd'],
    mode: 'number',
    expected: envCounts(t, ['internal', 'external']),
  }),
  bulk: (t) => ({
    what: 'the new counts',
    selectors: ['[data-count="external"] dd', '[data-count="inactive"] dd'],
    mode: 'number',
    expected: envCounts(t, ['external', 'inactive']),
  }),
  group: (t, after) => ({
    what: "the group in the user's row",
    selectors: [
      `tr[data-user=${quoted(/** @type {{ username: string }} */ (t.leaving[0]).username)}] td[data-field="groups"]`,
    ],
    mode: 'has-name',
    name: t.groupName,
    expected: [after.inGroup],
  }),
};

/** @type {Section} */
export const DASHBOARD = {
  name: 'dashboard',
  hash: () => '#/dashboard',
  ready: ['[data-total]', 'article[data-environment]'],
  rename: () => null,
  rules: (t) => dashboardCounts(t, ['internal', 'external'], ['internal', 'external']),
  bulk: (t) => dashboardCounts(t, ['external', 'inactive'], ['external']),
  group: () => null,
};

/** @type {Section} */
export const GROUP = {
  name: 'group',
  hash: (t) => `#/groups/${encodeURIComponent(t.groupId)}`,
  ready: ['[data-testid="group-member-count"]', 'tr[data-member]'],
  rename: (t, name) => nameCell('data-member', t, name),
  rules: () => null,
  bulk: () => null,
  group: (_t, after) => ({
    what: 'the member count',
    selectors: ['[data-testid="group-member-count"]'],
    mode: 'number',
    expected: [after.members],
  }),
};

/** @type {Section} */
export const ROLE = {
  name: 'role',
  hash: (t) => `#/roles/${encodeURIComponent(t.roleId)}`,
  ready: ['[data-holders]', 'tr[data-user]'],
  rename: (t, name) => nameCell('data-user', t, name),
  rules: () => null,
  bulk: (_t, holders) => holdersCount(holders),
  group: (_t, after) => holdersCount(after.holders),
};

/** @type {Section} */
export const ENVIRONMENTS = {
  name: 'environments',
  hash: () => '#/environments',
  ready: ['tr[data-overview]'],
  rename: () => null,
  rules: (t, domains) => ({
    what: "the number of domains in the environment's row",
    selectors: [`tr[data-overview=${quoted(t.mainName)}] td[data-field="rules"]`],
    mode: 'number',
    expected: [domains],
  }),
  bulk: () => null,
  group: () => null,
};

/** After the Users section (open since the reload), in this order. */
export const OTHER_SECTIONS = [DASHBOARD, GROUP, ROLE, ENVIRONMENTS];
