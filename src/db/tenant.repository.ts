/** Tenants of an environment (schema v10). */
import type { TenantRecord } from './records';
import { admit, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

export function getTenant(db: RosterDb, id: string): Promise<TenantRecord | undefined> {
  return db.tenants.get(id).then((record) => admitOne<TenantRecord>(db, 'tenants', record));
}

/** The order tenants are listed in: the default one first, then by name. */
export function tenantOrder(a: TenantRecord, b: TenantRecord): number {
  return b.isDefault - a.isDefault || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * An environment's tenants, the default one first, then by name. (A Dexie promise, not an async
 * function: a live query keeps watching what its caller reads after awaiting it.)
 */
export function tenantsOfEnvironment(db: RosterDb, environmentId: string): Promise<TenantRecord[]> {
  return db.tenants
    .where('environmentId')
    .equals(environmentId)
    .toArray()
    .then((records) => admit<TenantRecord>(db, 'tenants', records).sort(tenantOrder));
}

/** Every tenant of every environment. */
export function listAllTenants(db: RosterDb): Promise<TenantRecord[]> {
  return db.tenants.toArray().then((records) => admit<TenantRecord>(db, 'tenants', records));
}

export async function putTenant(db: RosterDb, record: TenantRecord): Promise<void> {
  await db.tenants.put(record);
}

export async function deleteTenant(db: RosterDb, id: string): Promise<void> {
  await db.tenants.delete(id);
}
