/** Effective roles: a user's direct roles plus the roles of every group the user belongs to. */
import type { Group, Role } from './types';

export interface EffectiveRole {
  role: Role;
  direct: boolean;
  inheritedFrom: Group[];
}

export interface RoleGrants {
  isActive: boolean;
  directRoleIds: Iterable<string>;
  /** The user's groups, each with the ids of the roles granted to it. */
  groups: Iterable<{ group: Group; roleIds: Iterable<string> }>;
}

/**
 * The effective roles of a user, each saying whether it is granted directly and which
 * groups it is inherited from. An inactive user has none (the grants are kept and apply
 * again on reactivation). Sorted by application, then role name.
 */
export function effectiveRoles(grants: RoleGrants, rolesById: ReadonlyMap<string, Role>): EffectiveRole[] {
  if (!grants.isActive) return [];
  const byRole = new Map<string, EffectiveRole>();
  const entry = (roleId: string): EffectiveRole | undefined => {
    const role = rolesById.get(roleId);
    if (!role) return undefined;
    let effective = byRole.get(roleId);
    if (!effective) byRole.set(roleId, (effective = { role, direct: false, inheritedFrom: [] }));
    return effective;
  };
  for (const roleId of grants.directRoleIds) {
    const effective = entry(roleId);
    if (effective) effective.direct = true;
  }
  for (const { group, roleIds } of grants.groups) {
    for (const roleId of roleIds) {
      const effective = entry(roleId);
      if (effective && !effective.inheritedFrom.some((g) => g.id === group.id)) effective.inheritedFrom.push(group);
    }
  }
  return [...byRole.values()].sort(
    (a, b) => a.role.application.localeCompare(b.role.application) || a.role.name.localeCompare(b.role.name),
  );
}

/** Whether a user holds a role, directly or through a group; always false while inactive. */
export function hasRole(grants: RoleGrants, roleId: string, rolesById: ReadonlyMap<string, Role>): boolean {
  return effectiveRoles(grants, rolesById).some((effective) => effective.role.id === roleId);
}
