/** The storage layout of users (schema v2): how many per chunk, how many kept as the first page. */

/** Users per chunk record: large enough that IndexedDB's per-record cost vanishes, small enough that one edit rewrites little. */
export const CHUNK_SIZE = 2000;

/** Users kept in username order in each environment's state: the first page on a cold start. */
export const HEAD_SIZE = 100;

export function chunkId(environmentId: string, seq: number): string {
  return `${environmentId}:${seq}`;
}

/** The setting that keeps the last count of distinct production emails, for the usage shown before the index loads. */
export const DISTINCT_EMAILS_KEY = 'distinctEmails';
