// In-page drivers of the scenarios measured with each section of the console open: a write,
// then what the open section shows of it and until the page is quiet; the dashboard opened.
// Copied into the page as source (see page-script.mjs): each function is self-contained and
// reaches the others through `window.__bench`.

/**
 * @typedef {string | number | boolean | null | { env: string, field: string } | { production: string }} Expected
 *   a value shown, or where to find it in the usage report read after the write
 * @typedef {object} Probe  what the open section shows of a change, and what it should show
 * @property {string} what        said in the row (`uiWhat`)
 * @property {string[]} selectors one element each
 * @property {'text' | 'number' | 'has-name' | 'attribute'} mode  how an element is read: its text,
 *   the digits of its text, whether its comma-separated text lists `name`, or its `attribute` as a number
 * @property {string} [name]
 * @property {string} [attribute]
 * @property {Expected[]} expected one per selector
 * @typedef {{ kind: 'rename', id: string, name: string }
 *   | { kind: 'setRules', id: string, rules: object }
 *   | { kind: 'setActiveSelected', isActive: boolean }
 *   | { kind: 'removeMembers' | 'addMembers', id: string, ids: string[] }} Write
 */

/**
 * Opens a section by its hash (as a link does) and waits until it shows `ready` (one element
 * for each selector), then until the page is quiet.
 * @param {string} hash
 * @param {string[]} ready
 * @param {number} timeoutMs
 * @returns {Promise<{ missing: string[], quiet: boolean }>}
 */
export async function openSection(hash, ready, timeoutMs) {
  const bench = /** @type {any} */ (window).__bench;
  if (location.hash !== hash) location.hash = hash;
  await bench.waitUntil(() => ready.every((selector) => document.querySelector(selector)), timeoutMs);
  const missing = ready.filter((selector) => !document.querySelector(selector));
  return { missing, quiet: await bench.quiet(timeoutMs) };
}

/**
 * What the page shows for each of a probe's selectors (null where the element is missing).
 * @param {Probe} probe
 * @returns {(string | number | boolean | null)[]}
 */
export function readShown(probe) {
  return probe.selectors.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    if (probe.mode === 'attribute') {
      const value = element.getAttribute(/** @type {string} */ (probe.attribute));
      return value === null ? null : Number(value);
    }
    const text = (element.textContent ?? '').trim();
    if (probe.mode === 'number') {
      const digits = text.replace(/\D/g, '');
      return digits ? Number(digits) : null;
    }
    if (probe.mode === 'has-name') return text.split(/,\s*/).includes(/** @type {string} */ (probe.name));
    return text;
  });
}

/**
 * A probe's expected values, those from the usage report looked up in it.
 * @param {Expected[]} expected
 * @param {any} report
 */
export function resolveExpected(expected, report) {
  return expected.map((value) => {
    if (value && typeof value === 'object' && 'env' in value) {
      const row = report.environments.find((/** @type {any} */ e) => e.environmentId === value.env);
      return row ? row[value.field] : null;
    }
    if (value && typeof value === 'object' && 'production' in value) return report.production[value.production];
    return value;
  });
}

/**
 * One write, with whatever section is open: from a quiet page, the call and `usage()` (timed
 * together: `ms`); then until the section shows the change (`uiMs`, from the same start; with
 * no probe, until the page is quiet again: the last live read delivered); long tasks from the
 * call until the page is quiet. Reads back what the checks need (untimed, afterwards).
 * @param {Write} write
 * @param {Probe | null} probe
 * @param {number} timeoutMs
 */
