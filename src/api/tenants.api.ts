/**
 * tenants: the cohorts of a multi-tenant application in one environment (domain/tenants.ts).
 * Every environment has a default tenant; others are created, renamed, given their client's
 * rules and limits, and deleted (with their users and groups only when the caller names how
 * many users go).
 */
import {
  DEFAULT_TENANT_NAME,
  defaultTenantId,
  type ClassificationRules,
  type Tenant,
  type TenantLimits,
} from '../domain';
import {
  deleteGroupCascade,
  deleteTenant,
  deleteTenantSnapshots,
  getEnvironmentState,
  getTenant,
  groupsOfEnvironment,
  putTenant,
  readTransaction,
  removeUsersFromAllGroups,
  revokeAllFromUsers,
  tenantTalliesOf,
  tenantsOfEnvironment,
  toTenant,
  writeTransaction,
  type TenantRecord,
} from '../db';
import { decodeEnvironmentTallies } from '../index';
import { audit, diff, hasChanges, type ApiContext } from './context';
import { RosterError, parseInput } from './errors';
import { requireEnvironment, requireTenant } from './guards';
import { normaliseRules } from './environments.api';
import { transactionPause, writeWithIndex } from './user-access';
import { bulkAudit, groupByEnvironment } from './user-batch';
import {
  tenantCreateSchema,
  tenantLimitsSchema,
  tenantPatchSchema,
  type RulesInput,
  type TenantCreateInput,
  type TenantLimitsInput,
  type TenantPatch,
} from './schemas';

/** A tenant with how many users it holds (active or not). */
export interface TenantSummary extends Tenant {
  userCount: number;
}

/** The options of `tenants.delete`. */
export interface TenantDeleteOptions {
  /** Deletes the tenant's users with it: must be exactly how many it has (the confirmation names them). */
  deleteUsers?: number;
}

