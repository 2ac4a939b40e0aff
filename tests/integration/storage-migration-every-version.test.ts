/**
 * Every earlier schema version migrates to the current one (issue 13, item 4). For each version
 * N a database is written exactly as version N stored it: a raw Dexie that declares the shipped
 * schemas 1 … N (frozen copies below, no upgrade functions) and records in N's own format
 * (frozen copies of the packing below, not the current code's), with data in every table of N.
 * The current `openRoster` then opens it, and every record of every table of the current schema
 * is compared with what the frozen upgrades must produce.
 *
 * Versions: 1, 2, 3, 4, 6, 7, 8, 9 (v5 was never shipped: the username orders it was meant for became
 * v7). v10, the current version, is what the others upgrade to. A new version N + 1 adds N to
 * VERSIONS, a stored form for N and the expectations its upgrade implies.
 *
 * Everything here is literal or computed by copies in this file, so that a change to the app's
 * codec, collation or counting rules cannot make a wrong migration look right.
 * (API-level checks after a migration: storage-migration.test.ts, storage-member-chunks.test.ts,
 * storage-migration-v6.test.ts, storage-user-orders.test.ts.)
 */
import { Dexie } from 'dexie';
import { describe, expect, test } from 'vitest';
import { openRoster } from '../../src/api';
import * as shipped from '../../src/db/roster-db';
import { TestClock, uniqueDbName } from '../factories/roster';

/** The schemas as they shipped, copied: a shipped schema is never edited (checked below against roster-db). */
const SCHEMAS: Record<number, Record<string, string | null>> = {
  1: {
    environments: 'id',
    users: 'id, &[environmentId+usernameKey], [environmentId+emailKey]',
    tallies: '[environmentId+domain+isActive+anonymous], environmentId',
    groups: 'id, &[environmentId+nameKey], environmentId',
    memberships: '[groupId+userId], userId, environmentId',
    roles: 'id, &[environmentId+key], environmentId',
    userRoles: '[userId+roleId], roleId, environmentId',
    groupRoles: '[groupId+roleId], roleId, environmentId',
    settings: 'key',
    audit: '++id, at, [entity+entityId]',
  },
  2: {
    users: null,
    tallies: null,
    userChunks: 'id, environmentId, [environmentId+rev]',
    environmentStates: 'environmentId',
  },
  3: { snapshots: '[environmentId+day], day' },
  4: { memberships: null, groupMembers: 'id, groupId, environmentId' },
  6: { auditBuckets: 'bucket' },
  7: { userOrders: 'environmentId' },
  8: { auditUsers: '[entryId+shard], shard' },
  9: { dormancyFacts: 'environmentId, stamp' },
  10: {
    tenants: 'id, environmentId',
    tenantTallies: '[environmentId+tenantId], environmentId',
    groups: 'id, [environmentId+nameKey], environmentId',
  },
  11: { tenantSnapshots: '[tenantId+day], environmentId' },
};
const CURRENT = 11;
/** Every earlier version a database can be at. */
const VERSIONS = [1, 2, 3, 4, 6, 7, 8, 9, 10] as const;

type Tables = Record<string, unknown[]>;

const EU = 'env-eu';
const QA = 'env-qa';
/** An environment of more users than a v2 chunk holds (2,000) and a head shows (100); its id sorts last. */
const BIG = 'env-wide';

// --- The organisation, as entities. ---

interface User {
  id: string;
  environmentId: string;
  username: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: boolean;
  lastLogin?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
}

const created = '2025-07-01T08:00:00.000Z';
const ana: User = {
  id: 'u-ana',
  environmentId: EU,
  username: 'ana',
  name: 'Ana Almeida',
  email: 'Ana@Example.com',
  mobilePhone: '+351 912 345 678',
  isActive: true,
  lastLogin: '2026-03-01T08:00:00.000Z',
  externalId: 'ext-ana',
  createdAt: created,
  updatedAt: '2026-01-02T03:04:05.678Z',
};
const emile: User = {
  id: 'u-emile',
  environmentId: EU,
  username: 'Émile',
  email: 'emile@partner.org',
  isActive: true,
  createdAt: created,
  updatedAt: created,
};
const eve: User = {
  id: 'u-eve',
  environmentId: EU,
  username: 'eve@sales.example.com',
  isActive: false,
  createdAt: created,
  updatedAt: created,
};
const user9: User = {
  id: 'u-9',
  environmentId: EU,
  username: 'user9',
  name: 'Nine',
  isActive: true,
  createdAt: created,
  updatedAt: created,
};
const user10: User = {
  id: 'u-10',
  environmentId: EU,
  username: 'user10',
  isActive: true,
  createdAt: created,
  updatedAt: created,
};
const quinn: User = {
  id: 'u-quinn',
  environmentId: QA,
  username: 'quinn',
  email: 'quinn@example.com',
  isActive: true,
  createdAt: created,
  updatedAt: created,
};