export async function writeInSection(write, probe, timeoutMs) {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  await bench.quiet(timeoutMs);
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  const returned = await bench.applyWrite(write);
  const t1 = performance.now();
  const report = await roster.usage();
  const t2 = performance.now();
  const expected = probe ? bench.resolveExpected(probe.expected, report) : null;
  const matches = () => JSON.stringify(bench.readShown(probe)) === JSON.stringify(expected);
  const shown = probe ? await bench.waitUntil(matches, timeoutMs) : false;
  const shownAt = performance.now();
  const quiet = await bench.quiet(timeoutMs);
  const live = w.__benchLive;
  const quietAt = live?.wrapped ? Math.max(live.deliveredAt, t2) : performance.now();
  const longTasks = await bench.stopLongTasks();
  const uiMs = probe ? (shown ? shownAt - t0 : null) : quiet ? quietAt - t0 : null;
  return {
    ms: t2 - t0,
    writeMs: t1 - t0,
    usageMs: t2 - t1,
    uiMs,
    quietMs: quiet ? quietAt - t0 : null,
    expected,
    shownAfter: probe ? bench.readShown(probe) : null,
    longTasks,
    usage: bench.compactUsage(report),
    ...(await bench.readBack(write, returned)),
  };
}

/**
 * Makes one write through the Users API.
 * @param {Write} write
 * @returns {Promise<unknown>}
 */
export function applyWrite(write) {
  const w = /** @type {any} */ (window);
  const roster = w.roster;
  switch (write.kind) {
    case 'rename':
      return roster.users.update(write.id, { name: write.name });
    case 'setRules':
      return roster.environments.setRules(write.id, write.rules);
    case 'setActiveSelected':
      return roster.users.setActiveMany(w.__benchSelected, write.isActive);
    case 'removeMembers':
      return roster.groups.removeUsers(write.id, write.ids);
    case 'addMembers':
      return roster.groups.addUsers(write.id, write.ids);
  }
  throw new Error(`unknown write ${JSON.stringify(write)}`);
}

/**
 * What the checks of a write read back: a rename's returned and stored name, how many users
 * a bulk change changed, a group's members after a membership change.
 * @param {Write} write
 * @param {any} returned
 */
export async function readBack(write, returned) {
  const roster = /** @type {any} */ (window).roster;
  if (write.kind === 'rename')
    return { returnedName: returned?.name, storedName: (await roster.users.get(write.id))?.name };
  if (write.kind === 'setActiveSelected') return { changed: returned };
  if (write.kind === 'removeMembers' || write.kind === 'addMembers')
    return { members: (await roster.groups.members(write.id)).map((/** @type {any} */ u) => u.id) };
  return {};
}

/**
 * How many users hold a role now, and would once the selected users (window.__benchSelected)
 * are deactivated, or once `memberIds` leave `groupId` (those holding it only through that group).
 * @param {string} roleId
 * @param {string} groupId
 * @param {string[]} memberIds
 */
export async function holderCounts(roleId, groupId, memberIds) {
  const w = /** @type {any} */ (window);
  const holders = await w.roster.roles.holders(roleId);
  const selected = new Set(w.__benchSelected ?? []);
  const leaving = new Set(memberIds);
  const onlyThrough = (/** @type {any} */ h) =>
    !h.direct && h.inheritedFrom.every((/** @type {any} */ g) => g.id === groupId);
  return {
    total: holders.length,
    withoutSelected: holders.filter((/** @type {any} */ h) => !selected.has(h.user.id)).length,
    withoutMembers: holders.filter((/** @type {any} */ h) => !(leaving.has(h.user.id) && onlyThrough(h))).length,
  };
}

/**
 * Sets the subscription (untimed), so that the dashboard shows its limits' banners.
 * @param {object} subscription
 */
export async function setSubscription(subscription) {
  await /** @type {any} */ (window).roster.subscription.set(subscription);
}

/**
 * What the dashboard must show to be complete, from the API (untimed): one banner per limit,
 * a card per environment, and its charts (usage against the limits, if any; per environment;
 * the history once it has two days).
 */
