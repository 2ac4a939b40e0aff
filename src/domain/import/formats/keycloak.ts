/**
 * Keycloak: a realm export (one realm object, or an array of them, as `kc.sh export` and the
 * admin console write) or a users file (`{ "realm": "acme", "users": [...] }`, acme-users-0.json).
 * Groups are paths (`/top/child` becomes the group `top/child`: Roster groups do not nest);
 * realm roles become roles of an application named after the realm, client roles roles of an
 * application named after each client; the realm's group tree gives the groups' roles.
 * Credentials, federated identities and attributes are never read.
 */
import { parseRoleName, type ImportRoleName } from '../cells';
import {
  cellOf,
  isObject,
  listCell,
  rolesCell,
  sheetOf,
  stringsOf,
  type FileGroup,
  type FlatUser,
  type JsonSheet,
} from './json-sheet';

/** The roles Keycloak gives every user of a realm: left out, as Roster's built-in roles are. */
function isBuiltInRole(realm: string, application: string, role: string): boolean {
  if (application === realm) return ['offline_access', 'uma_authorization', `default-roles-${realm}`].includes(role);
  return application === 'account' && ['manage-account', 'view-profile', 'manage-account-links'].includes(role);
}

const ORDER = ['username', 'email', 'firstName', 'lastName', 'enabled', 'id', 'createdTimestamp', 'groups', 'roles'];

/** Whether a document is Keycloak's: a realm, an array of realms, or a users file. */
export function isKeycloak(document: unknown): boolean {
  const realms = Array.isArray(document) ? document : [document];
  return realms.length > 0 && realms.every((realm) => isObject(realm) && typeof realm.realm === 'string');
}

function rolesOf(realm: string, owner: Record<string, unknown>, left: Set<string>): ImportRoleName[] {
  const roles: ImportRoleName[] = [];
  const add = (application: string, name: string) => {
    if (isBuiltInRole(realm, application, name)) left.add(`${application}/${name}`);
    else {
      // Split as a user's roles cell is read (at the last `/`), so that a client id or role name
      // holding a `/` gives the group tree and the users one and the same role.
      const role = parseRoleName(`${application}/${name}`);
      if (role) roles.push(role);
    }
  };
  for (const name of stringsOf(owner.realmRoles)) add(realm, name);
  if (isObject(owner.clientRoles))
    for (const [client, names] of Object.entries(owner.clientRoles))
      for (const name of stringsOf(names)) add(client, name);
  return roles;
}

/** `/top/child` → `top/child`. */
export function groupName(path: string): string {
  return path.replace(/^\/+/, '').trim();
}

function groupTree(realm: string, groups: unknown, parent: string, left: Set<string>, into: FileGroup[]): void {
  if (!Array.isArray(groups)) return;
  for (const group of groups) {
    if (!isObject(group) || typeof group.name !== 'string') continue;
    const path = typeof group.path === 'string' ? groupName(group.path) : `${parent}${group.name}`;
    into.push({ name: path, roles: rolesOf(realm, group, left) });
    groupTree(realm, group.subGroups, `${path}/`, left, into);
  }
}

export function readKeycloak(document: unknown): JsonSheet {
  const realms = (Array.isArray(document) ? document : [document]).filter(isObject);
  const users: FlatUser[] = [];
  const groups: FileGroup[] = [];
  const left = new Set<string>();
  let secrets = false;
  let fullRealm = false;
  for (const realm of realms) {
    const name = String(realm.realm);
    if ('groups' in realm || 'clients' in realm || 'roles' in realm) fullRealm = true;
    groupTree(name, realm.groups, '', left, groups);
    for (const user of Array.isArray(realm.users) ? realm.users : []) {
      if (!isObject(user)) {
        users.push({});
        continue;
      }
      if ('credentials' in user || 'federatedIdentities' in user || 'attributes' in user) secrets = true;
      users.push({
        username: cellOf(user.username),
        email: cellOf(user.email),
        firstName: cellOf(user.firstName),
        lastName: cellOf(user.lastName),
        enabled: cellOf(user.enabled),
        id: cellOf(user.id),
        createdTimestamp: cellOf(user.createdTimestamp),
        groups: listCell(stringsOf(user.groups).map(groupName).filter(Boolean)),
        roles: rolesCell(rolesOf(name, user, left)),
      });
    }
  }
  const notes: string[] = [];
  if (secrets) notes.push('Credentials, federated identities and attributes are never read.');
  if (left.size)
    notes.push(`Keycloak's default roles are left out, as every user holds them: ${[...left].sort().join(', ')}.`);
  return {
    format: 'keycloak',
    variant: fullRealm ? 'keycloak-realm' : 'keycloak-users',
    label: fullRealm ? 'Keycloak realm export' : 'Keycloak users file',
    ...sheetOf(users, ORDER),
    groups,
    notes,
    listsByLine: true,
    columns: {
      username: 'username',
      email: 'email',
      firstname: 'givenName',
      lastname: 'familyName',
      enabled: 'isActive',
      id: 'externalId',
      createdtimestamp: { note: 'creation information: Roster sets its own creation time' },
      groups: 'groups',
      roles: 'roles',
    },
  };
}
