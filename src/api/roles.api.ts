/** roles: create, delete, list, grants to users and groups, effective roles and role checks. */
import { effectiveRoles, sortByUsername, type EffectiveRole, type EndUser, type Group, type Role } from '../domain';
import {
  allOf,
  deleteGroupRole,
  deleteRoleCascade,
  deleteUserRole,
  findRoleByKey,
  getGroups,
  getRole,
  groupIdsOfUser,
  groupIdsWithRole,
  memberIdsOf,
  userIdsWithRole,
  putGroupRole,
  putRoles,
  putUserRole,
  readTransaction,
  roleIdsOfGroup,
  roleIdsOfUser,
  rolesOfEnvironment,
  toGroup,
  toRole,
  writeTransaction,
  type GroupRecord,
  type RoleRecord,
} from '../db';
import { audit, type ApiContext } from './context';
import { RosterError, parseInput } from './errors';
import { requireEnvironment, requireGrantableRole, requireGroup, requireRole, requireUser } from './guards';
import { roleCreateSchema, type RoleCreateInput } from './schemas';
import { findUser, readWithIndex, writeWithIndex } from './user-access';

/** A user holding a role, directly and/or through groups. */
export interface RoleHolder {
  user: EndUser;
  direct: boolean;
  inheritedFrom: Group[];
}

const roleLabel = (role: RoleRecord) => `${role.application} / ${role.name}`;

