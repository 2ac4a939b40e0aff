// In-page raw baselines, measured in the same page and run as the scenarios: the same
// users as JSON batches in a bare IndexedDB store (a separate database, raw IndexedDB API),
// and plain JavaScript over an in-memory array of them with no index. Copied into the page
// as source (see page-script.mjs): each function is self-contained.

/**
 * Opens (or creates) the baseline database: one object store of JSON batches.
 * @returns {Promise<IDBDatabase>}
 */
export function rawOpen() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('roster-bench-raw', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('batches');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Resolves when a transaction completes.
 * @param {IDBTransaction} tx
 * @returns {Promise<void>}
 */
export function rawDone(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/**
 * Baseline of the import: the generated users JSON-encoded `batchSize` per record and put
 * in one transaction, timed from encoding until the transaction completes.
 * @param {number} batchSize
 */
export async function rawWrite(batchSize) {
  const w = /** @type {any} */ (window);
  const bench = w.__bench;
  const inputs = w.__benchData.inputs;
  const db = await bench.rawOpen();
  const clear = db.transaction('batches', 'readwrite');
  clear.objectStore('batches').clear();
  await bench.rawDone(clear);
  await bench.nextTask();
  const t0 = performance.now();
  const tx = db.transaction('batches', 'readwrite');
  const store = tx.objectStore('batches');
  let chars = 0;
  let batches = 0;
  for (let i = 0; i < inputs.length; i += batchSize) {
    const json = JSON.stringify(inputs.slice(i, i + batchSize));
    chars += json.length;
    store.put(json, batches++);
  }
  await bench.rawDone(tx);
  const ms = performance.now() - t0;
  db.close();
  return { ms, chars, batches };
}

/**
 * Baseline of a full load: opens the baseline database, reads every batch and parses it,
 * timed; keeps the users in window.__benchRaw for the other baselines.
 */
export async function rawReadAll() {
  const w = /** @type {any} */ (window);
  await w.__bench.nextTask();
  const t0 = performance.now();
  const db = await w.__bench.rawOpen();
  const records = await new Promise((resolve, reject) => {
    const request = db.transaction('batches', 'readonly').objectStore('batches').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  /** @type {any[]} */
  const users = [];
  for (const json of records) for (const user of JSON.parse(json)) users.push(user);
  const ms = performance.now() - t0;
  db.close();
  w.__benchRaw = users;
  return { ms, count: users.length };
}

/** Drops the in-memory copy. */
export function dropRaw() {
  delete (/** @type {any} */ (window).__benchRaw);
}

/**
 * Baseline of one edit in a batched store: one user renamed, its batch of `batchSize`
 * JSON-encoded again and put in its own transaction, timed until it completes.
 * @param {number} batchSize
 * @param {string} name
 */
export async function rawPutOne(batchSize, name) {
  const w = /** @type {any} */ (window);
  const bench = w.__bench;
  const db = await bench.rawOpen();
  const batch = w.__benchRaw.slice(0, batchSize);
  await bench.nextTask();
  const t0 = performance.now();
  batch[0] = { ...batch[0], name };
  const tx = db.transaction('batches', 'readwrite');
  tx.objectStore('batches').put(JSON.stringify(batch), 0);
  await bench.rawDone(tx);
  const ms = performance.now() - t0;
  db.close();
  return { ms };
}

/**
 * The class of a raw user under some rules, as the product defines it (inactive, anonymous,
 * all-internal, no email, matching domain, else external).
 * @param {any} user
 * @param {{ mode: string, domains: { domain: string }[] }} rules
 * @returns {string}
 */
export function rawClassOf(user, rules) {
  if (user.isActive === false) return 'inactive';
  const email = user.email || (user.username.includes('@') ? user.username : '');
  if (!email && !user.lastLogin && !user.name && !user.mobilePhone) return 'anonymous';
  if (rules.mode === 'all-internal' || !email) return 'internal';
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  for (const { domain: entry } of rules.domains) {
    if (entry.startsWith('*.') ? domain.endsWith(entry.slice(1)) : domain === entry) return 'internal';
  }
  return 'external';
}

/**
 * Baseline of usage after a rule change: every user of the in-memory copy classified and
 * counted again under the current rules of each environment, timed.
 */
export async function rawRecount() {
  const w = /** @type {any} */ (window);
  const environments = await w.roster.environments.list();
  /** @type {Map<string, any>} */
  const rules = new Map();
  for (const e of environments) rules.set(e.id, await w.roster.environments.getRules(e.id));
  await w.__bench.nextTask();
  const t0 = performance.now();
  /** @type {Map<string, Record<string, number>>} */
  const counts = new Map();
  for (const e of environments) counts.set(e.id, { internal: 0, external: 0, anonymous: 0, inactive: 0 });
  for (const user of w.__benchRaw) {
    const tally = counts.get(user.environmentId);
    if (!tally) continue;
    const name = w.__bench.rawClassOf(user, rules.get(user.environmentId));
    tally[name] = (tally[name] ?? 0) + 1;
  }
  return { ms: performance.now() - t0 };
}

/**
 * Baseline of a list query: the same filter, locale-aware sort and page, in plain
 * JavaScript over the in-memory copy, with no index.
 * @param {{
 *   environmentId: string, search?: string, class?: string,
 *   sort?: string, order?: string, offset?: number, limit?: number
 * }} query
 */
export async function rawList(query) {
  const w = /** @type {any} */ (window);
  const rules = await w.roster.environments.getRules(query.environmentId);
  await w.__bench.nextTask();
  const t0 = performance.now();
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const needle = query.search?.toLowerCase();
  const field = query.sort ?? 'username';
  const direction = query.order === 'desc' ? -1 : 1;
  const matches = w.__benchRaw.filter(
    (/** @type {any} */ u) =>
      u.environmentId === query.environmentId &&
      (!needle ||
        u.username.toLowerCase().includes(needle) ||
        u.name?.toLowerCase().includes(needle) ||
        u.email?.toLowerCase().includes(needle)) &&
      (!query.class || w.__bench.rawClassOf(u, rules) === query.class),
  );
  matches.sort((/** @type {any} */ a, /** @type {any} */ b) => {
    const x = a[field];
    const y = b[field];
    if (x !== y && (!x || !y)) return x ? -1 : 1;
    return direction * collator.compare(x ?? '', y ?? '') || collator.compare(a.username, b.username);
  });
  const offset = query.offset ?? 0;
  const items = matches.slice(offset, offset + (query.limit ?? 50));
  return { ms: performance.now() - t0, total: matches.length, count: items.length };
}

/**
 * Baseline of a bulk (de)activation in a batched store: the users of one environment and
 * class (picked untimed, as the API's select-all is timed on its own) set to `isActive`,
 * every batch of `batchSize` holding one of them JSON-encoded again, and all those batches
 * put in one transaction, timed until it completes. The in-memory copy is left as it was.
 * @param {number} batchSize
 * @param {string} environmentId
 * @param {string} className
 * @param {boolean} isActive
 */
export async function rawSetActive(batchSize, environmentId, className, isActive) {
  const w = /** @type {any} */ (window);
  const bench = w.__bench;
  const users = w.__benchRaw;
  const rules = await w.roster.environments.getRules(environmentId);
  /** @type {number[]} */
  const picked = [];
  for (let i = 0; i < users.length; i++) {
    if (users[i].environmentId === environmentId && bench.rawClassOf(users[i], rules) === className) picked.push(i);
  }
  const db = await bench.rawOpen();
  await bench.nextTask();
  const t0 = performance.now();
  /** @type {Map<number, any[]>} */
  const batches = new Map();
  for (const i of picked) {
    const key = Math.floor(i / batchSize);
    /** @type {any[]} */
    const batch = batches.get(key) ?? users.slice(key * batchSize, (key + 1) * batchSize);
    batches.set(key, batch);
    batch[i - key * batchSize] = { ...users[i], isActive };
  }
  const tx = db.transaction('batches', 'readwrite');
  const store = tx.objectStore('batches');
  for (const [key, batch] of batches) store.put(JSON.stringify(batch), key);
  await bench.rawDone(tx);
  const ms = performance.now() - t0;
  db.close();
  return { ms, users: picked.length, batches: batches.size };
}
