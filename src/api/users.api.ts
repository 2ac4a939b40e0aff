/** users: create (one or many), update, activate, delete, read, list, classify, dormant. */
import { classifyUser, isDormant, type Classification, type EndUser } from '../domain';
import {
  TallyDeltas,
  addAudit,
  addUsers,
  allUsers,
  deleteUserCascade,
  existingUsernameKeys,
  findUserByUsernameKey,
  getEnvironment,
  getUser,
  putUser,
  readTransaction,
  toUser,
  usersOfEnvironment,
  writeTransaction,
  type AuditRecord,
  type UserRecord,
} from '../db';
import { audit, diff, hasChanges, patchedKeys, type ApiContext } from './context';
import { requireEnvironment } from './environments.api';
import { RosterError, issuesFromZod, parseInput, type RosterIssue } from './errors';
import { listUsers, type UserPage } from './user-list';
import { USER_FIELDS, toUserRecord, usernameKey } from './user-records';
import {
  dormantSchema,
  userCreateSchema,
  userPatchSchema,
  type DormantQuery,
  type UserCreateInput,
  type UserListQuery,
  type UserPatch,
} from './schemas';

export async function requireUser(context: ApiContext, id: string, path = 'id'): Promise<UserRecord> {
  const record = typeof id === 'string' ? await getUser(context.db, id) : undefined;
  if (!record) throw RosterError.notFound(path, `No user has the id "${String(id)}".`);
  return record;
}

