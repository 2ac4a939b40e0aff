/**
 * `roster.exportScim`: an environment's users and groups as one SCIM 2.0 ListResponse (User and
 * Group resources), and `roster.importScim`, its way back in. The resources are built by the
 * pure src/domain/import/formats/scim-write.ts; importScim is importFile with the SCIM format.
 */
import { scimGroup, scimListResponse, scimUser } from '../../domain/import';
import {
  allOf,
  groupIdsByUser,
  groupsOfEnvironment,
  readTransaction,
  roleIdsByUser,
  roleIdsOfGroup,
  rolesOfEnvironment,
} from '../../db';
import { yieldToEventLoop } from '../../index';
import type { ApiContext } from '../context';
import { RosterError } from '../errors';
import { requireEnvironment } from '../guards';
import { listUsers } from '../user-list';

const PAGE = 10_000;

export async function exportScim(context: ApiContext, environmentId: string): Promise<Record<string, unknown>> {
  const { db } = context;
  // One read transaction for the groups, roles and grants, so that they agree with each other
  // (a group deleted meanwhile cannot keep members or roles). Users come from the synced index,
  // page by page, as the CSV export reads them.
  const [groups, roles, groupsOfUser, rolesOfUser, rolesOfGroup] = await readTransaction(db, async () => {
    await requireEnvironment(context, environmentId, 'environmentId');
    const found = await allOf([
      groupsOfEnvironment(db, environmentId),
      rolesOfEnvironment(db, environmentId),
      groupIdsByUser(db, environmentId),
      roleIdsByUser(db, environmentId),
    ] as const);
    const roleIds = await allOf(found[0].map((group) => roleIdsOfGroup(db, group.id)));
    return [...found, roleIds] as const;
  });
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const roleName = new Map(roles.map((role) => [role.id, `${role.application}/${role.name}`]));
  const roleNames = (ids: readonly string[] | undefined) => (ids ?? []).flatMap((id) => roleName.get(id) ?? []).sort();
  // Each group's list grows in place: copying it on every member made a large group quadratic.
  const members = new Map<string, { id: string; username: string }[]>();
  const users: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listUsers(context, { environmentId, offset, limit: PAGE });
    for (const user of page.items) {
      const ofUser = (groupsOfUser.get(user.id) ?? []).flatMap((id) => groupById.get(id) ?? []);
      for (const group of ofUser) {
        const list = members.get(group.id);
        if (list) list.push(user);
        else members.set(group.id, [user]);
      }
      users.push(
        scimUser({
          ...user,
          groups: ofUser.map((group) => ({ id: group.id, name: group.name })),
          roles: roleNames(rolesOfUser.get(user.id)),
        }),
      );
    }
    if (offset + PAGE >= page.total) break;
    await yieldToEventLoop();
  }
  const groupResources = groups.map((group, index) =>
    scimGroup({
      ...group,
      members: (members.get(group.id) ?? []).map(({ id, username }) => ({ id, username })),
      roles: roleNames(rolesOfGroup[index]),
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
