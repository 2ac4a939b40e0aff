/**
 * Access to users through the in-memory index (src/index): every read and write first brings
 * the index up to date with the database (another tab may have written).
 *
 * The rule for writes: a write that reads or changes the user index (users, an environment's
 * users, checks of user ids) runs in `writeWithIndex`; any other write in `writeTransaction`
 * (src/db); no write runs outside one of them. Either is one read-write transaction over
 * every table, so a call that throws writes nothing. Reads of users run in `readWithIndex`.
 */
import type { EndUser } from '../domain';
import { awaitInLiveQuery, keepAlive, writeTransaction } from '../db';
import { IndexReplacedError, behindWrites, type EnvironmentUsers, type Pause } from '../index';
import type { ApiContext } from './context';

/** A user found in the index, with its place there. */
export interface LoadedUser {
  slot: number;
  environment: EnvironmentUsers;
  user: EndUser;
}

/** A user's place in the index, without building the user. */
export interface FoundSlot {
  slot: number;
  environment: EnvironmentUsers;
}

/**
 * Runs a write in one transaction with the index loaded and synced inside it; a failure after
 * the index changed resets it (it reloads from what the database kept).
 */
export async function writeWithIndex<T>(context: ApiContext, work: () => Promise<T>): Promise<T> {
  const { userIndex, db } = context;
  const attempt = () =>
    // Entered at once, so that reads issued from now on wait for this write.
    userIndex.mutate(async () => {
      await userIndex.ready();
      return writeTransaction(db, async () => {
        await userIndex.sync();
        return work();
      });
    });
  try {
    return await attempt();
  } catch (error) {
    // The database was replaced since the index loaded: nothing was written; once more on the new data.
    if (error instanceof IndexReplacedError) return attempt();
    throw error;
  }
}

/**
 * Runs a read with the index loaded and synced. No transaction: the index answers from
 * memory, and a read transaction would commit (and fail) while long in-memory work runs.
 */
export async function readWithIndex<T>(context: ApiContext, work: () => Promise<T>): Promise<T> {
  const { userIndex } = context;
  // Inside a live query, a plain await would make it lose track of what the read reads.
  const writing = userIndex.whenIdle();
  if (writing) await awaitInLiveQuery(writing);
  if (!userIndex.isReady) await awaitInLiveQuery(userIndex.ready());
  try {
    await awaitInLiveQuery(userIndex.sync());
  } catch (error) {
    if (!(error instanceof IndexReplacedError)) throw error;
    // The database was replaced since the index loaded (a restore): it loads again.
    await awaitInLiveQuery(userIndex.ready());
  }
  return work();
}

/**
 * A pause for a read's long work (sorting, merging a list): behind the writes of this tab in
 * flight. What the read builds is outdated by such a write anyway (its live query runs again
 * after it), and sorting between the calls of an import would take their main thread.
 */
export function readPause(context: ApiContext): Pause {
  const { userIndex } = context;
  return behindWrites(keepAlive(context.db), () => {
    const writing = userIndex.whenIdle();
    return writing && awaitInLiveQuery(writing);
  });
}

/** A pause for long work: inside a write transaction it keeps the transaction alive. */
export function transactionPause(context: ApiContext) {
  return keepAlive(context.db);
}

/** The user with an id, if the index has it (after a sync). */
export function findUser(context: ApiContext, id: unknown): LoadedUser | undefined {
  if (typeof id !== 'string') return undefined;
  const { userIndex } = context;
  const slot = userIndex.slotOf(id);
  if (slot === undefined) return undefined;
  const environment = userIndex.environmentOfSlot(slot);
  return { slot, environment, user: userIndex.columns.toUser(slot, environment.environmentId) };
}
