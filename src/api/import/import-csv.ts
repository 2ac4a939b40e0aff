/**
 * `roster.importCsv`: reads the file (in a worker in the browser), plans every row against the
 * environment, and either reports (dry run) or writes everything in one transaction with one
 * audit entry. A row in error is never half-written: with `onError: 'abort'` any error writes
 * nothing, with `'skip'` the rows in error are left out whole. Cancelling writes nothing.
 */
import { environmentUsage, evaluateLimits, sumProduction, type FactTally, type Subscription } from '../../domain';
import {
  CHUNK_SIZE,
  addMemberships,
  getEnvironmentState,
  getSetting,
  groupIdsByUser,
  groupsOfEnvironment,
  putGroup,
  putGroupRole,
  putRoles,
  roleIdsOfGroup,
  putUserRoles,
  roleIdsByUser,
  putTenant,
  rolesOfEnvironment,
  tenantTalliesOf,
  tenantsOfEnvironment,
  type TenantRecord,
  type EnvironmentRecord,
  type GroupRecord,
  type RoleRecord,
} from '../../db';
import type { FileGroup } from '../../domain/import';
import {
  decodeEnvironmentTallies,
  encodeTallies,
  packNewUser,
  packUser,
  SliceClock,
  yieldToEventLoop,
  type Pause,
} from '../../index';
import { audit, type ApiContext, type AuditEntry } from '../context';
import { userList, usernamesOf } from '../user-batch';
import { RosterError, parseInput } from '../errors';
import { requireEnvironment, tenantFor } from '../guards';
import { subscriptionSchema } from '../schemas';
import { TallyCounts } from '../tally-counts';
import { SUBSCRIPTION_KEY, usageReport, type UsageReport } from '../usage.api';
import { readWithIndex, transactionPause, writeWithIndex } from '../user-access';
import { groupKey, planImport, type ImportPlan } from './import-plan';
import {
  importOptionsSchema,
  type ImportFileFacts,
  type ImportOptions,
  type ImportReport,
  type ReadRow,
} from './import-types';
import { ProgressReporter } from './import-progress';
import { rowBatches } from './row-source';

/** Row errors named in the RosterError of an aborted import (the report of a dry run has them all). */
const ERRORS_IN_MESSAGE = 100;

