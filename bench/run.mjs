// The performance benchmark of Roster (issue 3): builds the app, serves it, and measures
// the Users API and the console in headless Chromium for N = 10,000, 100,000 and 1,000,000
// generated users, each size in a fresh browser profile. Prints one JSON object per
// scenario as it finishes (stdout; progress goes to stderr), then a table, and writes
// bench/results/latest.json (bench/results/smoke.json for --smoke). See docs/performance.md.
//
//   node bench/run.mjs                 all three sizes
//   node bench/run.mjs --n 100000      one size
//   node bench/run.mjs --n 2000 --smoke  few runs; exits 1 only if a scenario throws, hangs
//                                        or reads back nonsense (never on targets)
// Options: --timeout-min M (per scenario, default 10), --skip-build (serve the existing
// dist/), --root DIR (build and serve another checkout of the app, e.g. an older commit).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './browser.mjs';
import { failedRow, formatTable, printLine, writeResults } from './report.mjs';
import { runSize } from './run-size.mjs';
import { buildApp, startServer } from '../scripts/preview-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [10_000, 100_000, 1_000_000];

// The write scenarios run with each of five sections open: in the four other than Users,
// each repeats at most sectionRuns times within half the time budget, so that a 1M run
// grows by minutes, not by four times its write scenarios.
/** @type {import('./step.mjs').Plan} */
const FULL_PLAN = {
  list: 5,
  edit: 5,
  reload: 3,
  ruleReps: 3,
  bulk: 3,
  baseline: 3,
  groupReps: 3,
  sectionRuns: 3,
  dashboardOpen: 3,
  snapshotWaitMs: 3500,
};
/** @type {import('./step.mjs').Plan} */
const SMOKE_PLAN = {
  list: 2,
  edit: 2,
  reload: 1,
  ruleReps: 1,
  bulk: 1,
  baseline: 1,
  groupReps: 1,
  sectionRuns: 1,
  dashboardOpen: 1,
  // 2,000 users: whatever the snapshot costs is too small to matter, and the smoke run stays short.
  snapshotWaitMs: 0,
};

/**
 * @returns {{ sizes: number[], smoke: boolean, timeoutMs: number, build: boolean, root: string }}
 */
function options() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'timeout-min': { type: 'string', default: '10' },
      'skip-build': { type: 'boolean', default: false },
      root: { type: 'string', default: ROOT },
    },
  });
  const n = values.n === undefined ? undefined : Number(values.n.replace(/[_,]/g, ''));
  if (n !== undefined && !(Number.isInteger(n) && n >= 100))
    throw new Error(`--n must be a whole number ≥ 100, not "${values.n}".`);
  const minutes = Number(values['timeout-min']);
  if (!(minutes > 0)) throw new Error(`--timeout-min must be a positive number, not "${values['timeout-min']}".`);
  return {
    sizes: n ? [n] : SIZES,
    smoke: values.smoke,
    timeoutMs: minutes * 60_000,
    build: !values['skip-build'],
    root: resolve(values.root),
  };
}

/**
 * A row's scenario, with its section if it has one.
 * @param {import('./report.mjs').Row} row
 */
function label(row) {
  return typeof row.section === 'string' ? `${row.scenario} [${row.section}]` : row.scenario;
}

async function main() {
  const { sizes, smoke, timeoutMs, build, root } = options();
  const startedAt = new Date().toISOString();
  if (build) {
    console.error(`bench: building the app in ${root} (vite build)`);
    await buildApp(root);
  }
  const server = await startServer(root);
  console.error(`bench: serving ${root}/dist on ${server.url}`);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received, stopping.`);
      server.stop();
      process.exit(130);
    });
  }

  /** @type {import('./report.mjs').Row[]} */
  const rows = [];
  const header = { bench: 'roster', startedAt, sizes, smoke, browser: '', machine: machineInfo() };
  const emit = (/** @type {import('./report.mjs').Row} */ row) => {
    rows.push(row);
    printLine(row);
  };
  const onBrowser = (/** @type {string} */ version) => {
    if (header.browser) return;
    header.browser = `Chromium ${version}`;
    printLine(header);
  };
  try {
    for (const n of sizes) {
      try {
        await runSize({
          url: server.url,
          n,
          plan: smoke ? SMOKE_PLAN : FULL_PLAN,
          timeoutMs: smoke ? Math.min(timeoutMs, 120_000) : timeoutMs,
          budgetMs: 60_000,
          emit,
          onBrowser,
        });
      } catch (error) {
        console.error(`bench: n=${n} stopped: ${error instanceof Error ? error.stack : String(error)}`);
        emit(failedRow('setup', n, error, false));
      }
    }
  } finally {
    server.stop();
  }

  process.stdout.write(
    `\n${header.browser} · ${header.machine.cpu} · ${header.machine.cores} cores · ` +
      `${header.machine.memoryGiB} GiB · node ${header.machine.node}\n`,
  );
  process.stdout.write(`${formatTable(rows)}\n`);
  const file = writeResults(
    { ...header, finishedAt: new Date().toISOString(), results: rows },
    smoke ? 'smoke.json' : 'latest.json',
  );
  console.error(`bench: results written to ${file}`);

  // Targets never fail the run; a scenario that threw or read back nonsense does (and, in
  // the smoke run, one that hung: 2,000 users never take minutes).
  const failed = rows.filter((row) => row.error || row.problems || (smoke && row.timedOut));
  if (failed.length) {
    console.error(
      `bench: ${failed.length} scenario(s) failed: ${failed.map((row) => `${label(row)} (n=${row.n})`).join(', ')}`,
    );
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
