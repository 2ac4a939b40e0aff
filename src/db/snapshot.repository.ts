/** Usage snapshots: one per environment and UTC day, replaced when the day's numbers change. */
import { Dexie } from 'dexie';
import type { TenantSnapshot, UsageSnapshot } from '../domain';
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

/** Every tenant snapshot, oldest day first. */
export function allTenantSnapshots(db: RosterDb): Promise<TenantSnapshot[]> {
  return db.tenantSnapshots
    .toArray()
    .then((records) =>
      admit<TenantSnapshot>(db, 'tenantSnapshots', records).sort((a, b) =>
        a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
      ),
    );
}

/**
 * The latest snapshot of each of the given tenants that has one (a key range read per tenant),
 * in one transaction: a transaction per tenant would queue fifty in front of the reads that the
 * console and the caller make right after a change.
 */
export async function latestTenantSnapshots(
  db: RosterDb,
  tenantIds: readonly string[],
): Promise<Map<string, TenantSnapshot>> {
  const records = await db.transaction('r', db.tenantSnapshots, () =>
    Promise.all(
      tenantIds.map((tenantId) =>
        db.tenantSnapshots
          .where('[tenantId+day]')
          .between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey])
          .last()
          .then((record) => admitOne<TenantSnapshot>(db, 'tenantSnapshots', record)),
      ),
    ),
  );
  const latest = new Map<string, TenantSnapshot>();
  for (const record of records) if (record) latest.set(record.tenantId, record);
  return latest;
}

export async function putTenantSnapshots(db: RosterDb, snapshots: readonly TenantSnapshot[]): Promise<void> {
  await db.tenantSnapshots.bulkPut([...snapshots]);
}

/** A deleted tenant's history goes with it: no other tenant's history includes its users. */
export async function deleteTenantSnapshots(db: RosterDb, tenantId: string): Promise<void> {
  await db.tenantSnapshots.where('[tenantId+day]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).delete();
}
