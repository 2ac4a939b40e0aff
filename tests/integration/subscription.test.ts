import { describe, expect } from 'vitest';
import type { Roster, SubscriptionInput } from '../../src/api';
import { failureOf } from '../factories/errors';
import { someUsers } from '../factories/inputs';
import { it } from '../factories/roster';

/** A production environment listing example.com, with `internal` internal and `external` external users. */
async function seedProduction(roster: Roster, { internal, external }: { internal: number; external: number }) {
  const environment = await roster.environments.create({ name: 'Production', kind: 'production' });
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  await roster.users.createMany([
    ...someUsers(environment.id, internal),
    ...someUsers(environment.id, external, { email: 'someone@gmail.com' }),
  ]);
  return environment;
}

describe('subscription.get and set', () => {
  it('has no subscription in a new database', async ({ roster }) => {
    expect(await roster.subscription.get()).toBeUndefined();
  });

  it('stores an internal-external subscription with the default warning threshold of 90 %', async ({ roster }) => {
    const stored = await roster.subscription.set({
      model: 'internal-external',
      internalLimit: 100,
      externalLimit: 1000,
    });

    expect(stored).toEqual({ model: 'internal-external', internalLimit: 100, externalLimit: 1000, warnAt: 0.9 });
    expect(await roster.subscription.get()).toEqual(stored);
  });

  it('stores a named subscription with the default warning threshold of 90 %', async ({ roster }) => {
    const stored = await roster.subscription.set({ model: 'named', namedLimit: 250 });

    expect(stored).toEqual({ model: 'named', namedLimit: 250, warnAt: 0.9 });
    expect(await roster.subscription.get()).toEqual(stored);
  });

  it('keeps a warning threshold it is given', async ({ roster }) => {
    expect(await roster.subscription.set({ model: 'named', namedLimit: 250, warnAt: 0.75 })).toMatchObject({
      warnAt: 0.75,
    });
  });

  it('replaces the previous subscription, model and all', async ({ roster }) => {
    await roster.subscription.set({ model: 'internal-external', internalLimit: 100, externalLimit: 1000, warnAt: 0.5 });

    await roster.subscription.set({ model: 'named', namedLimit: 250 });

    expect(await roster.subscription.get()).toEqual({ model: 'named', namedLimit: 250, warnAt: 0.9 });
  });

  it.for<{ case: string; input: unknown; paths: string[] }>([
    { case: 'an unknown model', input: { model: 'per-seat', namedLimit: 5 }, paths: ['model'] },
    { case: 'no model', input: { namedLimit: 5 }, paths: ['model'] },
    { case: 'a negative limit', input: { model: 'named', namedLimit: -1 }, paths: ['namedLimit'] },
    { case: 'a fractional limit', input: { model: 'named', namedLimit: 2.5 }, paths: ['namedLimit'] },
    {
      case: 'a missing external limit',
      input: { model: 'internal-external', internalLimit: 5 },
      paths: ['externalLimit'],
    },
    {
      case: 'a limit as text',
      input: { model: 'internal-external', internalLimit: '5', externalLimit: 5 },
      paths: ['internalLimit'],
    },
    { case: 'a threshold above 1', input: { model: 'named', namedLimit: 5, warnAt: 90 }, paths: ['warnAt'] },
    { case: 'a threshold of 0', input: { model: 'named', namedLimit: 5, warnAt: 0 }, paths: ['warnAt'] },
    {
      case: 'a limit of the other model',
      input: { model: 'named', namedLimit: 5, internalLimit: 5 },
      paths: ['internalLimit'],
    },
  ])('refuses $case, naming the field', async ({ input, paths }, { roster }) => {
    await roster.subscription.set({ model: 'named', namedLimit: 10 });

    expect(await failureOf(roster.subscription.set(input as SubscriptionInput))).toEqual({ code: 'validation', paths });
    expect(await roster.subscription.get()).toEqual({ model: 'named', namedLimit: 10, warnAt: 0.9 });
  });
});

