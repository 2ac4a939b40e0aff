/**
 * Each environment's counts (and its tenants') from its tallies: the state record's (its default
 * tenant's users) and each other tenant's record. Every usage read reads them all (another tab may
 * have written), and the live views read usage after every write: with thousands of email domains
 * and 50 clients, decoding and classifying the same tallies again cost more than the write itself.
 * So the counts of each part are kept while its text and the rules that classify it stay the
 * same: an edit recounts the one part it changed.
 */
import {
  countTalliesByTenant,
  defaultTenantId,
  emptyCounts,
  evaluateLimits,
  type ClassificationRules,
  type EnvironmentCounts,
  type FactTally,
  type TenantUsage,
} from '../domain';
import type { TenantRecord, TenantTallyRecord } from '../db';
import { decodeEnvironmentTallies } from '../index';
import { ruleBookFrom } from './tenant-rules';

export interface CountedEnvironment {
  counts: EnvironmentCounts;
  tenants: TenantUsage[];
}

/** One part's counts by tenant, with what they were counted from. */
interface KeptPart {
  text: string;
  rules: string;
  tallies: FactTally[];
  byTenant: Map<string, EnvironmentCounts>;
}

const COUNT_KEYS = ['internal', 'external', 'named', 'anonymous', 'inactive'] as const;

/**
 * A part's counts: the kept ones when its text and rules are as before; counted again from the
 * kept decoded tallies when only the rules changed (a rule change parses nothing).
 */
function kept(
  part: KeptPart | undefined,
  text: string,
  rules: string,
  decode: () => FactTally[],
  count: (tallies: FactTally[]) => Map<string, EnvironmentCounts>,
): KeptPart {
  if (part && part.text === text && part.rules === rules) return part;
  const tallies = part && part.text === text ? part.tallies : decode();
  return { text, rules, tallies, byTenant: count(tallies) };
}

export class TallyCounts {
  /** By environment, then by part: '' for the state record's tallies, else the tenant's id. */
  readonly #kept = new Map<string, Map<string, KeptPart>>();

  /**
   * The counts of an environment's tallies (`tallies`: its state record's text, none for an empty
   * environment; `tenantTallies`: its tenants' records) under `rules`, or a tenant's own, in all
   * and per tenant (`tenants`: the environment's, default first).
   */
  countsOf(
    environmentId: string,
    tallies: string | undefined,
    rules: ClassificationRules,
    tenants: TenantRecord[] = [],
    tenantTallies: readonly TenantTallyRecord[] = [],
  ): CountedEnvironment {
    const { tenantRules } = ruleBookFrom({ rules }, tenants);
    const defaultId = defaultTenantId(environmentId);
    const previous = this.#kept.get(environmentId);
    const parts = new Map<string, KeptPart>();
    // The state record's part may name tenants too (an import's preview puts every tally there).
    const state = tallies ?? '[]';
    parts.set(
      '',
      kept(
        previous?.get(''),
        state,
        JSON.stringify([rules, [...tenantRules]]),
        () => decodeEnvironmentTallies(state, []),
        (all) => countTalliesByTenant(all, rules, tenantRules, defaultId, []),
      ),
    );
    for (const record of tenantTallies) {
      const own = tenantRules.get(record.tenantId) ?? rules;
      parts.set(
        record.tenantId,
        kept(
          previous?.get(record.tenantId),
          record.tallies,
          JSON.stringify(own),
          () => decodeEnvironmentTallies(undefined, [record]),
          (all) => countTalliesByTenant(all, own, tenantRules, defaultId, []),
        ),
      );
    }
    this.#kept.set(environmentId, parts);

    const byTenant = new Map<string, EnvironmentCounts>(tenants.map((tenant) => [tenant.id, emptyCounts()]));
    if (!byTenant.has(defaultId)) byTenant.set(defaultId, emptyCounts());
    for (const part of parts.values()) {
      for (const [tenantId, counts] of part.byTenant) {
        let sum = byTenant.get(tenantId);
        if (!sum) byTenant.set(tenantId, (sum = emptyCounts()));
        for (const key of COUNT_KEYS) sum[key] += counts[key];
      }
    }
    const total = emptyCounts();
    for (const counts of byTenant.values()) for (const key of COUNT_KEYS) total[key] += counts[key];
    const records = new Map(tenants.map((tenant) => [tenant.id, tenant]));
    const rows: TenantUsage[] = [...byTenant].map(([tenantId, counts]) => {
      const tenant = records.get(tenantId);
      return {
        tenantId,
        // Users of a tenant no longer listed (another tab deleting it) are still counted, under its id.
        name: tenant?.name ?? tenantId,
        ...counts,
        limits: evaluateLimits(counts, tenant?.limits),
      };
    });
    return { counts: total, tenants: rows };
  }

  /** Forgets environments no longer listed (deleted ones). */
  keepOnly(environmentIds: ReadonlySet<string>): void {
    for (const id of this.#kept.keys()) if (!environmentIds.has(id)) this.#kept.delete(id);
  }
}
