// Small numeric and timing helpers shared by the benchmark scenarios (Node side).

/**
 * The median of some numbers (the mean of the middle two for an even count); NaN when empty.
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? /** @type {number} */ (sorted[middle])
    : /** @type {number} */ (sorted[middle - 1] + /** @type {number} */ (sorted[middle])) / 2;
}

/**
 * Rounds a measurement for printing: 0.1 ms below 100, whole numbers above.
 * @param {number} value
 * @returns {number}
 */
export function round(value) {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}

/** Thrown by withTimeout when the work takes longer than allowed. */
export class TimeoutError extends Error {
  /** @param {number} ms */
  constructor(ms) {
    super(`timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

/**
 * Resolves with `promise`, or rejects with a TimeoutError after `ms`. The work itself is
 * not cancelled (the caller recovers the page).
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/**
 * Runs `once` up to `max` times, stopping early (after at least one run) when the runs so
 * far have taken longer than `budgetMs` of wall time: slow storage gets fewer samples.
 * @template T
 * @param {number} max
 * @param {number} budgetMs
 * @param {(index: number) => Promise<T>} once
 * @returns {Promise<T[]>}
 */
export async function repeat(max, budgetMs, once) {
  const started = Date.now();
  /** @type {T[]} */
  const results = [];
  for (let i = 0; i < max; i++) {
    if (i > 0 && Date.now() - started > budgetMs) break;
    results.push(await once(i));
  }
  return results;
}
