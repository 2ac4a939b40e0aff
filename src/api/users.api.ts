/** users: create (one or many), update, activate, delete, read, list, classify, dormant. */
import {
  classifyUser,
  dormancyCutoff,
  isDefaultTenantId,
  isDormantAt,
  type Classification,
  type EndUser,
} from '../domain';
import {
  CHUNK_SIZE,
  getEnvironment,
  groupIdsOfUser,
  removeUsersFromAllGroups,
  revokeAllFromUsers,
  tenantsOfEnvironment,
} from '../db';
import { SliceClock, packNewUser, packUser, packedId, packedUsername, storedTenantOf, type PackedUser } from '../index';
import { audit, diff, hasChanges, patchedKeys, type ApiContext, type AuditEntry } from './context';
import { RosterError, parseInput, type RosterIssue } from './errors';
import { requireEnvironment, requireUser, requireUsers, tenantFor } from './guards';
import { ruleBookOf, scopeOf } from './tenant-rules';
import { dormantApi } from './dormant';
import { assertUpdatedAt, expectedUpdatedAt, type UpdateOptions } from './version-check';
import { findUser, readPause, readWithIndex, transactionPause, writeWithIndex } from './user-access';
import { bulkAudit, createdUsers, groupByEnvironment, parseBatch, userList, type PathOf } from './user-batch';
import { listUserIds, listUsers, slotClassifier, type UserListItem, type UserPage } from './user-list';
import {
  dormantSchema,
  idListSchema,
  userPatchSchema,
  type DormantQuery,
  type UserCreateInput,
  type UserListQuery,
  type UserPatch,
} from './schemas';

export const USER_FIELDS = ['username', 'name', 'email', 'mobilePhone', 'isActive', 'lastLogin', 'externalId'] as const;

/** Users flipped per slice by a bulk activation, between pauses. */
const ACTIVATION_SLICE = 5000;

