import { describe, expect } from 'vitest';
import type { Roster, UserCreateInput } from '../../src/api';
import { failureOf, rosterErrorOf } from '../factories/errors';
import { aUser, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, it } from '../factories/roster';

async function anEnvironmentIn(roster: Roster) {
  return roster.environments.create(anEnvironment());
}

describe('users.classify', () => {
  it.for<{
    case: string;
    user: Omit<UserCreateInput, 'environmentId'>;
    class: string;
    reason: string;
    matchedDomain?: string;
  }>([
    {
      case: 'an email of a listed domain',
      user: { username: 'ana', email: 'ana@example.com' },
      class: 'internal',
      reason: 'internal: domain matches example.com (own)',
      matchedDomain: 'example.com',
    },
    {
      case: 'an email of a subdomain under a wildcard entry',
      user: { username: 'eu', email: 'eu@eu.group.example' },
      class: 'internal',
      reason: 'internal: domain matches *.group.example (parent)',
      matchedDomain: '*.group.example',
    },
    {
      case: 'an email of an unlisted domain',
      user: { username: 'bob', email: 'bob@gmail.com' },
      class: 'external',
      reason: "external: domain gmail.com is not in this environment's list",
    },
    {
      case: 'a subdomain of an exactly listed domain',
      user: { username: 'sub', email: 'sub@eu.example.com' },
      class: 'external',
      reason: "external: domain eu.example.com is not in this environment's list",
    },
    {
      case: 'a look-alike domain in Cyrillic letters',
      user: { username: 'spoof', email: 'spoof@exаmple.com' },
      class: 'external',
      reason: "external: domain xn--exmple-4nf.com is not in this environment's list",
    },
    {
      case: 'an international domain listed in its own script',
      user: { username: 'jo', email: 'jo@bücher.example' },
      class: 'internal',
      reason: 'internal: domain matches xn--bcher-kva.example (client)',
      matchedDomain: 'xn--bcher-kva.example',
    },
    {
      case: 'a username that is an email address, with no email',
      user: { username: 'carl@gmail.com' },
      class: 'external',
      reason: "external: domain gmail.com is not in this environment's list",
    },
    {
      case: 'only a mobile phone',
      user: { username: 'dee', mobilePhone: '+351 912 345 678' },
      class: 'internal',
      reason: 'internal: no email address',
    },
    {
      case: 'no personal data and no login',
      user: { username: 'visitor' },
      class: 'anonymous',
      reason: 'anonymous: never logged in and holds no personal data, so it is not counted',
    },
    {
      case: 'a deactivated account',
      user: { username: 'gone', email: 'gone@gmail.com', isActive: false },
      class: 'inactive',
      reason: 'inactive: the account is deactivated, so it is not counted',
    },
  ])(
    'classifies $case as $class, with the reason in one sentence',
    async ({ user, class: expectedClass, reason, matchedDomain }, { roster }) => {
      const environment = await anEnvironmentIn(roster);
      await roster.environments.setRules(environment.id, {
        mode: 'domains',
        domains: [
          'example.com',
          { domain: '*.group.example', relation: 'parent' },
          { domain: 'BÜCHER.example', relation: 'client' },
        ],
      });
      const created = await roster.users.create({ environmentId: environment.id, ...user });

      const classification = await roster.users.classify(created.id);

      expect(classification).toEqual(
        matchedDomain ? { class: expectedClass, reason, matchedDomain } : { class: expectedClass, reason },
      );
    },
  );

  it('classifies every active user with personal data as internal in all-internal mode', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id, { email: 'bob@gmail.com' }));

    expect(await roster.users.classify(user.id)).toEqual({
      class: 'internal',
      reason: 'internal: this environment treats every user as internal',
    });
  });

  it('follows a rule change at once', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id, { email: 'bob@gmail.com' }));

    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });

    expect((await roster.users.classify(user.id)).class).toBe('external');
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.classify('no-such-user'))).toEqual({ code: 'not-found', paths: ['id'] });
  });
});

