/**
 * The second stage of an import: the rows read from the file meet the environment as it is.
 * Each row becomes create, update, unchanged or error; groups and roles named by the rows are
 * found (or planned, with createMissing); and the counting facts that move are tallied, so a
 * dry run can say how each limit would move. Runs on the main thread against the synced user
 * index, in slices; a dry run and an apply plan alike, the apply inside its transaction.
 */
import { userFacts, type EndUser, type FactTally } from '../../domain';
import { showCell, type FileGroup, type ImportRoleName } from '../../domain/import';
import type { GroupRecord, RoleRecord, TenantRecord } from '../../db';
import { SliceClock, type EnvironmentUsers, type Pause } from '../../index';
import type { ApiContext } from '../context';
import { USER_FIELDS } from '../users.api';
import {
  REPORTED_ROWS,
  type ImportGroupReport,
  type ImportRowReport,
  type ImportedUser,
  type ReadRow,
  type ValidImportOptions,
} from './import-types';

export interface PlannedCreate {
  id: string;
  user: ImportedUser;
  /** The user's tenant when it is not the environment's default one. */
  storedTenant?: string;
}

/** A tenant a row names that does not exist yet (createMissing): its id is chosen at planning. */
export interface PlannedTenant {
  id: string;
  name: string;
}

export interface PlannedUpdate {
  slot: number;
  after: EndUser;
}

export interface ImportPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  /** User ids to add to each group, by its key (groupKey: tenant and case-folded name). */
  members: Map<string, string[]>;
  /** User ids to grant each role, by the role's case-folded `application/name`. */
  grants: Map<string, string[]>;
  /** Groups and roles to create (createMissing), by key (groupKey, roleKey), as the first row wrote them. */
  newGroups: Map<string, { name: string; tenantId: string }>;
  newRoles: Map<string, ImportRoleName>;
  /** Tenants to create (createMissing), by case-folded name. */
  newTenants: Map<string, PlannedTenant>;
  rows: ImportRowReport[];
  totals: { rows: number; create: number; update: number; unchanged: number; error: number };
  /** Roles to grant each group the file defines, by the group's and the roles' case-folded keys. */
  groupGrants: Map<string, string[]>;
  /** The groups the file defines, as the report gives them. */
  groups: ImportGroupReport[];
  /** How the environment's tallies move: the facts added and removed. */
  tallyChanges: FactTally[];
}

/** What the plan needs to know of the environment besides its users. */
export interface ImportWorld {
  environment: EnvironmentUsers;
  /** The environment's tenants, and the one rows go into when they name none. */
  tenants: readonly TenantRecord[];
  tenant: TenantRecord;
  /** Every group of the environment, of every tenant. */
  groups: readonly GroupRecord[];
  roles: readonly RoleRecord[];
  /** For upsert: the groups and the direct roles each existing user named by the file has now. */
  groupIdsOf: (userId: string) => readonly string[];
  roleIdsOf: (userId: string) => readonly string[];
  /** The roles each group the file defines holds now (by the group's id). */
  roleIdsOfGroup?: (groupId: string) => readonly string[];
  /** Groups the file defines, with the roles granted to them. */
  fileGroups?: readonly FileGroup[];
}

const SCALAR_FIELDS = USER_FIELDS.filter((field) => field !== 'username' && field !== 'isActive');

export const roleKey = (role: ImportRoleName): string => `${role.application}/${role.name}`.toLowerCase();

/** A group's key in a plan: group names are unique within a tenant. */
export const groupKey = (tenantId: string, name: string): string => `${tenantId}\u0000${name.toLowerCase()}`;

const MISSING_HINT = 'create it first, or let the import create missing groups, roles and tenants.';

