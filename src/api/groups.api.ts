/** groups: create, update, delete, list with member counts, and membership. */
import { sortByUsername, type EndUser, type Group } from '../domain';
import {
  allOf,
  addMemberships,
  deleteGroupCascade,
  findGroupByNameKey,
  getGroup,
  getGroups,
  groupIdsOfUser,
  groupIdsOfUsers,
  groupsOfEnvironment,
  memberCounts,
  memberIdsOf,
  putGroup,
  readTransaction,
  removeMemberships,
  toGroup,
  writeTransaction,
  type GroupRecord,
} from '../db';
import { audit, diff, hasChanges, patchedKeys, type ApiContext } from './context';
import { RosterError, parseInput } from './errors';
import {
  requireEnvironment,
  requireGroup,
  requireTenant,
  requireUser,
  tenantFor,
  requireUsersIn,
  requireUsersOfTenant,
} from './guards';
import { findUser, readWithIndex, transactionPause, writeWithIndex } from './user-access';
import { userList, usernamesOf } from './user-batch';
import { assertUpdatedAt, expectedUpdatedAt, type UpdateOptions } from './version-check';
import { groupCreateSchema, groupPatchSchema, idListSchema, type GroupCreateInput, type GroupPatch } from './schemas';

export interface GroupSummary extends Group {
  memberCount: number;
}

/** The options of `groups.list`. */
export interface GroupListOptions {
  /** Only the groups of this tenant of the environment. */
  tenantId?: string;
}

/** Groups by name, as every list of groups shows them. */
function byName(a: Group, b: Group): number {
  return a.name.localeCompare(b.name);
}

/** Group names are unique within a tenant. */
async function assertNameFree(
  context: ApiContext,
  tenant: { environmentId: string; id: string },
  name: string,
  exceptId?: string,
): Promise<void> {
  const clash = await findGroupByNameKey(context.db, tenant.environmentId, tenant.id, name.toLowerCase());
  if (clash && clash.id !== exceptId)
    throw RosterError.conflict('name', `A group named "${clash.name}" already exists in this tenant.`);
}

