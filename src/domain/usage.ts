/**
 * Usage counting. Counting works from tallies of users grouped by their counting facts
 * (active, anonymous, effective domain), so that a recount costs the number of distinct
 * domains, not the number of users, and a rule change rewrites nothing.
 */
import { classifyFacts } from './classification';
import { isSplitReported } from './version';
import { userFacts } from './user-facts';
import type { ClassificationRules, EnvironmentKind, UserFields } from './types';
import type { LimitUsage } from './compliance';

export interface FactTally {
  domain: string;
  isActive: boolean;
  isAnonymous: boolean;
  count: number;
  /** The tenant the users belong to; absent for the environment's default tenant. */
  tenantId?: string;
}

/** Each tenant's own rules, by tenant id; tenants not in it follow the environment's rules. */
export type TenantRules = ReadonlyMap<string, ClassificationRules>;

export interface EnvironmentCounts {
  internal: number;
  external: number;
  /** internal + external */
  named: number;
  anonymous: number;
  inactive: number;
}

/** One tenant's counts, classified from its client's point of view, and its own limits (if it has any). */
export interface TenantUsage extends EnvironmentCounts {
  tenantId: string;
  name: string;
  limits: LimitUsage[];
}

export interface EnvironmentUsage extends EnvironmentCounts {
  environmentId: string;
  name: string;
  kind: EnvironmentKind;
  /** False for platform versions below 11.7, which report named users only. */
  splitShown: boolean;
  /** Per tenant (the default one first): the environment's counts are their sum. */
  tenants: TenantUsage[];
}

export interface ProductionTotals {
  internal: number;
  external: number;
  named: number;
  /** Distinct effective emails (ignoring case) among the counted production users; information only. */
  distinctEmails: number;
}

export function emptyCounts(): EnvironmentCounts {
  return { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 };
}

/** The rules a tally's users are classified by: their tenant's own, else the environment's. */
function rulesOf(tally: FactTally, rules: ClassificationRules, tenantRules?: TenantRules): ClassificationRules {
  return (tally.tenantId !== undefined && tenantRules?.get(tally.tenantId)) || rules;
}

/**
 * Counts an environment's users from tallies of their facts under the environment's rules, or
 * for a tally of a tenant with its own rules (`tenantRules`), under the tenant's.
 */
export function countTallies(
  tallies: Iterable<FactTally>,
  rules: ClassificationRules,
  tenantRules?: TenantRules,
): EnvironmentCounts {
  const counts = emptyCounts();
  for (const tally of tallies) counts[classifyFacts(tally, rulesOf(tally, rules, tenantRules)).class] += tally.count;
  counts.named = counts.internal + counts.external;
  return counts;
}

/**
 * Counts per tenant: `defaultTenantId` takes the tallies that name no tenant. Every tenant in
 * `tenantIds` has a row, zeros when it has no users.
 */
export function countTalliesByTenant(
  tallies: Iterable<FactTally>,
  rules: ClassificationRules,
  tenantRules: TenantRules,
  defaultTenantId: string,
  tenantIds: Iterable<string>,
): Map<string, EnvironmentCounts> {
  const byTenant = new Map<string, EnvironmentCounts>();
  for (const id of tenantIds) byTenant.set(id, emptyCounts());
  for (const tally of tallies) {
    const id = tally.tenantId ?? defaultTenantId;
    let counts = byTenant.get(id);
    if (!counts) byTenant.set(id, (counts = emptyCounts()));
    counts[classifyFacts(tally, rulesOf(tally, rules, tenantRules)).class] += tally.count;
  }
  for (const counts of byTenant.values()) counts.named = counts.internal + counts.external;
  return byTenant;
}

/** Groups users into tallies of their counting facts. */
export function tallyUsers(users: Iterable<UserFields>): FactTally[] {
  const byKey = new Map<string, FactTally>();
  for (const user of users) {
    const facts = userFacts(user);
    const key = `${facts.domain}|${facts.isActive ? 1 : 0}|${facts.isAnonymous ? 1 : 0}`;
    const tally = byKey.get(key);
    if (tally) tally.count++;
    else byKey.set(key, { domain: facts.domain, isActive: facts.isActive, isAnonymous: facts.isAnonymous, count: 1 });
  }
  return [...byKey.values()];
}

/** Counts a list of users under a rule set (convenience over tallyUsers + countTallies). */
export function countUsers(users: Iterable<UserFields>, rules: ClassificationRules): EnvironmentCounts {
  return countTallies(tallyUsers(users), rules);
}

/** The usage row of one environment, with whether its internal/external split is reported. */
export function environmentUsage(
  environment: { id: string; name: string; kind: EnvironmentKind; platformVersion?: string },
  counts: EnvironmentCounts,
  tenants: TenantUsage[] = [],
): EnvironmentUsage {
  return {
    environmentId: environment.id,
    name: environment.name,
    kind: environment.kind,
    ...counts,
    splitShown: isSplitReported(environment.platformVersion),
    tenants,
  };
}

/**
 * Licensed totals: the sum over production environments (a person registered in two
 * production environments counts twice, as the licence terms say). `productionEmails`
 * holds the effective emails of each production environment's counted users.
 */
export function productionTotals(
  rows: readonly EnvironmentUsage[],
  productionEmails: Iterable<Iterable<string>>,
): ProductionTotals {
  const totals = { ...sumProduction(rows), distinctEmails: 0 };
  const distinct = new Set<string>();
  for (const emails of productionEmails) for (const email of emails) if (email) distinct.add(email.toLowerCase());
  totals.distinctEmails = distinct.size;
  return totals;
}

/** Internal, external and named users summed over the production environments. */
export function sumProduction(rows: readonly EnvironmentUsage[]): Omit<ProductionTotals, 'distinctEmails'> {
  let internal = 0;
  let external = 0;
  for (const row of rows) {
    if (row.kind !== 'production') continue;
    internal += row.internal;
    external += row.external;
  }
  return { internal, external, named: internal + external };
}

export interface RuleChangeEffect {
  before: EnvironmentCounts;
  after: EnvironmentCounts;
  /** Users who are internal now and would be external under the new rules. */
  internalToExternal: number;
  /** Users who are external now and would be internal under the new rules. */
  externalToInternal: number;
}

/** What a change of rules would do to an environment's counts, before it is saved. */
export function ruleChangeEffect(
  tallies: readonly FactTally[],
  before: ClassificationRules,
  after: ClassificationRules,
  tenantRules?: TenantRules,
): RuleChangeEffect {
  let internalToExternal = 0;
  let externalToInternal = 0;
  for (const tally of tallies) {
    const was = classifyFacts(tally, rulesOf(tally, before, tenantRules)).class;
    const will = classifyFacts(tally, rulesOf(tally, after, tenantRules)).class;
    if (was === 'internal' && will === 'external') internalToExternal += tally.count;
    if (was === 'external' && will === 'internal') externalToInternal += tally.count;
  }
  return {
    before: countTallies(tallies, before, tenantRules),
    after: countTallies(tallies, after, tenantRules),
    internalToExternal,
    externalToInternal,
  };
}