/** p0 … p2000, named, no email: one chunk full, one with a single user; numbers sort by value. */
const bigUsers: User[] = Array.from({ length: 2001 }, (_, i) => ({
  id: `u-big-${i}`,
  environmentId: BIG,
  username: `p${i}`,
  name: `P ${i}`,
  isActive: true,
  createdAt: created,
  updatedAt: created,
}));

/** v1 wrote users in no particular order; the chunks must be in username order all the same. */
const USERS_AS_WRITTEN = [user10, quinn, eve, user9, emile, ana];
/** Username order (accents ignored, numbers by value): the order of every chunk and head. */
const EU_ORDER = [ana, emile, eve, user9, user10];

const environments = [
  {
    id: EU,
    name: 'Production EU',
    kind: 'production',
    platformVersion: '11.12.3',
    rules: { mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] },
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
  },
  {
    id: QA,
    name: 'QA',
    kind: 'non-production',
    rules: { mode: 'all-internal', domains: [] },
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
  },
  {
    id: BIG,
    name: 'Big',
    kind: 'production',
    rules: { mode: 'all-internal', domains: [] },
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
  },
];

/** v1's user records: the derived fields (usernameKey, counting facts, emailKey of counted users) literal. */
const v1Users = [
  { ...v1Base(user10), usernameKey: 'user10', domain: '', anonymous: 1 },
  { ...v1Base(quinn), usernameKey: 'quinn', domain: 'example.com', anonymous: 0, emailKey: 'quinn@example.com' },
  { ...v1Base(eve), usernameKey: 'eve@sales.example.com', domain: 'sales.example.com', anonymous: 0 },
  { ...v1Base(user9), usernameKey: 'user9', domain: '', anonymous: 0 },
  { ...v1Base(emile), usernameKey: 'émile', domain: 'partner.org', anonymous: 0, emailKey: 'emile@partner.org' },
  { ...v1Base(ana), usernameKey: 'ana', domain: 'example.com', anonymous: 0, emailKey: 'ana@example.com' },
  ...[...bigUsers].reverse().map((user) => ({ ...v1Base(user), usernameKey: user.username, domain: '', anonymous: 0 })),
];

function v1Base(user: User) {
  return { ...user, isActive: user.isActive ? 1 : 0 };
}

const v1Tallies = [
  { environmentId: EU, domain: '', isActive: 1, anonymous: 1, count: 1 },
  { environmentId: EU, domain: '', isActive: 1, anonymous: 0, count: 1 },
  { environmentId: EU, domain: 'sales.example.com', isActive: 0, anonymous: 0, count: 1 },
  { environmentId: EU, domain: 'partner.org', isActive: 1, anonymous: 0, count: 1 },
  { environmentId: EU, domain: 'example.com', isActive: 1, anonymous: 0, count: 1 },
  { environmentId: QA, domain: 'example.com', isActive: 1, anonymous: 0, count: 1 },
  { environmentId: BIG, domain: '', isActive: 1, anonymous: 0, count: 2001 },
];

/**
 * A user as v2 packs it (frozen copy):
 * [id, username, name, email, phone, active, lastLogin, externalId, created, updated].
 */
function packV2(user: User): unknown[] {
  return [
    user.id,
    user.username,
    user.name ?? null,
    user.email ?? null,
    user.mobilePhone ?? null,
    user.isActive ? 1 : 0,
    user.lastLogin === undefined ? null : Date.parse(user.lastLogin),
    user.externalId ?? null,
    Date.parse(user.createdAt),
    Date.parse(user.updatedAt),
  ];
}

/**
 * Users in chunks with a state record per environment, as v2 stores them. The v1 → v2 upgrade
 * writes revision 1; a database that has been at v2 or later for a while is at some other
 * revision (here 3), which every later upgrade must keep.
 */
