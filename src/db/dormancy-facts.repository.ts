/**
 * The stored dormancy facts of each environment (schema v9), a cache: read by a cold start's
 * dormant counts, written by the user index in the background. Written in a transaction of its
 * own, only while the environment is still at the revision the facts reflect.
 */
import type { DormancyFactsRecord } from './records';
import { admitEach } from './record-gate';
import type { RosterDb } from './roster-db';

/** The facts of the given environments, by position (undefined where none, or unreadable). */
export function dormancyFactsOf(
  db: RosterDb,
  environmentIds: readonly string[],
): Promise<(DormancyFactsRecord | undefined)[]> {
  return db.dormancyFacts
    .bulkGet([...environmentIds])
    .then((records) => admitEach<DormancyFactsRecord>(db, 'dormancyFacts', records));
}

/** Each environment's stored facts' stamp, read from the table's index (no record is read). */
export async function storedFactsStamps(db: RosterDb): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  await db.dormancyFacts.orderBy('stamp').eachKey((stamp, cursor) => {
    if (typeof stamp === 'string' && typeof cursor.primaryKey === 'string') stamps.set(cursor.primaryKey, stamp);
  });
  return stamps;
}

/**
 * Stores facts if the environment is still at the revision they reflect: `facts` is asked for
 * only then, inside the transaction, so that no write of users can come in between.
 */
export async function putDormancyFactsAt(
  db: RosterDb,
  environmentId: string,
  rev: number,
  generation: string | undefined,
  facts: () => DormancyFactsRecord | undefined,
): Promise<boolean> {
  return db.transaction('rw', db.environmentStates, db.dormancyFacts, async () => {
    const state = await db.environmentStates.get(environmentId);
    if (!state || state.rev !== rev || state.generation !== generation) return false;
    const record = facts();
    if (!record) return false;
    await db.dormancyFacts.put(record);
    return true;
  });
}
