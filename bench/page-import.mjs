// In-page drivers of the CSV import and of backup and restore (`window.roster`), copied into
// the page as source like page-scenarios.mjs: self-contained, reaching the other helpers
// through `window.__bench`. Timed work starts from a timer task.

/**
 * Generates the users of the CSV file from the benchmark's generator (all into one
 * environment), keeps them for the raw baseline (window.__benchData), and builds the file as a
 * Blob of parts (window.__benchCsv): about 100 MB at a million rows, never one string.
 * @param {{ n: number, seed: number, now: string, environmentId: string }} options
 * @returns {{ rows: number, bytes: number }}
 */
export function prepareCsv(options) {
  const w = /** @type {any} */ (window);
  const environments = [{ id: options.environmentId, share: 1, emailDomains: ['example.com', 'corp.example.com'] }];
  const { inputs } = w.__bench.generateUsers({ n: options.n, seed: options.seed, now: options.now, environments });
  const quote = (/** @type {string | undefined} */ text) =>
    text === undefined ? '' : /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  const parts = ['username,name,email,mobilePhone,isActive,lastLogin,externalId\r\n'];
  let lines = [];
  for (const user of inputs) {
    const active = user.isActive === false ? 'no' : 'yes';
    lines.push(
      [user.username, user.name, user.email, user.mobilePhone, active, user.lastLogin, user.externalId]
        .map(quote)
        .join(','),
    );
    if (lines.length === 10_000) {
      parts.push(`${lines.join('\r\n')}\r\n`);
      lines = [];
    }
  }
  if (lines.length) parts.push(`${lines.join('\r\n')}\r\n`);
  w.__benchCsv = new Blob(parts, { type: 'text/csv' });
  w.__benchData = { inputs };
  return { rows: inputs.length, bytes: w.__benchCsv.size };
}

/** Drops the CSV file and its users. */
export function dropCsv() {
  const w = /** @type {any} */ (window);
  delete w.__benchCsv;
  delete w.__benchData;
}

/**
 * Baseline of the parsing: Papa Parse alone (loaded into the page by the benchmark) reading
 * the same Blob a chunk at a time on the main thread, counting the records.
 */
export async function papaParseBaseline() {
  const w = /** @type {any} */ (window);
  await w.__bench.nextTask();
  const t0 = performance.now();
  let records = 0;
  await new Promise((resolve, reject) => {
    w.Papa.parse(w.__benchCsv, {
      chunkSize: 1 << 20,
      chunk: (/** @type {{ data: unknown[] }} */ result) => {
        records += result.data.length;
      },
      complete: resolve,
      error: reject,
    });
  });
  return { ms: performance.now() - t0, records };
}

/**
 * `roster.importCsv` of the prepared file into an environment, then (when applied) usage:
 * timed until both resolved. Records long tasks and the longest gap between progress reports.
 * @param {string} environmentId
 * @param {boolean} dryRun
 */
export async function csvImport(environmentId, dryRun) {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  let last = t0;
  let maxGap = 0;
  let reports = 0;
  const report = await roster.importCsv(environmentId, w.__benchCsv, {
    dryRun,
    onError: 'skip',
    onProgress: () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      reports++;
    },
  });
  const t1 = performance.now();
  const usage = dryRun ? undefined : await roster.usage();
  const t2 = performance.now();
  const longTasks = await bench.stopLongTasks();
  const row = usage?.environments.find(
    (/** @type {{ environmentId: string }} */ r) => r.environmentId === environmentId,
  );
  return {
    ms: t2 - t0,
    importMs: t1 - t0,
    usageMs: t2 - t1,
    totals: report.totals,
    applied: report.applied,
    progressReports: reports,
    maxProgressGapMs: Math.max(maxGap, t1 - last),
    longTasks,
    counted: row ? row.named + row.anonymous + row.inactive : undefined,
  };
}

/**
 * Starts an import and cancels it as soon as it reports progress (or after `afterMs`): how long
 * until the call gave up, and how
 * many users the environment has afterwards (none, if nothing was written).
 * @param {string} environmentId
 * @param {number} afterMs
 */
export async function csvCancel(environmentId, afterMs) {
  const w = /** @type {any} */ (window);
  const controller = new AbortController();
  /** @type {() => void} */
  let started = () => undefined;
  const underWay = new Promise((resolve) => (started = () => resolve(undefined)));
  const running = w.roster.importCsv(environmentId, w.__benchCsv, {
    onError: 'skip',
    signal: controller.signal,
    onProgress: () => started(),
  });
  // Cancelled once the import has started reading, or after `afterMs`, whichever is first.
  await Promise.race([underWay, new Promise((resolve) => setTimeout(resolve, afterMs))]);
  const t0 = performance.now();
  controller.abort();
  let outcome = 'finished before the cancel';
  try {
    await running;
  } catch (error) {
    outcome = /** @type {Error} */ (error).name;
  }
  const ms = performance.now() - t0;
  const total = (await w.roster.users.list({ environmentId, limit: 0 })).total;
  return { ms, outcome, usersAfter: total };
}

/** `roster.backup()`, then `roster.restore()` of that file over the same database, each timed. */
export async function backupRestore() {
  const w = /** @type {any} */ (window);
  const { roster, __bench: bench } = w;
  const before = bench.compactUsage(await roster.usage());
  bench.startLongTasks();
  await bench.nextTask();
  const t0 = performance.now();
  const file = await roster.backup();
  const t1 = performance.now();
  await roster.restore(file);
  const t2 = performance.now();
  await roster.ready();
  const t3 = performance.now();
  const longTasks = await bench.stopLongTasks();
  const after = bench.compactUsage(await roster.usage());
  return {
    backupMs: t1 - t0,
    restoreMs: t2 - t1,
    indexReadyMs: t3 - t2,
    bytes: file.size,
    longTasks,
    same: JSON.stringify(before) === JSON.stringify(after),
  };
}

/**
 * Creates an empty environment for the CSV import, untimed.
 * @param {string} name
 */
export async function createImportEnvironment(name) {
  const roster = /** @type {any} */ (window).roster;
  const environment = await roster.environments.create({ name, kind: 'non-production' });
  return environment.id;
}

/**
 * Deletes an environment with its users, untimed.
 * @param {string} environmentId
 */
export async function deleteEnvironment(environmentId) {
  await /** @type {any} */ (window).roster.environments.delete(environmentId);
}