export async function importCsv(
  context: ApiContext,
  environmentId: string,
  source: string | Blob,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const data = parseInput(importOptionsSchema, options);
  if (typeof source !== 'string' && !(source instanceof Blob))
    throw RosterError.validation('source', 'Give the file (a File or Blob) or its text.');
  await requireEnvironment(context, environmentId, 'environmentId');
  const usageBefore = await usageReport(context);

  const rows: ReadRow[] = [];
  const notes: string[] = [];
  const fileGroups: FileGroup[] = [];
  let facts: (ImportFileFacts & { header: string[] }) | undefined;
  const progress = new ProgressReporter(data.onProgress);
  const onBytes = (read: { bytesRead: number; totalBytes: number }) => progress.report(read);
  const reading = {
    mapping: data.mapping,
    dateOrder: data.dateOrder,
    format: data.format,
    signal: data.signal,
    onBytes,
  };
  for await (const batch of rowBatches(source, reading)) {
    facts ??= batch.facts;
    if (batch.notes) notes.push(...batch.notes);
    if (batch.groups) fileGroups.push(...batch.groups);
    for (const row of batch.rows) rows.push(row);
    progress.report({
      rowsRead: rows.length,
      rowsDone: rows.length,
      bytesRead: batch.bytesRead,
      totalBytes: batch.totalBytes,
    });
  }
  data.signal?.throwIfAborted();
  if (!facts) throw RosterError.validation('source', 'The file is empty: it has no header row.');
  const given = new Set(facts.columns.flatMap((column) => (column.field ? [column.field] : [])));

  // Every pause of the long work checks for a cancel and tells the caller it goes on (the
  // reporter keeps that to every 100 ms).
  const pausing =
    (base: Pause): Pause =>
    async () => {
      data.signal?.throwIfAborted();
      progress.report({});
      await base();
    };

  const plan = async (pause: Pause) => {
    const environment = await requireEnvironment(context, environmentId, 'environmentId');
    const users = context.userIndex.environment(environmentId);
    if (!users) throw RosterError.notFound('environmentId', `No environment has the id "${environmentId}".`);
    const [tenant, tenants, groups, roles, groupsOfUser, rolesOfUser] = await Promise.all([
      tenantFor(context, environmentId, data.tenantId),
      tenantsOfEnvironment(context.db, environmentId),
      groupsOfEnvironment(context.db, environmentId),
      rolesOfEnvironment(context.db, environmentId),
      data.mode === 'upsert' ? groupIdsByUser(context.db, environmentId) : new Map<string, string[]>(),
      data.mode === 'upsert' ? roleIdsByUser(context.db, environmentId) : new Map<string, string[]>(),
    ]);
    // The groups a file defines are the import's tenant's.
    const rolesOfGroup = await groupRoleIds(
      context,
      groups.filter((group) => group.tenantId === tenant.id),
      fileGroups,
    );
    const world = {
      environment: users,
      tenants,
      tenant,
      groups,
      roles,
      groupIdsOf: (id: string) => groupsOfUser.get(id) ?? [],
      roleIdsOf: (id: string) => rolesOfUser.get(id) ?? [],
      roleIdsOfGroup: (id: string) => rolesOfGroup.get(id) ?? [],
      fileGroups,
    };
    progress.report({ phase: 'checking', rowsDone: 0 });
    const onChecked = (rowsDone: number) => progress.report({ rowsDone });
    return { environment, world, plan: await planImport(context, rows, world, data, given, pause, onChecked) };
  };

  const report = (planned: ImportPlan, usageAfter: UsageReport, applied: boolean, userIds: string[]): ImportReport => ({
    ...facts!,
    notes,
    dryRun: data.dryRun,
    applied,
    totals: planned.totals,
    rows: planned.rows,
    groups: planned.groups,
    created: {
      groups: [...planned.newGroups.values()].map((group) => group.name),
      tenants: [...planned.newTenants.values()].map((tenant) => tenant.name),
      roles: [...planned.newRoles.values()].map((role) => `${role.application}/${role.name}`),
    },
    userIds,
    usageBefore,
    usageAfter,
  });

  if (data.dryRun) {
    const { environment, plan: planned } = await readWithIndex(context, () => plan(pausing(yieldToEventLoop)));
    return report(planned, await usageWith(context, usageBefore, environment, planned.tallyChanges), false, []);
  }

  const written = await writeWithIndex(context, async () => {
    const pause = pausing(transactionPause(context));
    const { environment, world, plan: planned } = await plan(pause);
    const groupErrors = planned.groups.some((group) => group.action === 'error');
    if ((planned.totals.error || groupErrors) && data.onError === 'abort') throw abortError(planned);
    data.signal?.throwIfAborted();
    progress.report({ phase: 'writing', rowsDone: 0 });
    const onWritten = (rowsDone: number) => progress.report({ rowsDone });
    const userIds = await writePlan(
      context,
      environment,
      world.groups,
      world.roles,
      planned,
      pause,
      data.signal,
      onWritten,
    );
    const nothing =
      !planned.creates.length &&
      !planned.updates.length &&
      !planned.members.size &&
      !planned.grants.size &&
      !planned.newGroups.size &&
      !planned.groupGrants.size;
    if (!nothing) {
      const { create, update, error } = planned.totals;
      const skipped = error ? `, ${error} rows in error skipped` : '';
      await audit(context, {
        action: 'import',
        entity: 'user',
        entityId: '*',
        environmentId,
        summary: `imported ${fileWords(facts!)}: ${create} users created, ${update} updated${skipped}`,
        // The usernames too, so that a search of the activity for one finds the import.
        ...(await userList(userIds, usernamesOf(context, userIds), transactionPause(context))),
      });
    }
    // The usage after it, read inside the transaction: once that commits the import is done, and
    // a connection closing then (another tab upgrading) must not make what was written a failure.
    return { planned, userIds, usageAfter: await usageReport(context) };
  });
  return report(written.planned, written.usageAfter, true, written.userIds);
}