function chunked(rev: number): Tables {
  return {
    userChunks: [
      { id: `${EU}:0`, environmentId: EU, seq: 0, rev, count: 5, data: JSON.stringify(EU_ORDER.map(packV2)) },
      { id: `${QA}:0`, environmentId: QA, seq: 0, rev, count: 1, data: JSON.stringify([packV2(quinn)]) },
      {
        id: `${BIG}:0`,
        environmentId: BIG,
        seq: 0,
        rev,
        count: 2000,
        data: JSON.stringify(bigUsers.slice(0, 2000).map(packV2)),
      },
      { id: `${BIG}:1`, environmentId: BIG, seq: 1, rev, count: 1, data: JSON.stringify([packV2(bigUsers[2000]!)]) },
    ],
    environmentStates: [
      {
        environmentId: EU,
        rev,
        nextSeq: 1,
        count: 5,
        // [domain, active, anonymous, count] in the order the users are first met in username order.
        tallies: JSON.stringify([
          ['example.com', 1, 0, 1],
          ['partner.org', 1, 0, 1],
          ['sales.example.com', 0, 0, 1],
          ['', 1, 0, 1],
          ['', 1, 1, 1],
        ]),
        head: JSON.stringify(EU_ORDER.map(packV2)),
      },
      {
        environmentId: QA,
        rev,
        nextSeq: 1,
        count: 1,
        tallies: JSON.stringify([['example.com', 1, 0, 1]]),
        head: JSON.stringify([packV2(quinn)]),
      },
      {
        environmentId: BIG,
        rev,
        nextSeq: 2,
        count: 2001,
        tallies: JSON.stringify([['', 1, 0, 2001]]),
        // The first 100 users by username only.
        head: JSON.stringify(bigUsers.slice(0, 100).map(packV2)),
      },
    ],
  };
}

const groups = [
  {
    id: 'group-sales',
    environmentId: EU,
    name: 'Sales',
    nameKey: 'sales',
    description: 'The sales team',
    createdAt: '2025-06-02T10:00:00.000Z',
    updatedAt: '2025-06-02T10:00:00.000Z',
  },
  {
    id: 'group-support',
    environmentId: EU,
    name: 'Support',
    nameKey: 'support',
    createdAt: '2025-06-02T10:00:00.000Z',
    updatedAt: '2025-06-02T10:00:00.000Z',
  },
  {
    id: 'group-testers',
    environmentId: QA,
    name: 'Testers',
    nameKey: 'testers',
    createdAt: '2025-06-02T10:00:00.000Z',
    updatedAt: '2025-06-02T10:00:00.000Z',
  },
];

/** v1–v3: one record per membership (Support has none). */
const memberships = [
  { groupId: 'group-sales', userId: 'u-eve', environmentId: EU },
  { groupId: 'group-sales', userId: 'u-ana', environmentId: EU },
  { groupId: 'group-testers', userId: 'u-quinn', environmentId: QA },
];

/** v4: a group's members in chunks of ids, in the memberships' key order; no chunk for a group without members. */
const groupMembers = [
  {
    id: 'group-sales/0',
    groupId: 'group-sales',
    environmentId: EU,
    seq: 0,
    count: 2,
    userIds: JSON.stringify(['u-ana', 'u-eve']),
  },
  {
    id: 'group-testers/0',
    groupId: 'group-testers',
    environmentId: QA,
    seq: 0,
    count: 1,
    userIds: JSON.stringify(['u-quinn']),
  },
];

const roles = [EU, QA].flatMap((environmentId) => [
  ...['Anonymous', 'Registered'].map((name) => ({
    id: `${environmentId}-builtin-${name.toLowerCase()}`,
    environmentId,
    application: 'System',
    name,
    key: `system/${name.toLowerCase()}`,
    builtIn: 1,
  })),
  {
    id: `${environmentId}-role-manager`,
    environmentId,
    application: 'Sales',
    name: 'Manager',
    key: 'sales/manager',
    builtIn: 0,
  },
]);
const userRoles = [
  { userId: 'u-ana', roleId: `${EU}-role-manager`, environmentId: EU },
  { userId: 'u-quinn', roleId: `${QA}-role-manager`, environmentId: QA },
];
const groupRoles = [{ groupId: 'group-sales', roleId: `${EU}-builtin-registered`, environmentId: EU }];

const subscription = {
  key: 'subscription',
  value: { model: 'internal-external', internalLimit: 100, externalLimit: 4, warnAt: 0.9 },
};
/** Written by the v1 → v2 upgrade: the production users' distinct counted emails (ana, emile; quinn is QA). */
const distinctEmails = { key: 'distinctEmails', value: 2 };

