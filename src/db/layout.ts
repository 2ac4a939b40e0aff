/**
 * The storage layout: users (schema v2) and group members (schema v4) per chunk, and how many
 * users the first page keeps.
 */

/**
 * Users per chunk record of new chunks: large enough that IndexedDB's per-record cost vanishes,
 * small enough that one edit rewrites little. Chromium compresses each record as it stores it,
 * so an edit's cost grows with its chunk: at 2,000 users (about 290,000 characters) writing one
 * edit took 48-54 ms with the dashboard open at 100k, at 500 users 30-33 ms (docs/performance.md).
 * Chunks written at another size (by the v2 migration, or before this changed) read the same.
 */
export const CHUNK_SIZE = 500;

/** Users kept in username order in each environment's state: the first page on a cold start. */
export const HEAD_SIZE = 100;

export function chunkId(environmentId: string, seq: number): string {
  return `${environmentId}:${seq}`;
}

/** The setting that keeps the last count of distinct production emails, for the usage shown before the index loads. */
export const DISTINCT_EMAILS_KEY = 'distinctEmails';

/**
 * Member ids per chunk of a group (schema v4). An id is about 20 characters, so a full chunk
 * is about 110 kB of JSON: adding 30,000 members writes 6 records, and removing one member (or
 * deleting a user) rewrites one chunk of each group it was in. (1,000 to 10,000 measured the
 * same in Chromium: docs/performance.md.)
 */
export const MEMBER_CHUNK_SIZE = 5000;

export function memberChunkId(groupId: string, seq: number): string {
  return `${groupId}/${seq}`;
}
