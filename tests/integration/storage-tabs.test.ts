/**
 * Two tabs: two Rosters open on one database, each with its own in-memory user index. What
 * one writes, the other reads (its index syncs from the state records' revisions), and a
 * username taken in one is refused in the other.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Roster, UsageReport, UserPage } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aUser, anEnvironment, someUsers } from '../factories/inputs';
import { listingsOf, population } from '../factories/population';
import { TestClock, openTestRoster, uniqueDbName } from '../factories/roster';

interface Tabs {
  clock: TestClock;
  /** The tab that writes, in most tests. */
  first: Roster;
  /** The tab that reads what the first wrote. */
  second: Roster;
}

/** `test` with two Rosters on the same (fresh) database and one clock. */
const it = test.extend<{ tabs: Tabs }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  tabs: async ({}, use) => {
    const clock = new TestClock();
    const name = uniqueDbName('roster-tabs');
    const first = await openTestRoster(clock, name);
    const second = await openTestRoster(clock, name);
    await use({ clock, first, second });
    first.close();
    second.close();
  },
});

/** Reads in the second tab that load its index, so later reads go through a sync rather than a first load. */
async function warm(roster: Roster, environmentId: string): Promise<void> {
  await roster.users.list({ environmentId, search: 'warm-up' });
  await roster.usage();
}

const everything = (roster: Roster, environmentId: string) => roster.users.list({ environmentId, limit: 10_000 });

