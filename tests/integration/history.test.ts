import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { aUser, anEnvironment, someUsers } from '../factories/inputs';
import { it } from '../factories/roster';

async function production(roster: Roster, name = 'Production EU') {
  const environment = await roster.environments.create(anEnvironment({ name }));
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  return environment;
}

const external = (environmentId: string, count: number) =>
  someUsers(environmentId, count, { email: undefined }).map((user) => ({
    ...user,
    email: `${user.username}@gmail.com`,
  }));

describe('history.record', () => {
  it('takes a snapshot of each environment when the app first runs', async ({ roster }) => {
    const environment = await production(roster);
    await roster.users.createMany([aUser(environment.id), ...external(environment.id, 2)]);

    expect(await roster.history.record()).toBe(1);

    const { snapshots } = await roster.history.get();
    expect(snapshots).toEqual([
      {
        environmentId: environment.id,
        day: '2026-03-31',
        internal: 1,
        external: 2,
        named: 3,
        anonymous: 0,
        inactive: 0,
      },
    ]);
  });

  it("takes nothing when the numbers did not change, and replaces the day's snapshot when they did", async ({
    roster,
  }) => {
    const environment = await production(roster);
    await roster.users.create(aUser(environment.id));
    await roster.history.record();

    expect(await roster.history.record()).toBe(0);
    await roster.users.createMany(external(environment.id, 3));
    expect(await roster.history.record()).toBe(1);

    const { snapshots } = await roster.history.get();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ day: '2026-03-31', internal: 1, external: 3 });
  });

  it('keeps one snapshot per day, and the production totals follow day by day', async ({ roster, clock }) => {
    const eu = await production(roster, 'EU');
    const us = await production(roster, 'US');
    const qa = await roster.environments.create(anEnvironment({ name: 'QA', kind: 'non-production' }));
    await roster.users.createMany([...external(eu.id, 2), ...external(qa.id, 5)]);
    await roster.history.record();
    clock.advanceDays(1);
    await roster.users.createMany(external(us.id, 4));
    await roster.history.record();

    const { production: series, snapshots } = await roster.history.get();

    expect(snapshots.map((snapshot) => snapshot.day)).toEqual(['2026-03-31', '2026-03-31', '2026-03-31', '2026-04-01']);
    expect(series).toEqual([
      { day: '2026-03-31', internal: 0, external: 2, named: 2 },
      { day: '2026-04-01', internal: 0, external: 6, named: 6 },
    ]);
  });
});

describe('history.get', () => {
  it('gives the peaks of the billing period and a forecast per limit', async ({ roster, clock }) => {
    const environment = await production(roster);
    await roster.subscription.set({
      model: 'internal-external',
      internalLimit: 100,
      externalLimit: 40,
      periodStart: '2026-01-01',
    });
    // Ten more external users every ten days: 1 a day towards a limit of 40.
    for (let step = 0; step < 4; step++) {
      await roster.users.createMany(external(environment.id, 10));
      await roster.history.record();
      clock.advanceDays(10);
    }
    clock.advanceDays(-10);

    const history = await roster.history.get();

    expect(history.peaks).toMatchObject({ start: '2026-01-01', end: '2026-12-31', external: { value: 40 } });
    // At the limit and rising by one a day: crossed within days.
    const atLimit = history.forecasts.find((forecast) => forecast.limit === 'external')!;
    expect(atLimit.forecast).toMatchObject({ kind: 'crossing' });
    expect(atLimit.forecast.kind === 'crossing' && atLimit.forecast.date < '2026-05-15').toBe(true);
    const internal = history.forecasts.find((forecast) => forecast.limit === 'internal')!;
    expect(internal.sentence).toBe('At this rate the internal limit is not reached within a year.');
  });

  it("forecasts from the live totals as today's point, before the day's snapshot is taken", async ({
    roster,
    clock,
  }) => {
    const environment = await production(roster);
    await roster.subscription.set({ model: 'named', namedLimit: 30 });
    for (let day = 0; day < 10; day++) {
      await roster.users.createMany(external(environment.id, 2));
      await roster.history.record();
      clock.advanceDays(1);
    }
    clock.advanceDays(-1);
    const [before] = (await roster.history.get()).forecasts;
    expect(before?.forecast.kind).toBe('crossing');

    // Over the limit now; no snapshot is taken after it.
    await roster.users.createMany(external(environment.id, 15));
    const [after] = (await roster.history.get()).forecasts;
    expect(after?.forecast).toEqual({ kind: 'over' });
  });

  it('forecasts a crossing date from a rising trend', async ({ roster, clock }) => {
    const environment = await production(roster);
    await roster.subscription.set({ model: 'named', namedLimit: 100 });
    for (let day = 0; day < 20; day++) {
      await roster.users.createMany(external(environment.id, 2));
      await roster.history.record();
      clock.advanceDays(1);
    }

    const [named] = (await roster.history.get()).forecasts;

    expect(named?.forecast.kind).toBe('crossing');
    expect(named?.sentence).toMatch(/^At this rate the named-users limit is reached around \d{1,2} \w+ 2026\.$/);
  });

  it('has no peaks and says there is not enough history on a new database', async ({ roster }) => {
    await roster.subscription.set({ model: 'named', namedLimit: 100 });

    const history = await roster.history.get();

    expect(history).toMatchObject({ snapshots: [], production: [], peaks: undefined });
    expect(history.forecasts.map((forecast) => forecast.sentence)).toEqual([
      'Not enough history yet to forecast the named-users limit.',
    ]);
  });
});

describe('the billing-period peak', () => {
  it('keeps the highest production total of a day after the numbers go down again the same day', async ({
    roster,
    clock,
  }) => {
    const environment = await production(roster);
    const users = await roster.users.createMany(external(environment.id, 5));
    await roster.history.record();
    clock.advanceMinutes(60);
    // The morning's peak: 8 external users, recorded as it happens.
    const more = await roster.users.createMany(
      external(environment.id, 3).map((u) => ({ ...u, username: `x${u.username}` })),
    );
    expect(await roster.history.recordPeak()).toBe(true);
    clock.advanceMinutes(60);
    // Cleaned up in the afternoon: 4 left, and the day's snapshot says 4.
    await roster.users.setActiveMany(
      [...more, users[0]!].map((user) => user.id),
      false,
    );
    expect(await roster.history.recordPeak()).toBe(false);
    await roster.history.record();

    const history = await roster.history.get();
    expect(history.production.at(-1)).toMatchObject({ external: 4 });
    expect(history.peaks?.external).toEqual({ value: 8, day: '2026-03-31' });
  });

  it('never goes down within its period, across days and when an environment stops counting', async ({
    roster,
    clock,
  }) => {
    const eu = await production(roster, 'Production EU');
    const us = await production(roster, 'Production US');
    await roster.users.createMany([
      ...external(eu.id, 4),
      ...external(us.id, 3).map((u) => ({ ...u, username: `us-${u.username}` })),
    ]);
    await roster.history.record();
    clock.advanceDays(1);
    await roster.environments.update(us.id, { kind: 'non-production' });
    await roster.history.record();

    const history = await roster.history.get();
    expect(history.peaks?.external).toEqual({ value: 7, day: '2026-03-31' });
  });
});
