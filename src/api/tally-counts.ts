/**
 * Each environment's counts (and its tenants') from the tallies of its state record, kept while
 * neither the tallies nor the rules and tenants change. Every usage read reads the state records
 * (another tab may have written), and the live views read usage after every write: with
 * thousands of email domains, decoding and classifying the same tallies again cost more than the
 * write itself.
 */
import {
  countTalliesByTenant,
  defaultTenantId,
  emptyCounts,
  evaluateLimits,
  type ClassificationRules,
  type EnvironmentCounts,
  type TenantUsage,
} from '../domain';
import type { TenantRecord, TenantTallyRecord } from '../db';
import { decodeEnvironmentTallies } from '../index';
import { ruleBookFrom } from './tenant-rules';

export interface CountedEnvironment {
  counts: EnvironmentCounts;
  tenants: TenantUsage[];
}

interface Kept {
  tallies: string;
  rules: string;
  counted: CountedEnvironment;
}

export class TallyCounts {
  readonly #kept = new Map<string, Kept>();

  /**
   * The counts of `tallies` (a state record's packed text; none for an empty environment) under
   * `rules`, or a tenant's own, in all and per tenant (`tenants`: the environment's, default first).
   */
  countsOf(
    environmentId: string,
    tallies: string | undefined,
    rules: ClassificationRules,
    tenants: TenantRecord[] = [],
    tenantTallies: readonly TenantTallyRecord[] = [],
  ): CountedEnvironment {
    const text = [tallies ?? '[]', ...tenantTallies.map((record) => `${record.tenantId}\n${record.tallies}`)].join(
      '\n',
    );
    const rulesText = JSON.stringify([rules, tenants.map(({ id, name, rules, limits }) => [id, name, rules, limits])]);
    const kept = this.#kept.get(environmentId);
    if (kept && kept.tallies === text && kept.rules === rulesText) return copy(kept.counted);
    const book = ruleBookFrom({ rules }, tenants);
    const byTenant = countTalliesByTenant(
      decodeEnvironmentTallies(tallies, tenantTallies),
      rules,
      book.tenantRules,
      defaultTenantId(environmentId),
      tenants.map((tenant) => tenant.id),
    );
    const counts = emptyCounts();
    for (const tenantCounts of byTenant.values())
      for (const key of Object.keys(counts) as (keyof EnvironmentCounts)[]) counts[key] += tenantCounts[key];
    const names = new Map(tenants.map((tenant) => [tenant.id, tenant]));
    const rows: TenantUsage[] = [...byTenant].map(([tenantId, tenantCounts]) => {
      const tenant = names.get(tenantId);
      return {
        tenantId,
        // Users of a tenant no longer listed (another tab deleting it) are still counted, under its id.
        name: tenant?.name ?? tenantId,
        ...tenantCounts,
        limits: evaluateLimits(tenantCounts, tenant?.limits),
      };
    });
    const counted = { counts, tenants: rows };
    this.#kept.set(environmentId, { tallies: text, rules: rulesText, counted });
    return copy(counted);
  }

  /** Forgets environments no longer listed (deleted ones). */
  keepOnly(environmentIds: ReadonlySet<string>): void {
    for (const id of this.#kept.keys()) if (!environmentIds.has(id)) this.#kept.delete(id);
  }
}

function copy(counted: CountedEnvironment): CountedEnvironment {
  return {
    counts: { ...counted.counts },
    tenants: counted.tenants.map((row) => ({ ...row, limits: row.limits.map((limit) => ({ ...limit })) })),
  };
}