export async function dashboardExpected() {
  const roster = /** @type {any} */ (window).roster;
  const [report, history] = await Promise.all([roster.usage(), roster.history.get()]);
  const limits = report.limits.length;
  return {
    limits,
    environments: report.environments.length,
    charts: (limits > 0 ? 1 : 0) + 1 + (history.production.length > 1 ? 1 : 0),
  };
}

/**
 * Resolves once the dashboard shows everything at the same moment: a banner per limit
 * (`[data-limit]`), the production totals (`[data-total]`, each a number), a card per
 * environment with its counts, every chart drawn (`canvas[data-ready]`), and the dormant
 * panel's counts (`section#dormant[data-loaded="true"]`). Times are performance.now(): since
 * navigation start on a fresh page. `parts`: when each was first shown; `missing`: what was
 * not shown when it gave up after `timeoutMs`.
 * @param {{ limits: number, environments: number, charts: number }} expected
 * @param {number} timeoutMs
 * @returns {Promise<{ ms: number | null, parts: Record<string, number>, missing: string[] }>}
 */
export function watchDashboard(expected, timeoutMs) {
  const all = (/** @type {string} */ selector) => [...document.querySelectorAll(selector)];
  const numbered = (/** @type {Element[]} */ elements) => elements.every((e) => /\d/.test(e.textContent ?? ''));
  /** @type {Record<string, () => boolean>} */
  const parts = {
    banners: () => all('[data-limit][data-status]').length === expected.limits,
    totals: () => all('[data-total] dd').length >= 4 && numbered(all('[data-total] dd')),
    cards: () =>
      all('article[data-environment]').length === expected.environments &&
      all('article[data-environment]').every((card) =>
        numbered(all('[data-env-count] dd').filter((dd) => card.contains(dd))),
      ),
    charts: () =>
      all('#main-content canvas').length === expected.charts &&
      all('#main-content canvas:not([data-ready])').length === 0,
    dormant: () => document.querySelector('section#dormant[data-loaded="true"]') !== null,
  };
  /** @type {Record<string, number>} */
  const times = {};
  const start = performance.now();
  return new Promise((resolve) => {
    /** @type {ReturnType<typeof setInterval>} */
    let poll;
    const observer = new MutationObserver(() => check());
    const finish = (/** @type {number | null} */ ms) => {
      observer.disconnect();
      clearInterval(poll);
      const missing = Object.keys(parts).filter((name) => !parts[name]?.());
      resolve({ ms, parts: times, missing });
    };
    const check = () => {
      const now = performance.now();
      let complete = true;
      for (const [name, shown] of Object.entries(parts)) {
        if (!shown()) complete = false;
        else times[name] ??= now;
      }
      if (complete) finish(now);
      else if (now - start > timeoutMs) finish(null);
    };
    observer.observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-ready', 'data-loaded', 'data-status'],
    });
    // Also on a timer: a check that finds nothing new still has to notice the time limit.
    poll = setInterval(check, 50);
    check();
  });
}

/**
 * Cold: installed at document start when localStorage holds 'roster.bench.dashboardWatch'
 * (the expectations, as JSON): watches this load of the dashboard into window.__benchDashboard.
 */
export function watchDashboardOnLoad() {
  const w = /** @type {any} */ (window);
  const expected = localStorage.getItem('roster.bench.dashboardWatch');
  if (!expected) return;
  w.__benchDashboard = undefined;
  w.__bench.watchDashboard(JSON.parse(expected), 120_000).then((/** @type {unknown} */ result) => {
    w.__benchDashboard = result;
  });
}

/**
 * Warm: from the section open now (after it is quiet), the dashboard opened as a link opens
 * it (the hash), until it shows everything; long tasks until the page is quiet.
 * @param {{ limits: number, environments: number, charts: number }} expected
 * @param {number} timeoutMs
 */