describe('limits in usage()', () => {
  it('lists no limits until a subscription is set', async ({ roster }) => {
    await seedProduction(roster, { internal: 3, external: 2 });

    expect((await roster.usage()).limits).toEqual([]);
  });

  it('compares internal and external users each with their own limit', async ({ roster }) => {
    await seedProduction(roster, { internal: 12, external: 3 });

    await roster.subscription.set({ model: 'internal-external', internalLimit: 10, externalLimit: 100 });

    expect((await roster.usage()).limits).toEqual([
      { limit: 'internal', used: 12, max: 10, remaining: -2, status: 'over' },
      { limit: 'external', used: 3, max: 100, remaining: 97, status: 'ok' },
    ]);
  });

  it('compares internal + external users with one named limit', async ({ roster }) => {
    await seedProduction(roster, { internal: 12, external: 3 });

    await roster.subscription.set({ model: 'named', namedLimit: 20 });

    expect((await roster.usage()).limits).toEqual([{ limit: 'named', used: 15, max: 20, remaining: 5, status: 'ok' }]);
  });

  it.for([
    { used: 8, max: 10, remaining: 2, status: 'ok' },
    { used: 9, max: 10, remaining: 1, status: 'near' },
    { used: 10, max: 10, remaining: 0, status: 'near' },
    { used: 11, max: 10, remaining: -1, status: 'over' },
    { used: 0, max: 0, remaining: 0, status: 'ok' },
    { used: 1, max: 0, remaining: -1, status: 'over' },
  ])(
    'says $status with $used of $max named users used, $remaining remaining',
    async ({ used, max, remaining, status }, { roster }) => {
      await seedProduction(roster, { internal: used, external: 0 });

      await roster.subscription.set({ model: 'named', namedLimit: max });

      expect((await roster.usage()).limits).toEqual([{ limit: 'named', used, max, remaining, status }]);
    },
  );

  it.for([
    { warnAt: 0.5, used: 4, status: 'ok' },
    { warnAt: 0.5, used: 5, status: 'near' },
    { warnAt: 1, used: 9, status: 'ok' },
    { warnAt: 1, used: 10, status: 'near' },
  ])(
    'says $status with $used of 10 external users used and a threshold of $warnAt',
    async ({ warnAt, used, status }, { roster }) => {
      await seedProduction(roster, { internal: 0, external: used });

      await roster.subscription.set({ model: 'internal-external', internalLimit: 10, externalLimit: 10, warnAt });

      expect((await roster.usage()).limits.find((limit) => limit.limit === 'external')).toMatchObject({ used, status });
    },
  );

  it('counts only production environments against the limits', async ({ roster }) => {
    await seedProduction(roster, { internal: 2, external: 1 });
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    await roster.users.createMany(someUsers(qa.id, 30));

    await roster.subscription.set({ model: 'named', namedLimit: 3 });

    expect((await roster.usage()).limits).toEqual([{ limit: 'named', used: 3, max: 3, remaining: 0, status: 'near' }]);
  });

  it('frees a licence when a user is deactivated', async ({ roster }) => {
    const environment = await seedProduction(roster, { internal: 11, external: 0 });
    await roster.subscription.set({ model: 'named', namedLimit: 10 });
    const [first] = (await roster.users.list({ environmentId: environment.id, limit: 1 })).items;

    await roster.users.setActive(first!.id, false);

    expect((await roster.usage()).limits).toEqual([
      { limit: 'named', used: 10, max: 10, remaining: 0, status: 'near' },
    ]);
  });
});

describe('subscription.set periodStart', () => {
  it('keeps the start of the billing period', async ({ roster }) => {
    const stored = await roster.subscription.set({ model: 'named', namedLimit: 10, periodStart: ' 2026-04-01 ' });
    expect(stored).toEqual({ model: 'named', namedLimit: 10, warnAt: 0.9, periodStart: '2026-04-01' });
    expect(await roster.subscription.get()).toEqual(stored);
  });

  it.for(['2026-4-1', '2026-02-30', 'April 1st', ''])(
    'refuses the period start %j, naming the field',
    async (periodStart, { roster }) => {
      expect(await failureOf(roster.subscription.set({ model: 'named', namedLimit: 10, periodStart }))).toEqual({
        code: 'validation',
        paths: ['periodStart'],
      });
    },
  );
});