/** "a CSV file", "a file (Okta user list)". */
function fileWords(facts: ImportFileFacts): string {
  return facts.variant === 'csv' ? 'a CSV file' : `a file (${facts.formatLabel})`;
}

/** The roles each group the file defines holds now, for the groups that exist. */
async function groupRoleIds(
  context: ApiContext,
  groups: readonly GroupRecord[],
  fileGroups: readonly FileGroup[],
): Promise<Map<string, string[]>> {
  const byKey = new Map(groups.map((group) => [group.nameKey, group]));
  const found = fileGroups.flatMap((group) => byKey.get(group.name.toLowerCase()) ?? []);
  const held = await Promise.all(found.map((group) => roleIdsOfGroup(context.db, group.id)));
  return new Map(found.map((group, index) => [group.id, held[index]!]));
}

function abortError(plan: ImportPlan): RosterError {
  const errors = plan.rows.filter((row) => row.action === 'error');
  const groupIssues = plan.groups.flatMap((group, index) =>
    group.errors.map((message) => ({ path: `groups.${index}`, message })),
  );
  const issues = [
    ...groupIssues,
    ...errors
      .slice(0, ERRORS_IN_MESSAGE)
      .flatMap((row) => row.errors.map((message) => ({ path: `rows.${row.row}`, message }))),
  ];
  if (!plan.totals.error) {
    const count = groupIssues.length;
    return new RosterError(
      'validation',
      issues,
      `${count} of the file's groups ${count === 1 ? 'is' : 'are'} in error, so nothing was imported. ` +
        'Create the groups and roles first, or let the import create them.',
    );
  }
  const count = plan.totals.error;
  return new RosterError(
    'validation',
    issues,
    `${count} ${count === 1 ? 'row is' : 'rows are'} in error, so nothing was imported. ` +
      `Fix ${count === 1 ? 'it' : 'them'}, or skip the rows in error.`,
  );
}

