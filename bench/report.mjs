// Results: one JSON object per scenario on stdout as each finishes, an aligned table at
// the end, and everything in bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.mjs';
import { TARGETS, fieldTargetFor, meets, targetFor } from './targets.mjs';

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
  addFieldTarget(row, 'shown', 'uiMs', 'ui');
  addFieldTarget(row, 'longestTask', 'longestTaskMs', 'longestTask');
  if (problems.length) row.problems = problems;
  return row;
}

/**
 * Puts the target of one of a row's other fields beside it (`<prefix>Target`, `<prefix>Met`),
 * if the scenario has one and the row reports that field.
 * @param {Row} row
 * @param {'shown' | 'longestTask'} kind
 * @param {string} field
 * @param {string} prefix
 */
function addFieldTarget(row, kind, field, prefix) {
  const target = fieldTargetFor(row.scenario, kind, row.n);
  if (target === undefined || !(field in row)) return;
  const value = row[field];
  row[`${prefix}Target`] = target;
  row[`${prefix}Met`] = typeof value === 'number' && Number.isFinite(value) && value <= target;
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
 * "yes", "NO" or "–" for a met flag.
 * @param {unknown} met
 */
function yesNo(met) {
  return met === undefined ? '–' : met ? 'yes' : 'NO';
}

/**
 * A row's notes: timed out, failed, checks failed, fewer users.
 * @param {Row} row
 */
function notes(row) {
  const notes = [];
  if (row.timedOut) notes.push('timed out');
  if (row.error) notes.push(`error: ${row.error}`);
  if (row.problems) notes.push(`CHECK FAILED: ${row.problems.join('; ')}`);
  if (typeof row.usersStored === 'number') notes.push(`with ${row.usersStored.toLocaleString('en-US')} users stored`);
  return notes.join('; ');
}

/**
 * A row's value and unit: ms, or MB for memory.
 * @param {Row} row
 */
function valueOf(row) {
  const isMemory = 'mb' in row;
  return {
    value: /** @type {number | undefined} */ (isMemory ? row.mb : row.ms),
    baseline: /** @type {number | null | undefined} */ (isMemory ? row.baselineMB : row.baselineMs),
    unit: isMemory ? ' MB' : ' ms',
  };
}

/**
 * A bound for the table: "≤ 300 ms", or "–".
 * @param {unknown} target
 * @param {string} [unit]
 */
function bound(target, unit = ' ms') {
  return typeof target === 'number' ? `≤ ${show(target)}${unit}` : '–';
}

/**
 * An aligned text table.
 * @param {string[]} header
 * @param {string[][]} lines
 * @param {Set<number>} numeric  columns aligned right
 */
function align(header, lines, numeric) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((cells) => /** @type {string} */ (cells[i]).length)),
  );
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
 * The rows measured without a section of their own (the import, the lists, …).
 * @param {Row[]} rows
 * @returns {string}
 */
function generalTable(rows) {
  const header = ['scenario', 'n', 'median', 'baseline', 'x base', 'target', 'met', 'runs', 'note'];
  const lines = rows.map((row) => {
    const { value, baseline, unit } = valueOf(row);
    const ratio = value !== undefined && baseline ? times(value / baseline) : undefined;
    return [
      row.scenario,
      show(row.n),
      value === undefined ? '–' : show(value) + unit,
      baseline === undefined || baseline === null ? '–' : show(baseline) + unit,
      ratio ?? '–',
      row.target === undefined ? '–' : `${bound(row.target, unit)}${row.targetRatio ? `, ≤ ${row.targetRatio}x` : ''}`,
      yesNo(row.met),
      Array.isArray(row.runs) ? String(row.runs.length) : '–',
      notes(row),
    ];
  });
  return align(header, lines, new Set([1, 2, 3, 4, 7]));
}

/**
 * The rows of one section: the API time, when the section showed the change (or went quiet)
 * and the longest task, each against its target.
 * @param {Row[]} rows
 * @returns {string}
 */
function sectionTable(rows) {
  const header = ['scenario', 'n', 'median', 'target', 'met', 'shown', 'until', 'target', 'met', 'longest task'];
  header.push('target', 'met', 'runs', 'note');
  const lines = rows.map((row) => {
    const { value, unit } = valueOf(row);
    const ui = /** @type {number | null | undefined} */ (row.uiMs);
    return [
      typeof row.start === 'string' ? `${row.scenario} (${row.start})` : row.scenario,
      show(row.n),
      value === undefined ? '–' : show(value) + unit,
      bound(row.target, unit),
      yesNo(row.met),
      ui === undefined ? '–' : ui === null ? 'never' : `${show(ui)} ms`,
      row.uiWhat === undefined ? '–' : row.uiWhat === 'quiet' ? 'quiet' : 'shown',
      bound(row.uiTarget),
      yesNo(row.uiMet),
      typeof row.longestTaskMs === 'number' ? `${show(row.longestTaskMs)} ms` : '–',
      bound(row.longestTaskTarget),
      yesNo(row.longestTaskMet),
      Array.isArray(row.runs) ? String(row.runs.length) : '–',
      notes(row),
    ];
  });
  return align(header, lines, new Set([1, 2, 5, 9, 12]));
}

/**
 * The rows as aligned text tables: first those without a section, then one table per
 * section of the console the write scenarios ran with.
 * @param {Row[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  const sections = [...new Set(rows.map((row) => row.section).filter((name) => typeof name === 'string'))];
  const tables = [generalTable(rows.filter((row) => row.section === undefined))];
  for (const name of sections)
    tables.push(`With the ${name} section open:\n${sectionTable(rows.filter((row) => row.section === name))}`);
  return tables.join('\n\n');
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
