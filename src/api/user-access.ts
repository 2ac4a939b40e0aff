/**
 * Access to users through the in-memory index: every read and write first brings the index
 * up to date with the database (another tab may have written), and every write runs in one
 * transaction that also persists the chunks it touched.
 */
import type { EndUser } from '../domain';
import { awaitInLiveQuery, keepAlive, writeTransaction } from '../db';
import type { ApiContext } from './context';
import { RosterError } from './errors';
import type { EnvironmentUsers } from '../index/environment-users';

export interface LoadedUser {
  slot: number;
  environment: EnvironmentUsers;
  user: EndUser;
}

/** Runs a write with the index loaded and synced; a failure after the index changed resets it. */
export function writeUsers<T>(context: ApiContext, work: () => Promise<T>): Promise<T> {
  const { store, db } = context;
  // Entered at once, so that reads issued from now on wait for this write.
  return store.mutate(async () => {
    await store.ready();
    return writeTransaction(db, async () => {
      await store.sync();
      return work();
    });
  });
}

/**
 * Runs a read with the index loaded and synced. No transaction: the index answers from
 * memory, and a read transaction would commit (and fail) while long in-memory work runs.
 */
export async function readUsers<T>(context: ApiContext, work: () => Promise<T>): Promise<T> {
  const { store } = context;
  // Inside a live query, a plain await would make it lose track of what the read reads.
  const writing = store.whenIdle();
  if (writing) await awaitInLiveQuery(writing);
  if (!store.isReady) await awaitInLiveQuery(store.ready());
  await awaitInLiveQuery(store.sync());
  return work();
}

/** A pause for long work: inside a write transaction it keeps the transaction alive. */
export function transactionPause(context: ApiContext) {
  return keepAlive(context.db);
}

/** The user with an id, if the index has it (after a sync). */
export function findUser(context: ApiContext, id: unknown): LoadedUser | undefined {
  if (typeof id !== 'string') return undefined;
  const slot = context.store.slotOf(id);
  if (slot === undefined) return undefined;
  const environment = context.store.environmentOfSlot(slot);
  return { slot, environment, user: context.store.columns.toUser(slot, environment.environmentId) };
}

export function requireUser(context: ApiContext, id: unknown, path = 'id'): LoadedUser {
  const found = findUser(context, id);
  if (!found) throw RosterError.notFound(path, `No user has the id "${String(id)}".`);
  return found;
}

/** A user's place in the index, without building the user. */
export interface FoundSlot {
  slot: number;
  environment: EnvironmentUsers;
}

/**
 * The slots of the users with these ids (after a sync), for bulk work that needs no user
 * objects; every missing id is reported, by its position in the list.
 */
export function requireSlots(context: ApiContext, ids: readonly string[], path: string): FoundSlot[] {
  const { store } = context;
  const found: FoundSlot[] = [];
  const missing: { path: string; message: string }[] = [];
  ids.forEach((id, index) => {
    const slot = store.slotOf(id);
    if (slot === undefined) missing.push({ path: `${path}.${index}`, message: `No user has the id "${id}".` });
    else found.push({ slot, environment: store.environmentOfSlot(slot) });
  });
  if (missing.length) throw new RosterError('not-found', missing);
  return found;
}
