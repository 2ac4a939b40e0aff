/**
 * Databases as schema v1 wrote them, for the migration tests: the records are written
 * directly through a Dexie connection that knows only version 1, with the derived fields
 * (usernameKey, counting facts, emailKey, tallies) filled in as v1's repositories did.
 */
import { Dexie } from 'dexie';
import {
  type EnvironmentRecord,
  type GroupRecord,
  type GroupRoleRecord,
  type MembershipRecord,
  type RoleRecord,
  type SettingRecord,
  type TallyRecord,
  type UserRecord,
  type UserRoleRecord,
} from '../../src/db';
// SCHEMA_V1 is not re-exported by src/db/index.ts.
import { SCHEMA_V1 } from '../../src/db/roster-db';
import {
  DEFAULT_RULES,
  userFacts,
  type ClassificationRules,
  type EndUser,
  type EnvironmentKind,
} from '../../src/domain';
import { emailKeyOf } from './email-key';

export interface V1Data {
  environments: EnvironmentRecord[];
  users: UserRecord[];
  groups: Omit<GroupRecord, 'tenantId'>[];
  memberships: MembershipRecord[];
  roles: RoleRecord[];
  userRoles: UserRoleRecord[];
  groupRoles: GroupRoleRecord[];
  settings: SettingRecord[];
}

/** An empty v1 data set, to fill in. */
export function emptyV1(): V1Data {
  return {
    environments: [],
    users: [],
    groups: [],
    memberships: [],
    roles: [],
    userRoles: [],
    groupRoles: [],
    settings: [],
  };
}

const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);

/** A v1 environment record. */
export function v1Environment(
  id: string,
  name: string,
  kind: EnvironmentKind,
  options: { rules?: ClassificationRules; platformVersion?: string; at?: string } = {},
): EnvironmentRecord {
  const at = options.at ?? '2025-06-01T10:00:00.000Z';
  const record: EnvironmentRecord = {
    id,
    name,
    kind,
    rules: options.rules ?? structuredClone(DEFAULT_RULES),
    createdAt: at,
    updatedAt: at,
  };
  if (options.platformVersion !== undefined) record.platformVersion = options.platformVersion;
  return record;
}

/** The built-in roles v1 created with every environment. */
export function v1BuiltInRoles(environmentId: string): RoleRecord[] {
  return (['Anonymous', 'Registered'] as const).map((name) => ({
    id: `${environmentId}-builtin-${name.toLowerCase()}`,
    environmentId,
    application: 'System',
    name,
    key: `system/${name.toLowerCase()}`,
    builtIn: 1,
  }));
}

/** A v1 role record. */
export function v1Role(id: string, environmentId: string, application: string, name: string): RoleRecord {
  return { id, environmentId, application, name, key: `${application}/${name}`.toLowerCase(), builtIn: 0 };
}

/** A v1 group record. */
export function v1Group(
  id: string,
  environmentId: string,
  name: string,
  description?: string,
): Omit<GroupRecord, 'tenantId'> {
  const record: Omit<GroupRecord, 'tenantId'> = {
    id,
    environmentId,
    name,
    nameKey: name.toLowerCase(),
    createdAt: '2025-06-02T10:00:00.000Z',
    updatedAt: '2025-06-02T10:00:00.000Z',
  };
  if (description !== undefined) record.description = description;
  return record;
}

/** A v1 user record from an entity, with the derived fields v1 stored. */
export function v1User(user: EndUser): UserRecord {
  const facts = userFacts(user);
  const { isActive, ...rest } = user;
  const record: UserRecord = {
    ...rest,
    usernameKey: user.username.toLowerCase(),
    isActive: bit(isActive),
    domain: facts.domain,
    anonymous: bit(facts.isAnonymous),
  };
  // Present only on counted users, so that the distinct-email index skips the others.
  const emailKey = emailKeyOf(user);
  if (facts.isActive && !facts.isAnonymous && emailKey) record.emailKey = emailKey;
  return record;
}

/** v1's tally rows for a set of user records. */
export function v1Tallies(users: readonly UserRecord[]): TallyRecord[] {
  const byKey = new Map<string, TallyRecord>();
  for (const user of users) {
    const key = JSON.stringify([user.environmentId, user.domain, user.isActive, user.anonymous]);
    const tally = byKey.get(key);
    if (tally) tally.count++;
    else
      byKey.set(key, {
        environmentId: user.environmentId,
        domain: user.domain,
        isActive: user.isActive,
        anonymous: user.anonymous,
        count: 1,
      });
  }
  return [...byKey.values()];
}

/** Writes `data` (and the tallies its users imply) into a new database that is at schema v1, then closes it. */
export async function writeV1Database(name: string, data: V1Data): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores(SCHEMA_V1);
  await db.open();
  try {
    assertVersion1(db.verno);
    await db.transaction('rw', db.tables, async () => {
      await db.table('environments').bulkAdd(data.environments);
      await db.table('users').bulkAdd(data.users);
      await db.table('tallies').bulkAdd(v1Tallies(data.users));
      await db.table('groups').bulkAdd(data.groups);
      await db.table('memberships').bulkAdd(data.memberships);
      await db.table('roles').bulkAdd(data.roles);
      await db.table('userRoles').bulkAdd(data.userRoles);
      await db.table('groupRoles').bulkAdd(data.groupRoles);
      await db.table('settings').bulkAdd(data.settings);
      await db
        .table('audit')
        .add({ at: '2025-06-01T10:00:00.000Z', action: 'import', entity: 'user', entityId: '*', summary: 'v1 data' });
    });
  } finally {
    db.close();
  }
}

function assertVersion1(version: number): void {
  if (version !== 1) throw new Error(`Expected a v1 database, got version ${version}`);
}

/** The table names and version of a database as it is now, read without declaring a schema. */
export async function storedSchemaOf(name: string): Promise<{ version: number; tables: string[] }> {
  const db = new Dexie(name);
  await db.open();
  try {
    return { version: db.verno, tables: db.tables.map((table) => table.name).sort() };
  } finally {
    db.close();
  }
}