export function usersApi(context: ApiContext) {
  const { db } = context;

  /** Validates a batch at the gate, naming each bad item by its index; nothing is written on error. */
  function parseBatch(inputs: unknown, pathOf: (index: number, field: string) => string): ReturnType<typeof userCreateSchema.parse>[] {
    if (!Array.isArray(inputs)) throw RosterError.validation('', 'Give a list of users.');
    const issues: RosterIssue[] = [];
    const parsed = inputs.map((input, index) => {
      const result = userCreateSchema.safeParse(input);
      if (!result.success) issues.push(...issuesFromZod(result.error).map((issue) => ({ ...issue, path: pathOf(index, issue.path) })));
      return result.data;
    });
    if (issues.length) throw new RosterError('validation', issues);
    return parsed as ReturnType<typeof userCreateSchema.parse>[];
  }

  async function createBatch(inputs: unknown, pathOf: (index: number, field: string) => string): Promise<EndUser[]> {
    const data = parseBatch(inputs, pathOf);
    return writeTransaction(db, async () => {
      const issues: RosterIssue[] = [];
      const byEnvironment = new Map<string, number[]>();
      data.forEach((user, index) => byEnvironment.set(user.environmentId, [...(byEnvironment.get(user.environmentId) ?? []), index]));
      for (const [environmentId, indexes] of byEnvironment) {
        if (!(await getEnvironment(db, environmentId))) {
          const missing = indexes.map((index) => ({ path: pathOf(index, 'environmentId'), message: `No environment has the id "${environmentId}".` }));
          throw new RosterError('not-found', missing);
        }
        const keys = indexes.map((index) => usernameKey(data[index]!.username));
        const taken = await existingUsernameKeys(db, environmentId, keys);
        const inBatch = new Map<string, number>();
        indexes.forEach((index, i) => {
          const key = keys[i]!;
          const username = data[index]!.username;
          if (taken.has(key)) issues.push({ path: pathOf(index, 'username'), message: `The username "${username}" is already taken in this environment.` });
          else if (inBatch.has(key)) {
            issues.push({ path: pathOf(index, 'username'), message: `The username "${username}" appears twice (also at item ${inBatch.get(key)}).` });
          } else inBatch.set(key, index);
        });
      }
      if (issues.length) throw new RosterError('conflict', issues);
      const at = context.now().toISOString();
      const records = data.map((user) => toUserRecord({ ...user, id: context.newId(), createdAt: at, updatedAt: at }));
      await addUsers(db, records);
      const tallies = new TallyDeltas();
      for (const record of records) tallies.add(record, +1);
      await tallies.apply(db);
      const entries: AuditRecord[] = records.length > 1
        ? [...byEnvironment.entries()].map(([environmentId, indexes]) => ({
            at,
            action: 'create-many',
            entity: 'user' as const,
            entityId: '*',
            environmentId,
            summary: `created ${indexes.length} users`,
          }))
        : records.map((record) => ({ at, action: 'create', entity: 'user' as const, entityId: record.id, environmentId: record.environmentId, summary: record.username }));
      await addAudit(db, entries);
      return records.map(toUser);
    });
  }

  async function write(id: string, change: (before: EndUser) => EndUser, action: string): Promise<EndUser> {
    return writeTransaction(db, async () => {
      const beforeRecord = await requireUser(context, id);
      const before = toUser(beforeRecord);
      const changed = change(before);
      const changes = diff(before, changed, USER_FIELDS);
      // Nothing to change: no write, no audit entry, updatedAt stays.
      if (!hasChanges(changes)) return before;
      const after = { ...changed, updatedAt: context.now().toISOString() };
      if (usernameKey(after.username) !== beforeRecord.usernameKey) {
        const clash = await findUserByUsernameKey(db, after.environmentId, usernameKey(after.username));
        if (clash && clash.id !== id) throw RosterError.conflict('username', `The username "${after.username}" is already taken in this environment.`);
      }
      const afterRecord = toUserRecord(after);
      await putUser(db, afterRecord);
      const tallies = new TallyDeltas();
      tallies.move(beforeRecord, afterRecord);
      await tallies.apply(db);
      await audit(context, { action, entity: 'user', entityId: id, environmentId: after.environmentId, changes });
      return toUser(afterRecord);
    });
  }

  return {
    async create(input: UserCreateInput): Promise<EndUser> {
      const [user] = await createBatch([input], (_index, field) => field);
      return user!;
    },

    /** Creates many users in one transaction: all or nothing; errors name each bad item by index. */
    createMany(inputs: UserCreateInput[]): Promise<EndUser[]> {
      return createBatch(inputs, (index, field) => (field ? `${index}.${field}` : String(index)));
    },

    /** Changes the given fields; a field given as null or '' is cleared. */
    async update(id: string, patch: UserPatch): Promise<EndUser> {
      const data = parseInput(userPatchSchema, patch);
      const keys = patchedKeys(patch);
      return write(
        id,
        (before) => {
          const after: EndUser = { ...before };
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
      );
    },

    async setActive(id: string, isActive: boolean): Promise<EndUser> {
      if (typeof isActive !== 'boolean') throw RosterError.validation('isActive', 'isActive must be true or false.');
      return write(id, (before) => ({ ...before, isActive }), isActive ? 'reactivate' : 'deactivate');
    },

    /** Deletes a user with the user's memberships and grants. Permanent. */
    async delete(id: string): Promise<void> {
      await writeTransaction(db, async () => {
        const record = await requireUser(context, id);
        await deleteUserCascade(db, id);
        const tallies = new TallyDeltas();
        tallies.move(record, undefined);
        await tallies.apply(db);
        await audit(context, { action: 'delete', entity: 'user', entityId: id, environmentId: record.environmentId, summary: record.username });
      });
    },

    async get(id: string): Promise<EndUser | undefined> {
      const record = await getUser(db, id);
      return record && toUser(record);
    },

    /** Finds a user by username, ignoring case; undefined when none has it, not-found when the environment does not exist. */
    async findByUsername(environmentId: string, username: string): Promise<EndUser | undefined> {
      if (typeof username !== 'string') throw RosterError.validation('username', 'Give a username.');
      return readTransaction(db, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        const record = await findUserByUsernameKey(db, environmentId, usernameKey(username));
        return record && toUser(record);
      });
    },

    list(query: UserListQuery): Promise<UserPage> {
      return listUsers(context, query);
    },

    /** The class of a user under its environment's rules, with the reason in one sentence. */
    async classify(id: string): Promise<Classification> {
      return readTransaction(db, async () => {
        const record = await requireUser(context, id);
        const environment = await requireEnvironment(context, record.environmentId, 'environmentId');
        return classifyUser(toUser(record), environment.rules);
      });
    },

    /** Active users not logged in for `days` days, or never logged in and created more than `days` days ago. */
    async dormant(query: DormantQuery = {}): Promise<EndUser[]> {
      const { environmentId, days, now } = parseInput(dormantSchema, query);
      const at = now ?? context.now();
      return readTransaction(db, async () => {
        if (environmentId !== undefined) await requireEnvironment(context, environmentId, 'environmentId');
        const records = environmentId === undefined ? await allUsers(db) : await usersOfEnvironment(db, environmentId);
        return records.map(toUser).filter((user) => isDormant(user, at, days));
      });
    },
  };
}

export type UsersApi = ReturnType<typeof usersApi>;
