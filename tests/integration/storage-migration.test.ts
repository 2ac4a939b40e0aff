/**
 * Schema v1 → v4 in one open: a database written by v1 (one record per user, tally rows, one
 * record per membership) opens with the current code, which migrates it through v2 (users in
 * chunks), v3 (snapshots) and v4 (members in chunks); everything the API reads is as v1's data
 * says: users and their fields, lookups, list order and totals, classes, usage, groups, members
 * and roles; and, from v10, every environment's default tenant with every user and group in it.
 * Writes work afterwards. (v3 → v4 alone: storage-member-chunks.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { openRoster, type EndUser, type Roster } from '../../src/api';
import { CHUNK_SIZE } from '../../src/db';
import { classifyUser, countUsers, effectiveEmail } from '../../src/domain';
import { failureOf } from '../factories/errors';
import { FIXED_NOW, TestClock, uniqueDbName } from '../factories/roster';
import { storedRowsOf } from '../factories/stored-rows';
import { tablesOf } from '../factories/tables';
import {
  emptyV1,
  storedSchemaOf,
  v1BuiltInRoles,
  v1Environment,
  v1Group,
  v1Role,
  v1User,
  writeV1Database,
  type V1Data,
} from '../factories/v1-database';

const EU = 'env-eu';
const US = 'env-us';
const QA = 'env-qa';
const EMPTY = 'env-empty';

let userNo = 0;

/** A user entity as v1 held it; dates are canonical ISO strings, as v1 stored them. */
function user(
  environmentId: string,
  username: string,
  fields: Partial<Omit<EndUser, 'id' | 'environmentId' | 'username'>> = {},
): EndUser {
  userNo++;
  const createdAt = new Date(Date.parse('2025-07-01T08:00:00.000Z') + userNo * 3_600_000).toISOString();
  return {
    id: `v1-user-${userNo}`,
    environmentId,
    username,
    isActive: true,
    createdAt,
    updatedAt: createdAt,
    ...fields,
  };
}

/**
 * A user of the v1 database as the API reads it after the migration: in its environment's default
 * tenant (v10 stores no tenant for the users of the default one).
 */
function asRead(entity: EndUser): EndUser {
  return { ...entity, tenantId: `${entity.environmentId}.default` };
}

/**
 * A v1 organisation: Production EU with domain rules and a user of every class (accents,
 * numbers, mixed case, a stored invalid email), Production US on a platform below 11.7
 * with all-internal rules, QA, and an empty production environment; groups, roles, grants
 * and a subscription.
 */
