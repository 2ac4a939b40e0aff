import { describe, expect, test } from 'vitest';
import {
  classifyFacts,
  countTallies,
  countTalliesByTenant,
  ruleChangeEffect,
  ruleScopeOf,
  type ClassificationRules,
  type FactTally,
} from '../../src/domain';
import { decodeTallies, encodeTallies, packUser, packedUsersProblem, unpackUser } from '../../src/index';

const ISV: ClassificationRules = { mode: 'domains', domains: [{ domain: 'isv.example', relation: 'own' }] };
const NORTHWIND: ClassificationRules = {
  mode: 'domains',
  domains: [{ domain: 'northwind.example', relation: 'client' }],
};
const active = (domain: string, count: number, tenantId?: string): FactTally => ({
  domain,
  isActive: true,
  isAnonymous: false,
  count,
  ...(tenantId === undefined ? {} : { tenantId }),
});

describe('classification with a tenant’s own rules', () => {
  test("names the tenant whose rules decided, for each of the rules' outcomes", () => {
    const facts = (domain: string) => ({ isActive: true, isAnonymous: false, domain });
    expect(classifyFacts(facts('northwind.example'), NORTHWIND, 'Northwind')).toEqual({
      class: 'internal',
      reason: 'internal: northwind.example is listed for the tenant Northwind (client)',
      matchedDomain: 'northwind.example',
    });
    expect(classifyFacts(facts('isv.example'), NORTHWIND, 'Northwind').reason).toBe(
      'external: domain isv.example is not in the list of the tenant Northwind',
    );
    expect(classifyFacts(facts('gmail.com'), { mode: 'all-internal', domains: [] }, 'Northwind').reason).toBe(
      'internal: the tenant Northwind treats every user as internal',
    );
    // Without a tenant, the environment's words as before.
    expect(classifyFacts(facts('gmail.com'), ISV).reason).toBe(
      "external: domain gmail.com is not in this environment's list",
    );
  });

  test("a tenant without rules follows the environment's; one with rules, its own", () => {
    expect(ruleScopeOf(ISV, { name: 'Contoso' })).toEqual({ rules: ISV });
    expect(ruleScopeOf(ISV, { name: 'Northwind', rules: NORTHWIND })).toEqual({
      rules: NORTHWIND,
      tenantName: 'Northwind',
    });
    expect(ruleScopeOf(ISV)).toEqual({ rules: ISV });
  });

  test("counts each tally under its tenant's rules; per tenant the counts add up to the environment's", () => {
    const tallies = [
      active('isv.example', 3),
      active('northwind.example', 2),
      active('isv.example', 5, 'nw'),
      active('northwind.example', 7, 'nw'),
      active('northwind.example', 11, 'contoso'),
    ];
    const tenantRules = new Map([['nw', NORTHWIND]]);
    const total = countTallies(tallies, ISV, tenantRules);
    expect(total).toMatchObject({ internal: 3 + 7, external: 2 + 5 + 11, named: 28 });
    const byTenant = countTalliesByTenant(tallies, ISV, tenantRules, 'default', ['default', 'nw', 'contoso', 'empty']);
    expect(byTenant.get('default')).toMatchObject({ internal: 3, external: 2 });
    expect(byTenant.get('nw')).toMatchObject({ internal: 7, external: 5 });
    expect(byTenant.get('contoso')).toMatchObject({ internal: 0, external: 11 });
    expect(byTenant.get('empty')).toEqual({ internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 });
    // Without the tenant's rules every tally is counted by the environment's.
    expect(countTallies(tallies, ISV)).toMatchObject({ internal: 8, external: 20 });
  });

  test('an environment rule change moves none of the users of a tenant with its own rules', () => {
    const tallies = [active('northwind.example', 2), active('northwind.example', 7, 'nw')];
    const widened: ClassificationRules = { mode: 'domains', domains: [...ISV.domains, ...NORTHWIND.domains] };
    const effect = ruleChangeEffect(tallies, ISV, widened, new Map([['nw', NORTHWIND]]));
    expect(effect.externalToInternal).toBe(2);
    expect(effect.after).toMatchObject({ internal: 9, external: 0 });
  });
});

describe('the codec and tenants', () => {
  const base = {
    id: 'u1',
    environmentId: 'env',
    username: 'ana',
    isActive: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  test("a default tenant's user packs as before (ten fields); another tenant's carries its id", () => {
    expect(packUser({ ...base, tenantId: 'env.default' })).toHaveLength(10);
    const packed = packUser({ ...base, tenantId: 'nw' });
    expect(packed).toHaveLength(11);
    expect(packedUsersProblem([packed])).toBeUndefined();
    expect(unpackUser('env', packed).tenantId).toBe('nw');
    expect(unpackUser('env', packUser(base)).tenantId).toBe('env.default');
    expect(packedUsersProblem([[...packed.slice(0, 10), 42]])).toMatch(/not as Roster stores/);
  });

  test('tallies keep their tenant through the text', () => {
    const tallies = [active('a.example', 1), active('a.example', 2, 'nw')];
    expect(decodeTallies(encodeTallies(tallies))).toEqual(tallies);
  });
});