/** Writes a plan inside the caller's transaction; returns the ids of the users created and updated. */
async function writePlan(
  context: ApiContext,
  environment: EnvironmentRecord,
  groups: readonly GroupRecord[],
  roles: readonly RoleRecord[],
  plan: ImportPlan,
  pause: Pause,
  signal: AbortSignal | undefined,
  onWritten: (users: number) => void,
): Promise<string[]> {
  const { db, userIndex } = context;
  const users = userIndex.environment(environment.id)!;
  const clock = new SliceClock(pause);
  const now = context.now();
  const at = now.getTime();
  const iso = now.toISOString();
  const touched = new Set<number>();
  const newTenants = [...plan.newTenants.values()].map(({ id, name }): TenantRecord => ({
    id,
    environmentId: environment.id,
    name,
    nameKey: name.toLowerCase(),
    isDefault: 0,
    createdAt: iso,
    updatedAt: iso,
  }));
  for (const tenant of newTenants) await putTenant(db, tenant);
  for (let start = 0; start < plan.creates.length; start += CHUNK_SIZE) {
    const packed = plan.creates
      .slice(start, start + CHUNK_SIZE)
      .map(({ id, user, storedTenant }) =>
        packNewUser({ ...user, isActive: user.isActive ?? true }, id, at, storedTenant),
      );
    for (const seq of userIndex.insert(users, packed, plan.creates.length)) touched.add(seq);
    onWritten(start + packed.length);
    signal?.throwIfAborted();
    if (clock.due()) await clock.pause();
  }
  for (const [index, { slot, after }] of plan.updates.entries()) {
    touched.add(userIndex.replace(slot, packUser({ ...after, updatedAt: iso })));
    // Every thousand, as in planImport: Dexie follows only so many native awaits in a transaction.
    if ((index & 1023) === 1023 && clock.due()) await clock.pause();
  }
  if (touched.size) await userIndex.persist(users, touched, pause);

  const groupsByKey = new Map(groups.map((group) => [groupKey(group.tenantId, group.nameKey), group]));
  for (const [key, { name, tenantId }] of plan.newGroups) {
    const record: GroupRecord = {
      id: context.newId(),
      environmentId: environment.id,
      tenantId,
      name,
      nameKey: name.toLowerCase(),
      createdAt: iso,
      updatedAt: iso,
    };
    await putGroup(db, record);
    groupsByKey.set(key, record);
  }
  const rolesByKey = new Map(roles.map((role) => [role.key, role]));
  const newRoles: RoleRecord[] = [...plan.newRoles].map(([key, role]) => ({
    id: context.newId(),
    environmentId: environment.id,
    ...role,
    key,
    builtIn: 0,
  }));
  if (newRoles.length) await putRoles(db, newRoles);
  for (const role of newRoles) rolesByKey.set(role.key, role);

  for (const [key, userIds] of plan.members) await addMemberships(db, groupsByKey.get(key)!, userIds);
  const groupGrants: AuditEntry[] = [];
  for (const [key, roleKeys] of plan.groupGrants) {
    const group = groupsByKey.get(key)!;
    for (const roleKey of roleKeys) {
      const role = rolesByKey.get(roleKey)!;
      await putGroupRole(db, { groupId: group.id, roleId: role.id, environmentId: environment.id });
      groupGrants.push({
        action: 'grant',
        entity: 'group',
        entityId: group.id,
        environmentId: environment.id,
        summary: `${role.application} / ${role.name}`,
      });
    }
  }
  for (const [key, userIds] of plan.grants) {
    const roleId = rolesByKey.get(key)!.id;
    await putUserRoles(
      db,
      userIds.map((userId) => ({ userId, roleId, environmentId: environment.id })),
    );
  }
  const created = [
    ...newTenants.map((tenant) => ({
      action: 'create',
      entity: 'tenant' as const,
      entityId: tenant.id,
      environmentId: environment.id,
      summary: tenant.name,
    })),
    ...[...plan.newGroups].map(([key, { name }]) => ({
      action: 'create',
      entity: 'group' as const,
      entityId: groupsByKey.get(key)!.id,
      environmentId: environment.id,
      summary: name,
    })),
    ...newRoles.map((role) => ({
      action: 'create',
      entity: 'role' as const,
      entityId: role.id,
      environmentId: environment.id,
      summary: `${role.application} / ${role.name}`,
    })),
  ];
  if (created.length || groupGrants.length) await audit(context, [...created, ...groupGrants]);
  return [...plan.creates.map((create) => create.id), ...plan.updates.map(({ slot }) => userIndex.columns.ids[slot]!)];
}

/** The usage report as it would be with the environment's tallies moved by the import. */
async function usageWith(
  context: ApiContext,
  before: UsageReport,
  environment: EnvironmentRecord,
  changes: readonly FactTally[],
): Promise<UsageReport> {
  if (!changes.length) return before;
  const [state, tenantTallies] = await Promise.all([
    getEnvironmentState(context.db, environment.id),
    tenantTalliesOf(context.db, environment.id),
  ]);
  const tallies = new Map<string, FactTally>();
  const add = (tally: FactTally) => {
    const key = `${tally.domain}|${+tally.isActive}|${+tally.isAnonymous}|${tally.tenantId ?? ''}`;
    const known = tallies.get(key);
    tallies.set(key, { ...tally, count: (known?.count ?? 0) + tally.count });
  };
  for (const tally of decodeEnvironmentTallies(state?.tallies, tenantTallies)) add(tally);
  for (const tally of changes) add(tally);
  const tenants = await tenantsOfEnvironment(context.db, environment.id);
  const moved = new TallyCounts().countsOf(
    environment.id,
    encodeTallies([...tallies.values()]),
    environment.rules,
    tenants,
  );
  const environments = before.environments.map((row) =>
    row.environmentId === environment.id ? environmentUsage(environment, moved.counts, moved.tenants) : row,
  );
  const production = { ...sumProduction(environments), distinctEmails: before.production.distinctEmails };
  const subscription = await getSetting<Subscription>(context.db, SUBSCRIPTION_KEY, subscriptionSchema);
  return { environments, production, limits: evaluateLimits(production, subscription) };
}
