/**
 * The tenant breakdown of an environment's card: which counts it shows, the link behind each
 * number, and the CSV a person downloads of it. All from the usage report, so the dashboard
 * reads no user for it.
 */
import { toCsv, type TenantUsage } from '../../../domain';
import type { EnvironmentUsage } from '../../../api';
import { href } from '../../../state/route.svelte';
import { CLASS_LABELS } from '../../words';

export type TenantCountKey = 'internal' | 'external' | 'named' | 'inactive';

/** The columns of the breakdown: internal and external only where the platform reports them. */
export function tenantCounts(row: EnvironmentUsage): { key: TenantCountKey; label: string }[] {
  const keys: TenantCountKey[] = row.splitShown ? ['internal', 'external', 'named', 'inactive'] : ['named', 'inactive'];
  return keys.map((key) => ({ key, label: CLASS_LABELS[key] }));
}

/** Where a tenant's number leads: the Users section filtered by its environment, tenant and class. */
export function tenantUsersLink(environmentId: string, tenantId: string, key: TenantCountKey): string {
  return href('users', undefined, { environment: environmentId, tenant: tenantId, class: key });
}

/** The columns of the breakdown's CSV: every count, so the file adds up to the environment's. */
export const TENANT_CSV_HEADER = [
  'environment',
  'tenant',
  'internal',
  'external',
  'named',
  'anonymous',
  'inactive',
] as const;

/** The breakdown as CSV (with a BOM and CRLF, names neutralised against formulas), one row per tenant. */
export function tenantsCsv(row: EnvironmentUsage): string {
  const cells = (tenant: TenantUsage) => [
    row.name,
    tenant.name,
    tenant.internal,
    tenant.external,
    tenant.named,
    tenant.anonymous,
    tenant.inactive,
  ];
  return toCsv(TENANT_CSV_HEADER, row.tenants.map(cells));
}