/** Two entries in block 0 and one in block 1 (ids 1,024 … 2,047), as every version wrote them. */
const audit = [
  {
    id: 1,
    at: '2025-06-01T10:00:00.000Z',
    action: 'create',
    entity: 'environment',
    entityId: EU,
    environmentId: EU,
  },
  {
    id: 2,
    at: '2025-06-03T10:00:00.000Z',
    action: 'update',
    entity: 'user',
    entityId: 'u-ana',
    environmentId: EU,
    changes: { name: { before: 'Ana', after: 'Ana Almeida' } },
  },
  {
    id: 1030,
    at: '2025-06-02T10:00:00.000Z',
    action: 'import',
    entity: 'user',
    entityId: '*',
    environmentId: QA,
    summary: 'imported 1 user',
  },
];

/** From v6 on, a bulk change or an import keeps its users' ids and usernames. */
function auditAt(version: number): unknown[] {
  if (version < 6) return audit;
  return audit.map((entry) =>
    entry.id === 1030 ? { ...entry, userCount: 1, userIds: '["u-quinn"]', usernames: '["quinn"]' } : entry,
  );
}

/** The shard of a user id as v8 defines it (FNV-1a over UTF-16 units, modulo 256), copied. */
function v8Shard(userId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index += 1) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 256;
}

/** v8: the users of the bulk entries by shard: the import's one user (entries of v6 on list users). */
function auditUsersAfter(version: number): unknown[] {
  return version >= 6 ? [{ entryId: 1030, shard: v8Shard('u-quinn'), userIds: '["u-quinn"]' }] : [];
}

/** v7: a stored username order, of an older order version (so that a load sorts afresh). */
const userOrders = [{ environmentId: EU, rev: 3, version: 0, positions: new Uint32Array([0, 1]) }];

/**
 * v9: EU's dormancy facts, of an older layout version (so that a load computes them afresh): its
 * active users by domain (example.com, partner.org, none, then the anonymous), ana's last login and
 * the creation times of those who never logged in.
 */
const dormancyFacts = [
  {
    environmentId: EU,
    rev: 3,
    version: 0,
    stamp: '/3/0',
    domains: ['example.com', 'partner.org', ''],
    offsets: new Uint32Array([0, 1, 1, 1, 2, 2, 3, 3, 4]),
    times: new Float64Array([
      Date.parse('2026-03-01T08:00:00.000Z'),
      Date.parse(created),
      Date.parse(created),
      Date.parse(created),
    ]),
  },
];

/**
 * v10: each environment's default tenant, named and dated as the v10 upgrade writes it (the
 * environment's creation time), whatever version the database came from.
 */
const tenants = [EU, QA, BIG].map((environmentId) => ({
  id: `${environmentId}.default`,
  environmentId,
  name: 'Default',
  nameKey: 'default',
  isDefault: 1,
  createdAt: '2025-06-01T10:00:00.000Z',
  updatedAt: '2025-06-01T10:00:00.000Z',
}));

/** v10 as stored: a client's tenant (no users yet), with its own tallies record. */
const acme = {
  id: 'tenant-acme',
  environmentId: QA,
  name: 'Acme',
  nameKey: 'acme',
  isDefault: 0,
  createdAt: '2025-06-05T10:00:00.000Z',
  updatedAt: '2025-06-05T10:00:00.000Z',
};
const acmeTallies = { environmentId: QA, tenantId: 'tenant-acme', tallies: '[]' };

/** v10: every group in its environment's default tenant. */
const groupsInTenants = [
  { ...groups[0]!, tenantId: 'env-eu.default' },
  { ...groups[1]!, tenantId: 'env-eu.default' },
  { ...groups[2]!, tenantId: 'env-qa.default' },
];

/**
 * v6: the counts per block of 1,024 ids, keyed `${environmentId}\t${entity}\t${action}`, with the block's
 * time range.
 */
const auditBuckets = [
  {
    bucket: 0,
    count: 2,
    minAt: '2025-06-01T10:00:00.000Z',
    maxAt: '2025-06-03T10:00:00.000Z',
    counts: { [`${EU}\tenvironment\tcreate`]: 1, [`${EU}\tuser\tupdate`]: 1 },
  },
  {
    bucket: 1,
    count: 1,
    minAt: '2025-06-02T10:00:00.000Z',
    maxAt: '2025-06-02T10:00:00.000Z',
    counts: { [`${QA}\tuser\timport`]: 1 },
  },
];

