/**
 * The users of bulk entries: a group's membership changes keep their users as the other bulk
 * changes do, and every bulk entry that touched a user is in that user's history and found by
 * a search for the username.
 */
import { describe, expect } from 'vitest';
import { aGroup, aUser, anEnvironment, someUsers } from '../factories/inputs';
import { it, openTestRoster } from '../factories/roster';

describe('group membership entries', () => {
  it('keep the ids and usernames of the members added and removed, and list them', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    const crowd = await roster.users.createMany(someUsers(eu.id, 5));
    const sales = await roster.groups.create(aGroup(eu.id, { name: 'Sales' }));
    const [a, b, c] = crowd;
    await roster.groups.addUsers(sales.id, [a!.id, b!.id]);
    // b is already a member: only c is added, and only c is listed.
    await roster.groups.addUsers(sales.id, [b!.id, c!.id]);
    // Not a member: only a and c are removed.
    await roster.groups.removeUsers(sales.id, [a!.id, crowd[4]!.id, c!.id]);

    const { items } = await roster.activity.list({ entity: 'group', entityId: sales.id });
    expect(items.map((entry) => [entry.words, entry.userCount])).toEqual([
      ['Removed 2 users from group Sales', 2],
      ['Added 1 user to group Sales', 1],
      ['Added 2 users to group Sales', 2],
      ['Created group Sales', undefined],
    ]);
    const listed = async (index: number) => (await roster.activity.users(items[index]!.id)).items;
    const named = (...users: (typeof crowd)[number][]) =>
      users.map((user) => ({ id: user.id, username: user.username }));
    expect(await listed(0)).toEqual(named(a!, c!));
    expect(await listed(1)).toEqual(named(c!));
    expect(await listed(2)).toEqual(named(a!, b!));
  });
});

describe("a user's history", () => {
  it('lists every bulk entry that touched the user, newest first, and none that did not', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    const [ana, bo, cy] = await roster.users.createMany([
      aUser(eu.id, { username: 'ana.lee' }),
      aUser(eu.id, { username: 'bo' }),
      aUser(eu.id, { username: 'cy' }),
    ]);
    const sales = await roster.groups.create(aGroup(eu.id, { name: 'Sales' }));
    await roster.users.setActiveMany([ana!.id, bo!.id], false);
    await roster.users.setActiveMany([bo!.id, cy!.id], true);
    await roster.groups.addUsers(sales.id, [ana!.id, cy!.id]);
    await roster.users.update(ana!.id, { name: 'Ana Lee' });
    await roster.importCsv(eu.id, 'username,name\nana.lee,Ana L.\nnew1,New\n', { mode: 'upsert' });
    await roster.groups.removeUsers(sales.id, [ana!.id]);
    await roster.users.deleteMany([bo!.id, cy!.id]);

    const history = await roster.activity.list({ entity: 'user', entityId: ana!.id });
    expect(history.items.map((entry) => entry.words)).toEqual([
      'Removed 1 user from group Sales',
      'Imported 2 users from a CSV file (1 users created, 1 updated)',
      "Renamed ana.lee: name (none) → 'Ana Lee'",
      'Added 2 users to group Sales',
      'Deactivated 2 users',
      'Created 3 users',
    ]);
    expect(history.total).toBe(6);
    // Paged across its own and the bulk entries alike.
    const second = await roster.activity.list({ entity: 'user', entityId: ana!.id, offset: 2, limit: 2 });
    expect(second.items.map((entry) => entry.words)).toEqual(history.items.slice(2, 4).map((entry) => entry.words));
    expect(second.total).toBe(6);
    // Other filters apply to the bulk entries too.
    const bulkOnly = await roster.activity.list({ entity: 'user', entityId: ana!.id, action: 'deactivate-many' });
    expect([bulkOnly.total, bulkOnly.items.map((entry) => entry.words)]).toEqual([1, ['Deactivated 2 users']]);

    const bosHistory = await roster.activity.list({ entity: 'user', entityId: bo!.id });
    expect(bosHistory.items.map((entry) => entry.words)).toEqual([
      'Deleted 2 users',
      // cy was active: only bo changed, so that entry is bo's own.
      'Reactivated bo',
      'Deactivated 2 users',
      'Created 3 users',
    ]);
  });

  it('keeps finding them after a retention and a restore, and forgets the entries deleted', async ({
    roster,
    clock,
  }) => {
    const eu = await roster.environments.create(anEnvironment());
    const crowd = await roster.users.createMany(someUsers(eu.id, 600));
    const ids = crowd.map((user) => user.id);
    await roster.users.setActiveMany(ids, false);
    clock.advanceDays(40);
    await roster.users.setActiveMany(ids.slice(0, 300), true);
    const last = crowd[299]!.id;
    expect((await roster.activity.list({ entity: 'user', entityId: last })).total).toBe(3);

    await roster.activity.setRetention({ days: 30 });
    await roster.activity.applyRetention();
    const kept = await roster.activity.list({ entity: 'user', entityId: last });
    expect(kept.items.map((entry) => entry.words)).toEqual(['Reactivated 300 users']);

    const copy = await openTestRoster(clock);
    try {
      await copy.restore(await roster.backup());
      const restored = await copy.activity.list({ entity: 'user', entityId: last });
      expect(restored.items.map((entry) => entry.words)).toEqual(['Reactivated 300 users']);
      expect((await copy.activity.list({ entity: 'user', entityId: crowd[300]!.id })).total).toBe(0);
    } finally {
      copy.close();
    }
  });
});

describe('searching the activity for a username', () => {
  it('finds the bulk changes, imports and membership changes that listed the user', async ({ roster }) => {
    const eu = await roster.environments.create(anEnvironment());
    const [ana, bo] = await roster.users.createMany([
      aUser(eu.id, { username: 'Ana.Lee' }),
      aUser(eu.id, { username: 'bo' }),
    ]);
    const sales = await roster.groups.create(aGroup(eu.id, { name: 'Sales' }));
    await roster.users.setActiveMany([ana!.id, bo!.id], false);
    await roster.groups.addUsers(sales.id, [ana!.id, bo!.id]);
    await roster.importCsv(eu.id, 'username,name\nana.lee,Ana\nbo,Bo\n', { mode: 'upsert' });
    await roster.users.setActiveMany([bo!.id], true);

    const found = await roster.activity.list({ search: 'ana.lee' });
    expect(found.items.map((entry) => entry.words)).toEqual([
      'Imported 2 users from a CSV file (0 users created, 2 updated)',
      'Added 2 users to group Sales',
      'Deactivated 2 users',
      'Created 2 users',
    ]);
    expect(found.total).toBe(4);
  });
});