function v1Organisation() {
  const data: V1Data = emptyV1();
  data.environments.push(
    v1Environment(EU, 'Production EU', 'production', {
      platformVersion: '11.12.3',
      rules: {
        mode: 'domains',
        domains: [
          { domain: 'example.com', relation: 'own' },
          { domain: '*.example.com', relation: 'parent' },
        ],
      },
    }),
    v1Environment(US, 'Production US', 'production', { platformVersion: '11.5' }),
    v1Environment(QA, 'QA', 'non-production'),
    v1Environment(EMPTY, 'Empty', 'production'),
  );
  const eu = {
    ana: user(EU, 'ana', {
      name: 'Ana Almeida',
      email: 'Ana@Example.com',
      mobilePhone: '+351 912 345 678',
      lastLogin: '2026-03-01T08:00:00.000Z',
      externalId: 'ext-ana',
      updatedAt: '2026-01-02T03:04:05.678Z',
    }),
    bob: user(EU, 'Bob', { name: 'Bob Brown', email: 'bob@gmail.com' }),
    carla: user(EU, 'carla', { name: 'Carla Costa', mobilePhone: '+351 913 000 000' }),
    dan: user(EU, 'dan'),
    eve: user(EU, 'eve@sales.example.com', { isActive: false }),
    emile: user(EU, 'Émile', { name: 'Émile Zola', email: 'emile@partner.org', lastLogin: '2026-02-10T12:00:00.000Z' }),
    user9: user(EU, 'user9', { email: 'user9@sales.example.com' }),
    user10: user(EU, 'user10', { email: 'user10@gmail.com', lastLogin: '2026-03-30T23:59:59.999Z' }),
    zoe: user(EU, 'zoe', { name: 'Zoë', email: 'zoe@EXAMPLE.com' }),
    adam: user(EU, 'adam', { email: 'adam@example.com', isActive: false }),
    // Stored before validation existed: classified by the part after the last @ (external).
    legacy: user(EU, 'legacy', { email: 'legacy@bad_domain' }),
  };
  const us = {
    // The same person as ana, in another case: one distinct email.
    frank: user(US, 'frank', { email: 'ANA@example.com' }),
    grace: user(US, 'grace'),
    heidi: user(US, 'heidi@example.org', { isActive: false }),
    ivan: user(US, 'ivan', { email: 'ivan@gmail.com' }),
  };
  const qa = {
    quinn: user(QA, 'quinn', { email: 'quinn@example.com' }),
    rita: user(QA, 'rita'),
  };
  const entities = [...Object.values(eu), ...Object.values(us), ...Object.values(qa)];
  // v1 wrote users in no particular order; shuffle deterministically so order comes from the migration.
  data.users.push(...[...entities].reverse().map(v1User));

  const sales = v1Group('group-sales', EU, 'Sales', 'The sales team');
  const support = v1Group('group-support', EU, 'Support');
  const testers = v1Group('group-testers', QA, 'Testers');
  data.groups.push(sales, support, testers);
  data.memberships.push(
    { groupId: sales.id, userId: eu.ana.id, environmentId: EU },
    { groupId: sales.id, userId: eu.bob.id, environmentId: EU },
    { groupId: testers.id, userId: qa.quinn.id, environmentId: QA },
  );
  const manager = v1Role('role-manager', EU, 'Sales', 'Manager');
  const viewer = v1Role('role-viewer', EU, 'Sales', 'Viewer');
  const tester = v1Role('role-tester', QA, 'Sales', 'Tester');
  data.roles.push(...[EU, US, QA, EMPTY].flatMap(v1BuiltInRoles), manager, viewer, tester);
  data.userRoles.push({ userId: eu.ana.id, roleId: manager.id, environmentId: EU });
  data.groupRoles.push(
    { groupId: sales.id, roleId: viewer.id, environmentId: EU },
    { groupId: testers.id, roleId: tester.id, environmentId: QA },
  );
  const subscription = { model: 'internal-external' as const, internalLimit: 100, externalLimit: 4, warnAt: 0.9 };
  data.settings.push({ key: 'subscription', value: subscription });

  return {
    data,
    eu,
    us,
    qa,
    entities,
    groups: { sales, support, testers },
    roles: { manager, viewer, tester },
    subscription,
  };
}

type Organisation = ReturnType<typeof v1Organisation>;

interface Migrated {
  org: Organisation;
  roster: Roster;
  name: string;
}

/** `test` with a v1 database written and then opened by the current code. */
const it = test.extend<{ migrated: Migrated }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  migrated: async ({}, use) => {
    const name = uniqueDbName('roster-v1');
    const org = v1Organisation();
    await writeV1Database(name, org.data);
    const roster = await openRoster(name, { now: new TestClock().now });
    await use({ org, roster, name });
    roster.close();
  },
});

/** Every user of an environment, in list order. */
async function listAll(roster: Roster, environmentId: string) {
  return roster.users.list({ environmentId, limit: 10_000 });
}

/** Forces the index to load (any read that needs it waits for it). */
async function loaded(roster: Roster): Promise<void> {
  await roster.users.get('no-such-user');
}

const EXPECTED_USAGE = {
  [EU]: { internal: 4, external: 4, named: 8, anonymous: 1, inactive: 2, splitShown: true },
  [US]: { internal: 2, external: 0, named: 2, anonymous: 1, inactive: 1, splitShown: false },
  [QA]: { internal: 1, external: 0, named: 1, anonymous: 1, inactive: 0, splitShown: true },
  [EMPTY]: { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0, splitShown: true },
};

