import { describe, expect } from 'vitest';
import type { EnvironmentCreateInput, RulesInput } from '../../src/api';
import { failureOf, rosterErrorOf } from '../factories/errors';
import { aGroup, aRole, aUser, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, it } from '../factories/roster';
import { storedRowsOf } from '../factories/stored-rows';

describe('environments.create', () => {
  it('returns the stored environment with a string id and the dates of the clock', async ({ roster }) => {
    const environment = await roster.environments.create({
      name: '  Production EU ',
      kind: 'production',
      platformVersion: '11.12.3',
    });

    expect(environment).toEqual({
      id: expect.any(String),
      name: 'Production EU',
      kind: 'production',
      platformVersion: '11.12.3',
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await roster.environments.get(environment.id)).toEqual(environment);
  });

  it('leaves platformVersion out when none is given', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'QA', kind: 'non-production' });

    expect(environment).not.toHaveProperty('platformVersion');
  });

  it('gives each environment its own id', async ({ roster }) => {
    const first = await roster.environments.create(anEnvironment());
    const second = await roster.environments.create(anEnvironment());

    expect(first.id).not.toBe(second.id);
  });

  it('starts a new environment in all-internal mode with no domains', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('gives every new environment the built-in roles Anonymous and Registered', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    const roles = await roster.roles.list(environment.id);

    expect(roles.map((role) => [role.name, role.builtIn])).toEqual([
      ['Anonymous', true],
      ['Registered', true],
    ]);
    expect(roles.every((role) => role.environmentId === environment.id)).toBe(true);
  });

  it.for<{ case: string; input: unknown; paths: string[] }>([
    { case: 'an empty name', input: { name: '  ', kind: 'production' }, paths: ['name'] },
    { case: 'an unknown kind', input: { name: 'QA', kind: 'staging' }, paths: ['kind'] },
    {
      case: 'a version that is not dotted numbers',
      input: { name: 'QA', kind: 'production', platformVersion: '11.x' },
      paths: ['platformVersion'],
    },
    { case: 'nothing at all', input: {}, paths: ['name', 'kind'] },
    { case: 'a name of 101 characters', input: { name: 'x'.repeat(101), kind: 'production' }, paths: ['name'] },
    { case: 'an unknown field', input: { name: 'QA', kind: 'production', region: 'eu' }, paths: ['region'] },
  ])('refuses $case, naming each offending field', async ({ input, paths }, { roster }) => {
    expect(await failureOf(roster.environments.create(input as EnvironmentCreateInput))).toEqual({
      code: 'validation',
      paths,
    });
    expect(await roster.environments.list()).toEqual([]);
  });

  it('refuses a name already used, whatever its case', async ({ roster }) => {
    await roster.environments.create({ name: 'Production EU', kind: 'production' });

    expect(await failureOf(roster.environments.create({ name: 'production eu', kind: 'non-production' }))).toEqual({
      code: 'conflict',
      paths: ['name'],
    });
  });
});

describe('environments.list and get', () => {
  it('lists every environment by name', async ({ roster }) => {
    await roster.environments.create({ name: 'QA', kind: 'non-production' });
    await roster.environments.create({ name: 'Production US', kind: 'production' });
    await roster.environments.create({ name: 'Production EU', kind: 'production' });

    expect((await roster.environments.list()).map((environment) => environment.name)).toEqual([
      'Production EU',
      'Production US',
      'QA',
    ]);
  });

  it('lists nothing in a new database', async ({ roster }) => {
    expect(await roster.environments.list()).toEqual([]);
  });

  it('answers undefined for an id that does not exist', async ({ roster }) => {
    expect(await roster.environments.get('no-such-environment')).toBeUndefined();
  });
});

