// In-page drivers of the activity scenario (copied into the page as source, see
// page-script.mjs). The log is filled with raw IndexedDB writes, for the benchmark only: a
// million entries through the API would be a million transactions. The entries and their
// counts per block of 1,024 ids are written as schema v6 keeps them (a copy of its keying).

/**
 * Adds `count` entries to the `roster` database's audit log, dated over the past year, in
 * transactions of 20,000, with their block counts. Returns the log's size and its entries
 * per action afterwards.
 * @param {number} count
 * @param {string} environmentId
 * @returns {Promise<{ total: number, byAction: Record<string, number>, fillMs: number }>}
 */
export async function fillActivity(count, environmentId) {
  const started = performance.now();
  const db = /** @type {IDBDatabase} */ (
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('roster');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    })
  );
  const done = (/** @type {IDBTransaction} */ tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  const last = await new Promise((resolve, reject) => {
    const request = db.transaction('audit').objectStore('audit').openCursor(null, 'prev');
    request.onsuccess = () => resolve(request.result ? Number(request.result.key) : 0);
    request.onerror = () => reject(request.error);
  });
  const BUCKET = 1024;
  const BATCH = 20_000;
  const year = 365 * 86_400_000;
  const start = Date.now() - year;
  const actions = ['update', 'update', 'update', 'create', 'deactivate', 'reactivate', 'grant', 'update', 'create'];
  for (let from = 0; from < count; from += BATCH) {
    const tx = db.transaction(['audit', 'auditBuckets'], 'readwrite', { durability: 'relaxed' });
    const audit = tx.objectStore('audit');
    const buckets = tx.objectStore('auditBuckets');
    /** @type {Map<number, any>} */
    const touched = new Map();
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const id = /** @type {number} */ (last) + i + 1;
      const at = new Date(start + Math.floor((i / count) * year)).toISOString();
      const action = actions[i % actions.length];
      const user = `bench.user${i % 5000}`;
      const entry = { id, at, action, entity: 'user', entityId: `bench-${i % 5000}`, environmentId, label: user };
      if (action === 'update')
        Object.assign(entry, { changes: { name: { before: `Name ${i}`, after: `Name ${i + 1}` } } });
      audit.put(entry);
      const bucket = Math.floor(id / BUCKET);
      let record = touched.get(bucket);
      if (!record) touched.set(bucket, (record = { bucket, count: 0, minAt: at, maxAt: at, counts: {} }));
      const key = `${environmentId}\tuser\t${action}`;
      record.counts[key] = (record.counts[key] ?? 0) + 1;
      record.count += 1;
      if (at < record.minAt) record.minAt = at;
      if (at > record.maxAt) record.maxAt = at;
    }
    // A block may already hold entries (the writes before): merged with what it has.
    for (const record of touched.values()) {
      const request = buckets.get(record.bucket);
      request.onsuccess = () => {
        const stored = request.result;
        if (stored) {
          for (const [key, n] of Object.entries(stored.counts)) record.counts[key] = (record.counts[key] ?? 0) + n;
          record.count += stored.count;
          if (stored.minAt < record.minAt) record.minAt = stored.minAt;
          if (stored.maxAt > record.maxAt) record.maxAt = stored.maxAt;
        }
        buckets.put(record);
      };
    }
    await done(tx);
  }
  db.close();
  const page = await /** @type {any} */ (window).roster.activity.list({ limit: 0 });
  const byAction = {};
  for (const action of new Set(actions))
    byAction[action] = (await /** @type {any} */ (window).roster.activity.list({ action, limit: 0 })).total;
  return { total: page.total, byAction, fillMs: performance.now() - started };
}

/**
 * Waits until the activity list shows `total` as its count and at least one entry.
 * @param {number} total
 * @param {number} timeoutMs
 */
export function activityShows(total, timeoutMs) {
  const bench = /** @type {any} */ (window).__bench;
  const shown = () => {
    const digits = (document.querySelector('[data-testid="activity-total"]')?.textContent ?? '').replace(/\D/g, '');
    return digits === String(total) && document.querySelector('li[data-entry]') !== null;
  };
  return bench.waitUntil(shown, timeoutMs);
}

/**
 * One timed step on the Activity page: `act` starts it (from a timer task), then until the
 * list shows `total`; with the longest main-thread task meanwhile.
 * @param {'open' | 'filter' | 'scroll'} kind
 * @param {number} total  the count the list must show
 * @param {number} timeoutMs
 * @returns {Promise<{ ms: number | null, shownTotal: number | null, longestTaskMs: number, firstRow: number }>}
 */
export async function activityStep(kind, total, timeoutMs) {
  const bench = /** @type {any} */ (window).__bench;
  await bench.nextTask();
  bench.startLongTasks();
  const t0 = performance.now();
  let ok;
  if (kind === 'open') {
    location.hash = '#/activity';
    ok = await bench.activityShows(total, timeoutMs);
  } else if (kind === 'filter') {
    const select = /** @type {HTMLSelectElement} */ (
      [...document.querySelectorAll('select')].find((s) => s.closest('label')?.textContent?.includes('Action'))
    );
    select.value = 'update';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    ok = await bench.activityShows(total, timeoutMs);
  } else {
    // Half-way down the list: the rows there come in.
    const scroller = /** @type {HTMLElement} */ (document.querySelector('.activity .scroller'));
    const before = document.querySelector('li[data-entry]')?.getAttribute('aria-posinset');
    scroller.scrollTop = scroller.scrollHeight / 2;
    ok = await bench.waitUntil(() => {
      const first = document.querySelector('li[data-entry]')?.getAttribute('aria-posinset');
      return first !== before && Number(first) > total / 4;
    }, timeoutMs);
  }
  const ms = ok ? performance.now() - t0 : null;
  const longTasks = await bench.stopLongTasks();
  const digits = (document.querySelector('[data-testid="activity-total"]')?.textContent ?? '').replace(/\D/g, '');
  const firstRow = Number(document.querySelector('li[data-entry]')?.getAttribute('aria-posinset') ?? 0);
  return { ms, shownTotal: digits ? Number(digits) : null, longestTaskMs: longTasks.maxMs, firstRow };
}

/** The log's size now. */
export async function activityTotal() {
  return { total: (await /** @type {any} */ (window).roster.activity.list({ limit: 0 })).total };
}
