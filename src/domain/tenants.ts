/**
 * Tenants: the cohorts of a multi-tenant application within one environment (an ISV's
 * clients). Every environment has a default tenant, which users and groups belong to unless
 * they say otherwise. A tenant may carry its own classification rules (its client's domains):
 * users are counted from the point of view of the client that licenses them.
 */
import type { ClassificationRules } from './types';

/** The name the default tenant of every environment starts with. */
export const DEFAULT_TENANT_NAME = 'Default';

/** The default tenant's id is derived from its environment's, so that stored users need not name it. */
export function defaultTenantId(environmentId: string): string {
  return `${environmentId}.default`;
}

export function isDefaultTenantId(environmentId: string, tenantId: string): boolean {
  return tenantId === defaultTenantId(environmentId);
}

/** A client's own limits: checked against its tenant's counts, with their own banners. */
export type TenantLimits =
  | { model: 'internal-external'; internalLimit: number; externalLimit: number; warnAt: number }
  | { model: 'named'; namedLimit: number; warnAt: number };

export interface Tenant {
  id: string;
  environmentId: string;
  name: string;
  /** True for the environment's default tenant (it cannot be deleted). */
  isDefault: boolean;
  /** The tenant's own rules; absent when the environment's apply. */
  rules?: ClassificationRules;
  limits?: TenantLimits;
  createdAt: string;
  updatedAt: string;
}

/**
 * Whose rules classify a tenant's users: the tenant's own (named, so the reason can say so) or,
 * when it has none, the environment's.
 */
export interface RuleScope {
  rules: ClassificationRules;
  /** The tenant whose own rules these are; absent for the environment's rules. */
  tenantName?: string;
}

export function ruleScopeOf(environmentRules: ClassificationRules, tenant?: Pick<Tenant, 'name' | 'rules'>): RuleScope {
  return tenant?.rules ? { rules: tenant.rules, tenantName: tenant.name } : { rules: environmentRules };
}
