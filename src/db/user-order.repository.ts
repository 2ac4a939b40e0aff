/**
 * The stored username order of each environment (schema v7), a cache the user index reads on
 * load and writes when its order has moved on. Its own transaction when written: it is derived
 * from the user chunks and says which revision of them it reflects, so it never needs to be
 * written together with them.
 */
import type { UserOrderRecord } from './records';
import { admit } from './record-gate';
import type { RosterDb } from './roster-db';

export function storedUserOrders(db: RosterDb): Promise<UserOrderRecord[]> {
  return db.userOrders.toArray().then((records) => admit<UserOrderRecord>(db, 'userOrders', records));
}

/**
 * Stores an order if the environment is still at the revision it reflects: `order` is asked for
 * only then, inside the transaction, so that no write of users can come in between.
 */
export async function putUserOrderAt(
  db: RosterDb,
  environmentId: string,
  rev: number,
  generation: string | undefined,
  order: () => UserOrderRecord | undefined,
): Promise<boolean> {
  return db.transaction('rw', db.environmentStates, db.userOrders, async () => {
    const state = await db.environmentStates.get(environmentId);
    if (!state || state.rev !== rev || state.generation !== generation) return false;
    const record = order();
    if (!record) return false;
    await db.userOrders.put(record);
    return true;
  });
}
