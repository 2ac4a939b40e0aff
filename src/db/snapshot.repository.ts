/** Usage snapshots: one per environment and UTC day, replaced when the day's numbers change. */
import type { UsageSnapshot } from '../domain';
import { admit, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

export function allSnapshots(db: RosterDb): Promise<UsageSnapshot[]> {
  return db.snapshots
    .orderBy('day')
    .toArray()
    .then((records) => admit<UsageSnapshot>(db, 'snapshots', records));
}

/** The snapshot of one environment (or the production peak) on one UTC day, if any. */
export function snapshotOf(db: RosterDb, environmentId: string, day: string): Promise<UsageSnapshot | undefined> {
  return db.snapshots.get([environmentId, day]).then((record) => admitOne<UsageSnapshot>(db, 'snapshots', record));
}

/** The latest snapshot of each environment. */
export async function latestSnapshots(db: RosterDb): Promise<Map<string, UsageSnapshot>> {
  const latest = new Map<string, UsageSnapshot>();
  // In day order, so a later day overwrites an earlier one.
  for (const snapshot of await allSnapshots(db)) latest.set(snapshot.environmentId, snapshot);
  return latest;
}

export async function putSnapshots(db: RosterDb, snapshots: readonly UsageSnapshot[]): Promise<void> {
  await db.snapshots.bulkPut([...snapshots]);
}