describe('migrating a v1 database to the current schema', () => {
  it('upgrades the stored schema: users, tallies and memberships give way to chunks and state records', async ({
    migrated,
  }) => {
    migrated.roster.close();

    expect(await storedSchemaOf(migrated.name)).toEqual({
      version: 11,
      tables: [
        'audit',
        'auditBuckets',
        'auditUsers',
        'dormancyFacts',
        'environmentStates',
        'environments',
        'groupMembers',
        'groupRoles',
        'groups',
        'roles',
        'settings',
        'snapshots',
        'tenantSnapshots',
        'tenantTallies',
        'tenants',
        'userChunks',
        'userOrders',
        'userRoles',
      ],
    });
    // v10: a default tenant per environment, dated as the environment, and every group in its own.
    const tables = await tablesOf(migrated.name);
    expect(tables.tenants).toEqual(
      [EMPTY, EU, QA, US].map((environmentId) => ({
        id: `${environmentId}.default`,
        environmentId,
        name: 'Default',
        nameKey: 'default',
        isDefault: 1,
        createdAt: '2025-06-01T10:00:00.000Z',
        updatedAt: '2025-06-01T10:00:00.000Z',
      })),
    );
    const { sales, support, testers } = migrated.org.groups;
    expect(tables.groups).toEqual([
      { ...sales, tenantId: 'env-eu.default' },
      { ...support, tenantId: 'env-eu.default' },
      { ...testers, tenantId: 'env-qa.default' },
    ]);
    // Sales' two members in one chunk; Support has none, so no chunk.
    expect(await storedRowsOf(migrated.name, EU)).toEqual({
      userChunks: 1,
      environmentStates: 1,
      groups: 2,
      memberships: 2,
      memberChunks: 1,
      roles: 4,
      userRoles: 1,
      groupRoles: 1,
    });
    expect(await storedRowsOf(migrated.name, QA)).toMatchObject({ memberships: 1, memberChunks: 1 });
    // An environment without users still gets its state record, and no chunk.
    expect(await storedRowsOf(migrated.name, EMPTY)).toMatchObject({
      userChunks: 0,
      environmentStates: 1,
      memberships: 0,
      memberChunks: 0,
    });
  });

  it('keeps every user with the same fields', async ({ migrated: { roster, org } }) => {
    for (const entity of org.entities) expect(await roster.users.get(entity.id)).toEqual(asRead(entity));
  });

  it('puts every environment, its users and its groups in its default tenant', async ({ migrated: { roster } }) => {
    const defaultTenant = (environmentId: string, userCount: number) => ({
      id: `${environmentId}.default`,
      environmentId,
      name: 'Default',
      isDefault: true,
      createdAt: '2025-06-01T10:00:00.000Z',
      updatedAt: '2025-06-01T10:00:00.000Z',
      userCount,
    });
    expect(await roster.tenants.list(EU)).toEqual([defaultTenant(EU, 11)]);
    expect(await roster.tenants.list(US)).toEqual([defaultTenant(US, 4)]);
    expect(await roster.tenants.list(QA)).toEqual([defaultTenant(QA, 2)]);
    expect(await roster.tenants.list(EMPTY)).toEqual([defaultTenant(EMPTY, 0)]);
    expect((await roster.groups.get('group-testers'))?.tenantId).toBe('env-qa.default');
    expect((await roster.users.list({ environmentId: EU, tenantId: 'env-eu.default', limit: 0 })).total).toBe(11);
  });

  it('keeps the environments, their rules and the subscription', async ({ migrated: { roster, org } }) => {
    expect((await roster.environments.list()).map((environment) => environment.name)).toEqual([
      'Empty',
      'Production EU',
      'Production US',
      'QA',
    ]);
    expect(await roster.environments.get(EU)).toEqual({
      id: EU,
      name: 'Production EU',
      kind: 'production',
      platformVersion: '11.12.3',
      createdAt: '2025-06-01T10:00:00.000Z',
      updatedAt: '2025-06-01T10:00:00.000Z',
    });
    expect(await roster.environments.getRules(EU)).toEqual(org.data.environments[0]!.rules);
    expect(await roster.subscription.get()).toEqual(org.subscription);
  });

  it('finds every user by username in any case', async ({ migrated: { roster, org } }) => {
    for (const entity of org.entities) {
      expect(await roster.users.findByUsername(entity.environmentId, entity.username)).toEqual(asRead(entity));
      expect(await roster.users.findByUsername(entity.environmentId, entity.username.toUpperCase())).toEqual(
        asRead(entity),
      );
      expect(await roster.users.findByUsername(entity.environmentId, ` ${entity.username.toLowerCase()} `)).toEqual(
        asRead(entity),
      );
    }
    expect(await roster.users.findByUsername(EU, 'ÉMILE')).toEqual(asRead(org.eu.emile));
    // Usernames are per environment.
    expect(await roster.users.findByUsername(US, 'ana')).toBeUndefined();
  });

  it('lists each environment in username order (accents ignored, numbers by value) with its total', async ({
    migrated: { roster, org },
  }) => {
    // From the loaded index; the page shown before it loads is checked below.
    await loaded(roster);
    const eu = await listAll(roster, EU);

    expect(eu.total).toBe(11);
    expect(eu.items.map((item) => item.username)).toEqual([
      'adam',
      'ana',
      'Bob',
      'carla',
      'dan',
      'Émile',
      'eve@sales.example.com',
      'legacy',
      'user9',
      'user10',
      'zoe',
    ]);
    expect((await listAll(roster, US)).items.map((item) => item.username)).toEqual([
      'frank',
      'grace',
      'heidi@example.org',
      'ivan',
    ]);
    expect((await listAll(roster, QA)).items.map((item) => item.username)).toEqual(['quinn', 'rita']);
    expect(await listAll(roster, EMPTY)).toEqual({ total: 0, items: [] });
    for (const item of eu.items) {
      const { class: _class, ...entity } = item;
      expect(entity).toEqual(asRead(org.entities.find((candidate) => candidate.id === item.id)!));
    }
  });

  it('pages, sorts, filters and searches the migrated users', async ({ migrated: { roster } }) => {
    await loaded(roster);
    const names = async (query: Parameters<Roster['users']['list']>[0]) =>
      (await roster.users.list(query)).items.map((item) => item.username);

    expect(await names({ environmentId: EU, offset: 8, limit: 2 })).toEqual(['user9', 'user10']);
    expect(await names({ environmentId: EU, sort: 'lastLogin', order: 'desc', limit: 3 })).toEqual([
      'user10',
      'ana',
      'Émile',
    ]);
    expect(await names({ environmentId: EU, sort: 'name', limit: 5 })).toEqual(['ana', 'Bob', 'carla', 'Émile', 'zoe']);
    expect(await names({ environmentId: EU, class: 'external' })).toEqual(['Bob', 'Émile', 'legacy', 'user10']);
    expect(await names({ environmentId: EU, isActive: false })).toEqual(['adam', 'eve@sales.example.com']);
    expect(await names({ environmentId: EU, search: 'EXAMPLE.COM' })).toEqual([
      'adam',
      'ana',
      'eve@sales.example.com',
      'user9',
      'zoe',
    ]);
    expect(await names({ environmentId: EU, groupId: 'group-sales' })).toEqual(['ana', 'Bob']);
  });

  it('classifies every user as v1 would have', async ({ migrated: { roster, org } }) => {
    const expected: Record<string, string> = {
      ana: 'internal',
      Bob: 'external',
      carla: 'internal',
      dan: 'anonymous',
      'eve@sales.example.com': 'inactive',
      Émile: 'external',
      user9: 'internal',
      user10: 'external',
      zoe: 'internal',
      adam: 'inactive',
      legacy: 'external',
      frank: 'internal',
      grace: 'anonymous',
      'heidi@example.org': 'inactive',
      ivan: 'internal',
      quinn: 'internal',
      rita: 'anonymous',
    };
    for (const entity of org.entities) {
      const classification = await roster.users.classify(entity.id);
      expect([entity.username, classification.class]).toEqual([entity.username, expected[entity.username]]);
      const rules = org.data.environments.find((environment) => environment.id === entity.environmentId)!.rules;
      expect(classification).toEqual(classifyUser(entity, rules));
    }
    const listed = await listAll(roster, EU);
    for (const item of listed.items) expect(item.class).toBe(expected[item.username]);
  });

  it('counts usage as v1 data implies, once the index is loaded', async ({ migrated: { roster, org } }) => {
    await loaded(roster);

    const usage = await roster.usage();

    for (const [environmentId, counts] of Object.entries(EXPECTED_USAGE)) {
      expect(usage.environments.find((row) => row.environmentId === environmentId)).toMatchObject(counts);
      const environment = org.data.environments.find((candidate) => candidate.id === environmentId)!;
      const own = org.entities.filter((entity) => entity.environmentId === environmentId);
      expect(usage.environments.find((row) => row.environmentId === environmentId)).toMatchObject(
        countUsers(own, environment.rules),
      );
    }
    // ana@example.com (EU) and ANA@example.com (US) are one person: 8 distinct emails among the 10 counted.
    expect(usage.production).toEqual({ internal: 6, external: 4, named: 10, distinctEmails: 8 });
    expect(usage.limits).toEqual([
      { limit: 'internal', used: 6, max: 100, remaining: 94, status: 'ok' },
      { limit: 'external', used: 4, max: 4, remaining: 0, status: 'near' },
    ]);
  });

  it('counts the same usage right after opening, before the index has loaded', async ({ migrated: { roster } }) => {
    // Called at once: answered from the state records (and the saved distinct-email count).
    const early = await roster.usage();
    await loaded(roster);
    const late = await roster.usage();

    expect(early).toEqual(late);
    expect(early.production.distinctEmails).toBe(8);
  });

  it('lists the first page right after opening in the order the loaded index gives', async ({
    migrated: { roster },
  }) => {
    const early = await roster.users.list({ environmentId: EU });
    await loaded(roster);
    const late = await roster.users.list({ environmentId: EU });

    expect(early.items.map((item) => item.username)).toEqual(late.items.map((item) => item.username));
    expect(early).toEqual(late);
  });

  it('keeps groups, members and effective roles', async ({ migrated: { roster, org } }) => {
    const { ana, bob, eve, carla } = org.eu;
    const { sales, support, testers } = org.groups;

    expect(await roster.groups.list(EU)).toEqual([
      {
        id: sales.id,
        environmentId: EU,
        name: 'Sales',
        description: 'The sales team',
        tenantId: 'env-eu.default',
        createdAt: sales.createdAt,
        updatedAt: sales.updatedAt,
        memberCount: 2,
      },
      {
        id: support.id,
        environmentId: EU,
        name: 'Support',
        tenantId: 'env-eu.default',
        createdAt: support.createdAt,
        updatedAt: support.updatedAt,
        memberCount: 0,
      },
    ]);
    expect(await roster.groups.members(sales.id)).toEqual([asRead(ana), asRead(bob)]);
    expect(await roster.groups.members(support.id)).toEqual([]);
    expect(await roster.groups.members(testers.id)).toEqual([asRead(org.qa.quinn)]);
    expect((await roster.groups.ofUser(ana.id)).map((group) => group.name)).toEqual(['Sales']);
    expect(await roster.groups.ofUser(carla.id)).toEqual([]);
    expect((await roster.groups.ofUser(org.qa.quinn.id)).map((group) => group.name)).toEqual(['Testers']);
    expect(
      (await roster.roles.holders(org.roles.viewer.id)).map((holder) => [
        holder.user.username,
        holder.inheritedFrom.map((group) => group.name),
      ]),
    ).toEqual([
      ['ana', ['Sales']],
      ['Bob', ['Sales']],
    ]);

    const anaRoles = await roster.roles.effective(ana.id);
    expect(
      anaRoles.map((effective) => [
        effective.role.name,
        effective.direct,
        effective.inheritedFrom.map((group) => group.name),
      ]),
    ).toEqual([
      ['Manager', true, []],
      ['Viewer', false, ['Sales']],
    ]);
    expect((await roster.roles.effective(bob.id)).map((effective) => effective.role.name)).toEqual(['Viewer']);
    expect(await roster.roles.effective(carla.id)).toEqual([]);
    expect((await roster.roles.effective(org.qa.quinn.id)).map((effective) => effective.role.name)).toEqual(['Tester']);

    const registered = `${EU}-builtin-registered`;
    expect(await roster.roles.check(ana.id, registered)).toBe(true);
    expect(await roster.roles.check(eve.id, registered)).toBe(false);
    expect(await roster.roles.check(bob.id, org.roles.manager.id)).toBe(false);
    expect(await roster.roles.check(bob.id, org.roles.viewer.id)).toBe(true);
  });

  it('creates a new user and refuses a taken username in any case', async ({ migrated: { roster, org } }) => {
    const newbie = await roster.users.create({ environmentId: EU, username: 'newbie', email: 'newbie@example.com' });

    expect(newbie).toMatchObject({
      environmentId: EU,
      tenantId: 'env-eu.default',
      username: 'newbie',
      createdAt: FIXED_NOW.toISOString(),
    });
    expect(await roster.users.get(newbie.id)).toEqual(newbie);
    expect(await failureOf(roster.users.create({ environmentId: EU, username: 'ANA' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect(await failureOf(roster.users.create({ environmentId: EU, username: 'émile' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect(
      await failureOf(
        roster.users.createMany([
          { environmentId: EU, username: 'fresh' },
          { environmentId: EU, username: 'User10' },
        ]),
      ),
    ).toEqual({
      code: 'conflict',
      paths: ['1.username'],
    });
    expect(await failureOf(roster.users.update(org.eu.bob.id, { username: 'CARLA' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    // The same username in another environment is free.
    await roster.users.create({ environmentId: US, username: 'Ana' });

    const eu = await listAll(roster, EU);
    expect(eu.total).toBe(12);
    expect(eu.items.map((item) => item.username)).toContain('newbie');
    const usage = await roster.usage();
    expect(usage.environments.find((row) => row.environmentId === EU)).toMatchObject({ internal: 5, external: 4 });
    expect(usage.environments.find((row) => row.environmentId === US)).toMatchObject({ anonymous: 2 });
    expect(usage.production.distinctEmails).toBe(9);
  });

  it('updates, deactivates and deletes migrated users', async ({ migrated: { roster, org, name } }) => {
    const { ana, bob, dan } = org.eu;

    await roster.users.update(bob.id, { email: 'bob@example.com' });
    await roster.users.setActive(ana.id, false);
    await roster.users.delete(dan.id);

    expect(await roster.users.get(dan.id)).toBeUndefined();
    expect((await roster.users.classify(bob.id)).class).toBe('internal');
    expect(await roster.groups.members(org.groups.sales.id)).toEqual([
      { ...asRead(ana), isActive: false, updatedAt: FIXED_NOW.toISOString() },
      { ...asRead(bob), email: 'bob@example.com', updatedAt: FIXED_NOW.toISOString() },
    ]);
    const usage = (await roster.usage()).environments.find((row) => row.environmentId === EU);
    expect(usage).toMatchObject({ internal: 4, external: 3, anonymous: 0, inactive: 3 });

    // What was written is what a fresh roster reads.
    const before = await listAll(roster, EU);
    const usageBefore = await roster.usage();
    roster.close();
    const reopened = await openRoster(name, { now: new TestClock().now });
    try {
      expect(await listAll(reopened, EU)).toEqual(before);
      expect(before.total).toBe(10);
      expect(await reopened.usage()).toEqual(usageBefore);
      expect(await reopened.users.get(bob.id)).toMatchObject({ email: 'bob@example.com' });
    } finally {
      reopened.close();
    }
  });
});

describe('migrating a v1 database with more users than one chunk holds', () => {
  const COUNT = 5000;

  /** 5,000 users in one environment (and a few in another), with every class represented. */
  function bigV1() {
    const data = emptyV1();
    data.environments.push(
      v1Environment('env-big', 'Big', 'production', {
        rules: { mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] },
      }),
      v1Environment('env-small', 'Small', 'production'),
    );
    const entities: EndUser[] = [];
    for (let i = 0; i < COUNT; i++) {
      const kind = i % 5;
      const fields: Partial<EndUser> =
        kind === 0
          ? { email: `person${i}@example.com`, name: `Person ${i}` }
          : kind === 1
            ? { email: `person${i}@gmail.com`, lastLogin: '2026-01-01T00:00:00.000Z' }
            : kind === 2
              ? {}
              : kind === 3
                ? { email: `person${i}@example.com`, isActive: false }
                : { mobilePhone: '+44 20 7946 0000' };
      entities.push(user('env-big', `Person${i}`, fields));
    }
    for (let i = 0; i < 3; i++) entities.push(user('env-small', `small${i}`, { email: `person${i}@example.com` }));
    data.users.push(...entities.map(v1User));
    data.roles.push(...v1BuiltInRoles('env-big'), ...v1BuiltInRoles('env-small'));
    return { data, entities };
  }

  /** Users per chunk as the v2 migration writes them (frozen in src/db/migrations/v2-user-chunks.ts). */
  const MIGRATED_CHUNK = 2000;

  test("migrates all 5,000 users into chunks of 2,000 (the v2 migration's frozen size)", async () => {
    const name = uniqueDbName('roster-v1-big');
    const { data, entities } = bigV1();
    await writeV1Database(name, data);

    const roster = await openRoster(name);
    try {
      const page = await listAll(roster, 'env-big');
      expect(page.total).toBe(COUNT);
      expect(new Set(page.items.map((item) => item.id))).toEqual(
        new Set(entities.filter((entity) => entity.environmentId === 'env-big').map((entity) => entity.id)),
      );
      // Username order, numbers by value.
      expect(page.items.slice(0, 12).map((item) => item.username)).toEqual([
        'Person0',
        'Person1',
        'Person2',
        'Person3',
        'Person4',
        'Person5',
        'Person6',
        'Person7',
        'Person8',
        'Person9',
        'Person10',
        'Person11',
      ]);
      expect(page.items.at(-1)?.username).toBe(`Person${COUNT - 1}`);
      for (const entity of [entities[0]!, entities[1999]!, entities[2000]!, entities[4001]!, entities[COUNT - 1]!]) {
        expect(await roster.users.get(entity.id)).toEqual(asRead(entity));
        expect(await roster.users.findByUsername('env-big', entity.username.toUpperCase())).toEqual(asRead(entity));
      }
      expect((await listAll(roster, 'env-small')).total).toBe(3);

      const usage = await roster.usage();
      const big = entities.filter((entity) => entity.environmentId === 'env-big');
      expect(usage.environments.find((row) => row.environmentId === 'env-big')).toMatchObject({
        ...countUsers(big, data.environments[0]!.rules),
        internal: 2000,
        external: 1000,
        anonymous: 1000,
        inactive: 1000,
      });
      // Distinct effective emails of counted production users: person0..2 appear in both environments.
      const counted = entities.filter(
        (entity) =>
          entity.isActive && classifyUser(entity, { mode: 'all-internal', domains: [] }).class !== 'anonymous',
      );
      const distinct = new Set(
        counted.map((entity) => effectiveEmail(entity)?.toLowerCase()).filter((email) => email !== undefined),
      );
      expect(usage.production.distinctEmails).toBe(distinct.size);

      // A new user lands in the chunk that has room, and is refused in any case once taken.
      await roster.users.create({ environmentId: 'env-big', username: 'late-comer' });
      expect(await failureOf(roster.users.create({ environmentId: 'env-big', username: 'PERSON4999' }))).toEqual({
        code: 'conflict',
        paths: ['username'],
      });
    } finally {
      roster.close();
    }
    expect(await storedRowsOf(name, 'env-big')).toMatchObject({
      // The migration's chunks, and the late comer's: in the last one if it has room by today's size.
      userChunks: Math.ceil(COUNT / MIGRATED_CHUNK) + (COUNT % MIGRATED_CHUNK < CHUNK_SIZE ? 0 : 1),
      environmentStates: 1,
    });

    const reopened = await openRoster(name);
    try {
      expect((await listAll(reopened, 'env-big')).total).toBe(COUNT + 1);
      expect(await reopened.users.findByUsername('env-big', 'LATE-COMER')).toMatchObject({ username: 'late-comer' });
    } finally {
      reopened.close();
    }
  });
});