export async function planImport(
  context: ApiContext,
  rows: readonly ReadRow[],
  world: ImportWorld,
  options: Pick<ValidImportOptions, 'mode' | 'createMissing' | 'dryRun'>,
  /** The fields the file's columns fill (an empty cell of such a column clears an optional field). */
  given: ReadonlySet<string>,
  pause: Pause,
  onChecked: (rows: number) => void = () => undefined,
): Promise<ImportPlan> {
  const { columns } = context.userIndex;
  const groupsByKey = new Map(world.groups.map((group) => [groupKey(group.tenantId, group.nameKey), group]));
  const tenantsByKey = new Map(world.tenants.map((tenant) => [tenant.nameKey, tenant]));
  const rolesByKey = new Map(world.roles.map((role) => [role.key, role]));
  const plan: ImportPlan = {
    creates: [],
    updates: [],
    members: new Map(),
    grants: new Map(),
    newGroups: new Map(),
    newRoles: new Map(),
    newTenants: new Map(),
    rows: [],
    totals: { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 },
    groupGrants: new Map(),
    groups: [],
    tallyChanges: [],
  };
  /** A role named by the file: its key when found or planned, else the reason it cannot be granted. */
  const resolveRole = (role: ImportRoleName, where: string): { key: string } | { error: string } => {
    const key = roleKey(role);
    const found = rolesByKey.get(key);
    if (found?.builtIn)
      return { error: `${where}: ${found.application} / ${found.name} is built in: every active user holds it.` };
    if (found || plan.newRoles.has(key)) return { key };
    if (options.createMissing) {
      plan.newRoles.set(key, role);
      return { key };
    }
    return {
      error:
        `${where}: no role ${showCell(`${role.application}/${role.name}`)} exists in this environment; ` + MISSING_HINT,
    };
  };
  planFileGroups(world, options, plan, groupsByKey, resolveRole);
  const tallies = new Map<string, FactTally>();
  // Only a dry run says how the counts would move; an import reads them after writing.
  const moveTally = (user: Parameters<typeof userFacts>[0], delta: number, tenantId: string | undefined) => {
    if (!options.dryRun) return;
    const facts = userFacts(user);
    const key = `${facts.domain}|${+facts.isActive}|${+facts.isAnonymous}|${tenantId ?? ''}`;
    const tally: FactTally = tallies.get(key) ?? {
      domain: facts.domain,
      isActive: facts.isActive,
      isAnonymous: facts.isAnonymous,
      count: 0,
      ...(tenantId === undefined ? {} : { tenantId }),
    };
    tally.count += delta;
    tallies.set(key, tally);
  };
  /** The tenant a row's user goes into: the one it names (found, or planned with createMissing), else the import's. */
  const tenantOf = (read: ReadRow): { id: string; isDefault: boolean } | { error: string } => {
    if (read.tenant === undefined) return { id: world.tenant.id, isDefault: world.tenant.isDefault === 1 };
    const key = read.tenant.toLowerCase();
    const found = tenantsByKey.get(key);
    if (found) return { id: found.id, isDefault: found.isDefault === 1 };
    let planned = plan.newTenants.get(key);
    if (!planned && options.createMissing)
      plan.newTenants.set(key, (planned = { id: context.newId(), name: read.tenant }));
    if (planned) return { id: planned.id, isDefault: false };
    return {
      error:
        `row ${read.row}, tenant: no tenant is named ${showCell(read.tenant)} in this environment; ` + MISSING_HINT,
    };
  };
  const clock = new SliceClock(pause);
  let others = 0;

  for (const [index, read] of rows.entries()) {
    // Every thousand rows, not every row: inside a transaction, Dexie follows only a bounded
    // number of native awaits that issue no request, and the clock issues one only when it pauses.
    if ((index & 1023) === 1023) {
      onChecked(index);
      if (clock.due()) await clock.pause();
    }
    const errors = [...read.errors];
    const user = read.user;
    const groupKeys: string[] = [];
    const roleKeys: string[] = [];
    const tenant = user ? tenantOf(read) : undefined;
    if (tenant && 'error' in tenant) errors.push(tenant.error);
    const tenantId = tenant && 'id' in tenant ? tenant.id : world.tenant.id;
    const storedTenant = tenant && 'id' in tenant && !tenant.isDefault ? tenant.id : undefined;
    if (user) {
      for (const name of read.groups ?? []) {
        const key = groupKey(tenantId, name);
        if (groupsByKey.has(key) || plan.newGroups.has(key)) groupKeys.push(key);
        else if (options.createMissing) {
          plan.newGroups.set(key, { name, tenantId });
          groupKeys.push(key);
        } else {
          const where = tenantId === world.tenant.id ? 'this environment' : `the tenant ${showCell(read.tenant ?? '')}`;
          errors.push(`row ${read.row}, groups: no group is named ${showCell(name)} in ${where}; ${MISSING_HINT}`);
        }
      }
      for (const role of read.roles ?? []) {
        const resolved = resolveRole(role, `row ${read.row}, roles`);
        if ('key' in resolved) roleKeys.push(resolved.key);
        else errors.push(resolved.error);
      }
    }
    const slot = user && world.environment.slotOfUsername(user.username.toLowerCase(), storedTenant);
    if (user && slot !== undefined && options.mode === 'create') {
      const where = read.tenant === undefined ? 'this environment' : `the tenant ${showCell(read.tenant)}`;
      errors.push(`row ${read.row}, username: ${showCell(user.username)} is already taken in ${where}.`);
    }
    if (!user || errors.length) {
      plan.totals.error++;
      const username = user?.username ?? read.username;
      plan.rows.push({
        row: read.row,
        action: 'error',
        ...(username ? { username } : {}),
        errors,
        ...(read.cells ? { cells: read.cells } : {}),
      });
      continue;
    }

    let id: string;
    let action: 'create' | 'update' | 'unchanged';
    if (slot === undefined) {
      id = context.newId();
      plan.creates.push(storedTenant === undefined ? { id, user } : { id, user, storedTenant });
      moveTally({ ...user, isActive: user.isActive ?? true }, +1, storedTenant);
      action = 'create';
    } else {
      id = columns.ids[slot]!;
      const before = columns.toUser(slot, world.environment.environmentId);
      const after = merged(before, user, given);
      const heldGroups = new Set(world.groupIdsOf(id));
      const heldRoles = new Set(world.roleIdsOf(id));
      const joins = groupKeys.filter((key) => !heldGroups.has(groupsByKey.get(key)?.id ?? ''));
      const grants = roleKeys.filter((key) => !heldRoles.has(rolesByKey.get(key)?.id ?? ''));
      groupKeys.splice(0, groupKeys.length, ...joins);
      roleKeys.splice(0, roleKeys.length, ...grants);
      const fieldsChanged = USER_FIELDS.some((field) => before[field] !== after[field]);
      if (fieldsChanged) {
        plan.updates.push({ slot, after });
        moveTally(before, -1, storedTenant);
        moveTally(after, +1, storedTenant);
      }
      action = fieldsChanged || joins.length || grants.length ? 'update' : 'unchanged';
    }
    for (const key of groupKeys) push(plan.members, key, id);
    for (const key of roleKeys) push(plan.grants, key, id);
    plan.totals[action]++;
    if (others++ < REPORTED_ROWS) plan.rows.push({ row: read.row, action, username: user.username, errors: [] });
  }
  plan.tallyChanges = [...tallies.values()].filter((tally) => tally.count !== 0);
  return plan;
}

