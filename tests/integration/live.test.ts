import { describe, expect, vi } from 'vitest';
import type { UsageReport, UserPage } from '../../src/api';
import { aGroup, aRole, aUser, anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';

describe('roster.observe', () => {
  it('delivers usage at once, then a new value after a user is created', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const values: UsageReport[] = [];
    const subscription = roster.observe(() => roster.usage()).subscribe((value) => values.push(value));
    try {
      await vi.waitFor(() => expect(values).toHaveLength(1));
      expect(values[0]?.environments[0]).toMatchObject({ environmentId: environment.id, internal: 0 });

      await roster.users.create(aUser(environment.id));

      await vi.waitFor(() => expect(values.at(-1)?.environments[0]).toMatchObject({ internal: 1, named: 1 }));
      expect(values.at(-1)?.production).toMatchObject({ internal: 1, named: 1 });
    } finally {
      subscription.unsubscribe();
    }
  });

  it('delivers a new usage value after a rule change', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.users.create(aUser(environment.id, { email: 'bob@gmail.com' }));
    const values: UsageReport[] = [];
    const subscription = roster.observe(() => roster.usage()).subscribe((value) => values.push(value));
    try {
      await vi.waitFor(() => expect(values.at(-1)?.environments[0]).toMatchObject({ internal: 1, external: 0 }));

      await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });

      await vi.waitFor(() => expect(values.at(-1)?.environments[0]).toMatchObject({ internal: 0, external: 1 }));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('delivers a user list that includes a user created afterwards', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const pages: UserPage[] = [];
    const subscription = roster
      .observe(() => roster.users.list({ environmentId: environment.id }))
      .subscribe((page) => pages.push(page));
    try {
      await vi.waitFor(() => expect(pages.at(-1)).toEqual({ total: 0, items: [] }));

      const ana = await roster.users.create(aUser(environment.id, { username: 'ana' }));

      await vi.waitFor(() => expect(pages.at(-1)?.items.map((user) => user.id)).toEqual([ana.id]));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('stops delivering once unsubscribed, while other subscribers still get values', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const stopped: UsageReport[] = [];
    const watching: UsageReport[] = [];
    const stoppedSubscription = roster.observe(() => roster.usage()).subscribe((value) => stopped.push(value));
    const watchingSubscription = roster.observe(() => roster.usage()).subscribe((value) => watching.push(value));
    try {
      await vi.waitFor(() => expect([stopped.length, watching.length]).toEqual([1, 1]));

      stoppedSubscription.unsubscribe();
      await roster.users.create(aUser(environment.id));

      await vi.waitFor(() => expect(watching.at(-1)?.environments[0]?.internal).toBe(1));
      expect(stopped).toHaveLength(1);
    } finally {
      watchingSubscription.unsubscribe();
    }
  });

  it('hands a failing read to the error callback as a RosterError', async ({ roster }) => {
    const errors: unknown[] = [];
    const subscription = roster
      .observe(() => roster.users.list({ environmentId: 'no-such-environment' }))
      .subscribe(
        () => undefined,
        (error) => errors.push(error),
      );
    try {
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      expect(errors[0]).toMatchObject({ name: 'RosterError', code: 'not-found' });
    } finally {
      subscription.unsubscribe();
    }
  });

  it('delivers new effective roles after a direct grant, a revoke and a group change', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const ana = await roster.users.create(aUser(environment.id));
    const role = await roster.roles.create(aRole(environment.id));
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.roles.grantToGroup(role.id, group.id);
    const values: string[][] = [];
    const subscription = roster
      .observe(() => roster.roles.effective(ana.id))
      .subscribe((roles) =>
        values.push(roles.map((entry) => `${entry.role.name}:${entry.direct}:${entry.inheritedFrom.length}`)),
      );
    try {
      await vi.waitFor(() => expect(values.at(-1)).toEqual([]));

      await roster.roles.grantToUser(role.id, ana.id);
      await vi.waitFor(() => expect(values.at(-1)).toEqual([`${role.name}:true:0`]));

      await roster.groups.addUsers(group.id, [ana.id]);
      await vi.waitFor(() => expect(values.at(-1)).toEqual([`${role.name}:true:1`]));

      await roster.roles.revokeFromUser(role.id, ana.id);
      await vi.waitFor(() => expect(values.at(-1)).toEqual([`${role.name}:false:1`]));
    } finally {
      subscription.unsubscribe();
    }
  });

  it("delivers a group's members again after members are added", async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const [ana, bob] = await roster.users.createMany([
      aUser(environment.id, { username: 'ana' }),
      aUser(environment.id, { username: 'bob' }),
    ]);
    const group = await roster.groups.create(aGroup(environment.id));
    const values: string[][] = [];
    const subscription = roster
      .observe(() => roster.groups.members(group.id))
      .subscribe((users) => values.push(users.map((user) => user.username)));
    try {
      await vi.waitFor(() => expect(values.at(-1)).toEqual([]));
      await roster.groups.addUsers(group.id, [bob!.id, ana!.id]);
      await vi.waitFor(() => expect(values.at(-1)).toEqual(['ana', 'bob']));
    } finally {
      subscription.unsubscribe();
    }
  });
  it(
    'delivers members, member counts, groups of a user and the filtered list again ' +
      'after members are removed or deleted',
    async ({ roster }) => {
      const environment = await roster.environments.create(anEnvironment());
      const [ana, bob, carla] = await roster.users.createMany(
        ['ana', 'bob', 'carla'].map((username) => aUser(environment.id, { username })),
      );
      const group = await roster.groups.create(aGroup(environment.id));
      await roster.groups.addUsers(group.id, [ana!.id, bob!.id, carla!.id]);
      const members: string[][] = [];
      const counts: number[][] = [];
      const groupsOfBob: number[] = [];
      const listed: string[][] = [];
      const subscriptions = [
        roster
          .observe(() => roster.groups.members(group.id))
          .subscribe((users) => members.push(users.map((user) => user.username))),
        roster
          .observe(() => roster.groups.list(environment.id))
          .subscribe((groups) => counts.push(groups.map((found) => found.memberCount))),
        roster.observe(() => roster.groups.ofUser(bob!.id)).subscribe((groups) => groupsOfBob.push(groups.length)),
        roster
          .observe(() => roster.users.list({ environmentId: environment.id, groupId: group.id }))
          .subscribe((page) => listed.push(page.items.map((user) => user.username))),
      ];
      try {
        await vi.waitFor(() => {
          expect(members.at(-1)).toEqual(['ana', 'bob', 'carla']);
          expect(counts.at(-1)).toEqual([3]);
          expect(groupsOfBob.at(-1)).toBe(1);
          expect(listed.at(-1)).toEqual(['ana', 'bob', 'carla']);
        });

        await roster.groups.removeUsers(group.id, [bob!.id]);
        await vi.waitFor(() => {
          expect(members.at(-1)).toEqual(['ana', 'carla']);
          expect(counts.at(-1)).toEqual([2]);
          expect(groupsOfBob.at(-1)).toBe(0);
          expect(listed.at(-1)).toEqual(['ana', 'carla']);
        });

        await roster.users.delete(ana!.id);
        await vi.waitFor(() => {
          expect(members.at(-1)).toEqual(['carla']);
          expect(counts.at(-1)).toEqual([1]);
          expect(listed.at(-1)).toEqual(['carla']);
        });

        await roster.groups.addUsers(group.id, [bob!.id]);
        await vi.waitFor(() => {
          expect(members.at(-1)).toEqual(['bob', 'carla']);
          expect(groupsOfBob.at(-1)).toBe(1);
          expect(listed.at(-1)).toEqual(['bob', 'carla']);
        });
      } finally {
        for (const subscription of subscriptions) subscription.unsubscribe();
      }
    },
  );

  it("delivers a role's holders and a member's effective roles again after a group's members change", async ({
    roster,
  }) => {
    const environment = await roster.environments.create(anEnvironment());
    const [ana, bob] = await roster.users.createMany([
      aUser(environment.id, { username: 'ana' }),
      aUser(environment.id, { username: 'bob' }),
    ]);
    const role = await roster.roles.create(aRole(environment.id));
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.roles.grantToGroup(role.id, group.id);
    const holders: string[][] = [];
    const rolesOfAna: number[] = [];
    const subscriptions = [
      roster
        .observe(() => roster.roles.holders(role.id))
        .subscribe((found) => holders.push(found.map((holder) => holder.user.username))),
      roster.observe(() => roster.roles.effective(ana!.id)).subscribe((roles) => rolesOfAna.push(roles.length)),
    ];
    try {
      await vi.waitFor(() => {
        expect(holders.at(-1)).toEqual([]);
        expect(rolesOfAna.at(-1)).toBe(0);
      });

      await roster.groups.addUsers(group.id, [bob!.id, ana!.id]);
      await vi.waitFor(() => {
        expect(holders.at(-1)).toEqual(['ana', 'bob']);
        expect(rolesOfAna.at(-1)).toBe(1);
      });

      await roster.groups.removeUsers(group.id, [ana!.id]);
      await vi.waitFor(() => {
        expect(holders.at(-1)).toEqual(['bob']);
        expect(rolesOfAna.at(-1)).toBe(0);
      });

      await roster.users.deleteMany([bob!.id]);
      await vi.waitFor(() => expect(holders.at(-1)).toEqual([]));
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
    }
  });
});
