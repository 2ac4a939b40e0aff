/**
 * The require* guards, one per entity and all here: each finds what a call names, or throws
 * `not-found` naming the offending field (`path`). Ids are checked as given (`unknown`): a
 * non-string id is not found. Environments, groups and roles are read from the database in
 * the caller's transaction; users from the index, which the caller has synced
 * (readWithIndex, writeWithIndex).
 */
import { defaultTenantId } from '../domain';
import {
  getEnvironment,
  getGroup,
  getRole,
  getTenant,
  type EnvironmentRecord,
  type GroupRecord,
  type RoleRecord,
  type TenantRecord,
} from '../db';
import type { ApiContext } from './context';
import { RosterError, type RosterIssue } from './errors';
import { findUser, type FoundSlot, type LoadedUser } from './user-access';

export async function requireEnvironment(context: ApiContext, id: unknown, path = 'id'): Promise<EnvironmentRecord> {
  const record = typeof id === 'string' ? await getEnvironment(context.db, id) : undefined;
  if (!record) throw RosterError.notFound(path, `No environment has the id "${String(id)}".`);
  return record;
}

export async function requireTenant(context: ApiContext, id: unknown, path = 'id'): Promise<TenantRecord> {
  const record = typeof id === 'string' ? await getTenant(context.db, id) : undefined;
  if (!record) throw RosterError.notFound(path, `No tenant has the id "${String(id)}".`);
  return record;
}

/**
 * The tenant a new user or group of `environmentId` goes into: the one named (which must be the
 * environment's, else `validation` on `path`), or the environment's default tenant.
 */
export async function tenantFor(
  context: ApiContext,
  environmentId: string,
  tenantId: string | undefined,
  path = 'tenantId',
): Promise<TenantRecord> {
  const tenant = await requireTenant(context, tenantId ?? defaultTenantId(environmentId), path);
  if (tenant.environmentId !== environmentId)
    throw RosterError.validation(path, `The tenant ${tenant.name} belongs to another environment.`);
  return tenant;
}

export async function requireGroup(context: ApiContext, id: unknown, path = 'id'): Promise<GroupRecord> {
  const record = typeof id === 'string' ? await getGroup(context.db, id) : undefined;
  if (!record) throw RosterError.notFound(path, `No group has the id "${String(id)}".`);
  return record;
}

export async function requireRole(context: ApiContext, id: unknown, path = 'id'): Promise<RoleRecord> {
  const record = typeof id === 'string' ? await getRole(context.db, id) : undefined;
  if (!record) throw RosterError.notFound(path, `No role has the id "${String(id)}".`);
  return record;
}

/** A role that may be granted to a holder of `environmentId`: not built-in, same environment (else `validation`). */
export async function requireGrantableRole(
  context: ApiContext,
  id: unknown,
  environmentId: string,
  path = 'roleId',
): Promise<RoleRecord> {
  const role = await requireRole(context, id, path);
  if (role.builtIn)
    throw RosterError.validation(path, `${role.name} is a built-in role: it can be neither granted nor revoked.`);
  if (role.environmentId !== environmentId)
    throw RosterError.validation(path, `The role ${role.application} / ${role.name} belongs to another environment.`);
  return role;
}

export function requireUser(context: ApiContext, id: unknown, path = 'id'): LoadedUser {
  const found = findUser(context, id);
  if (!found) throw RosterError.notFound(path, `No user has the id "${String(id)}".`);
  return found;
}

/**
 * The places in the index of the users with these ids, for bulk work that needs no user
 * objects; every missing id is reported, by its position in the list.
 */
export function requireUsers(context: ApiContext, ids: readonly string[], path = 'ids'): FoundSlot[] {
  const { userIndex } = context;
  const found: FoundSlot[] = [];
  const missing: RosterIssue[] = [];
  ids.forEach((id, index) => {
    const slot = userIndex.slotOf(id);
    if (slot === undefined) missing.push({ path: `${path}.${index}`, message: `No user has the id "${id}".` });
    else found.push({ slot, environment: userIndex.environmentOfSlot(slot) });
  });
  if (missing.length) throw new RosterError('not-found', missing);
  return found;
}

/**
 * Checks that every id is a user of `environmentId` and returns the ids: a missing id is
 * `not-found`, a user of another environment a `validation` error; both name the list item.
 * Reads the index only (no user objects are built), so tens of thousands of ids are cheap.
 */
export function requireUsersIn(
  context: ApiContext,
  ids: readonly string[],
  environmentId: string,
  path = 'userIds',
): readonly string[] {
  const { userIndex } = context;
  const missing: RosterIssue[] = [];
  const foreign: RosterIssue[] = [];
  ids.forEach((id, index) => {
    const slot = userIndex.slotOf(id);
    if (slot === undefined) missing.push({ path: `${path}.${index}`, message: `No user has the id "${id}".` });
    else if (userIndex.environmentOfSlot(slot).environmentId !== environmentId) {
      foreign.push({
        path: `${path}.${index}`,
        message: `User "${userIndex.columns.usernames[slot]!}" belongs to another environment.`,
      });
    }
  });
  if (missing.length) throw new RosterError('not-found', missing);
  if (foreign.length) throw new RosterError('validation', foreign);
  return ids;
}

/**
 * Checks that every user (already found in the environment) belongs to the tenant `tenant`
 * (as a group's members must): a user of another tenant is a `validation` error naming it.
 */
export function requireUsersOfTenant(
  context: ApiContext,
  ids: readonly string[],
  tenant: Pick<TenantRecord, 'id' | 'name' | 'environmentId' | 'isDefault'>,
  path = 'userIds',
): void {
  const { userIndex } = context;
  const { columns } = userIndex;
  const wanted = tenant.isDefault === 1 ? undefined : tenant.id;
  const others: RosterIssue[] = [];
  ids.forEach((id, index) => {
    const slot = userIndex.slotOf(id)!;
    if (columns.tenantOf(slot) !== wanted) {
      others.push({
        path: `${path}.${index}`,
        message:
          `User "${columns.usernames[slot]!}" belongs to another tenant than ${tenant.name}: ` +
          "a group's members come from its own tenant.",
      });
    }
  });
  if (others.length) throw new RosterError('validation', others);
}
