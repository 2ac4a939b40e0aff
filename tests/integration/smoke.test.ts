import { describe, expect, it } from 'vitest';
import { openRoster, RosterError } from '../../src/api';

describe('the Users API, end to end in fake-indexeddb', () => {
  it('creates an environment and users, and counts them under the rules', async () => {
    const roster = await openRoster('smoke-' + Math.random());
    const env = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.users.createMany([
      { environmentId: env.id, username: 'ana@example.com' },
      { environmentId: env.id, username: 'bob', email: 'bob@gmail.com' },
      { environmentId: env.id, username: 'anon' },
      { environmentId: env.id, username: 'off', email: 'x@y.com', isActive: false },
    ]);
    expect((await roster.usage()).environments[0]).toMatchObject({
      internal: 2,
      external: 0,
      anonymous: 1,
      inactive: 1,
    });
    await roster.environments.setRules(env.id, { mode: 'domains', domains: ['example.com'] });
    const usage = await roster.usage();
    expect(usage.environments[0]).toMatchObject({ internal: 1, external: 1, named: 2 });
    expect(usage.production).toEqual({ internal: 1, external: 1, named: 2, distinctEmails: 2 });
    await expect(roster.users.create({ environmentId: env.id, username: 'BOB' })).rejects.toBeInstanceOf(RosterError);
    roster.close();
  });
});
