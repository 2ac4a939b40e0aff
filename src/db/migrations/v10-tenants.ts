/**
 * Schema v9 → v10: tenants. Every environment gets its default tenant, and every group is put
 * in it; users need nothing (a stored user without a tenant belongs to the default one). Group
 * names become unique per tenant, so the `[environmentId+nameKey]` index is no longer unique
 * (the API checks names within a tenant).
 *
 * Frozen: the default tenant's id and name are written here as v10 defined them, not taken from
 * the domain (which may change with the app). Only the record types are shared.
 */
import type { Transaction } from 'dexie';
import type { EnvironmentRecord, GroupRecord, TenantRecord } from '../records';

export async function migrateToTenants(tx: Transaction): Promise<void> {
  const environments = await tx.table<EnvironmentRecord, string>('environments').toArray();
  await tx.table<TenantRecord, string>('tenants').bulkPut(
    environments.map((environment) => ({
      id: `${environment.id}.default`,
      environmentId: environment.id,
      name: 'Default',
      nameKey: 'default',
      isDefault: 1,
      createdAt: environment.createdAt,
      updatedAt: environment.createdAt,
    })),
  );
  await tx
    .table<GroupRecord, string>('groups')
    .toCollection()
    .modify((group) => {
      group.tenantId = `${group.environmentId}.default`;
    });
}