/** v3: a usage snapshot per environment and day. */
const snapshots = [
  { environmentId: EU, day: '2026-03-01', internal: 1, external: 2, named: 3, anonymous: 1, inactive: 1 },
  { environmentId: EU, day: '2026-03-02', internal: 1, external: 2, named: 3, anonymous: 1, inactive: 1 },
  { environmentId: QA, day: '2026-03-01', internal: 1, external: 0, named: 1, anonymous: 0, inactive: 0 },
];

// --- Each version's database, and what the current version must hold after the upgrade. ---

const shared: Tables = { environments, groups, roles, userRoles, groupRoles };

/** Every table of version N, as N stored it, with records in each. */
function storedAt(version: number): Tables {
  if (version === 1)
    return { ...shared, audit, users: v1Users, tallies: v1Tallies, memberships, settings: [subscription] };
  const tables: Tables = {
    ...shared,
    audit: auditAt(version),
    ...chunked(3),
    settings: [subscription, distinctEmails],
  };
  if (version >= 3) tables.snapshots = snapshots;
  tables[version >= 4 ? 'groupMembers' : 'memberships'] = version >= 4 ? groupMembers : memberships;
  if (version >= 6) tables.auditBuckets = auditBuckets;
  if (version >= 7) tables.userOrders = userOrders;
  if (version >= 8) tables.auditUsers = auditUsersAfter(version);
  if (version >= 9) tables.dormancyFacts = dormancyFacts;
  if (version >= 10) {
    tables.tenants = [...tenants, acme];
    tables.tenantTallies = [acmeTallies];
    tables.groups = groupsInTenants;
  }
  return tables;
}

/** Every table of the current version after opening a database of version N. */
function expectedAfter(version: number): Tables {
  return {
    ...shared,
    audit: auditAt(version),
    // Chunks and states as v1 → v2 builds them (revision 1), else as stored.
    ...chunked(version === 1 ? 1 : 3),
    groupMembers,
    // The subscription kept; v1 → v2 adds the distinct-email count (already there from v2 on).
    settings: [distinctEmails, subscription],
    auditBuckets,
    // v3 added the table empty: a v1 or v2 database has no snapshot to keep.
    snapshots: version >= 3 ? snapshots : [],
    // v7 adds the table empty; the first load stores an order, which this test never starts.
    userOrders: version >= 7 ? userOrders : [],
    auditUsers: auditUsersAfter(version),
    // v9 adds the table empty; the first load stores the facts, which this test never starts.
    dormancyFacts: version >= 9 ? dormancyFacts : [],
    // v10: the default tenants, and every group in one; no tenant of its own has tallies yet.
    // (A v10 database keeps its clients' tenants and their tallies as they were.)
    tenants: version >= 10 ? [...tenants, acme] : tenants,
    tenantTallies: version >= 10 ? [acmeTallies] : [],
    groups: groupsInTenants,
    // v11 adds the table empty: the next history record fills it.
    tenantSnapshots: [],
  };
}

/** The tables a database of version N has: every table declared up to N and not dropped since. */
function tablesOf(version: number): string[] {
  const tables = new Set<string>();
  for (const [v, schema] of Object.entries(SCHEMAS)) {
    if (Number(v) > version) continue;
    for (const [table, spec] of Object.entries(schema)) {
      if (spec === null) tables.delete(table);
      else tables.add(table);
    }
  }
  return [...tables].sort();
}

/**
 * Writes `tables` into a new database at `version`, through a connection that knows only the shipped
 * schemas up to it.
 */
async function writeDatabase(name: string, version: number, tables: Tables): Promise<void> {
  const db = new Dexie(name);
  for (const [v, schema] of Object.entries(SCHEMAS)) if (Number(v) <= version) db.version(Number(v)).stores(schema);
  await db.open();
  try {
    expect(db.verno).toBe(version);
    await db.transaction('rw', db.tables, async () => {
      for (const [table, records] of Object.entries(tables)) await db.table(table).bulkAdd(records);
    });
  } finally {
    db.close();
  }
}

/** The version and every record of every table, read without declaring a schema (in primary-key order). */
async function readDatabase(name: string): Promise<{ version: number; tables: Tables }> {
  const db = new Dexie(name);
  await db.open();
  try {
    const tables: Tables = {};
    for (const table of db.tables) tables[table.name] = await table.toArray();
    return { version: db.verno, tables };
  } finally {
    db.close();
  }
}