/**
 * The groups the file defines: each found, or planned with createMissing (else in error), and
 * the roles the file grants it that it does not hold yet.
 */
function planFileGroups(
  world: ImportWorld,
  options: Pick<ValidImportOptions, 'createMissing'>,
  plan: ImportPlan,
  groupsByKey: ReadonlyMap<string, GroupRecord>,
  resolveRole: (role: ImportRoleName, where: string) => { key: string } | { error: string },
): void {
  const rolesByKey = new Map(world.roles.map((role) => [role.key, role]));
  for (const group of world.fileGroups ?? []) {
    // The groups a file defines go into the import's tenant.
    const key = groupKey(world.tenant.id, group.name);
    const where = `group ${showCell(group.name)}`;
    const errors: string[] = [];
    const found = groupsByKey.get(key);
    const known = found || plan.newGroups.has(key);
    if (!known && options.createMissing) plan.newGroups.set(key, { name: group.name, tenantId: world.tenant.id });
    else if (!known) errors.push(`${where}: no group has this name in this environment; ${MISSING_HINT}`);
    const held = new Set(found ? (world.roleIdsOfGroup?.(found.id) ?? []) : []);
    const grants: string[] = [];
    for (const role of group.roles) {
      const resolved = resolveRole(role, `${where}, roles`);
      if ('error' in resolved) errors.push(resolved.error);
      else if (!held.has(rolesByKey.get(resolved.key)?.id ?? '') && !grants.includes(resolved.key))
        grants.push(resolved.key);
    }
    const roles = group.roles.map((role) => `${role.application}/${role.name}`);
    if (errors.length) {
      plan.groups.push({ name: group.name, action: 'error', roles, errors });
      continue;
    }
    if (grants.length) plan.groupGrants.set(key, [...(plan.groupGrants.get(key) ?? []), ...grants]);
    const action = !found ? 'create' : grants.length ? 'update' : 'unchanged';
    plan.groups.push({ name: group.name, action, roles, errors: [] });
  }
}

/** An existing user with the fields the file gives: a given column's empty cell clears an optional field. */
function merged(before: EndUser, user: ImportedUser, given: ReadonlySet<string>): EndUser {
  const after: EndUser = { ...before, username: user.username };
  if (user.isActive !== undefined) after.isActive = user.isActive;
  for (const field of SCALAR_FIELDS) {
    if (!given.has(field)) continue;
    const value = user[field];
    if (value === undefined) delete after[field];
    else after[field] = value;
  }
  return after;
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