export function usersApi(context: ApiContext) {
  const { db, userIndex } = context;

  async function createBatch(inputs: unknown, pathOf: PathOf): Promise<EndUser[]> {
    const data = await parseBatch(inputs, pathOf);
    const created = await writeWithIndex(context, async () => {
      const clock = new SliceClock(transactionPause(context));
      const byEnvironment = new Map<string, number[]>();
      data.forEach((user, index) => {
        const indexes = byEnvironment.get(user.environmentId);
        if (indexes) indexes.push(index);
        else byEnvironment.set(user.environmentId, [index]);
      });
      const issues: RosterIssue[] = [];
      /** Each user's tenant as stored: undefined for the default tenant. */
      const storedTenants: (string | undefined)[] = new Array(data.length);
      for (const [environmentId, indexes] of byEnvironment) {
        const environment = (await getEnvironment(db, environmentId)) && userIndex.environment(environmentId);
        if (!environment) {
          const missing = indexes.map((index) => ({
            path: pathOf(index, 'environmentId'),
            message: `No environment has the id "${environmentId}".`,
          }));
          throw new RosterError('not-found', missing);
        }
        const tenants = new Map((await tenantsOfEnvironment(db, environmentId)).map((tenant) => [tenant.id, tenant]));
        const inBatch = new Map<string, number>();
        for (const index of indexes) {
          const { username, tenantId } = data[index]!;
          if (tenantId !== undefined && !tenants.has(tenantId)) {
            issues.push({
              path: pathOf(index, 'tenantId'),
              message: `No tenant with the id "${tenantId}" in this environment.`,
            });
            continue;
          }
          const stored = tenantId === undefined || isDefaultTenantId(environmentId, tenantId) ? undefined : tenantId;
          storedTenants[index] = stored;
          const key = stored === undefined ? username.toLowerCase() : `${username.toLowerCase()}\u0000${stored}`;
          if (environment.slotOfUsername(username.toLowerCase(), stored) !== undefined) {
            const where = stored === undefined ? 'this environment' : `the tenant ${tenants.get(stored)!.name}`;
            issues.push({
              path: pathOf(index, 'username'),
              message: `The username "${username}" is already taken in ${where}.`,
            });
          } else if (inBatch.has(key)) {
            issues.push({
              path: pathOf(index, 'username'),
              message: `The username "${username}" appears twice (also at item ${inBatch.get(key)}).`,
            });
          } else inBatch.set(key, index);
          if ((index & 1023) === 0 && clock.due()) await clock.pause();
        }
      }
      if (issues.length) throw new RosterError('conflict', issues);
      const at = context.now().getTime();
      const rows: PackedUser[] = new Array(data.length);
      for (const [environmentId, indexes] of byEnvironment) {
        const environment = userIndex.environment(environmentId)!;
        const touched = new Set<number>();
        // A chunk's worth at a time, so that indexing a million users never blocks the page.
        for (let start = 0; start < indexes.length; start += CHUNK_SIZE) {
          const slice = indexes
            .slice(start, start + CHUNK_SIZE)
            .map((index) => (rows[index] = packNewUser(data[index]!, context.newId(), at, storedTenants[index])));
          for (const seq of userIndex.insert(environment, slice, indexes.length)) touched.add(seq);
          if (clock.due()) await clock.pause();
        }
        await userIndex.persist(environment, touched, transactionPause(context));
      }
      const entries: AuditEntry[] =
        rows.length > 1
          ? await Promise.all(
              [...byEnvironment].map(async ([environmentId, indexes]) => ({
                action: 'create-many',
                entity: 'user' as const,
                entityId: '*',
                environmentId,
                summary: `created ${indexes.length} users`,
                ...(await userList(
                  indexes.map((index) => packedId(rows[index]!)),
                  indexes.map((index) => packedUsername(rows[index]!)),
                  transactionPause(context),
                )),
              })),
            )
          : rows.map((row) => ({
              action: 'create',
              entity: 'user' as const,
              entityId: packedId(row),
              environmentId: data[0]!.environmentId,
              summary: packedUsername(row),
            }));
      // Dated as the users are: their creation time.
      await audit(context, entries, new Date(at));
      return rows;
    });
    return createdUsers(data, created);
  }

  /**
   * A user may move to another tenant of its environment only when it belongs to no group (a
   * group's members come from its own tenant).
   */
  async function assertMayMove(user: EndUser): Promise<void> {
    const tenant = await tenantFor(context, user.environmentId, user.tenantId);
    const groups = await groupIdsOfUser(db, user.environmentId, user.id);
    if (groups.length) {
      const [count, those] =
        groups.length === 1 ? ['a group', 'that group'] : [`${groups.length} groups`, 'those groups'];
      throw RosterError.conflict(
        'tenantId',
        `${user.username} belongs to ${count} of its tenant: ` +
          `remove it from ${those} before moving it to ${tenant.name}.`,
      );
    }
  }

  async function write(
    id: string,
    change: (before: EndUser) => EndUser,
    action: string,
    expected?: string,
  ): Promise<EndUser> {
    return writeWithIndex(context, async () => {
      const { slot, environment, user: before } = requireUser(context, id);
      // Before the no-change shortcut: an edit of a version that moved is refused even if it
      // happens to match what is stored now.
      await assertUpdatedAt(context, { entity: 'user', id, environmentId: before.environmentId }, before, expected);
      const changed = change(before);
      const changes = diff(before, changed, [...USER_FIELDS, 'tenantId']);
      // Nothing to change: no write, no audit entry, updatedAt stays.
      if (!hasChanges(changes)) return before;
      // The audit entry carries the user's new updatedAt, so a version check can tell it from later ones.
      const at = context.now();
      const after: EndUser = { ...changed, updatedAt: at.toISOString() };
      if (after.tenantId !== before.tenantId) await assertMayMove(after);
      const clash = environment.slotOfUsername(after.username.toLowerCase(), storedTenantOf(after));
      if (clash !== undefined && clash !== slot) {
        const where = after.tenantId !== before.tenantId ? 'the tenant it moves to' : 'its tenant';
        throw RosterError.conflict(
          after.tenantId !== before.tenantId ? 'tenantId' : 'username',
          `The username "${after.username}" is already taken in ${where}.`,
        );
      }
      const seq = userIndex.replace(slot, packUser(after));
      await userIndex.persist(environment, [seq], transactionPause(context));
      await audit(context, { action, entity: 'user', entityId: id, environmentId: after.environmentId, changes }, at);
      return userIndex.columns.toUser(slot, environment.environmentId);
    });
  }

  return {
    ...dormantApi(context),
    async create(input: UserCreateInput): Promise<EndUser> {
      const [user] = await createBatch([input], (_index, field) => field);
      return user!;
    },

    /** Creates many users in one transaction: all or nothing; errors name each bad item by index. */
    createMany(inputs: UserCreateInput[]): Promise<EndUser[]> {
      return createBatch(inputs, (index, field) => (field ? `${index}.${field}` : String(index)));
    },

    /**
     * Changes the given fields; a field given as null or '' is cleared. With `expectedUpdatedAt`,
     * refused (`conflict`) when the user changed since that version.
     */
    async update(id: string, patch: UserPatch, options?: UpdateOptions): Promise<EndUser> {
      const data = parseInput(userPatchSchema, patch);
      const expected = expectedUpdatedAt(options);
      const keys = patchedKeys(patch);
      return write(
        id,
        (before) => {
          const after: EndUser = { ...before };
          if (data.tenantId !== undefined) after.tenantId = data.tenantId;
          for (const field of USER_FIELDS) {
            if (!keys.has(field)) continue;
            const value = data[field];
            if (value === undefined) {
              if (field !== 'username' && field !== 'isActive') delete after[field];
            } else Object.assign(after, { [field]: value });
          }
          return after;
        },
        'update',
        expected,
      );
    },

    async setActive(id: string, isActive: boolean): Promise<EndUser> {
      if (typeof isActive !== 'boolean') throw RosterError.validation('isActive', 'isActive must be true or false.');
      return write(id, (before) => ({ ...before, isActive }), isActive ? 'reactivate' : 'deactivate');
    },

    /** Deletes a user with the user's memberships and grants. Permanent. */
    async delete(id: string): Promise<void> {
      await writeWithIndex(context, async () => {
        const { slot, environment, user } = requireUser(context, id);
        await removeUsersFromAllGroups(db, environment.environmentId, [id]);
        await revokeAllFromUsers(db, [id]);
        const touched = userIndex.delete([slot]);
        await userIndex.persist(environment, touched, transactionPause(context));
        await audit(context, {
          action: 'delete',
          entity: 'user',
          entityId: id,
          environmentId: environment.environmentId,
          summary: user.username,
        });
      });
    },

    /**
     * Activates or deactivates many users in one transaction (all or nothing); users already
     * in that state are left as they are. Returns how many changed.
     */
    async setActiveMany(ids: string[], isActive: boolean): Promise<number> {
      if (typeof isActive !== 'boolean') throw RosterError.validation('isActive', 'isActive must be true or false.');
      const list = parseInput(idListSchema, ids);
      return writeWithIndex(context, async () => {
        const bit = isActive ? 1 : 0;
        const byEnvironment = groupByEnvironment(
          requireUsers(context, list, 'ids').filter(({ slot }) => userIndex.columns.active[slot] !== bit),
        );
        const at = context.now().getTime();
        const clock = new SliceClock(transactionPause(context));
        let changed = 0;
        for (const [environment, found] of byEnvironment) {
          const slots = found.map(({ slot }) => slot);
          const touched = new Set<number>();
          // A few thousand at a time: hundreds of thousands of users never block the page.
          for (let start = 0; start < slots.length; start += ACTIVATION_SLICE) {
            for (const seq of userIndex.setActive(
              environment,
              slots.slice(start, start + ACTIVATION_SLICE),
              isActive,
              at,
            ))
              touched.add(seq);
            if (clock.due()) await clock.pause();
          }
          await userIndex.persist(environment, touched, transactionPause(context));
          changed += found.length;
          // Dated as the users' new updatedAt, so that a version check can tell it from later changes.
          const action = isActive ? 'reactivate' : 'deactivate';
          await bulkAudit(context, environment.environmentId, action, found, new Date(at));
        }
        return changed;
      });
    },

    /** Deletes many users with their memberships and grants, in one transaction. Permanent. Returns how many went. */
    async deleteMany(ids: string[]): Promise<number> {
      const list = parseInput(idListSchema, ids);
      return writeWithIndex(context, async () => {
        const byEnvironment = groupByEnvironment(requireUsers(context, list, 'ids'));
        let deleted = 0;
        for (const [environment, found] of byEnvironment) {
          const userIds = found.map(({ slot }) => userIndex.columns.ids[slot]!);
          // Audited first, while the slots still hold the usernames it names.
          await bulkAudit(context, environment.environmentId, 'delete', found);
          await removeUsersFromAllGroups(db, environment.environmentId, userIds);
          await revokeAllFromUsers(db, userIds);
          const touched = userIndex.delete(found.map(({ slot }) => slot));
          await userIndex.persist(environment, touched, transactionPause(context));
          deleted += found.length;
        }
        return deleted;
      });
    },

    async get(id: string): Promise<EndUser | undefined> {
      return readWithIndex(context, async () => findUser(context, id)?.user);
    },

    /**
     * Finds a user by username, ignoring case, in a tenant (default: the environment's default
     * tenant); undefined when none has it, not-found when the environment or tenant does not exist.
     */
    async findByUsername(environmentId: string, username: string, tenantId?: string): Promise<EndUser | undefined> {
      if (typeof username !== 'string') throw RosterError.validation('username', 'Give a username.');
      return readWithIndex(context, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        const tenant = await tenantFor(context, environmentId, tenantId);
        const environment = userIndex.environment(environmentId);
        const stored = tenant.isDefault === 1 ? undefined : tenant.id;
        const slot = environment?.slotOfUsername(username.trim().toLowerCase(), stored);
        return slot === undefined ? undefined : userIndex.columns.toUser(slot, environmentId);
      });
    },

    list(query: UserListQuery): Promise<UserPage> {
      return listUsers(context, query);
    },

    /** The ids of every user a list query matches, in list order (offset and limit are ignored): "select all". */
    listIds(query: UserListQuery): Promise<string[]> {
      return listUserIds(context, query);
    },

    /** The class of a user under its environment's rules, with the reason in one sentence. */
    async classify(id: string): Promise<Classification> {
      return readWithIndex(context, async () => {
        const { user } = requireUser(context, id);
        const environment = await requireEnvironment(context, user.environmentId, 'environmentId');
        const scope = scopeOf(await ruleBookOf(context, environment), user.environmentId, user.tenantId);
        return classifyUser(user, scope.rules, scope.tenantName);
      });
    },

    /**
     * Active users not logged in for `days` days, or never logged in and created more than
     * `days` days ago; each with its class, so that callers can tell which limit they use.
     */
    async dormant(query: DormantQuery = {}): Promise<UserListItem[]> {
      const { environmentId, days, now, class: wanted, production } = parseInput(dormantSchema, query);
      const counts = (userClass: string) =>
        wanted === undefined ||
        userClass === wanted ||
        (wanted === 'named' && (userClass === 'internal' || userClass === 'external'));
      const cutoff = dormancyCutoff(now ?? context.now(), days);
      return readWithIndex(context, async () => {
        if (environmentId !== undefined) await requireEnvironment(context, environmentId, 'environmentId');
        const { columns } = userIndex;
        const found: UserListItem[] = [];
        for (const environment of userIndex.environments()) {
          if (environmentId !== undefined && environment.environmentId !== environmentId) continue;
          const record = await getEnvironment(db, environment.environmentId);
          if (!record) continue;
          if (production !== undefined && (record.kind === 'production') !== production) continue;
          const { tenantRules } = await ruleBookOf(context, record);
          const classOf = slotClassifier(columns, record.rules, tenantRules);
          const order = await environment.order('username', readPause(context));
          for (const slot of order.slots.subarray(0, order.length)) {
            if (isDormantAt(columns.active[slot] === 1, columns.lastLogin[slot]!, columns.createdAt[slot]!, cutoff)) {
              const userClass = classOf(slot);
              if (counts(userClass))
                found.push({ ...columns.toUser(slot, environment.environmentId), class: userClass });
            }
          }
        }
        return found;
      });
    },
  };
}