export function rolesApi(context: ApiContext) {
  const { db } = context;

  async function effectiveOf(userId: string): Promise<EffectiveRole[]> {
    const { user } = requireUser(context, userId, 'userId');
    const [roles, directRoleIds, groupIds] = await allOf([
      rolesOfEnvironment(db, user.environmentId),
      roleIdsOfUser(db, userId),
      groupIdsOfUser(db, user.environmentId, userId),
    ]);
    const groups = (await getGroups(db, groupIds)).filter((group): group is GroupRecord => group !== undefined);
    const groupGrants = await allOf(
      groups.map(async (group) => ({ group: toGroup(group), roleIds: await roleIdsOfGroup(db, group.id) })),
    );
    const rolesById = new Map(roles.map((role) => [role.id, toRole(role)]));
    return effectiveRoles({ isActive: user.isActive, directRoleIds, groups: groupGrants }, rolesById);
  }

  return {
    async create(input: RoleCreateInput): Promise<Role> {
      const data = parseInput(roleCreateSchema, input);
      return writeTransaction(db, async () => {
        await requireEnvironment(context, data.environmentId, 'environmentId');
        const key = `${data.application}/${data.name}`.toLowerCase();
        if (await findRoleByKey(db, data.environmentId, key)) {
          throw RosterError.conflict(
            'name',
            `The role ${data.application} / ${data.name} already exists in this environment.`,
          );
        }
        const record: RoleRecord = { id: context.newId(), ...data, key, builtIn: 0 };
        await putRoles(db, [record]);
        await audit(context, {
          action: 'create',
          entity: 'role',
          entityId: record.id,
          environmentId: record.environmentId,
          summary: roleLabel(record),
        });
        return toRole(record);
      });
    },

    /** Deletes a role and every grant of it. Built-in roles cannot be deleted. */
    async delete(id: string): Promise<void> {
      await writeTransaction(db, async () => {
        const role = await requireRole(context, id);
        if (role.builtIn) throw RosterError.validation('id', `${role.name} is a built-in role and cannot be deleted.`);
        await deleteRoleCascade(db, id);
        await audit(context, {
          action: 'delete',
          entity: 'role',
          entityId: id,
          environmentId: role.environmentId,
          summary: roleLabel(role),
        });
      });
    },

    async get(id: string): Promise<Role | undefined> {
      const record = await getRole(db, id);
      return record && toRole(record);
    },

    /** The roles of an environment, by application then name. */
    async list(environmentId: string): Promise<Role[]> {
      return readTransaction(db, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        const roles = await rolesOfEnvironment(db, environmentId);
        return roles
          .map(toRole)
          .sort((a, b) => a.application.localeCompare(b.application) || a.name.localeCompare(b.name));
      });
    },

    async grantToUser(roleId: string, userId: string): Promise<void> {
      await writeWithIndex(context, async () => {
        const { user } = requireUser(context, userId, 'userId');
        const role = await requireGrantableRole(context, roleId, user.environmentId);
        await putUserRole(db, { userId, roleId, environmentId: user.environmentId });
        await audit(context, {
          action: 'grant',
          entity: 'user',
          entityId: userId,
          environmentId: user.environmentId,
          summary: roleLabel(role),
        });
      });
    },

    async revokeFromUser(roleId: string, userId: string): Promise<void> {
      await writeWithIndex(context, async () => {
        const { user } = requireUser(context, userId, 'userId');
        const role = await requireGrantableRole(context, roleId, user.environmentId);
        await deleteUserRole(db, userId, roleId);
        await audit(context, {
          action: 'revoke',
          entity: 'user',
          entityId: userId,
          environmentId: user.environmentId,
          summary: roleLabel(role),
        });
      });
    },

    async grantToGroup(roleId: string, groupId: string): Promise<void> {
      await writeTransaction(db, async () => {
        const group = await requireGroup(context, groupId, 'groupId');
        const role = await requireGrantableRole(context, roleId, group.environmentId);
        await putGroupRole(db, { groupId, roleId, environmentId: group.environmentId });
        await audit(context, {
          action: 'grant',
          entity: 'group',
          entityId: groupId,
          environmentId: group.environmentId,
          summary: roleLabel(role),
        });
      });
    },

    async revokeFromGroup(roleId: string, groupId: string): Promise<void> {
      await writeTransaction(db, async () => {
        const group = await requireGroup(context, groupId, 'groupId');
        const role = await requireGrantableRole(context, roleId, group.environmentId);
        await deleteGroupRole(db, groupId, roleId);
        await audit(context, {
          action: 'revoke',
          entity: 'group',
          entityId: groupId,
          environmentId: group.environmentId,
          summary: roleLabel(role),
        });
      });
    },

    /** The roles granted to a group directly. */
    async ofGroup(groupId: string): Promise<Role[]> {
      return readTransaction(db, async () => {
        await requireGroup(context, groupId, 'groupId');
        const roles = await allOf((await roleIdsOfGroup(db, groupId)).map((id) => getRole(db, id)));
        return roles.filter((role): role is RoleRecord => role !== undefined).map(toRole);
      });
    },

    /** A user's effective roles: direct ones and those inherited from groups (none while inactive). */
    effective(userId: string): Promise<(EffectiveRole & { inheritedFrom: Group[] })[]> {
      return readWithIndex(context, () => effectiveOf(userId));
    },

    /**
     * Who holds a role now: every active user granted it directly or through a group, by
     * username, each saying whether the grant is direct and which groups it comes from.
     * Built-in roles are held by every active user and are refused here.
     */
    async holders(roleId: string): Promise<RoleHolder[]> {
      return readWithIndex(context, async () => {
        const role = await requireRole(context, roleId, 'roleId');
        if (role.builtIn)
          throw RosterError.validation(
            'roleId',
            `${role.application} / ${role.name} is built in: every active user holds it.`,
          );
        const [directIds, groupIds] = await allOf([userIdsWithRole(db, roleId), groupIdsWithRole(db, roleId)]);
        const groups = (await getGroups(db, groupIds))
          .filter((group): group is GroupRecord => group !== undefined)
          .map(toGroup);
        const memberLists = await allOf(groups.map((group) => memberIdsOf(db, group.id)));
        const byUser = new Map<string, RoleHolder>();
        const entry = (userId: string): RoleHolder | undefined => {
          let holder = byUser.get(userId);
          if (holder) return holder;
          const user = findUser(context, userId)?.user;
          if (!user?.isActive) return undefined;
          byUser.set(userId, (holder = { user, direct: false, inheritedFrom: [] }));
          return holder;
        };
        for (const userId of directIds) {
          const holder = entry(userId);
          if (holder) holder.direct = true;
        }
        groups.forEach((group, index) => {
          for (const userId of memberLists[index]!) entry(userId)?.inheritedFrom.push(group);
        });
        return sortByUsername([...byUser.values()], (holder) => holder.user.username);
      });
    },

    /** Whether a user holds a role now, directly, through a group or, for a built-in role, by being active. */
    async check(userId: string, roleId: string): Promise<boolean> {
      return readWithIndex(context, async () => {
        const role = await requireRole(context, roleId, 'roleId');
        if (role.builtIn) {
          // Every active user of the environment holds the built-in roles; nobody grants them.
          const { user } = requireUser(context, userId, 'userId');
          return user.isActive && user.environmentId === role.environmentId;
        }
        return (await effectiveOf(userId)).some((effective) => effective.role.id === roleId);
      });
    },
  };
}
