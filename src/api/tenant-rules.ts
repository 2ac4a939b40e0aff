/**
 * Whose rules classify which users of an environment: the environment's, except for the users of
 * a tenant with rules of its own (its client's domains). Read with the tenants, inside the
 * caller's transaction.
 */
import { isDefaultTenantId, ruleScopeOf, type ClassificationRules, type RuleScope, type TenantRules } from '../domain';
import { tenantsOfEnvironment, type EnvironmentRecord, type TenantRecord } from '../db';
import type { UserColumns } from '../index';
import type { ApiContext } from './context';

export interface RuleBook {
  rules: ClassificationRules;
  /** The own rules of the tenants that have them, by tenant id (never the default tenant). */
  tenantRules: TenantRules;
  /** Every tenant of the environment, the default one first. */
  tenants: TenantRecord[];
}

export function ruleBookFrom(environment: Pick<EnvironmentRecord, 'rules'>, tenants: TenantRecord[]): RuleBook {
  const tenantRules = new Map<string, ClassificationRules>();
  for (const tenant of tenants) if (tenant.rules && tenant.isDefault === 0) tenantRules.set(tenant.id, tenant.rules);
  return { rules: environment.rules, tenantRules, tenants };
}

/** The rule book of an environment (a Dexie promise, so that a live query keeps its reads after it). */
export function ruleBookOf(
  context: ApiContext,
  environment: Pick<EnvironmentRecord, 'id' | 'rules'>,
): Promise<RuleBook> {
  return tenantsOfEnvironment(context.db, environment.id).then((tenants) => ruleBookFrom(environment, tenants));
}

/** The rules a user of `tenantId` is classified by, naming the tenant when they are its own. */
export function scopeOf(book: RuleBook, environmentId: string, tenantId: string | undefined): RuleScope {
  // The default tenant follows the environment's rules, whatever its record says.
  if (tenantId === undefined || isDefaultTenantId(environmentId, tenantId)) return ruleScopeOf(book.rules);
  return ruleScopeOf(
    book.rules,
    book.tenants.find((candidate) => candidate.id === tenantId),
  );
}

/** Per slot, the rules of its tenant (one lookup per tenant ordinal, not per user). */
export function slotRules(
  columns: UserColumns,
  book: Pick<RuleBook, 'rules' | 'tenantRules'>,
): (slot: number) => ClassificationRules {
  if (book.tenantRules.size === 0) return () => book.rules;
  const byOrdinal: (ClassificationRules | undefined)[] = [book.rules];
  return (slot) => {
    const ordinal = columns.tenant[slot]!;
    return (byOrdinal[ordinal] ??= book.tenantRules.get(columns.tenants.names[ordinal]!) ?? book.rules);
  };
}
