/** Transactions over the whole database: a write either lands completely or not at all. */
import type { RosterDb } from './roster-db';

/** Runs `work` in one read-write transaction over every table; a throw rolls everything back. */
export function writeTransaction<T>(db: RosterDb, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', db.tables, work);
}

/** Runs `work` in one read-only transaction, so its reads see one consistent state. */
export function readTransaction<T>(db: RosterDb, work: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.tables, work);
}

/**
 * A pause for long work inside a transaction: a tiny read keeps the transaction alive
 * (it commits once no request is pending) while the event loop gets to run in between.
 */
export function keepAlive(db: RosterDb): () => Promise<void> {
  return async () => {
    await db.settings.get('');
  };
}

/**
 * Awaits requests issued together in one transaction. Unlike Promise.all it waits for every
 * one: when one fails the transaction aborts and the others reject too, and none of those
 * rejections may go unhandled. Throws the first failure.
 */
export async function allOf<T extends readonly unknown[]>(requests: {
  [K in keyof T]: Promise<T[K]> | T[K];
}): Promise<T> {
  const results = await Promise.allSettled(requests);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
