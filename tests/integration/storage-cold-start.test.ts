/**
 * Cold start: a roster opened on a database with users answers the first page and usage
 * from the state records before its index has loaded. Those early answers must be exactly
 * what the same calls return once the index is loaded.
 */
import { describe, expect, test } from 'vitest';
import type { Roster, UserListQuery } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aUser } from '../factories/inputs';
import { population, type UsernameStyle } from '../factories/population';
import { TestClock, openTestRoster, uniqueDbName } from '../factories/roster';

/** Forces the index to load: any read that needs it waits for it. */
async function loaded(roster: Roster): Promise<void> {
  await roster.users.get('x');
}

/**
 * Writes 250 users over three environments (120 in a production one with domain rules, 100
 * in an all-internal production one, 30 in QA), then changes a few, and closes the roster.
 */
async function seed(name: string, clock: TestClock, style: UsernameStyle) {
  const writer = await openTestRoster(clock, name);
  try {
    const production = await writer.environments.create({
      name: 'Production',
      kind: 'production',
      platformVersion: '11.12',
    });
    await writer.environments.setRules(production.id, {
      mode: 'domains',
      domains: ['example.com', { domain: '*.example.com', relation: 'parent' }],
    });
    const legacy = await writer.environments.create({ name: 'Legacy', kind: 'production', platformVersion: '11.2' });
    const qa = await writer.environments.create({ name: 'QA', kind: 'non-production' });
    const users = await writer.users.createMany(population(production.id, 120, { style }));
    clock.advanceMinutes(1);
    await writer.users.createMany(population(legacy.id, 100, { style, prefix: 'l' }));
    clock.advanceMinutes(1);
    await writer.users.createMany(population(qa.id, 30, { style, prefix: 'q' }));
    clock.advanceMinutes(1);
    // Changes to users that are in the first page, and one that moves into it.
    await writer.users.update(users[0]!.id, { name: 'Renamed', email: 'renamed@gmail.com' });
    await writer.users.setActive(users[12]!.id, false);
    await writer.users.delete(users[24]!.id);
    await writer.users.update(users[119]!.id, { username: 'aaa-first' });
    await writer.subscription.set({ model: 'named', namedLimit: 150 });
    return { environmentIds: [production.id, legacy.id, qa.id] };
  } finally {
    writer.close();
  }
}

/** The calls a console makes first, and some it may make as early. */
function queriesOf(environmentId: string): UserListQuery[] {
  return [
    { environmentId, limit: 50 },
    { environmentId },
    { environmentId, offset: 50, limit: 50 },
    // Beyond the stored head of 100: must wait for the index.
    { environmentId, offset: 100, limit: 50 },
    { environmentId, offset: 80, limit: 50 },
    { environmentId, offset: 0, limit: 100 },
    { environmentId, limit: 0 },
    { environmentId, search: 'ana' },
    { environmentId, search: 'EXAMPLE.COM', limit: 100 },
    { environmentId, sort: 'name', limit: 50 },
    { environmentId, order: 'desc', limit: 50 },
    { environmentId, class: 'internal', limit: 50 },
  ];
}

async function everyCall(roster: Roster, environmentIds: readonly string[]) {
  // Every call starts in the same tick: none of them waits for another.
  const lists = Promise.all(
    environmentIds.flatMap((environmentId) => queriesOf(environmentId).map((query) => roster.users.list(query))),
  );
  const usage = roster.usage();
  return { lists: await lists, usage: await usage };
}

describe('a cold start', () => {
  const styles: { style: UsernameStyle; about: string }[] = [
    { style: 'letters', about: 'usernames of letters only' },
    { style: 'numbers-and-accents', about: 'usernames with numbers and accents (user9, user10, Émile)' },
  ];

  test.for(styles)('answers lists and usage at once as the loaded index does, with $about', async ({ style }) => {
    const clock = new TestClock();
    const name = uniqueDbName('roster-cold');
    const { environmentIds } = await seed(name, clock, style);

    const roster = await openTestRoster(clock, name);
    try {
      const early = await everyCall(roster, environmentIds);
      await loaded(roster);
      const late = await everyCall(roster, environmentIds);

      expect(late.lists[0]!.total).toBe(119);
      expect(late.usage.production.named).toBeGreaterThan(0);
      queriesOf('').forEach((query, index) => {
        for (let e = 0; e < environmentIds.length; e++) {
          const at = e * queriesOf('').length + index;
          const about = `environment ${e}, query ${JSON.stringify({ ...query, environmentId: undefined })}`;
          // Usernames first, for a readable message when only the order differs.
          expect(
            early.lists[at]!.items.map((user) => user.username),
            about,
          ).toEqual(late.lists[at]!.items.map((user) => user.username));
          expect(early.lists[at], about).toEqual(late.lists[at]);
        }
      });
      expect(early.usage).toEqual(late.usage);
    } finally {
      roster.close();
    }
  });

  test(
    'answers the first page at once for a database ' + 'whose roster built its username order before writing',
    async () => {
      const clock = new TestClock();
      const name = uniqueDbName('roster-cold');
      const { environmentIds } = await seed(name, clock, 'numbers-and-accents');
      // A session that opens on existing environments (so it builds their order as it loads) and writes.
      const second = await openTestRoster(clock, name);
      try {
        await loaded(second);
        await second.users.create(aUser(environmentIds[0]!, { username: 'newcomer' }));
      } finally {
        second.close();
      }

      const roster = await openTestRoster(clock, name);
      try {
        const early = await roster.users.list({ environmentId: environmentIds[0]!, limit: 50 });
        await loaded(roster);
        expect(early).toEqual(await roster.users.list({ environmentId: environmentIds[0]!, limit: 50 }));
      } finally {
        roster.close();
      }
    },
  );

  test('answers at once for environments without users and refuses unknown ones', async () => {
    const clock = new TestClock();
    const name = uniqueDbName('roster-cold');
    const writer = await openTestRoster(clock, name);
    const empty = await writer.environments.create({ name: 'Empty', kind: 'production' });
    const emptied = await writer.environments.create({ name: 'Emptied', kind: 'production' });
    const [only] = await writer.users.createMany([aUser(emptied.id)]);
    await writer.users.delete(only!.id);
    writer.close();

    const roster = await openTestRoster(clock, name);
    try {
      const early = await Promise.all([
        roster.users.list({ environmentId: empty.id }),
        roster.users.list({ environmentId: emptied.id, limit: 50 }),
        roster.usage(),
      ]);
      const unknown = await failureOf(roster.users.list({ environmentId: 'no-such-environment' }));
      await loaded(roster);

      expect(early[0]).toEqual({ total: 0, items: [] });
      expect(early[1]).toEqual({ total: 0, items: [] });
      expect(early[2]).toEqual(await roster.usage());
      expect(unknown).toEqual({ code: 'not-found', paths: ['environmentId'] });
      expect(await failureOf(roster.users.list({ environmentId: 'no-such-environment' }))).toEqual(unknown);
    } finally {
      roster.close();
    }
  });
});
