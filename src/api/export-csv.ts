/**
 * `roster.exportCsv`: the users a list query matches as a CSV file (UTF-8 with a BOM, CRLF,
 * formulas neutralised), one row per user with the `groups` and direct `roles` columns in the
 * import's format, so that exporting and importing into another environment gives back the
 * same users, groups and direct roles. Built as a Blob of parts, a page of users at a time, so
 * that a million users never become one string.
 */
import { CSV_BOM, csvRecords, type CsvCell } from '../domain';
import { groupIdsByUser, groupsOfEnvironment, roleIdsByUser, rolesOfEnvironment, tenantsOfEnvironment } from '../db';
import { yieldToEventLoop } from '../index';
import type { ApiContext } from './context';
import { requireEnvironment } from './guards';
import type { UserListQuery } from './schemas';
import { listUsers } from './user-list';

/** The columns of Roster's CSV export, in order. */
export const EXPORT_HEADER = [
  'environment',
  'username',
  'name',
  'email',
  'mobilePhone',
  'class',
  'active',
  'lastLogin',
  'createdAt',
  'externalId',
  'groups',
  'roles',
  // The user's tenant by name; empty for the environment's default tenant (an import puts those in its own).
  'tenant',
] as const;

/** Users read per page, and so per part of the Blob. */
const PAGE = 10_000;

export type ExportQuery = Omit<UserListQuery, 'environmentId' | 'offset' | 'limit'>;

export async function exportCsv(context: ApiContext, environmentId: string, query: ExportQuery = {}): Promise<Blob> {
  const environment = await requireEnvironment(context, environmentId, 'environmentId');
  const [tenants, groups, roles, groupsOfUser, rolesOfUser] = await Promise.all([
    tenantsOfEnvironment(context.db, environmentId),
    groupsOfEnvironment(context.db, environmentId),
    rolesOfEnvironment(context.db, environmentId),
    groupIdsByUser(context.db, environmentId),
    roleIdsByUser(context.db, environmentId),
  ]);
  const groupName = new Map(groups.map((group) => [group.id, group.name]));
  const tenantName = new Map(
    tenants.filter((tenant) => tenant.isDefault === 0).map((tenant) => [tenant.id, tenant.name]),
  );
  const roleName = new Map(roles.map((role) => [role.id, `${role.application}/${role.name}`]));
  const names = (ids: readonly string[] | undefined, of: Map<string, string>) =>
    ids
      ?.map((id) => of.get(id))
      .filter((name): name is string => name !== undefined)
      .sort((a, b) => a.localeCompare(b))
      .join(';');

  const parts: string[] = [CSV_BOM, csvRecords([EXPORT_HEADER], EXPORT_HEADER.length, 0)];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listUsers(context, { ...query, environmentId, offset, limit: PAGE });
    const rows: CsvCell[][] = page.items.map((user) => [
      environment.name,
      user.username,
      user.name,
      user.email,
      user.mobilePhone,
      user.class,
      user.isActive ? 'yes' : 'no',
      user.lastLogin,
      user.createdAt,
      user.externalId,
      names(groupsOfUser.get(user.id), groupName),
      names(rolesOfUser.get(user.id), roleName),
      user.tenantId === undefined ? undefined : tenantName.get(user.tenantId),
    ]);
    parts.push(csvRecords(rows, EXPORT_HEADER.length, offset + 2));
    if (offset + PAGE >= page.total) break;
    await yieldToEventLoop();
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
