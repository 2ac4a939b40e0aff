/**
 * Roster's users and groups as SCIM 2.0 resources (RFC 7643), in one ListResponse (RFC 7644):
 * what `roster.exportScim` writes and `readScim` reads back. Pure: the API gathers the records.
 */
import { SCIM_GROUP, SCIM_LIST, SCIM_USER } from './scim';

export interface ScimUserSource {
  id: string;
  username: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: boolean;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
  /** The user's groups (id and name) and direct roles (`application/role`). */
  groups: { id: string; name: string }[];
  roles: string[];
}

export interface ScimGroupSource {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  members: { id: string; username: string }[];
  /** The roles granted to the group (`application/role`), written as a User's are. */
  roles: string[];
}

export function scimUser(user: ScimUserSource): Record<string, unknown> {
  return {
    schemas: [SCIM_USER],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.username,
    ...(user.name ? { name: { formatted: user.name }, displayName: user.name } : {}),
    ...(user.email ? { emails: [{ value: user.email, type: 'work', primary: true }] } : {}),
    ...(user.mobilePhone ? { phoneNumbers: [{ value: user.mobilePhone, type: 'mobile' }] } : {}),
    active: user.isActive,
    ...(user.groups.length ? { groups: user.groups.map((group) => ({ value: group.id, display: group.name })) } : {}),
    ...(user.roles.length ? { roles: user.roles.map((role) => ({ value: role })) } : {}),
    meta: { resourceType: 'User', created: user.createdAt, lastModified: user.updatedAt },
  };
}

export function scimGroup(group: ScimGroupSource): Record<string, unknown> {
  return {
    schemas: [SCIM_GROUP],
    id: group.id,
    displayName: group.name,
    members: group.members.map((member) => ({ value: member.id, display: member.username, type: 'User' })),
    // Not an attribute of RFC 7643's Group: Roster's own, in the shape of a User's `roles`, so
    // that an export imported elsewhere gives each group its roles back (readScim reads it).
    ...(group.roles.length ? { roles: group.roles.map((role) => ({ value: role })) } : {}),
    meta: { resourceType: 'Group', created: group.createdAt, lastModified: group.updatedAt },
  };
}

export function scimListResponse(resources: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    schemas: [SCIM_LIST],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
