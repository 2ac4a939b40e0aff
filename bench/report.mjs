// Results: one JSON object per scenario on stdout as each finishes, an aligned table at
// the end, and everything in bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.mjs';
import { TARGETS, meets, targetFor } from './targets.mjs';

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

/**
 * @typedef {Record<string, unknown> & {
 *   scenario: string, n: number, met?: boolean, timedOut?: boolean, error?: string, problems?: string[]
 * }} Row
 */

/**
 * A scenario's result: the median of its runs (or `value`), its baseline, its target and
 * whether it is met. Memory rows are in MiB (`mb`, `baselineMB`) instead of ms.
 * @param {object} options
 * @param {string} options.scenario
 * @param {number} options.n
 * @param {number[]} options.runs          one measurement per run
 * @param {number} [options.value]         the reported value when it is not the median of runs
 * @param {number} [options.baseline]      the raw baseline, same unit
 * @param {string} [options.baselineWhat]  what the baseline measures
 * @param {Record<string, unknown>} [options.extra]
 * @param {string[]} [options.problems]    failed sanity checks
 * @returns {Row}
 */
export function makeRow({ scenario, n, runs, value, baseline, baselineWhat, extra = {}, problems = [] }) {
  const unit = TARGETS[scenario]?.unit ?? 'ms';
  const measured = value ?? median(runs);
  const target = targetFor(scenario, n);
  /** @type {Row} */
  const row = { scenario, n };
  if (unit === 'MB')
    Object.assign(row, { mb: round(measured), baselineMB: baseline === undefined ? null : round(baseline) });
  else
    Object.assign(row, {
      ms: round(measured),
      runs: runs.map(round),
      baselineMs: baseline === undefined ? null : round(baseline),
    });
  if (baselineWhat) row.baseline = baselineWhat;
  if (target) {
    row.target = target.value;
    if (target.ratio !== undefined) row.targetRatio = target.ratio;
    row.met = meets(target, measured, baseline);
  }
  Object.assign(row, extra);
  if (problems.length) row.problems = problems;
  return row;
}

/**
 * A scenario that did not finish: timed out, or threw.
 * @param {string} scenario
 * @param {number} n
 * @param {unknown} error
 * @param {boolean} timedOut
 * @param {Record<string, unknown>} [extra]
 * @returns {Row}
 */
export function failedRow(scenario, n, error, timedOut, extra = {}) {
  // The first line only: Playwright appends the whole browser log to some messages.
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const target = targetFor(scenario, n);
  return {
    scenario,
    n,
    ...(timedOut ? { timedOut: true } : { error: message }),
    ...(target ? { target: target.value, met: false } : {}),
    ...extra,
  };
}

/**
 * Prints one JSON line.
 * @param {object} value
 */
export function printLine(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * @param {number | null | undefined} value
 * @returns {string}
 */
function show(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 10_000 ? Math.round(value).toLocaleString('en-US') : String(value);
}

/**
 * A ratio to the baseline for the table: "146x", "5.5x", "0.013x".
 * @param {number} ratio
 * @returns {string}
 */
function times(ratio) {
  if (ratio >= 10) return `${Math.round(ratio)}x`;
  if (ratio >= 1) return `${Math.round(ratio * 10) / 10}x`;
  return `${Number(ratio.toPrecision(2))}x`;
}

/**
 * The rows as an aligned text table.
 * @param {Row[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  const header = ['scenario', 'n', 'median', 'baseline', 'x base', 'target', 'met', 'runs', 'note'];
  const lines = rows.map((row) => {
    const isMemory = 'mb' in row;
    const value = /** @type {number | undefined} */ (isMemory ? row.mb : row.ms);
    const baseline = /** @type {number | null | undefined} */ (isMemory ? row.baselineMB : row.baselineMs);
    const unit = isMemory ? ' MB' : ' ms';
    const ratio = value !== undefined && baseline ? times(value / baseline) : undefined;
    const notes = [];
    if (row.timedOut) notes.push('timed out');
    if (row.error) notes.push(`error: ${row.error}`);
    if (row.problems) notes.push(`CHECK FAILED: ${row.problems.join('; ')}`);
    if (typeof row.usersStored === 'number') notes.push(`with ${row.usersStored.toLocaleString('en-US')} users stored`);
    const note = notes.join('; ');
    return [
      row.scenario,
      show(row.n),
      value === undefined ? '–' : show(value) + unit,
      baseline === undefined || baseline === null ? '–' : show(baseline) + unit,
      ratio ?? '–',
      row.target === undefined
        ? '–'
        : `≤ ${show(/** @type {number} */ (row.target))}${unit}${row.targetRatio ? `, ≤ ${row.targetRatio}x` : ''}`,
      row.met === undefined ? '–' : row.met ? 'yes' : 'NO',
      Array.isArray(row.runs) ? String(row.runs.length) : '–',
      note,
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((cells) => /** @type {string} */ (cells[i]).length)),
  );
  const numeric = new Set([1, 2, 3, 4, 7]);
  const format = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, i) =>
        numeric.has(i)
          ? cell.padStart(/** @type {number} */ (widths[i]))
          : cell.padEnd(/** @type {number} */ (widths[i])),
      )
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

/**
 * Writes the whole run to bench/results/<name>.
 * @param {object} run
 * @param {string} name
 * @returns {string} the file written
 */
export function writeResults(run, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
