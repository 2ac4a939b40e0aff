/**
 * The users of bulk entries: a group's membership changes keep their users as the other bulk
 * changes do, and every bulk entry that touched a user is in that user's history and found by
 * a search for the username.
 */
import { describe, expect } from 'vitest';
import { aGroup, anEnvironment, someUsers } from '../factories/inputs';
import { it } from '../factories/roster';

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
