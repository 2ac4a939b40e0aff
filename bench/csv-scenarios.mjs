// The CSV import and the backup, measured as a person meets them: a file of N users brought
// into an empty database (first thing in a size's run, so that the page heap is the import's
// own), and later the whole database saved and restored.
import { NOW, SEED } from './dataset.mjs';
import { measureHeap } from './browser.mjs';
import { makeRow } from './report.mjs';
import { RAW_BATCH, invoke } from './step.mjs';

/** @typedef {import('./step.mjs').Step} Step */

/** The environment the CSV file is imported into; deleted again before the main import. */
const CSV_ENVIRONMENT = 'CSV import';
/** The cancel scenario aborts this long after the import started. */
const CANCEL_AFTER_MS = 1000;

/**
 * Samples the page's JS heap (without forcing a collection) every 250 ms while `work` runs;
 * returns the work's result and the highest sample, in MiB.
 * @template T
 * @param {Step} run
 * @param {() => Promise<T>} work
 * @returns {Promise<{ result: T, peakMB: number }>}
 */
async function withHeapPeak(run, work) {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { usedSize } = await run.session.cdp.send('Runtime.getHeapUsage');
        peak = Math.max(peak, usedSize / 2 ** 20);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  try {
    return { result: await work(), peakMB: peak };
  } finally {
    sampling = false;
    await sampler;
  }
}

/**
 * The CSV import of N rows: its raw baselines (Papa Parse alone on the same file; the users
 * as JSON put 2,000 per record), a dry run, a cancelled import, then the import applied.
 * Emits csv-import-dry-run, csv-import, csv-import-longest-task, csv-import-heap,
 * csv-import-progress and csv-import-cancel.
 * @param {Step} run
 */
export async function csvImportScenario(run) {
  const environmentId = await invoke(run, 'createImportEnvironment', CSV_ENVIRONMENT);
  const file = await invoke(run, 'prepareCsv', { n: run.n, seed: SEED + 1, now: NOW, environmentId });
  const raw = await invoke(run, 'rawWrite', RAW_BATCH);
  // Only the file stays in the page: the generated users would count in the import's heap.
  await invoke(run, 'dropUsers');
  await invoke(run, 'dropRaw');
  const parse = await invoke(run, 'papaParseBaseline');
  await invoke(run, 'settle');
  const baseline = parse.ms + raw.ms;
  const baselineWhat =
    `Papa Parse alone reading the same ${Math.round(file.bytes / 2 ** 20)} MiB file (${Math.round(parse.ms)} ms) ` +
    `+ the users as JSON, ${RAW_BATCH} per record, put in a bare IndexedDB store (${Math.round(raw.ms)} ms)`;

  const dry = await withHeapPeak(run, () => invoke(run, 'csvImport', environmentId, true));
  const dryProblems =
    dry.result.totals.rows === run.n ? [] : [`the dry run read ${dry.result.totals.rows} rows of ${run.n}`];
  if (dry.result.totals.create + dry.result.totals.error !== run.n)
    dryProblems.push('the dry run did not plan every row');
  run.emit(
    makeRow({
      scenario: 'csv-import-dry-run',
      n: run.n,
      runs: [dry.result.ms],
      baseline: parse.ms,
      baselineWhat: 'Papa Parse alone reading the same file',
      extra: {
        bytes: file.bytes,
        totals: dry.result.totals,
        longestTaskMs: dry.result.longTasks.maxMs,
        heapPeakMB: Math.round(dry.peakMB),
      },
      problems: dryProblems,
    }),
  );

  const cancel = await invoke(run, 'csvCancel', environmentId, CANCEL_AFTER_MS);
  run.emit(
    makeRow({
      scenario: 'csv-import-cancel',
      n: run.n,
      runs: [cancel.ms],
      extra: { cancelledAfterMs: CANCEL_AFTER_MS, outcome: cancel.outcome, usersAfter: cancel.usersAfter },
      problems: cancel.usersAfter === 0 ? [] : [`${cancel.usersAfter} users were written by a cancelled import`],
    }),
  );

  await invoke(run, 'settle');
  const applied = await withHeapPeak(run, () => invoke(run, 'csvImport', environmentId, false));
  const { result } = applied;
  const problems = [];
  if (result.counted !== result.totals.create)
    problems.push(`usage counts ${result.counted} users, the import created ${result.totals.create}`);
  if (result.totals.create !== dry.result.totals.create)
    problems.push('the import created another number of users than its dry run said');
  run.emit(
    makeRow({
      scenario: 'csv-import',
      n: run.n,
      runs: [result.ms],
      baseline,
      baselineWhat,
      extra: {
        importMs: result.importMs,
        usageMs: result.usageMs,
        totals: result.totals,
        rowsPerSecond: Math.round((run.n / result.ms) * 1000),
      },
      problems,
    }),
  );
  run.emit(
    makeRow({
      scenario: 'csv-import-longest-task',
      n: run.n,
      runs: [Math.max(result.longTasks.maxMs, dry.result.longTasks.maxMs)],
      extra: {
        dryRunMs: dry.result.longTasks.maxMs,
        applyMs: result.longTasks.maxMs,
        longTasks: result.longTasks.count + dry.result.longTasks.count,
      },
    }),
  );
  run.emit(
    makeRow({
      scenario: 'csv-import-heap',
      n: run.n,
      runs: [],
      value: Math.max(applied.peakMB, dry.peakMB),
      extra: {
        dryRunPeakMB: Math.round(dry.peakMB),
        applyPeakMB: Math.round(applied.peakMB),
        sampledEveryMs: 250,
        workerHeapIncluded: false,
      },
    }),
  );
  run.emit(
    makeRow({
      scenario: 'csv-import-progress',
      n: run.n,
      runs: [Math.max(result.maxProgressGapMs, dry.result.maxProgressGapMs)],
      extra: { reports: result.progressReports },
    }),
  );
  await invoke(run, 'dropCsv');
  await invoke(run, 'deleteEnvironment', environmentId);
  await invoke(run, 'settle');
}

/**
 * The whole database saved with roster.backup() and restored over itself with
 * roster.restore(): each timed; the usage must read the same after. Emits backup and restore.
 * @param {Step} run
 */
export async function backupScenario(run) {
  const heapBefore = await measureHeap(run.session);
  const result = await invoke(run, 'backupRestore');
  const problems = result.same ? [] : ['usage differs after the restore'];
  const extra = {
    bytes: result.bytes,
    longestTaskMs: result.longTasks.maxMs,
    heapBeforeMB: Math.round(heapBefore.usedMB),
  };
  run.emit(makeRow({ scenario: 'backup', n: run.n, runs: [result.backupMs], extra, problems }));
  run.emit(
    makeRow({
      scenario: 'restore',
      n: run.n,
      runs: [result.restoreMs],
      extra: { indexReadyMs: result.indexReadyMs },
      problems,
    }),
  );
}