export function groupsApi(context: ApiContext) {
  const { db } = context;
  return {
    async create(input: GroupCreateInput): Promise<Group> {
      const data = parseInput(groupCreateSchema, input);
      return writeTransaction(db, async () => {
        await requireEnvironment(context, data.environmentId, 'environmentId');
        const tenant = await tenantFor(context, data.environmentId, data.tenantId);
        await assertNameFree(context, tenant, data.name);
        const at = context.now().toISOString();
        const record: GroupRecord = {
          id: context.newId(),
          environmentId: data.environmentId,
          tenantId: tenant.id,
          name: data.name,
          nameKey: data.name.toLowerCase(),
          createdAt: at,
          updatedAt: at,
        };
        if (data.description !== undefined) record.description = data.description;
        await putGroup(db, record);
        await audit(context, {
          action: 'create',
          entity: 'group',
          entityId: record.id,
          environmentId: record.environmentId,
          summary: record.name,
        });
        return toGroup(record);
      });
    },

    /** Renames or describes a group; with `expectedUpdatedAt`, refused (`conflict`) when it changed since. */
    async update(id: string, patch: GroupPatch, options?: UpdateOptions): Promise<Group> {
      const data = parseInput(groupPatchSchema, patch);
      const expected = expectedUpdatedAt(options);
      const keys = patchedKeys(patch);
      return writeTransaction(db, async () => {
        const before = await requireGroup(context, id);
        const target = { entity: 'group', id, environmentId: before.environmentId } as const;
        await assertUpdatedAt(context, target, toGroup(before), expected);
        // The audit entry carries the group's new updatedAt, so a version check can tell it from later ones.
        const at = context.now();
        const after: GroupRecord = { ...before, updatedAt: at.toISOString() };
        if (data.name !== undefined) {
          await assertNameFree(context, { environmentId: before.environmentId, id: before.tenantId }, data.name, id);
          after.name = data.name;
          after.nameKey = data.name.toLowerCase();
        }
        if (keys.has('description')) {
          if (data.description === undefined) delete after.description;
          else after.description = data.description;
        }
        const changes = diff(before, after, ['name', 'description']);
        if (!hasChanges(changes)) return toGroup(before);
        await putGroup(db, after);
        await audit(
          context,
          { action: 'update', entity: 'group', entityId: id, environmentId: after.environmentId, changes },
          at,
        );
        return toGroup(after);
      });
    },

    /** Deletes a group with its members and grants (the users stay). Permanent. */
    async delete(id: string): Promise<void> {
      await writeTransaction(db, async () => {
        const record = await requireGroup(context, id);
        await deleteGroupCascade(db, id);
        await audit(context, {
          action: 'delete',
          entity: 'group',
          entityId: id,
          environmentId: record.environmentId,
          summary: record.name,
        });
      });
    },

    async get(id: string): Promise<Group | undefined> {
      const record = await getGroup(db, id);
      return record && toGroup(record);
    },

    /**
     * The groups of an environment by name, each with its member count; with `tenantId`, only
     * that tenant's (a tenant of another environment is refused, naming `tenantId`).
     */
    async list(environmentId: string, options: GroupListOptions = {}): Promise<GroupSummary[]> {
      return readTransaction(db, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        if (options === null || typeof options !== 'object')
          throw RosterError.validation('options', 'Give the options as an object, such as { tenantId }.');
        const tenant =
          options.tenantId === undefined ? undefined : await tenantFor(context, environmentId, options.tenantId);
        const all = await groupsOfEnvironment(db, environmentId);
        const groups = tenant ? all.filter((group) => group.tenantId === tenant.id) : all;
        const counts = await memberCounts(
          db,
          groups.map((group) => group.id),
        );
        return groups.map((record) => ({ ...toGroup(record), memberCount: counts.get(record.id) ?? 0 }));
      });
    },

    /** Adds users of the group's environment to it; users already members stay as they are. */
    async addUsers(groupId: string, userIds: string[]): Promise<void> {
      await writeWithIndex(context, async () => {
        const group = await requireGroup(context, groupId, 'groupId');
        const ids = requireUsersIn(context, parseInput(idListSchema, userIds), group.environmentId);
        requireUsersOfTenant(context, ids, await requireTenant(context, group.tenantId, 'groupId'));
        const added = await addMemberships(db, group, ids);
        // Only members who were not already there: adding them again changes nothing, so nothing is logged.
        if (!added.length) return;
        // The users themselves, as a bulk change keeps them: the entry lists them and is in each one's history.
        await audit(context, {
          action: 'add-members',
          entity: 'group',
          entityId: groupId,
          environmentId: group.environmentId,
          summary: `added ${added.length} users`,
          ...(await userList(added, usernamesOf(context, added), transactionPause(context))),
        });
      });
    },

    async removeUsers(groupId: string, userIds: string[]): Promise<void> {
      // With the index: the entry keeps the usernames of the members that went.
      await writeWithIndex(context, async () => {
        const group = await requireGroup(context, groupId, 'groupId');
        const ids = parseInput(idListSchema, userIds);
        const removed = await removeMemberships(db, groupId, ids);
        // Ids that are not members (of another environment, deleted, unknown) are ignored: the log
        // counts only the memberships that went, and a call that removed none writes nothing.
        if (!removed.length) return;
        await audit(context, {
          action: 'remove-members',
          entity: 'group',
          entityId: groupId,
          environmentId: group.environmentId,
          summary: `removed ${removed.length} users`,
          ...(await userList(removed, usernamesOf(context, removed), transactionPause(context))),
        });
      });
    },

    /** The groups a user belongs to, by name. */
    async ofUser(userId: string): Promise<Group[]> {
      return readWithIndex(context, async () => {
        const { user } = requireUser(context, userId, 'userId');
        const groups = await getGroups(db, await groupIdsOfUser(db, user.environmentId, userId));
        return groups
          .filter((group): group is GroupRecord => group !== undefined)
          .map(toGroup)
          .sort(byName);
      });
    },

    /**
     * The groups of each of several users of one environment, by name: for a page of a list,
     * in one read. Users of other environments and unknown ids get an empty list.
     */
    async ofUsers(environmentId: string, userIds: string[]): Promise<Record<string, Group[]>> {
      const ids = parseInput(idListSchema, userIds);
      return readTransaction(db, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        const [byUser, groups] = await allOf([
          groupIdsOfUsers(db, environmentId, ids),
          groupsOfEnvironment(db, environmentId),
        ]);
        const byId = new Map(groups.map((record) => [record.id, toGroup(record)]));
        const result: Record<string, Group[]> = {};
        for (const [userId, groupIds] of byUser) {
          result[userId] = groupIds
            .map((id) => byId.get(id))
            .filter((group): group is Group => group !== undefined)
            .sort(byName);
        }
        return result;
      });
    },

    /** The members of a group, in username order. */
    async members(groupId: string): Promise<EndUser[]> {
      return readWithIndex(context, async () => {
        await requireGroup(context, groupId, 'groupId');
        const users = (await memberIdsOf(db, groupId)).map((id) => findUser(context, id)?.user);
        return sortByUsername(
          users.filter((user): user is EndUser => user !== undefined),
          (user) => user.username,
        );
      });
    },
  };
}
