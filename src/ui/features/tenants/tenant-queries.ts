/**
 * The live read of the Tenants panel, as a plain function for `roster.observe` (in a .ts
 * module: see user-queries.ts for why): each tenant with its counts from the usage report.
 */
import type { Roster, TenantSummary } from '../../../api';
import type { TenantUsage } from '../../../domain';

export interface TenantRow {
  tenant: TenantSummary;
  /** Counted from the tenant's client's point of view; absent only between a create and the next count. */
  usage: TenantUsage | undefined;
}

export async function tenantRows(roster: Roster, environmentId: string): Promise<TenantRow[]> {
  const [tenants, report] = await Promise.all([roster.tenants.list(environmentId), roster.usage()]);
  const counted = report.environments.find((row) => row.environmentId === environmentId)?.tenants ?? [];
  const byId = new Map(counted.map((row) => [row.tenantId, row]));
  return tenants.map((tenant) => ({ tenant, usage: byId.get(tenant.id) }));
}
