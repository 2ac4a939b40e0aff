/**
 * SCIM 2.0 (RFC 7643 resources, RFC 7644 messages): a ListResponse, a single resource or a bare
 * array of User and Group resources. A user's name is name.formatted, else givenName and
 * familyName, else displayName; its email the primary one, else the work one, else the first;
 * its phone the mobile one; `active` a boolean or the strings "True"/"False" some providers send.
 * Groups come from each user's `groups` and from Group resources' `members`; a Group's roles from
 * its `roles` (Roster's export writes them as a User's: `value` is `application/role`). Unknown attributes
 * and extensions (the enterprise extension among them) are ignored, never fatal.
 */
import { parseRoleName, type ImportRoleName } from '../cells';
import {
  cellOf,
  isObject,
  listCell,
  rolesCell,
  sheetOf,
  type FileGroup,
  type FlatUser,
  type JsonSheet,
} from './json-sheet';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const ORDER = ['userName', 'name.formatted', 'name.givenName', 'name.familyName', 'email', 'mobile', 'active'];
const TAIL = ['externalId', 'groups', 'roles'];

type Resource = Record<string, unknown>;

function schemasOf(resource: Resource): string[] {
  return Array.isArray(resource.schemas) ? resource.schemas.filter((s): s is string => typeof s === 'string') : [];
}

function kindOf(resource: Resource): 'User' | 'Group' | undefined {
  const schemas = schemasOf(resource);
  const type = isObject(resource.meta) ? resource.meta.resourceType : undefined;
  if (schemas.includes(SCIM_USER) || type === 'User' || typeof resource.userName === 'string') return 'User';
  if (schemas.includes(SCIM_GROUP) || type === 'Group' || Array.isArray(resource.members)) return 'Group';
  return undefined;
}

/** The resources of a SCIM document, or undefined when it is none. */
function resourcesOf(document: unknown): Resource[] | undefined {
  if (Array.isArray(document)) return document.filter(isObject);
  if (!isObject(document)) return undefined;
  if (schemasOf(document).includes(SCIM_LIST) || Array.isArray(document.Resources))
    return Array.isArray(document.Resources) ? document.Resources.filter(isObject) : [];
  return [document];
}

/**
 * Whether a document is SCIM: a ListResponse, or resources among which a User or a Group. Other
 * resources (a provider's own types) are left out with a note by `readScim`, in a bare array as
 * in a ListResponse, rather than making the whole file unreadable.
 */
export function isScim(document: unknown): boolean {
  const resources = resourcesOf(document);
  if (!resources) return false;
  if (isObject(document) && schemasOf(document).includes(SCIM_LIST)) return true;
  return resources.some((resource) => kindOf(resource) !== undefined);
}

/** The entries of a multi-valued attribute (emails, phoneNumbers, groups, members, roles). */
function entries(value: unknown): Resource[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** `true`, `"True"`, `"false"`: a SCIM boolean as some providers send it; else absent. */
function booleanCell(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase();
  return cellOf(value);
}

/** The primary email, else the work one, else the first. */
function emailOf(user: Resource): string | undefined {
  const emails = entries(user.emails);
  const primary = emails.find(
    (email) => email.primary === true || email.primary === 'true' || email.primary === 'True',
  );
  const chosen = primary ?? emails.find((email) => email.type === 'work') ?? emails[0];
  return cellOf(chosen?.value);
}

function mobileOf(user: Resource): string | undefined {
  return cellOf(entries(user.phoneNumbers).find((phone) => phone.type === 'mobile')?.value);
}

export function readScim(document: unknown): JsonSheet {
  const resources = resourcesOf(document) ?? [];
  const users = resources.filter((resource) => kindOf(resource) === 'User');
  const groupResources = resources.filter((resource) => kindOf(resource) === 'Group');
  const notes: string[] = [];
  const others = resources.length - users.length - groupResources.length;
  if (others)
    notes.push(
      others === 1
        ? '1 resource that is neither a User nor a Group was left out.'
        : `${others} resources that are neither Users nor Groups were left out.`,
    );

  // A Group's members name users by their id in this file, else by userName (display).
  const groupsOfUser = new Map<number, string[]>();
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  users.forEach((user, index) => {
    if (typeof user.id === 'string') byId.set(user.id, index);
    if (typeof user.userName === 'string') byName.set(user.userName.toLowerCase(), index);
  });
  let ignoredRoles = 0;
  /** `roles[].value` as `application/role` (Roster's export writes them so, for Users and Groups). */
  const rolesOf = (resource: Resource): ImportRoleName[] => {
    const roles: ImportRoleName[] = [];
    for (const role of entries(resource.roles)) {
      const parsed = parseRoleName(cellOf(role.value) ?? '');
      if (parsed) roles.push(parsed);
      else ignoredRoles++;
    }
    return roles;
  };
  const groups: FileGroup[] = [];
  for (const group of groupResources) {
    const name = cellOf(group.displayName)?.trim();
    if (!name) {
      notes.push('A Group resource without a displayName was left out.');
      continue;
    }
    groups.push({ name, roles: rolesOf(group) });
    for (const member of entries(group.members)) {
      const value = cellOf(member.value);
      const display = cellOf(member.display)?.toLowerCase();
      const at = (value !== undefined ? byId.get(value) : undefined) ?? (display ? byName.get(display) : undefined);
      if (at === undefined) continue;
      groupsOfUser.set(at, [...(groupsOfUser.get(at) ?? []), name]);
    }
  }

  const flat = users.map((user, index): FlatUser => {
    const name = isObject(user.name) ? user.name : {};
    const given = cellOf(name.givenName);
    const family = cellOf(name.familyName);
    const formatted = cellOf(name.formatted) ?? (given || family ? undefined : cellOf(user.displayName));
    const groupNames = [
      ...entries(user.groups).flatMap((group) => cellOf(group.display) ?? []),
      ...(groupsOfUser.get(index) ?? []),
    ];
    const roles = rolesOf(user);
    return {
      userName: cellOf(user.userName),
      'name.formatted': formatted,
      'name.givenName': given,
      'name.familyName': family,
      email: emailOf(user),
      mobile: mobileOf(user),
      active: booleanCell(user.active),
      externalId: cellOf(user.externalId),
      groups: listCell(groupNames),
      roles: rolesCell(roles),
    };
  });
  if (ignoredRoles) notes.push(`${ignoredRoles} role values not written as application/role were left out.`);
  if (users.some((user) => Object.keys(user).some((key) => key.startsWith('urn:') || key === 'password')))
    notes.push('Extensions (such as the enterprise extension) and passwords are never read.');
  return {
    format: 'scim',
    variant: 'scim',
    label: 'SCIM 2.0',
    ...sheetOf(flat, [...ORDER, ...TAIL]),
    groups,
    notes,
    listsByLine: true,
    columns: {
      username: 'username',
      'name.formatted': 'name',
      'name.givenname': 'givenName',
      'name.familyname': 'familyName',
      email: 'email',
      mobile: 'mobilePhone',
      active: 'isActive',
      externalid: 'externalId',
      groups: 'groups',
      roles: 'roles',
    },
  };
}