export async function openDashboardWarm(expected, timeoutMs) {
  const bench = /** @type {any} */ (window).__bench;
  await bench.quiet(timeoutMs);
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  location.hash = '#/dashboard';
  const watched = await bench.watchDashboard(expected, timeoutMs);
  await bench.quiet(timeoutMs);
  const longTasks = await bench.stopLongTasks();
  const since = (/** @type {number} */ t) => t - t0;
  return {
    ms: watched.ms === null ? null : since(watched.ms),
    parts: Object.fromEntries(
      Object.entries(watched.parts).map(([name, t]) => [name, since(/** @type {number} */ (t))]),
    ),
    missing: watched.missing,
    longTasks,
  };
}

/**
 * The numbers the dashboard shows (the production totals, each card's counts, each banner's
 * status) beside the usage report's, for the checks.
 */
export async function dashboardReadBack() {
  const w = /** @type {any} */ (window);
  const report = await w.roster.usage();
  return {
    shown: w.__bench.dashboardShown(),
    report: {
      production: report.production,
      limits: report.limits.map((/** @type {any} */ l) => ({ limit: l.limit, status: l.status })),
      environments: report.environments.map((/** @type {any} */ e) => ({
        name: e.name,
        splitShown: e.splitShown,
        internal: e.internal,
        external: e.external,
        named: e.named,
        anonymous: e.anonymous,
        inactive: e.inactive,
      })),
    },
  };
}

/** The numbers the dashboard shows: the production totals, each card's counts, each banner's status. */
export function dashboardShown() {
  const digits = (/** @type {Element | null} */ e) => {
    const text = (e?.textContent ?? '').replace(/\D/g, '');
    return text ? Number(text) : null;
  };
  /** @type {Record<string, number | null>} */
  const totals = {};
  for (const tile of document.querySelectorAll('[data-total]'))
    totals[/** @type {string} */ (tile.getAttribute('data-total'))] = digits(tile.querySelector('dd'));
  /** @type {Record<string, Record<string, number | null>>} */
  const cards = {};
  for (const card of document.querySelectorAll('article[data-environment]')) {
    /** @type {Record<string, number | null>} */
    const counts = {};
    for (const count of card.querySelectorAll('[data-env-count]'))
      counts[/** @type {string} */ (count.getAttribute('data-env-count'))] = digits(count.querySelector('dd'));
    cards[/** @type {string} */ (card.getAttribute('data-environment'))] = counts;
  }
  /** @type {Record<string, string | null>} */
  const banners = {};
  for (const banner of document.querySelectorAll('[data-limit][data-status]'))
    banners[/** @type {string} */ (banner.getAttribute('data-limit'))] = banner.getAttribute('data-status');
  return { totals, cards, banners };
}

/**
 * Who and what the write scenarios change, chosen once (untimed): the first active member
 * of the group is renamed (every section listing users shows that one: the Users section's
 * first rows, the group's members, the holders of the role granted to the group), and the
 * group's first `count` members leave it and come back.
 * @param {string} groupId
 * @param {number} count
 */
export async function chooseTargets(groupId, count) {
  const roster = /** @type {any} */ (window).roster;
  const [members, group] = await Promise.all([roster.groups.members(groupId), roster.groups.get(groupId)]);
  const user = members.find((/** @type {any} */ u) => u.isActive);
  const brief = (/** @type {any} */ u) => ({ id: u.id, username: u.username });
  return {
    groupName: group?.name,
    user: user ? brief(user) : undefined,
    leaving: members.slice(0, count).map(brief),
  };
}

/**
 * A group's member ids (untimed).
 * @param {string} groupId
 * @returns {Promise<string[]>}
 */
export async function groupMemberIds(groupId) {
  const members = await /** @type {any} */ (window).roster.groups.members(groupId);
  return members.map((/** @type {any} */ u) => u.id);
}

/**
 * Adds users to a group (untimed: to put members back after a stopped group change).
 * @param {string} groupId
 * @param {string[]} ids
 */
export async function addToGroup(groupId, ids) {
  await /** @type {any} */ (window).roster.groups.addUsers(groupId, ids);
}