/** The default tenant of a new environment (the v10 migration writes the same for existing ones). */
export function defaultTenantRecord(environmentId: string, at: string): TenantRecord {
  return {
    id: defaultTenantId(environmentId),
    environmentId,
    name: DEFAULT_TENANT_NAME,
    nameKey: DEFAULT_TENANT_NAME.toLowerCase(),
    isDefault: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** How many users each tenant of an environment has, from its state record's tallies (no user is read). */
async function userCounts(context: ApiContext, environmentId: string): Promise<Map<string, number>> {
  const [state, tenantTallies] = await Promise.all([
    getEnvironmentState(context.db, environmentId),
    tenantTalliesOf(context.db, environmentId),
  ]);
  const counts = new Map<string, number>();
  for (const tally of decodeEnvironmentTallies(state?.tallies, tenantTallies)) {
    const id = tally.tenantId ?? defaultTenantId(environmentId);
    counts.set(id, (counts.get(id) ?? 0) + tally.count);
  }
  return counts;
}

async function assertNameFree(context: ApiContext, environmentId: string, name: string, exceptId?: string) {
  const key = name.toLowerCase();
  const clash = (await tenantsOfEnvironment(context.db, environmentId)).find(
    (tenant) => tenant.nameKey === key && tenant.id !== exceptId,
  );
  if (clash) throw RosterError.conflict('name', `A tenant named "${clash.name}" already exists in this environment.`);
}

/** A tenant other than its environment's default one (which follows the environment). */
async function requireOwnTenant(context: ApiContext, id: string, what: string): Promise<TenantRecord> {
  const tenant = await requireTenant(context, id);
  if (tenant.isDefault === 1) throw RosterError.validation('id', `The default tenant ${what}.`);
  return tenant;
}

export function tenantsApi(context: ApiContext) {
  const { db, userIndex } = context;

  async function change(
    id: string,
    what: string,
    edit: (before: TenantRecord) => TenantRecord,
    action: string,
    fields: readonly (keyof TenantRecord)[],
  ): Promise<Tenant> {
    return writeTransaction(db, async () => {
      const before = await requireOwnTenant(context, id, what);
      const after = edit({ ...before });
      const changes = diff(before, after, fields);
      if (!hasChanges(changes)) return toTenant(before);
      const at = context.now();
      after.updatedAt = at.toISOString();
      await putTenant(db, after);
      await audit(
        context,
        { action, entity: 'tenant', entityId: id, environmentId: before.environmentId, label: after.name, changes },
        at,
      );
      return toTenant(after);
    });
  }

  return {
    async create(input: TenantCreateInput): Promise<Tenant> {
      const data = parseInput(tenantCreateSchema, input);
      return writeTransaction(db, async () => {
        await requireEnvironment(context, data.environmentId, 'environmentId');
        await assertNameFree(context, data.environmentId, data.name);
        const at = context.now().toISOString();
        const record: TenantRecord = {
          id: context.newId(),
          environmentId: data.environmentId,
          name: data.name,
          nameKey: data.name.toLowerCase(),
          isDefault: 0,
          createdAt: at,
          updatedAt: at,
        };
        await putTenant(db, record);
        await audit(context, {
          action: 'create',
          entity: 'tenant',
          entityId: record.id,
          environmentId: record.environmentId,
          summary: record.name,
        });
        return toTenant(record);
      });
    },

    async get(id: string): Promise<Tenant | undefined> {
      const record = typeof id === 'string' ? await getTenant(db, id) : undefined;
      return record && toTenant(record);
    },

    /** The tenants of an environment, the default one first, then by name; each with its user count. */
    async list(environmentId: string): Promise<TenantSummary[]> {
      return readTransaction(db, async () => {
        await requireEnvironment(context, environmentId, 'environmentId');
        const [tenants, counts] = await Promise.all([
          tenantsOfEnvironment(db, environmentId),
          userCounts(context, environmentId),
        ]);
        return tenants.map((record) => ({ ...toTenant(record), userCount: counts.get(record.id) ?? 0 }));
      });
    },

    /** Renames a tenant (the default one too). */
    async update(id: string, patch: TenantPatch): Promise<Tenant> {
      const data = parseInput(tenantPatchSchema, patch);
      return writeTransaction(db, async () => {
        const before = await requireTenant(context, id);
        if (data.name === undefined || data.name === before.name) return toTenant(before);
        await assertNameFree(context, before.environmentId, data.name, id);
        const at = context.now();
        const after: TenantRecord = {
          ...before,
          name: data.name,
          nameKey: data.name.toLowerCase(),
          updatedAt: at.toISOString(),
        };
        await putTenant(db, after);
        await audit(
          context,
          {
            action: 'update',
            entity: 'tenant',
            entityId: id,
            environmentId: before.environmentId,
            label: after.name,
            changes: diff(before, after, ['name']),
          },
          at,
        );
        return toTenant(after);
      });
    },

    /**
     * The tenant's own classification rules (its client's domains, or all internal); `null` goes
     * back to the environment's. The default tenant always follows the environment's.
     */
    async setRules(id: string, input: RulesInput | null): Promise<Tenant> {
      const rules: ClassificationRules | undefined = input === null ? undefined : normaliseRules(input);
      return change(
        id,
        "follows the environment's rules: change those instead",
        (record) => {
          if (rules) record.rules = rules;
          else delete record.rules;
          return record;
        },
        'set-rules',
        ['rules'],
      );
    },

    /** The tenant's own limits (its client's subscription), or `null` for none. */
    async setLimits(id: string, input: TenantLimitsInput | null): Promise<Tenant> {
      const limits: TenantLimits | undefined = input === null ? undefined : parseInput(tenantLimitsSchema, input);
      return change(
        id,
        "is counted by the organisation's subscription: give limits to another tenant",
        (record) => {
          if (limits) record.limits = limits;
          else delete record.limits;
          return record;
        },
        'set-limits',
        ['limits'],
      );
    },

    /**
     * Deletes a tenant with its groups. A tenant with users is deleted only with
     * `{ deleteUsers: n }`, n being exactly how many users it has (they go with it, with their
     * memberships and grants); otherwise refused with a message that says how many there are.
     */
    async delete(id: string, options: TenantDeleteOptions = {}): Promise<void> {
      const confirmed = options?.deleteUsers;
      if (confirmed !== undefined && (!Number.isInteger(confirmed) || confirmed < 0))
        throw RosterError.validation('deleteUsers', 'deleteUsers must be how many users the tenant has.');
      await writeWithIndex(context, async () => {
        const tenant = await requireOwnTenant(context, id, 'cannot be deleted: it holds every user of no other tenant');
        const environment = userIndex.environment(tenant.environmentId);
        const slots = environment ? environment.slotsOfTenant(tenant.id) : [];
        if (slots.length && confirmed !== slots.length) {
          throw RosterError.conflict(
            'deleteUsers',
            `The tenant ${tenant.name} has ${slots.length} users: ` +
              `confirm with { deleteUsers: ${slots.length} } to delete them with it.`,
          );
        }
        if (slots.length && environment) {
          const found = slots.map((slot) => ({ slot, environment }));
          const userIds = slots.map((slot) => userIndex.columns.ids[slot]!);
          for (const [, group] of groupByEnvironment(found))
            await bulkAudit(context, tenant.environmentId, 'delete', group);
          await removeUsersFromAllGroups(db, tenant.environmentId, userIds);
          await revokeAllFromUsers(db, userIds);
          const touched = userIndex.delete(slots);
          await userIndex.persist(environment, touched, transactionPause(context));
        }
        for (const group of await groupsOfEnvironment(db, tenant.environmentId))
          if (group.tenantId === tenant.id) await deleteGroupCascade(db, group.id);
        await deleteTenantSnapshots(db, id);
        await deleteTenant(db, id);
        await audit(context, {
          action: 'delete',
          entity: 'tenant',
          entityId: id,
          environmentId: tenant.environmentId,
          summary: tenant.name,
        });
      });
    },
  };
}