describe('environments.update', () => {
  it('changes the given fields, keeps the others and moves updatedAt', async ({ roster, clock }) => {
    const environment = await roster.environments.create({
      name: 'QA',
      kind: 'non-production',
      platformVersion: '11.6',
    });
    clock.advanceDays(1);

    const updated = await roster.environments.update(environment.id, { name: 'Production', kind: 'production' });

    expect(updated).toEqual({
      ...environment,
      name: 'Production',
      kind: 'production',
      updatedAt: clock.now().toISOString(),
    });
    expect(await roster.environments.get(environment.id)).toEqual(updated);
  });

  it.for([null, ''])('clears the platform version when given %j', async (blank, { roster }) => {
    const environment = await roster.environments.create({ name: 'Old', kind: 'production', platformVersion: '11.6' });

    const updated = await roster.environments.update(environment.id, { platformVersion: blank });

    expect(updated).not.toHaveProperty('platformVersion');
  });

  it('may keep its own name in another case', async ({ roster }) => {
    const environment = await roster.environments.create({ name: 'qa', kind: 'non-production' });

    expect((await roster.environments.update(environment.id, { name: 'QA' })).name).toBe('QA');
  });

  it('refuses the name of another environment, whatever its case', async ({ roster }) => {
    await roster.environments.create({ name: 'Production', kind: 'production' });
    const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });

    expect(await failureOf(roster.environments.update(qa.id, { name: 'PRODUCTION' }))).toEqual({
      code: 'conflict',
      paths: ['name'],
    });
  });

  it('refuses a bad kind, naming the field', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(await failureOf(roster.environments.update(environment.id, { kind: 'live' as never }))).toEqual({
      code: 'validation',
      paths: ['kind'],
    });
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.environments.update('no-such-environment', { name: 'X' }))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('environments.delete', () => {
  it('removes the environment with its users, groups and roles', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const user = await roster.users.create(aUser(environment.id));
    const group = await roster.groups.create(aGroup(environment.id));
    const role = await roster.roles.create(aRole(environment.id));
    await roster.groups.addUsers(group.id, [user.id]);
    await roster.roles.grantToUser(role.id, user.id);
    await roster.roles.grantToGroup(role.id, group.id);

    await roster.environments.delete(environment.id);

    expect(await roster.environments.get(environment.id)).toBeUndefined();
    expect(await roster.users.get(user.id)).toBeUndefined();
    expect(await roster.groups.get(group.id)).toBeUndefined();
    expect(await roster.roles.get(role.id)).toBeUndefined();
    expect((await roster.usage()).environments).toEqual([]);
    expect(await storedRowsOf(roster.name, environment.id)).toEqual({
      userChunks: 0,
      environmentStates: 0,
      groups: 0,
      memberships: 0,
      memberChunks: 0,
      roles: 0,
      userRoles: 0,
      groupRoles: 0,
    });
  });

  it('leaves the other environments as they were', async ({ roster }) => {
    const doomed = await roster.environments.create(anEnvironment());
    const kept = await roster.environments.create(anEnvironment());
    await roster.users.create(aUser(doomed.id, { username: 'ana' }));
    const ana = await roster.users.create(aUser(kept.id, { username: 'ana' }));
    const before = {
      users: await roster.users.list({ environmentId: kept.id }),
      roles: await roster.roles.list(kept.id),
    };

    await roster.environments.delete(doomed.id);

    expect(await roster.environments.list()).toEqual([kept]);
    expect({
      users: await roster.users.list({ environmentId: kept.id }),
      roles: await roster.roles.list(kept.id),
    }).toEqual(before);
    expect(await roster.users.get(ana.id)).toEqual(ana);
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.environments.delete('no-such-environment'))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('environments.setRules and getRules', () => {
  it('stores the entries normalised: trimmed, lower-case, no trailing dot, punycode, relation own by default', async ({
    roster,
  }) => {
    const environment = await roster.environments.create(anEnvironment());

    const rules = await roster.environments.setRules(environment.id, {
      mode: 'domains',
      domains: [' Example.COM. ', '*.Example.com', 'bücher.example', { domain: 'partner.org', relation: 'client' }],
    });

    const expected = {
      mode: 'domains',
      domains: [
        { domain: 'example.com', relation: 'own' },
        { domain: '*.example.com', relation: 'own' },
        { domain: 'xn--bcher-kva.example', relation: 'own' },
        { domain: 'partner.org', relation: 'client' },
      ],
    };
    expect(rules).toEqual(expected);
    expect(await roster.environments.getRules(environment.id)).toEqual(expected);
  });

  it('replaces the whole rule set each time', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });

    await roster.environments.setRules(environment.id, { mode: 'all-internal', domains: [] });

    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('keeps the rules of each environment apart', async ({ roster }) => {
    const first = await roster.environments.create(anEnvironment());
    const second = await roster.environments.create(anEnvironment());

    await roster.environments.setRules(first.id, { mode: 'domains', domains: ['example.com'] });

    expect(await roster.environments.getRules(second.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('refuses every invalid entry at once, naming each by its index', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const invalid = ['', 'a b.com', 'ana@example.com', 'https://example.com/path', 'a..b.com', 'com', '*', '*.com'];

    const failure = await failureOf(
      roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com', ...invalid] }),
    );

    expect(failure).toEqual({ code: 'validation', paths: invalid.map((_entry, index) => `domains.${index + 1}`) });
    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('refuses an entry listed twice once normalised', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(
      await failureOf(
        roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com', 'EXAMPLE.com.'] }),
      ),
    ).toEqual({
      code: 'validation',
      paths: ['domains.1'],
    });
  });

  it.for<{ case: string; input: unknown; paths: string[] }>([
    { case: 'an unknown mode', input: { mode: 'some', domains: [] }, paths: ['mode'] },
    {
      case: 'an unknown relation',
      input: { mode: 'domains', domains: [{ domain: 'example.com', relation: 'friend' }] },
      paths: ['domains.0'],
    },
  ])('refuses $case', async ({ input, paths }, { roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(await failureOf(roster.environments.setRules(environment.id, input as RulesInput))).toEqual({
      code: 'validation',
      paths,
    });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.environments.getRules('no-such-environment'))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
    expect(
      await failureOf(roster.environments.setRules('no-such-environment', { mode: 'all-internal', domains: [] })),
    ).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('environments.previewRules', () => {
  it('says how many users would move, and saves nothing', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.users.createMany([
      aUser(environment.id, { username: 'ana', email: 'ana@example.com' }),
      aUser(environment.id, { username: 'bob', email: 'bob@gmail.com' }),
      aUser(environment.id, { username: 'cid', email: 'cid@gmail.com' }),
      aUser(environment.id, { username: 'dee', email: 'dee@gmail.com', isActive: false }),
    ]);
    const usageBefore = await roster.usage();

    const effect = await roster.environments.previewRules(environment.id, {
      mode: 'domains',
      domains: ['EXAMPLE.com'],
    });

    expect(effect).toMatchObject({
      internalToExternal: 2,
      externalToInternal: 0,
      before: { internal: 3, external: 0, inactive: 1 },
      after: { internal: 1, external: 2, inactive: 1 },
    });
    expect(await roster.environments.getRules(environment.id)).toEqual({ mode: 'all-internal', domains: [] });
    expect(await roster.usage()).toEqual(usageBefore);
  });

  it('refuses bad entries as setRules does, and a missing environment', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    expect(
      await failureOf(roster.environments.previewRules(environment.id, { mode: 'domains', domains: ['*.com'] })),
    ).toEqual({ code: 'validation', paths: ['domains.0'] });
    expect(await failureOf(roster.environments.previewRules('missing', { mode: 'all-internal', domains: [] }))).toEqual(
      { code: 'not-found', paths: ['id'] },
    );
  });
});

describe('environments.create with rules', () => {
  it('starts with the rules given, in the same call', async ({ roster }) => {
    const environment = await roster.environments.create({
      name: 'Production EU',
      kind: 'production',
      rules: { mode: 'domains', domains: ['Example.com', { domain: '*.example.com', relation: 'parent' }] },
    });
    expect(await roster.environments.getRules(environment.id)).toEqual({
      mode: 'domains',
      domains: [
        { domain: 'example.com', relation: 'own' },
        { domain: '*.example.com', relation: 'parent' },
      ],
    });
  });

  it('refuses a bad domain naming it under rules, and creates nothing', async ({ roster }) => {
    const error = await rosterErrorOf(
      roster.environments.create({ name: 'P', kind: 'production', rules: { mode: 'domains', domains: ['com'] } }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['rules.domains.0']);
    expect(await roster.environments.list()).toEqual([]);
  });
});
