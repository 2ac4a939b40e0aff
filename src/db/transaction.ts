/** Transactions over the whole database: a write either lands completely or not at all. */
import Dexie from 'dexie';
import type { RosterDb } from './roster-db';

/**
 * A write the browser ended before it committed: a full disk (`cause` is then its
 * QuotaExceededError), a closing tab or connection, a storage failure. The transaction rolled
 * back, so nothing of the write was kept, whatever error the work met on the way.
 */
export class WriteAbortedError extends Error {
  override readonly name = 'AbortError';
}

/** Errors of the storage itself, as IndexedDB and Dexie name them (not the work's own). */
const STORAGE_ERRORS = new Set([
  'AbortError',
  'DatabaseClosedError',
  'InvalidStateError',
  'QuotaExceededError',
  'TransactionInactiveError',
  'UnknownError',
]);

/**
 * Caches the user index writes in the background, each in a transaction of its own (the stored
 * username orders, the dormancy facts: megabytes at a million users). They are left out of the
 * transactions of the API's reads and writes, so that a user's call never waits behind such a
 * write (IndexedDB queues a transaction behind any writing one whose tables it shares). Both say
 * which revision and generation they reflect, so a change made beside them only makes them unused.
 */
const CACHE_TABLES: ReadonlySet<string> = new Set(['userOrders', 'dormancyFacts']);

function dataTables(db: RosterDb) {
  return db.tables.filter((table) => !CACHE_TABLES.has(table.name));
}

/**
 * Runs `work` in one read-write transaction over every table but the caches; a throw rolls everything back.
 * When the browser aborts it, the work fails with whatever its next request met (an abort, an
 * inactive transaction, a closed connection: it depends on timing), so such a failure is told
 * apart by how the transaction ended and thrown as one WriteAbortedError.
 */
export function writeTransaction<T>(db: RosterDb, work: () => Promise<T>): Promise<T> {
  // Inside another write it is that write's transaction: a native await here would let it
  // commit early, and its end is the outer call's to judge.
  if (Dexie.currentTransaction) return db.transaction('rw', dataTables(db), work);
  return outermostWrite(db, work);
}

async function outermostWrite<T>(db: RosterDb, work: () => Promise<T>): Promise<T> {
  let ended: Promise<Ending> | undefined;
  try {
    // An async scope: Dexie lets only those await native promises (as `work` does) inside it.
    return await db.transaction('rw', dataTables(db), async (transaction) => {
      const native = transaction.idbtrans;
      ended = new Promise((resolve) => {
        native.addEventListener('abort', () => resolve({ aborted: true, reason: native.error }), { once: true });
        native.addEventListener('complete', () => resolve({ aborted: false, reason: null }), { once: true });
      });
      return await work();
    });
  } catch (error) {
    throw (await abortedWrite(error, ended)) ?? error;
  }
}

/** An error of the storage itself; a bulk write's when one of its failures is. */
function isStorageError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, failures } = error as { name?: unknown; failures?: unknown };
  if (name === 'BulkError' && Array.isArray(failures)) return failures.some(isStorageError);
  return typeof name === 'string' && STORAGE_ERRORS.has(name);
}

/** How a transaction ended, with the browser's reason for an abort it made itself (else null). */
interface Ending {
  aborted: boolean;
  reason: DOMException | null;
}

async function abortedWrite(
  error: unknown,
  ended: Promise<Ending> | undefined,
): Promise<WriteAbortedError | undefined> {
  if (!ended || !isStorageError(error)) return undefined;
  const { aborted, reason } = await ended;
  if (!aborted) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new WriteAbortedError(`The write was aborted, so nothing of it was kept: ${message}`, {
    cause: reason ?? error,
  });
}

/**
 * Runs `work` in one read-only transaction over every table but the caches (or with them, for a
 * read of a cache), so its reads see one consistent state.
 */
export function readTransaction<T>(
  db: RosterDb,
  work: () => Promise<T>,
  options: { caches?: boolean } = {},
): Promise<T> {
  return db.transaction('r', options.caches ? db.tables : dataTables(db), work);
}

/** Clears the caches (after a restore: they describe the users replaced), in their own transaction. */
export async function clearCaches(db: RosterDb): Promise<void> {
  await db.transaction('rw', [...CACHE_TABLES], async () => {
    for (const table of CACHE_TABLES) await db.table(table).clear();
  });
}

/** Deletes an environment's caches (after the environment is deleted), in their own transaction. */
export async function forgetCachesOf(db: RosterDb, environmentId: string): Promise<void> {
  await db.transaction('rw', [...CACHE_TABLES], async () => {
    for (const table of CACHE_TABLES) await db.table(table).delete(environmentId);
  });
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
