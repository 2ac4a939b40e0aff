/**
 * The tenants the Users section and the user page offer, read from the shared usage report
 * (which lists every tenant of every environment) rather than by a read of their own.
 */
import type { UsageReport } from '../../../api';

export interface TenantChoice {
  id: string;
  name: string;
}

/**
 * The tenants of an environment, the default one first (none until the report is read). The
 * screens offer them only when there are several, so that an environment with just its default
 * tenant looks as it did before tenants.
 */
export function tenantsOf(usage: UsageReport | undefined, environmentId: string): TenantChoice[] {
  const row = usage?.environments.find((candidate) => candidate.environmentId === environmentId);
  return (row?.tenants ?? []).map((tenant) => ({ id: tenant.tenantId, name: tenant.name }));
}

/** Whether the screens offer the tenants: only where there is more than the default one. */
export const showsTenants = (tenants: readonly TenantChoice[]): boolean => tenants.length > 1;

/**
 * The name of a user's or group's tenant among `tenants`. 'Unknown' only for a tenant deleted
 * since the report was read (its users and groups go with it, so the row leaves soon after).
 */
export function tenantNameOf(tenants: readonly TenantChoice[], tenantId: string | undefined): string {
  return tenants.find((tenant) => tenant.id === tenantId)?.name ?? 'Unknown';
}
