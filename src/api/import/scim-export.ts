/**
 * `roster.exportScim`: an environment's users and groups as one SCIM 2.0 ListResponse (User and
 * Group resources), and `roster.importScim`, its way back in. The resources are built by the
 * pure src/domain/import/formats/scim-write.ts; importScim is importFile with the SCIM format.
 */
import { scimGroup, scimListResponse, scimUser } from '../../domain/import';
import { groupIdsByUser, groupsOfEnvironment, roleIdsByUser, rolesOfEnvironment } from '../../db';
import { yieldToEventLoop } from '../../index';
import type { ApiContext } from '../context';
import { RosterError } from '../errors';
import { requireEnvironment } from '../guards';
import { listUsers } from '../user-list';

const PAGE = 10_000;

export async function exportScim(context: ApiContext, environmentId: string): Promise<Record<string, unknown>> {
  await requireEnvironment(context, environmentId, 'environmentId');
  const [groups, roles, groupsOfUser, rolesOfUser] = await Promise.all([
    groupsOfEnvironment(context.db, environmentId),
    rolesOfEnvironment(context.db, environmentId),
    groupIdsByUser(context.db, environmentId),
    roleIdsByUser(context.db, environmentId),
  ]);
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const roleName = new Map(roles.map((role) => [role.id, `${role.application}/${role.name}`]));
  const members = new Map<string, { id: string; username: string }[]>();
  const users: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listUsers(context, { environmentId, offset, limit: PAGE });
    for (const user of page.items) {
      const ofUser = (groupsOfUser.get(user.id) ?? []).flatMap((id) => groupById.get(id) ?? []);
      for (const group of ofUser) members.set(group.id, [...(members.get(group.id) ?? []), user]);
      users.push(
        scimUser({
          ...user,
          groups: ofUser.map((group) => ({ id: group.id, name: group.name })),
          roles: (rolesOfUser.get(user.id) ?? []).flatMap((id) => roleName.get(id) ?? []).sort(),
        }),
      );
    }
    if (offset + PAGE >= page.total) break;
    await yieldToEventLoop();
  }
  const groupResources = groups.map((group) =>
    scimGroup({
      ...group,
      members: (members.get(group.id) ?? []).map(({ id, username }) => ({ id, username })),
    }),
  );
  return scimListResponse([...users, ...groupResources]);
}

/** A SCIM document as importFile reads it: an object or array as JSON text, text and files as they are. */
export function scimSource(document: unknown): string | Blob {
  if (typeof document === 'string' || document instanceof Blob) return document;
  if (typeof document === 'object' && document !== null) return JSON.stringify(document);
  throw RosterError.validation('document', 'Give a SCIM document: a ListResponse, a resource or an array of them.');
}
