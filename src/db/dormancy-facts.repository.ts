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
 * Stores an environment's facts, in a transaction over that table alone: no read or write of
 * users waits for it (it is megabytes at a million users). Their stamp says which revision they
 * reflect, so facts stored as a write came in beside them are simply not used.
 */
export async function putDormancyFacts(db: RosterDb, record: DormancyFactsRecord): Promise<void> {
  await db.transaction('rw', db.dormancyFacts, () => db.dormancyFacts.put(record));
}
