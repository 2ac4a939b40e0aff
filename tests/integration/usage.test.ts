import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { aUser, anAnonymousUser, anEnvironment, someUsers } from '../factories/inputs';
import { it } from '../factories/roster';

async function usageOf(roster: Roster, environmentId: string) {
  const row = (await roster.usage()).environments.find((candidate) => candidate.environmentId === environmentId);
  if (!row) throw new Error(`usage() has no row for ${environmentId}`);
  return row;
}

describe('usage per environment', () => {
  it('reports nothing, no limits and zero totals for an empty database', async ({ roster }) => {
    expect(await roster.usage()).toEqual({
      environments: [],
      production: { internal: 0, external: 0, named: 0, distinctEmails: 0 },
      limits: [],
    });
  });

  it('counts internal, external, named, anonymous and inactive users of each environment', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    await roster.users.createMany([
      aUser(environment.id, { email: 'ana@example.com' }),
      aUser(environment.id, { username: 'bob@example.com', email: undefined }),
      aUser(environment.id, { email: undefined, mobilePhone: '123456' }),
      aUser(environment.id, { email: 'carla@gmail.com' }),
      aUser(environment.id, { email: 'dan@example.org' }),
      anAnonymousUser(environment.id),
      anAnonymousUser(environment.id),
      aUser(environment.id, { email: 'gone@gmail.com', isActive: false }),
    ]);

    expect(await roster.usage()).toMatchObject({
      environments: [
        {
          environmentId: environment.id,
          name: 'Production EU',
          kind: 'production',
          internal: 3,
          external: 2,
          named: 5,
          anonymous: 2,
          inactive: 1,
          splitShown: true,
        },
      ],
    });
  });

  it('lists one row per environment, by name', async ({ roster }) => {
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    const production = await roster.environments.create({ name: 'Production', kind: 'production' });
    await roster.users.createMany(someUsers(qa.id, 2));

    const usage = await roster.usage();

    expect(usage.environments.map((row) => [row.name, row.kind, row.internal])).toEqual([
      ['Production', 'production', 0],
      ['QA', 'non-production', 2],
    ]);
    expect(usage.environments.map((row) => row.environmentId)).toEqual([production.id, qa.id]);
  });

  it.for([
    { platformVersion: '11.6', splitShown: false },
    { platformVersion: '10.20', splitShown: false },
    { platformVersion: '11.6.9', splitShown: false },
    { platformVersion: '11.7', splitShown: true },
    { platformVersion: '11.12.3', splitShown: true },
    { platformVersion: '12', splitShown: true },
    { platformVersion: undefined, splitShown: true },
  ])(
    'shows the split for platform version $platformVersion: $splitShown',
    async ({ platformVersion, splitShown }, { roster }) => {
      const environment = await roster.environments.create(anEnvironment({ platformVersion }));

      expect((await usageOf(roster, environment.id)).splitShown).toBe(splitShown);
    },
  );

  it('follows a platform upgrade', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment({ platformVersion: '11.6' }));

    await roster.environments.update(environment.id, { platformVersion: '11.12.3' });

    expect((await usageOf(roster, environment.id)).splitShown).toBe(true);
  });

  it('moves a user between counts as the user changes', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    const user = await roster.users.create(anAnonymousUser(environment.id));
    const counts = async () => {
      const { internal, external, anonymous, inactive } = await usageOf(roster, environment.id);
      return { internal, external, anonymous, inactive };
    };
    expect(await counts()).toEqual({ internal: 0, external: 0, anonymous: 1, inactive: 0 });

    await roster.users.update(user.id, { email: 'user@gmail.com' });
    expect(await counts()).toEqual({ internal: 0, external: 1, anonymous: 0, inactive: 0 });

    await roster.users.update(user.id, { email: 'user@example.com' });
    expect(await counts()).toEqual({ internal: 1, external: 0, anonymous: 0, inactive: 0 });

    await roster.users.setActive(user.id, false);
    expect(await counts()).toEqual({ internal: 0, external: 0, anonymous: 0, inactive: 1 });

    await roster.users.setActive(user.id, true);
    await roster.users.delete(user.id);
    expect(await counts()).toEqual({ internal: 0, external: 0, anonymous: 0, inactive: 0 });
  });

  it('counts a user who has logged in, even without personal data, as named', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    await roster.users.create(anAnonymousUser(environment.id, { lastLogin: '2026-03-01T00:00:00Z' }));

    expect(await usageOf(roster, environment.id)).toMatchObject({ internal: 1, anonymous: 0, named: 1 });
  });
});

