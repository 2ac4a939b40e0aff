/**
 * Users in chunks (schema v2) and each environment's state record. The user index
 * (src/index) is built from these and writes them; this module only reads and writes the
 * records, whose text it does not look into (that is the user codec's).
 */
import { Dexie } from 'dexie';
import type { EnvironmentStateRecord, TenantTallyRecord, UserChunkRecord } from './records';
import { admit, admitEach, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

export function environmentStates(db: RosterDb): Promise<EnvironmentStateRecord[]> {
  return db.environmentStates
    .toArray()
    .then((records) => admit<EnvironmentStateRecord>(db, 'environmentStates', records));
}

export function getEnvironmentState(db: RosterDb, environmentId: string): Promise<EnvironmentStateRecord | undefined> {
  return db.environmentStates
    .get(environmentId)
    .then((record) => admitOne<EnvironmentStateRecord>(db, 'environmentStates', record));
}

export async function putEnvironmentStates(db: RosterDb, states: EnvironmentStateRecord[]): Promise<void> {
  await db.environmentStates.bulkPut(states);
}

/** The tallies of the tenants (other than the default ones) of every environment. */
export function allTenantTallies(db: RosterDb): Promise<TenantTallyRecord[]> {
  return db.tenantTallies.toArray().then((records) => admit<TenantTallyRecord>(db, 'tenantTallies', records));
}

/** The tallies of an environment's tenants (other than its default one). */
export function tenantTalliesOf(db: RosterDb, environmentId: string): Promise<TenantTallyRecord[]> {
  return db.tenantTallies
    .where('environmentId')
    .equals(environmentId)
    .toArray()
    .then((records) => admit<TenantTallyRecord>(db, 'tenantTallies', records));
}

/** Writes the tallies of some tenants of an environment; `gone`: tenants that have no user left. */
export async function putTenantTallies(
  db: RosterDb,
  records: TenantTallyRecord[],
  gone: readonly [string, string][],
): Promise<void> {
  if (records.length) await db.tenantTallies.bulkPut(records);
  if (gone.length) await db.tenantTallies.bulkDelete([...gone]);
}

/** The chunks of an environment written after revision `sinceRev` (all of them for -1). */
export function chunksSince(db: RosterDb, environmentId: string, sinceRev: number): Promise<UserChunkRecord[]> {
  return db.userChunks
    .where('[environmentId+rev]')
    .between([environmentId, sinceRev], [environmentId, Dexie.maxKey], false, true)
    .toArray()
    .then((records) => admit<UserChunkRecord>(db, 'userChunks', records));
}

/** The ids of every chunk, environment by environment, for a load in slices. */
export async function chunkIds(db: RosterDb): Promise<string[]> {
  return (await db.userChunks.toCollection().primaryKeys()) as string[];
}

export function getChunks(db: RosterDb, ids: readonly string[]): Promise<(UserChunkRecord | undefined)[]> {
  return db.userChunks.bulkGet([...ids]).then((records) => admitEach<UserChunkRecord>(db, 'userChunks', records));
}

export async function putChunks(db: RosterDb, chunks: UserChunkRecord[]): Promise<void> {
  await db.userChunks.bulkPut(chunks);
}