describe('users.dormant', () => {
  async function seedDormancy(roster: Roster, environmentId: string) {
    return roster.users.createMany([
      aUser(environmentId, { username: 'recent', lastLogin: '2026-03-20T00:00:00Z' }),
      aUser(environmentId, { username: 'stale', lastLogin: '2025-12-01T00:00:00Z' }),
      aUser(environmentId, { username: 'stale-but-inactive', lastLogin: '2025-01-01T00:00:00Z', isActive: false }),
      aUser(environmentId, { username: 'never' }),
    ]);
  }

  it('lists active users not logged in for 90 days, as users with their class', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const [, stale] = await seedDormancy(roster, environment.id);

    expect(await roster.users.dormant({ now: FIXED_NOW })).toEqual([{ ...stale, class: 'internal' }]);
  });

  it('counts a user who never logged in as dormant once created more than the given days ago', async ({
    roster,
    clock,
  }) => {
    const environment = await anEnvironmentIn(roster);
    const never = await roster.users.create(aUser(environment.id, { username: 'never' }));

    expect(await roster.users.dormant({ now: new Date('2026-06-28T09:30:00Z') })).toEqual([]);
    expect(await roster.users.dormant({ now: new Date('2026-07-01T09:30:00Z') })).toEqual([
      { ...never, class: 'internal' },
    ]);
    clock.set(new Date('2026-07-01T09:30:00Z'));
    expect(await roster.users.dormant()).toEqual([{ ...never, class: 'internal' }]);
  });

  it('takes the number of days to wait', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await seedDormancy(roster, environment.id);

    expect((await roster.users.dormant({ now: FIXED_NOW, days: 7 })).map((user) => user.username).sort()).toEqual([
      'recent',
      'stale',
    ]);
  });

  it('gives each dormant user its class under the current rules', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    await roster.users.createMany([
      aUser(environment.id, { username: 'own', email: 'own@example.com', lastLogin: '2025-01-01T00:00:00Z' }),
      aUser(environment.id, { username: 'other', email: 'other@gmail.com', lastLogin: '2025-01-01T00:00:00Z' }),
    ]);

    const dormant = await roster.users.dormant({ environmentId: environment.id, now: FIXED_NOW });
    expect(dormant.map((user) => [user.username, user.class])).toEqual([
      ['other', 'external'],
      ['own', 'internal'],
    ]);
  });

  it('reads the clock when no now is given', async ({ roster, clock }) => {
    const environment = await anEnvironmentIn(roster);
    await seedDormancy(roster, environment.id);
    clock.set(new Date('2026-01-15T00:00:00Z'));

    expect(await roster.users.dormant()).toEqual([]);
  });

  it('looks in one environment when asked', async ({ roster }) => {
    const first = await anEnvironmentIn(roster);
    const second = await anEnvironmentIn(roster);
    await seedDormancy(roster, first.id);
    const [, secondStale] = await seedDormancy(roster, second.id);

    expect(await roster.users.dormant({ environmentId: second.id, now: FIXED_NOW })).toEqual([
      { ...secondStale, class: 'internal' },
    ]);
    expect(await roster.users.dormant({ now: FIXED_NOW })).toHaveLength(2);
  });

  it('lists the dormant users of one environment in username order', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.createMany(
      ['zoe', 'Bea', 'adam', 'carl'].map((username) =>
        aUser(environment.id, { username, lastLogin: '2025-01-01T00:00:00Z' }),
      ),
    );

    expect(
      (await roster.users.dormant({ environmentId: environment.id, now: FIXED_NOW })).map((user) => user.username),
    ).toEqual(['adam', 'Bea', 'carl', 'zoe']);
  });

  it.for<{ case: string; query: unknown; paths: string[] }>([
    { case: 'now as a string', query: { now: '2026-03-31T09:30:00Z' }, paths: ['now'] },
    { case: 'zero days', query: { days: 0 }, paths: ['days'] },
    { case: 'a fraction of a day', query: { days: 1.5 }, paths: ['days'] },
  ])('refuses $case', async ({ query, paths }, { roster }) => {
    expect(await failureOf(roster.users.dormant(query as never))).toEqual({ code: 'validation', paths });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.dormant({ environmentId: 'no-such-environment' }))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});

describe('users.dormant by class and production', () => {
  it('lists only the dormant users a limit counts, in production environments only when asked', async ({ roster }) => {
    const long = '2025-01-01T00:00:00Z';
    const production = await roster.environments.create({
      name: 'Production EU',
      kind: 'production',
      rules: { mode: 'domains', domains: ['example.com'] },
    });
    const qa = await roster.environments.create({
      name: 'QA',
      kind: 'non-production',
      rules: { mode: 'domains', domains: ['example.com'] },
    });
    await roster.users.createMany([
      { environmentId: production.id, username: 'in', email: 'in@example.com', lastLogin: long },
      { environmentId: production.id, username: 'out', email: 'out@gmail.com', lastLogin: long },
      { environmentId: production.id, username: 'out-recent', email: 'r@gmail.com', lastLogin: '2026-03-30T00:00:00Z' },
      { environmentId: qa.id, username: 'qa-out', email: 'qa@gmail.com', lastLogin: long },
    ]);
    const names = async (query: Parameters<Roster['users']['dormant']>[0]) =>
      (await roster.users.dormant({ now: FIXED_NOW, ...query })).map((user) => user.username).sort();

    expect(await names({})).toEqual(['in', 'out', 'qa-out']);
    expect(await names({ class: 'external' })).toEqual(['out', 'qa-out']);
    expect(await names({ class: 'external', production: true })).toEqual(['out']);
    expect(await names({ class: 'internal', production: true })).toEqual(['in']);
    expect(await names({ class: 'named', production: true })).toEqual(['in', 'out']);
    expect(await names({ production: false })).toEqual(['qa-out']);
    // Equal to what a limit's counts say: the dormant external production users are among the external ones counted.
    const usage = await roster.usage();
    expect(usage.production.external).toBeGreaterThanOrEqual(
      (await names({ class: 'external', production: true })).length,
    );
  });

  it('refuses a class that no limit counts, naming the field', async ({ roster }) => {
    const error = await rosterErrorOf(roster.users.dormant({ class: 'anonymous' as 'named' }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['class']);
  });
});