describe('a rule change', () => {
  it('changes usage without touching any user', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    const users = await roster.users.createMany([
      aUser(environment.id, { email: 'ana@example.com' }),
      aUser(environment.id, { email: 'bob@gmail.com' }),
      aUser(environment.id, { email: 'carla@eu.example.com' }),
    ]);
    expect(await usageOf(roster, environment.id)).toMatchObject({ internal: 3, external: 0 });
    const auditBefore = await roster.audit.recent();
    clock.advanceDays(3);

    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });

    expect(await usageOf(roster, environment.id)).toMatchObject({ internal: 1, external: 2, named: 3 });
    for (const user of users) {
      const stored = await roster.users.get(user.id);
      expect(stored).toEqual(user);
      expect(stored?.updatedAt).toBe(user.updatedAt);
    }
    const auditAfter = await roster.audit.recent();
    expect(auditAfter.slice(1)).toEqual(auditBefore);
    expect(auditAfter[0]).toMatchObject({ action: 'set-rules', entity: 'environment', entityId: environment.id });

    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com', '*.example.com'] });

    expect(await usageOf(roster, environment.id)).toMatchObject({ internal: 2, external: 1 });
  });
});

describe('production totals', () => {
  it('sums the production environments only', async ({ roster }) => {
    const eu = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const us = await roster.environments.create({ name: 'Production US', kind: 'production' });
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    for (const environment of [eu, us, qa])
      await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
    await roster.users.createMany([
      ...someUsers(eu.id, 3),
      ...someUsers(eu.id, 1, { email: 'x@gmail.com' }),
      ...someUsers(us.id, 2),
      ...someUsers(us.id, 2, { email: 'y@gmail.com' }),
      ...someUsers(qa.id, 50),
      ...someUsers(qa.id, 7, { email: 'z@gmail.com' }),
    ]);

    const { production } = await roster.usage();

    expect(production).toMatchObject({ internal: 5, external: 3, named: 8 });
  });

  it('counts a person registered in two production environments twice, and their email once', async ({ roster }) => {
    const eu = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const us = await roster.environments.create({ name: 'Production US', kind: 'production' });
    await roster.users.create({ environmentId: eu.id, username: 'ana', email: 'Ana@Example.com' });
    await roster.users.create({ environmentId: us.id, username: 'ana.almeida', email: 'ana@example.COM' });

    expect((await roster.usage()).production).toEqual({ internal: 2, external: 0, named: 2, distinctEmails: 1 });
  });

  it('counts distinct emails of counted production users only, the username standing in for a missing email', async ({
    roster,
  }) => {
    const production = await roster.environments.create({ name: 'Production', kind: 'production' });
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    await roster.users.createMany([
      { environmentId: production.id, username: 'ana@example.com' },
      { environmentId: production.id, username: 'ana2', email: 'ANA@example.com' },
      { environmentId: production.id, username: 'bob', email: 'bob@example.com' },
      { environmentId: production.id, username: 'phone-only', mobilePhone: '123456' },
      { environmentId: production.id, username: 'gone', email: 'gone@example.com', isActive: false },
      { environmentId: production.id, username: 'visitor' },
      { environmentId: qa.id, username: 'quinn', email: 'quinn@example.com' },
    ]);

    expect((await roster.usage()).production).toEqual({ internal: 4, external: 0, named: 4, distinctEmails: 2 });
  });

  it('keeps distinct emails current as users change', async ({ roster }) => {
    const production = await roster.environments.create({ name: 'Production', kind: 'production' });
    const ana = await roster.users.create({ environmentId: production.id, username: 'ana', email: 'ana@example.com' });
    await roster.users.create({ environmentId: production.id, username: 'bob', email: 'bob@example.com' });

    await roster.users.update(ana.id, { email: 'BOB@example.com' });
    expect((await roster.usage()).production.distinctEmails).toBe(1);

    await roster.users.update(ana.id, { email: 'ana@example.com' });
    await roster.users.setActive(ana.id, false);
    expect((await roster.usage()).production.distinctEmails).toBe(1);
  });

  it('follows an environment that becomes production', async ({ roster }) => {
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
    await roster.users.createMany(someUsers(qa.id, 4));
    expect((await roster.usage()).production.named).toBe(0);

    await roster.environments.update(qa.id, { kind: 'production' });

    expect((await roster.usage()).production).toEqual({ internal: 4, external: 0, named: 4, distinctEmails: 4 });
  });

  it('sums the internal and external users of an environment whose split is not shown', async ({ roster }) => {
    const old = await roster.environments.create({ name: 'Old', kind: 'production', platformVersion: '11.6' });
    await roster.environments.setRules(old.id, { mode: 'domains', domains: ['example.com'] });
    await roster.users.createMany([aUser(old.id), aUser(old.id, { email: 'x@gmail.com' })]);

    const usage = await roster.usage();

    expect(usage.environments[0]).toMatchObject({ splitShown: false, internal: 1, external: 1, named: 2 });
    expect(usage.production).toMatchObject({ internal: 1, external: 1, named: 2 });
  });

  it('drops a deleted environment from the totals', async ({ roster }) => {
    const eu = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    const us = await roster.environments.create({ name: 'Production US', kind: 'production' });
    await roster.users.createMany([...someUsers(eu.id, 2), ...someUsers(us.id, 3)]);

    await roster.environments.delete(us.id);

    expect((await roster.usage()).production).toEqual({ internal: 2, external: 0, named: 2, distinctEmails: 2 });
  });
});