describe('two tabs on one database', () => {
  it('finds in one tab the users created in the other', async ({ tabs: { first, second } }) => {
    const environment = await first.environments.create(anEnvironment());
    await warm(second, environment.id);

    const ana = await first.users.create(aUser(environment.id, { username: 'Ana', name: 'Ana Almeida' }));
    const many = await first.users.createMany(someUsers(environment.id, 30));

    expect(await second.users.get(ana.id)).toEqual(ana);
    expect(await second.users.findByUsername(environment.id, 'ANA')).toEqual(ana);
    for (const user of many) expect(await second.users.get(user.id)).toEqual(user);
    const page = await everything(second, environment.id);
    expect(page.total).toBe(31);
    expect(page).toEqual(await everything(first, environment.id));
    expect(
      (await second.users.list({ environmentId: environment.id, search: 'almeida' })).items.map((user) => user.id),
    ).toEqual([ana.id]);
  });

  it('shows in one tab an update made in the other', async ({ tabs: { first, second, clock } }) => {
    const environment = await first.environments.create(anEnvironment());
    const bob = await first.users.create(aUser(environment.id, { username: 'bob', email: 'bob@example.com' }));
    await warm(second, environment.id);
    expect(await second.users.get(bob.id)).toEqual(bob);

    clock.advanceMinutes(5);
    const renamed = await first.users.update(bob.id, {
      username: 'Robert',
      name: 'Robert Brown',
      email: 'robert@example.org',
    });
    const deactivated = await first.users.setActive(bob.id, false);

    expect(renamed).toMatchObject({ username: 'Robert', name: 'Robert Brown' });
    expect(await second.users.get(bob.id)).toEqual(deactivated);
    expect(await second.users.findByUsername(environment.id, 'robert')).toEqual(deactivated);
    expect(await second.users.findByUsername(environment.id, 'bob')).toBeUndefined();
    expect((await second.users.list({ environmentId: environment.id, search: 'brown' })).items).toEqual([
      { ...deactivated, class: 'inactive' },
    ]);
    expect((await second.users.classify(bob.id)).class).toBe('inactive');
  });

  it('loses in one tab a user deleted in the other', async ({ tabs: { first, second } }) => {
    const environment = await first.environments.create(anEnvironment());
    const [carla, dan] = await first.users.createMany([
      aUser(environment.id, { username: 'carla' }),
      aUser(environment.id, { username: 'dan' }),
    ]);
    await warm(second, environment.id);
    expect((await everything(second, environment.id)).total).toBe(2);

    await first.users.delete(carla!.id);

    expect(await second.users.get(carla!.id)).toBeUndefined();
    expect(await second.users.findByUsername(environment.id, 'carla')).toBeUndefined();
    expect((await everything(second, environment.id)).items.map((user) => user.id)).toEqual([dan!.id]);
    // The username is free again, in either tab.
    await second.users.create(aUser(environment.id, { username: 'CARLA' }));
    expect((await everything(first, environment.id)).items.map((user) => user.username)).toEqual(['CARLA', 'dan']);
  });

  it('finds, while a search is being typed in one tab, the users the other tab changed meanwhile', async ({
    tabs: { first, second },
  }) => {
    const environment = await first.environments.create(anEnvironment());
    const [, carl] = await first.users.createMany([
      aUser(environment.id, { username: 'anabela' }),
      aUser(environment.id, { username: 'carl', name: 'Carl Andersen' }),
      aUser(environment.id, { username: 'dana' }),
    ]);
    const found = async (search: string) =>
      (await second.users.list({ environmentId: environment.id, search })).items.map((user) => user.username);

    expect(await found('an')).toEqual(['anabela', 'carl', 'dana']);
    await first.users.update(carl!.id, { name: 'Carl Anabel' });
    await first.users.create(aUser(environment.id, { username: 'zana', email: 'ana@example.com' }));
    expect(await found('ana')).toEqual(['anabela', 'carl', 'dana', 'zana']);
    await first.users.update(carl!.id, { name: 'Carl' });
    expect(await found('anab')).toEqual(['anabela']);
    expect(await found('ANAB')).toEqual(['anabela']);
  });

  it('refuses in one tab, as a conflict in any case, a username taken in the other', async ({
    tabs: { first, second },
  }) => {
    const environment = await first.environments.create(anEnvironment());
    await warm(second, environment.id);

    await first.users.create(aUser(environment.id, { username: 'Eve' }));

    expect(await failureOf(second.users.create(aUser(environment.id, { username: 'eve' })))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect(await failureOf(second.users.create(aUser(environment.id, { username: 'EVE' })))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect(
      await failureOf(second.users.createMany([aUser(environment.id), aUser(environment.id, { username: 'eVe' })])),
    ).toEqual({
      code: 'conflict',
      paths: ['1.username'],
    });
    const frank = await second.users.create(aUser(environment.id, { username: 'frank' }));
    expect(await failureOf(second.users.update(frank.id, { username: 'EVE' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    // And the other way round.
    expect(await failureOf(first.users.create(aUser(environment.id, { username: 'Frank' })))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect((await everything(first, environment.id)).total).toBe(2);
    expect((await everything(second, environment.id)).total).toBe(2);
  });

  it('refuses a taken username even when the second tab had not loaded its index yet', async ({
    tabs: { first, second },
  }) => {
    const environment = await first.environments.create(anEnvironment());
    await first.users.create(aUser(environment.id, { username: 'Gina' }));

    expect(await failureOf(second.users.create(aUser(environment.id, { username: 'GINA' })))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
  });

  it('sees environments created and deleted in the other tab', async ({ tabs: { first, second } }) => {
    const existing = await first.environments.create(anEnvironment({ name: 'Existing' }));
    await warm(second, existing.id);

    const added = await first.environments.create({ name: 'Added', kind: 'production' });
    const users = await first.users.createMany(someUsers(added.id, 3));

    expect((await second.environments.list()).map((environment) => environment.name)).toEqual(['Added', 'Existing']);
    expect((await everything(second, added.id)).items.map((user) => user.id).sort()).toEqual(
      users.map((user) => user.id).sort(),
    );
    expect((await second.usage()).environments.map((row) => row.name)).toEqual(['Added', 'Existing']);
    // The second tab can write in it at once.
    await second.users.create(aUser(added.id));

    await first.environments.delete(added.id);

    expect((await second.environments.list()).map((environment) => environment.name)).toEqual(['Existing']);
    expect(await second.users.get(users[0]!.id)).toBeUndefined();
    expect(await failureOf(second.users.list({ environmentId: added.id }))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
    expect(await failureOf(second.users.create(aUser(added.id)))).toMatchObject({ code: 'not-found' });
    expect((await second.usage()).environments.map((row) => row.name)).toEqual(['Existing']);
  });

  it('refuses in one tab an environment name taken in the other', async ({ tabs: { first, second } }) => {
    await first.environments.create({ name: 'Production', kind: 'production' });

    expect(await failureOf(second.environments.create({ name: 'PRODUCTION', kind: 'production' }))).toEqual({
      code: 'conflict',
      paths: ['name'],
    });
  });

  it('counts in one tab the usage the other tab wrote', async ({ tabs: { first, second } }) => {
    const production = await first.environments.create({ name: 'Production', kind: 'production' });
    await first.environments.setRules(production.id, { mode: 'domains', domains: ['example.com'] });
    await warm(second, production.id);

    const [ana, , , dan] = await first.users.createMany([
      aUser(production.id, { username: 'ana', email: 'ana@example.com' }),
      aUser(production.id, { username: 'bob', email: 'bob@gmail.com' }),
      { environmentId: production.id, username: 'visitor' },
      aUser(production.id, { username: 'dan', email: 'dan@example.com' }),
    ]);
    await first.users.setActive(dan!.id, false);

    const usage = await second.usage();
    expect(usage.environments[0]).toMatchObject({ internal: 1, external: 1, named: 2, anonymous: 1, inactive: 1 });
    expect(usage.production).toEqual({ internal: 1, external: 1, named: 2, distinctEmails: 2 });
    expect(usage).toEqual(await first.usage());

    await first.users.update(ana!.id, { email: 'ana@gmail.com' });
    expect((await second.usage()).environments[0]).toMatchObject({ internal: 0, external: 2 });
  });

  it('counts distinct emails of an environment the other tab created, on the first read', async ({
    tabs: { first, second },
  }) => {
    const existing = await first.environments.create({ name: 'Existing', kind: 'production' });
    await warm(second, existing.id);

    const added = await first.environments.create({ name: 'Added', kind: 'production' });
    await first.users.createMany([
      aUser(added.id, { email: 'one@example.com' }),
      aUser(added.id, { email: 'two@example.com' }),
    ]);

    const expected = await first.usage();
    expect(expected.production.distinctEmails).toBe(2);
    expect(await second.usage()).toEqual(expected);
  });

  it(
    'saves the right distinct-email count when its first sync ' +
      'of an environment created in the other tab is a write',
    async ({ tabs: { first, second, clock } }) => {
      const existing = await first.environments.create({ name: 'Existing', kind: 'production' });
      await warm(second, existing.id);
      const added = await first.environments.create({ name: 'Added', kind: 'production' });
      await first.users.createMany([
        aUser(added.id, { email: 'one@example.com' }),
        aUser(added.id, { email: 'two@example.com' }),
      ]);

      // The second tab's first sync since then happens inside this write, which saves the count.
      await second.users.create(aUser(existing.id, { email: 'three@example.com' }));

      // A session that opens now shows the saved count until its index has loaded.
      const third = await openTestRoster(clock, first.name);
      try {
        expect((await third.usage()).production.distinctEmails).toBe(3);
      } finally {
        third.close();
      }
    },
  );

  it('counts usage by the kind an environment was given in the other tab', async ({ tabs: { first, second } }) => {
    const environment = await first.environments.create({ name: 'Staging', kind: 'non-production' });
    await first.users.createMany([
      aUser(environment.id, { email: 'one@example.com' }),
      aUser(environment.id, { email: 'two@example.com' }),
    ]);
    await warm(second, environment.id);
    expect((await second.usage()).production).toEqual({ internal: 0, external: 0, named: 0, distinctEmails: 0 });

    await first.environments.update(environment.id, { kind: 'production' });

    expect((await second.usage()).production).toEqual({ internal: 2, external: 0, named: 2, distinctEmails: 2 });
    await first.environments.update(environment.id, { kind: 'non-production' });
    expect((await second.usage()).production).toEqual({ internal: 0, external: 0, named: 0, distinctEmails: 0 });
  });

  it('delivers a new list to an observer in one tab after a write in the other', async ({
    tabs: { first, second },
  }) => {
    const environment = await first.environments.create(anEnvironment());
    const ana = await first.users.create(aUser(environment.id, { username: 'ana' }));
    const pages: UserPage[] = [];
    const subscription = second
      .observe(() => second.users.list({ environmentId: environment.id }))
      .subscribe((page) => pages.push(page));
    try {
      await vi.waitFor(() => expect(pages.at(-1)?.items.map((user) => user.id)).toEqual([ana.id]));

      const bob = await first.users.create(aUser(environment.id, { username: 'bob' }));
      await vi.waitFor(() => expect(pages.at(-1)?.items.map((user) => user.id)).toEqual([ana.id, bob.id]));

      await first.users.update(ana.id, { username: 'zed' });
      await vi.waitFor(() => expect(pages.at(-1)?.items.map((user) => user.username)).toEqual(['bob', 'zed']));

      await first.users.delete(bob.id);
      await vi.waitFor(() =>
        expect(pages.at(-1)).toMatchObject({ total: 1, items: [{ id: ana.id, username: 'zed' }] }),
      );
    } finally {
      subscription.unsubscribe();
    }
  });

  it('delivers a new list to an observer of a filtered query in one tab after a write in the other', async ({
    tabs: { first, second },
  }) => {
    const environment = await first.environments.create(anEnvironment());
    await first.users.create(aUser(environment.id, { username: 'ana', isActive: false }));
    const pages: UserPage[] = [];
    const subscription = second
      .observe(() => second.users.list({ environmentId: environment.id, isActive: true }))
      .subscribe((page) => pages.push(page));
    try {
      await vi.waitFor(() => expect(pages.at(-1)).toEqual({ total: 0, items: [] }));

      const bob = await first.users.create(aUser(environment.id, { username: 'bob' }));

      await vi.waitFor(() => expect(pages.at(-1)?.items.map((user) => user.id)).toEqual([bob.id]));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('delivers new usage to an observer in one tab after a write in the other', async ({ tabs: { first, second } }) => {
    const environment = await first.environments.create(anEnvironment());
    const values: UsageReport[] = [];
    const subscription = second.observe(() => second.usage()).subscribe((value) => values.push(value));
    try {
      await vi.waitFor(() =>
        expect(values.at(-1)?.environments[0]).toMatchObject({ environmentId: environment.id, internal: 0 }),
      );

      await first.users.createMany(someUsers(environment.id, 4));

      await vi.waitFor(() => expect(values.at(-1)?.environments[0]).toMatchObject({ internal: 4, named: 4 }));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('keeps both tabs consistent when both write in turn, in every sort order', async ({ tabs: { first, second } }) => {
    const environment = await first.environments.create({ name: 'Production', kind: 'production' });
    await first.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    // Both tabs build every sort order before the writes, so the writes must reach built orders.
    await listingsOf(first, environment.id, 20);
    await listingsOf(second, environment.id, 20);
    for (let round = 0; round < 5; round++) {
      await first.users.createMany(
        population(environment.id, 7, { style: 'numbers-and-accents', prefix: `a${round}` }),
      );
      await second.users.createMany(population(environment.id, 5, { style: 'letters', prefix: `b${round}` }));
      const victim = (await everything(second, environment.id)).items[round]!;
      await (round % 2 ? first : second).users.delete(victim.id);
      const renamed = (await everything(first, environment.id)).items[round * 2]!;
      await (round % 2 ? second : first).users.update(renamed.id, {
        name: `Renamed ${round}`,
        lastLogin: '2026-03-01T00:00:00Z',
      });
    }

    const a = await listingsOf(first, environment.id, 20);
    const b = await listingsOf(second, environment.id, 20);
    expect(a.total).toBe(5 * 12 - 5);
    for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
    expect(await everything(second, environment.id)).toEqual(await everything(first, environment.id));
    expect(await second.usage()).toEqual(await first.usage());
  });
});
