// In-page helpers of the benchmark (timing, long tasks, waiting on the DOM). Each function
// is copied into the page as source (see page-script.mjs), so each is self-contained and
// reaches the others only through `window.__bench`.

/**
 * Records when the first users row and the counts are both in the DOM, in ms since
 * navigation start: `window.__benchReady = { domMs, frameMs, fullListMs }` (frameMs: the
 * next animation frame, when they are about to be painted). If localStorage holds a list
 * query under 'roster.bench.fullListQuery', it is sent as soon as the rows show, and
 * fullListMs is when it answered: when a page deep in the list can be shown. If the API has
 * `ready()` (the in-memory index loaded), readyMs is when it resolved. Installed at document
 * start on every load.
 */
export function watchReady() {
  const w = /** @type {any} */ (window);
  const observer = new MutationObserver(() => {
    if (w.__benchReady || !document.querySelector('tr[data-user]') || !document.querySelector('[data-count]')) return;
    const ready = { domMs: performance.now(), frameMs: 0, fullListMs: 0, readyMs: 0 };
    w.__benchReady = ready;
    observer.disconnect();
    requestAnimationFrame(() => (ready.frameMs = performance.now()));
    if (typeof w.roster?.ready === 'function') w.roster.ready().then(() => (ready.readyMs = performance.now()));
    const query = localStorage.getItem('roster.bench.fullListQuery');
    if (query) {
      w.roster.users.list(JSON.parse(query)).then(
        () => (ready.fullListMs = performance.now()),
        () => (ready.fullListMs = -1),
      );
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Counts the console's live reads, so that `quiet` can tell when every one a write set off
 * has run again and been rendered: wraps `roster.observe` when the app publishes
 * `window.roster`, before it mounts the console (an accessor on window, installed at document
 * start). `window.__benchLive`: reads started, reads in flight, when a result was last
 * delivered (after the console's own update of it). Without `observe` (an older build), `quiet`
 * falls back on the page settling.
 */
export function watchLive() {
  const w = /** @type {any} */ (window);
  const live = { wrapped: false, started: 0, pending: 0, deliveredAt: 0 };
  w.__benchLive = live;
  /** @type {unknown} */
  let roster;
  Object.defineProperty(w, 'roster', {
    configurable: true,
    enumerable: true,
    get: () => roster,
    set(value) {
      roster = value;
      try {
        w.__bench.countLiveReads(value, live);
      } catch {
        // Left unwrapped: quiet() then waits for the page to settle only.
      }
    },
  });
}

/**
 * Wraps `roster.observe` (see watchLive): each run of a live read counts as started and in
 * flight until its promise settles; each result delivered stamps `deliveredAt` in a microtask
 * queued after the subscriber's, i.e. after the console's own update has been queued and run.
 * @param {any} roster
 * @param {{ wrapped: boolean, started: number, pending: number, deliveredAt: number }} live
 */
export function countLiveReads(roster, live) {
  if (!roster || typeof roster.observe !== 'function' || live.wrapped) return;
  const observe = roster.observe;
  const delivered = () => queueMicrotask(() => (live.deliveredAt = performance.now()));
  roster.observe = (/** @type {() => Promise<unknown>} */ query) => {
    const counted = () => {
      live.started++;
      live.pending++;
      const done = () => void live.pending--;
      try {
        const result = query();
        Promise.resolve(result).then(done, done);
        return result;
      } catch (error) {
        done();
        throw error;
      }
    };
    const observable = observe.call(roster, counted);
    return {
      subscribe: (/** @type {(v: unknown) => void} */ next, /** @type {((e: unknown) => void) | undefined} */ error) =>
        observable.subscribe(
          (/** @type {unknown} */ value) => {
            next(value);
            delivered();
          },
          (/** @type {unknown} */ failure) => {
            if (error) error(failure);
            else console.error(failure);
            delivered();
          },
        ),
    };
  };
  live.wrapped = true;
}

/**
 * Waits until the page is quiet: no live read in flight and none started for `QUIET_MS`
 * (each check after the page has settled: two frames, then an idle period), so every read
 * a write set off has run again and its result is rendered. Without the live-read count,
 * one settle. False after `timeoutMs`.
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function quiet(timeoutMs) {
  // Longer than the gap between a write and the reads it sets off (one transaction's end).
  const QUIET_MS = 100;
  const w = /** @type {any} */ (window);
  const live = w.__benchLive;
  const start = performance.now();
  let seen = -1;
  let since = 0;
  for (;;) {
    await w.__bench.settle();
    if (!live?.wrapped) return true;
    const now = performance.now();
    if (live.pending > 0 || live.started !== seen) {
      seen = live.pending > 0 ? -1 : live.started;
      since = now;
    } else if (now - since >= QUIET_MS) return true;
    if (now - start > timeoutMs) return false;
  }
}

/**
 * Resolves in a new task. Timed work starts from a timer task, as from an event handler:
 * work run directly inside a DevTools evaluation is not reported as a long task.
 * @returns {Promise<void>}
 */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Starts recording main-thread long tasks (≥ 50 ms). */
export function startLongTasks() {
  const w = /** @type {any} */ (window);
  const state = { max: 0, count: 0, totalMs: 0, observer: /** @type {PerformanceObserver | undefined} */ (undefined) };
  const add = (/** @type {PerformanceEntryList} */ entries) => {
    for (const entry of entries) {
      state.max = Math.max(state.max, entry.duration);
      state.count++;
      state.totalMs += entry.duration;
    }
  };
  state.observer = new PerformanceObserver((list) => add(list.getEntries()));
  state.observer.observe({ type: 'longtask' });
  w.__benchLongTasks = { state, add };
}

/**
 * Stops recording and returns the longest task (0 if none reached 50 ms), their count and total.
 * @returns {Promise<{ maxMs: number, count: number, totalMs: number }>}
 */
export async function stopLongTasks() {
  const w = /** @type {any} */ (window);
  const { state, add } = w.__benchLongTasks;
  // Entries are delivered after the task ends: give the last one time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  add(state.observer.takeRecords());
  state.observer.disconnect();
  delete w.__benchLongTasks;
  return { maxMs: state.max, count: state.count, totalMs: state.totalMs };
}

/**
 * Waits for the page to go quiet: two animation frames, then an idle period.
 * @returns {Promise<void>}
 */
export async function settle() {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
}

/**
 * Polls `predicate` every few ms until it holds; false after `timeoutMs`.
 * @param {() => boolean} predicate
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function waitUntil(predicate, timeoutMs) {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
  return true;
}

/**
 * The fields of listed users the checks read.
 * @param {any[]} items
 * @returns {{
 *   id: string, username: string, name?: string, email?: string, class: string, lastLogin?: string, isActive: boolean
 * }[]}
 */
export function compactItems(items) {
  return items.map((u) => ({
    id: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    class: u.class,
    lastLogin: u.lastLogin,
    isActive: u.isActive,
  }));
}

/**
 * The counts of a usage report, per environment.
 * @param {any} report
 * @returns {{
 *   environmentId: string, name: string,
 *   internal: number, external: number, named: number, anonymous: number, inactive: number
 * }[]}
 */
export function compactUsage(report) {
  return report.environments.map((/** @type {any} */ e) => ({
    environmentId: e.environmentId,
    name: e.name,
    internal: e.internal,
    external: e.external,
    named: e.named,
    anonymous: e.anonymous,
    inactive: e.inactive,
  }));
}
