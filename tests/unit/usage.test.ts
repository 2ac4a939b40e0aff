import { describe, expect, it } from 'vitest';
import {
  countTallies,
  ruleChangeEffect,
  countUsers,
  emptyCounts,
  environmentUsage,
  parseDomainEntry,
  productionTotals,
  tallyUsers,
  type ClassificationRules,
  type EnvironmentCounts,
  type EnvironmentKind,
  type UserFields,
} from '../../src/domain';
import { emailKeyOf } from '../factories/email-key';

const entry = (raw: string): string => {
  const parsed = parseDomainEntry(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.entry;
};
const rules: ClassificationRules = {
  mode: 'domains',
  domains: [
    { domain: entry('example.com'), relation: 'own' },
    { domain: entry('*.example.com'), relation: 'parent' },
  ],
};

const internal1: UserFields = { username: 'anna', email: 'anna@example.com', isActive: true };
const internal2: UserFields = { username: 'ben@eu.example.com', isActive: true };
const internalNoEmail: UserFields = { username: 'carl', mobilePhone: '+44 7700 900123', isActive: true };
const external1: UserFields = { username: 'dora', email: 'dora@gmail.com', isActive: true };
const external2: UserFields = { username: 'eve', email: 'eve@example.com.attacker.io', isActive: true };
const anonymous1: UserFields = { username: 'guest-1', isActive: true };
const inactive1: UserFields = { username: 'fritz', email: 'fritz@example.com', isActive: false };
const inactive2: UserFields = { username: 'gina', email: 'gina@gmail.com', isActive: false };
const inactiveAnonymous: UserFields = { username: 'guest-2', isActive: false };

const everyone = [
  internal1,
  internal2,
  internalNoEmail,
  external1,
  external2,
  anonymous1,
  inactive1,
  inactive2,
  inactiveAnonymous,
];

describe('countUsers', () => {
  it('counts internal, external, anonymous and inactive users of an environment', () => {
    expect(countUsers(everyone, rules)).toEqual({ internal: 3, external: 2, named: 5, anonymous: 1, inactive: 3 });
  });

  it.each([
    { why: 'no users', users: [], counts: { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 } },
    {
      why: 'a user with no email',
      users: [internalNoEmail],
      counts: { internal: 1, external: 0, named: 1, anonymous: 0, inactive: 0 },
    },
    {
      why: 'an external user',
      users: [external1],
      counts: { internal: 0, external: 1, named: 1, anonymous: 0, inactive: 0 },
    },
    {
      why: 'an anonymous user',
      users: [anonymous1],
      counts: { internal: 0, external: 0, named: 0, anonymous: 1, inactive: 0 },
    },
    {
      why: 'an inactive user',
      users: [inactive2],
      counts: { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 1 },
    },
    {
      why: 'an inactive user with no personal data',
      users: [inactiveAnonymous],
      counts: { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 1 },
    },
    {
      why: 'two users of the same domain',
      users: [external1, { ...external1, username: 'dora2', email: 'Dora2@GMAIL.com' }],
      counts: { internal: 0, external: 2, named: 2, anonymous: 0, inactive: 0 },
    },
  ])('counts $why', ({ users, counts }) => {
    expect(countUsers(users, rules)).toEqual(counts);
  });

  it('counts every active non-anonymous user as internal in all-internal mode', () => {
    expect(countUsers(everyone, { mode: 'all-internal', domains: [] })).toEqual({
      internal: 5,
      external: 0,
      named: 5,
      anonymous: 1,
      inactive: 3,
    });
  });

  it('makes named the sum of internal and external, leaving anonymous and inactive out', () => {
    const counts = countUsers(everyone, rules);
    expect(counts.named).toBe(counts.internal + counts.external);
  });

  it('recounts the same tallies under new rules without rereading users', () => {
    const tallies = tallyUsers(everyone);
    expect(countTallies(tallies, rules)).toEqual(countUsers(everyone, rules));
    const wider: ClassificationRules = {
      mode: 'domains',
      domains: [...rules.domains, { domain: 'gmail.com', relation: 'client' }],
    };
    expect(countTallies(tallies, wider)).toEqual({ internal: 4, external: 1, named: 5, anonymous: 1, inactive: 3 });
  });
});

describe('tallyUsers', () => {
  it('groups users by their counting facts', () => {
    const users = [external1, { ...external1, username: 'x', email: 'x@Gmail.com' }, internal1, inactive2];
    const tallies = tallyUsers(users);
    expect(tallies).toHaveLength(3);
    expect(tallies).toContainEqual({ domain: 'gmail.com', isActive: true, isAnonymous: false, count: 2 });
    expect(tallies).toContainEqual({ domain: 'example.com', isActive: true, isAnonymous: false, count: 1 });
    expect(tallies).toContainEqual({ domain: 'gmail.com', isActive: false, isAnonymous: false, count: 1 });
  });

  it('adds up to the number of users', () => {
    expect(tallyUsers(everyone).reduce((sum, t) => sum + t.count, 0)).toBe(everyone.length);
  });

  it('returns no tallies for no users', () => {
    expect(tallyUsers([])).toEqual([]);
  });
});

describe('emptyCounts', () => {
  it('starts every count at zero', () => {
    expect(emptyCounts()).toEqual({ internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 });
  });

  it('returns a fresh object each time', () => {
    const a = emptyCounts();
    a.internal = 5;
    expect(emptyCounts().internal).toBe(0);
  });
});

const counts = (internal: number, external: number): EnvironmentCounts => ({
  internal,
  external,
  named: internal + external,
  anonymous: 0,
  inactive: 0,
});
const env = (id: string, kind: EnvironmentKind, platformVersion?: string) => ({
  id,
  name: `Env ${id}`,
  kind,
  platformVersion,
});

describe('environmentUsage', () => {
  it('carries the environment and its counts', () => {
    expect(
      environmentUsage(env('p1', 'production', '11.12'), {
        internal: 3,
        external: 2,
        named: 5,
        anonymous: 1,
        inactive: 4,
      }),
    ).toEqual({
      environmentId: 'p1',
      name: 'Env p1',
      kind: 'production',
      internal: 3,
      external: 2,
      named: 5,
      anonymous: 1,
      inactive: 4,
      splitShown: true,
      tenants: [],
    });
  });

  it('carries the tenants it is given, in their order', () => {
    const tenants = [
      { tenantId: 'p1.default', name: 'Default', ...counts(2, 1), limits: [] },
      { tenantId: 'p1.acme', name: 'Acme', ...counts(1, 1), limits: [] },
    ];
    expect(environmentUsage(env('p1', 'production'), counts(3, 2), tenants).tenants).toEqual([
      {
        tenantId: 'p1.default',
        name: 'Default',
        internal: 2,
        external: 1,
        named: 3,
        anonymous: 0,
        inactive: 0,
        limits: [],
      },
      { tenantId: 'p1.acme', name: 'Acme', internal: 1, external: 1, named: 2, anonymous: 0, inactive: 0, limits: [] },
    ]);
  });

  it.each([
    { version: '11.6', splitShown: false },
    { version: '11.6.9', splitShown: false },
    { version: '10.20', splitShown: false },
    { version: '11.7', splitShown: true },
    { version: '11.12', splitShown: true },
    { version: '11.12.3', splitShown: true },
    { version: undefined, splitShown: true },
  ])('shows the split for platform version $version: $splitShown', ({ version, splitShown }) => {
    expect(environmentUsage(env('e', 'production', version), counts(1, 1)).splitShown).toBe(splitShown);
  });

  it('still reports named users for a version below 11.7', () => {
    const row = environmentUsage(env('old', 'production', '11.6'), counts(3, 4));
    expect(row.named).toBe(7);
    expect(row.splitShown).toBe(false);
  });
});

describe('productionTotals', () => {
  const rows = [
    environmentUsage(env('p1', 'production'), counts(10, 3)),
    environmentUsage(env('p2', 'production', '11.6'), counts(5, 2)),
    environmentUsage(env('qa', 'non-production'), counts(100, 50)),
  ];

  it('sums only production environments', () => {
    expect(productionTotals(rows, [])).toEqual({ internal: 15, external: 5, named: 20, distinctEmails: 0 });
  });

  it('includes a production environment below 11.7 in the licensed totals', () => {
    const onlyOld = [environmentUsage(env('p2', 'production', '11.6'), counts(5, 2))];
    expect(productionTotals(onlyOld, [])).toMatchObject({ internal: 5, external: 2, named: 7 });
  });

  it('is zero without production environments', () => {
    expect(productionTotals([rows[2]!], [])).toEqual({ internal: 0, external: 0, named: 0, distinctEmails: 0 });
    expect(productionTotals([], [])).toEqual({ internal: 0, external: 0, named: 0, distinctEmails: 0 });
  });

  it('counts a person registered in two production environments twice', () => {
    const anna: UserFields = { username: 'anna', email: 'anna@example.com', isActive: true };
    const p1 = environmentUsage(env('p1', 'production'), countUsers([anna], rules));
    const p2 = environmentUsage(env('p2', 'production'), countUsers([anna], rules));
    const totals = productionTotals([p1, p2], [[emailKeyOf(anna)], [emailKeyOf(anna)]]);
    expect(totals.internal).toBe(2);
    expect(totals.named).toBe(2);
    expect(totals.distinctEmails).toBe(1);
  });

  it.each([
    {
      why: 'counts distinct emails ignoring case',
      emails: [
        ['Anna@Example.com', 'ben@example.com'],
        ['anna@example.com', 'BEN@EXAMPLE.COM'],
      ],
      distinct: 2,
    },
    { why: 'counts different emails separately', emails: [['anna@example.com'], ['anna@gmail.com']], distinct: 2 },
    { why: 'skips users with no email', emails: [['', 'anna@example.com'], ['']], distinct: 1 },
    { why: 'counts nothing from no emails', emails: [[], []], distinct: 0 },
  ])('$why', ({ emails, distinct }) => {
    expect(productionTotals(rows, emails).distinctEmails).toBe(distinct);
  });

  it('makes named the sum of the production internal and external totals', () => {
    const totals = productionTotals(rows, []);
    expect(totals.named).toBe(totals.internal + totals.external);
  });
});

describe('ruleChangeEffect', () => {
  const tallies = [
    { domain: 'example.com', isActive: true, isAnonymous: false, count: 5 },
    { domain: 'gmail.com', isActive: true, isAnonymous: false, count: 3 },
    { domain: '', isActive: true, isAnonymous: false, count: 2 },
    { domain: 'gmail.com', isActive: false, isAnonymous: false, count: 4 },
  ];
  const allInternal = { mode: 'all-internal' as const, domains: [] };
  const owned = { mode: 'domains' as const, domains: [{ domain: 'example.com', relation: 'own' as const }] };

  it('counts the users who would move from internal to external when domains are configured', () => {
    const effect = ruleChangeEffect(tallies, allInternal, owned);
    expect(effect.internalToExternal).toBe(3);
    expect(effect.externalToInternal).toBe(0);
    expect(effect.before).toMatchObject({ internal: 10, external: 0, inactive: 4 });
    expect(effect.after).toMatchObject({ internal: 7, external: 3, inactive: 4 });
  });

  it('counts the users who would move back when all become internal again', () => {
    const effect = ruleChangeEffect(tallies, owned, allInternal);
    expect(effect).toMatchObject({ internalToExternal: 0, externalToInternal: 3 });
  });

  it('moves nobody when the rules do not change', () => {
    expect(ruleChangeEffect(tallies, owned, owned)).toMatchObject({ internalToExternal: 0, externalToInternal: 0 });
  });
});