describe('the shipped schemas', () => {
  test('are as they shipped: roster-db declares each one exactly as the frozen copies here', () => {
    const declared: Record<string, unknown> = shipped;
    for (const [v, schema] of Object.entries(SCHEMAS)) expect([v, declared[`SCHEMA_V${v}`]]).toEqual([v, schema]);
    expect(declared.SCHEMA_V5).toBeUndefined();
  });

  test.each(VERSIONS)('v%i: the stored form fills every table of the version', (version) => {
    const tables = storedAt(version);
    expect(Object.keys(tables).sort()).toEqual(tablesOf(version));
    for (const [table, records] of Object.entries(tables)) expect([table, records.length]).not.toEqual([table, 0]);
  });
});

describe('migrating every earlier schema version to the current one', () => {
  test.each(VERSIONS)(
    'v%i: every record of every table is what the frozen upgrades produce',
    async (version) => {
      const name = uniqueDbName(`roster-v${version}`);
      await writeDatabase(name, version, storedAt(version));

      const roster = await openRoster(name, { now: new TestClock().now });
      roster.close();

      const after = await readDatabase(name);
      const expected = expectedAfter(version);
      expect(after.version).toBe(CURRENT);
      expect(Object.keys(after.tables).sort()).toEqual(tablesOf(CURRENT));
      // One assertion per table, so that a failure names the table.
      for (const table of tablesOf(CURRENT)) expect([table, after.tables[table]]).toEqual([table, expected[table]]);
    },
    30_000,
  );

  test.each(VERSIONS)('v%i: the migrated database reads through the API as its data says', async (version) => {
    const name = uniqueDbName(`roster-v${version}-api`);
    await writeDatabase(name, version, storedAt(version));
    const roster = await openRoster(name, { now: new TestClock().now });
    try {
      // Every user is in its environment's default tenant (v10 stores no tenant for them).
      for (const user of USERS_AS_WRITTEN)
        expect(await roster.users.get(user.id)).toEqual({ ...user, tenantId: `${user.environmentId}.default` });
      expect(await roster.users.get(bigUsers[2000]!.id)).toEqual({ ...bigUsers[2000], tenantId: 'env-wide.default' });
      const defaultTenant = (environmentId: string, userCount: number) => ({
        id: `${environmentId}.default`,
        environmentId,
        name: 'Default',
        isDefault: true,
        createdAt: '2025-06-01T10:00:00.000Z',
        updatedAt: '2025-06-01T10:00:00.000Z',
        userCount,
      });
      expect(await roster.tenants.list(EU)).toEqual([defaultTenant(EU, 5)]);
      const acmeSummary = expect.objectContaining({ id: 'tenant-acme', name: 'Acme', isDefault: false, userCount: 0 });
      expect(await roster.tenants.list(QA)).toEqual([defaultTenant(QA, 1), ...(version >= 10 ? [acmeSummary] : [])]);
      expect(await roster.tenants.list(BIG)).toEqual([defaultTenant(BIG, 2001)]);
      expect((await roster.groups.list(EU)).map((group) => [group.name, group.tenantId])).toEqual([
        ['Sales', 'env-eu.default'],
        ['Support', 'env-eu.default'],
      ]);
      expect((await roster.groups.get('group-testers'))?.tenantId).toBe('env-qa.default');
      const list = await roster.users.list({ environmentId: EU, limit: 100 });
      expect(list.items.map((item) => item.username)).toEqual(EU_ORDER.map((user) => user.username));
      expect((await roster.groups.members('group-sales')).map((user) => user.id)).toEqual(['u-ana', 'u-eve']);
      expect((await roster.activity.list({ limit: 10 })).total).toBe(audit.length);
      // The import is in quinn's history once its users are indexed (entries of v6 on list them).
      const quinns = await roster.activity.list({ entity: 'user', entityId: 'u-quinn' });
      expect(quinns.items.map((entry) => entry.action)).toEqual(version >= 6 ? ['import'] : []);
      const usage = await roster.usage();
      expect(usage.production.distinctEmails).toBe(2);
      // The default tenant holds all of EU's users, counted under EU's rules (ana and user9, who has
      // no email, internal; emile external; eve inactive; user10 anonymous).
      const eu = usage.environments.find((row) => row.environmentId === EU)!;
      expect(eu).toMatchObject({ internal: 2, external: 1, named: 3, anonymous: 1, inactive: 1 });
      expect(eu.tenants).toEqual([
        {
          tenantId: 'env-eu.default',
          name: 'Default',
          internal: 2,
          external: 1,
          named: 3,
          anonymous: 1,
          inactive: 1,
          limits: [],
        },
      ]);
    } finally {
      roster.close();
    }
  });
});
