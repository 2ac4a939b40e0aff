/** environments: create, list, update, delete, and the classification rules of each. */
import { z } from 'zod';
import {
  DEFAULT_RULES,
  parseDomainEntry,
  BUILT_IN_ROLE_NAMES,
  ruleChangeEffect,
  type ClassificationRules,
  type Environment,
  type RuleChangeEffect,
} from '../domain';
import {
  deleteEnvironmentCascade,
  forgetCachesOf,
  getEnvironmentState,
  getEnvironment,
  listEnvironments,
  allOf,
  putEnvironment,
  putEnvironmentStates,
  putTenant,
  tenantTalliesOf,
  putRoles,
  readTransaction,
  toEnvironment,
  writeTransaction,
  type EnvironmentRecord,
  type RoleRecord,
} from '../db';
import { decodeEnvironmentTallies } from '../index';
import { ruleBookOf } from './tenant-rules';
import { defaultTenantRecord } from './tenants.api';
import { audit, diff, hasChanges, patchedKeys, type ApiContext } from './context';
import { RosterError, parseInput, type RosterIssue } from './errors';
import { requireEnvironment } from './guards';
import { writeWithIndex } from './user-access';
import { assertSameValue, assertUpdatedAt, expectedUpdatedAt, type UpdateOptions } from './version-check';
import {
  environmentCreateSchema,
  environmentPatchSchema,
  rulesInputSchema,
  type EnvironmentCreateInput,
  type EnvironmentPatch,
  type RulesInput,
} from './schemas';

/** The application that holds the built-in roles of every environment. */
const BUILT_IN_APPLICATION = 'System';

async function assertNameFree(context: ApiContext, name: string, exceptId?: string): Promise<void> {
  const key = name.toLowerCase();
  const clash = (await listEnvironments(context.db)).find(
    (env) => env.name.toLowerCase() === key && env.id !== exceptId,
  );
  if (clash) throw RosterError.conflict('name', `An environment named "${clash.name}" already exists.`);
}

/** Normalises rule input: each entry parsed, relations defaulting to `own`, duplicates refused. */
export function normaliseRules(input: RulesInput): ClassificationRules {
  const parsed = parseInput(rulesInputSchema, input);
  const issues: RosterIssue[] = [];
  const seen = new Set<string>();
  const domains: ClassificationRules['domains'] = [];
  parsed.domains.forEach((raw, index) => {
    const entry = typeof raw === 'string' ? { domain: raw, relation: 'own' as const } : raw;
    const result = parseDomainEntry(entry.domain);
    if (!result.ok) issues.push({ path: `domains.${index}`, message: result.message });
    else if (seen.has(result.entry))
      issues.push({ path: `domains.${index}`, message: `${result.entry} is listed twice.` });
    else {
      seen.add(result.entry);
      domains.push({ domain: result.entry, relation: entry.relation });
    }
  });
  if (issues.length) throw new RosterError('validation', issues);
  return { mode: parsed.mode, domains };
}

/** Rules given inside another input: each issue's path starts with the input's field. */
function rulesAt(field: string, input: unknown): ClassificationRules {
  try {
    return normaliseRules(input as RulesInput);
  } catch (error) {
    if (!(error instanceof RosterError)) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: issue.path ? `${field}.${issue.path}` : field }));
    throw new RosterError(error.code, issues);
  }
}

/** The last argument of `setRules`. */
export interface RulesOptions {
  /** The rules the edit is based on, as `getRules` gave them; without it, no check. */
  expectedRules?: RulesInput;
}

const rulesOptionsSchema = z.strictObject({ expectedRules: z.unknown().optional() }).optional();

/** The expected rules of `setRules`' options, normalised as stored rules are; undefined for no check. */
function expectedRules(options: unknown): ClassificationRules | undefined {
  const expected = parseInput(rulesOptionsSchema, options)?.expectedRules;
  return expected === undefined ? undefined : rulesAt('expectedRules', expected);
}

export function environmentsApi(context: ApiContext) {
  const { db } = context;
  return {
    /**
     * Creates an environment with the built-in roles and the rules given (by default every user
     * is internal), in one transaction.
     */
    async create(input: EnvironmentCreateInput): Promise<Environment> {
      const { rules: rulesInput, ...data } = parseInput(environmentCreateSchema, input);
      const rules = rulesInput === undefined ? structuredClone(DEFAULT_RULES) : rulesAt('rules', rulesInput);
      return writeWithIndex(context, async () => {
        await assertNameFree(context, data.name);
        const at = context.now().toISOString();
        const record: EnvironmentRecord = {
          id: context.newId(),
          ...data,
          rules,
          createdAt: at,
          updatedAt: at,
        };
        if (record.platformVersion === undefined) delete record.platformVersion;
        await putEnvironment(db, record);
        await putTenant(db, defaultTenantRecord(record.id, record.createdAt));
        await putEnvironmentStates(db, [context.userIndex.addEnvironment(record.id)]);
        const builtIns = BUILT_IN_ROLE_NAMES.map((name): RoleRecord => ({
          id: context.newId(),
          environmentId: record.id,
          application: BUILT_IN_APPLICATION,
          name,
          key: `${BUILT_IN_APPLICATION}/${name}`.toLowerCase(),
          builtIn: 1,
        }));
        await putRoles(db, builtIns);
        await audit(context, {
          action: 'create',
          entity: 'environment',
          entityId: record.id,
          environmentId: record.id,
          summary: record.name,
        });
        return toEnvironment(record);
      });
    },

    async list(): Promise<Environment[]> {
      return (await listEnvironments(db)).map(toEnvironment);
    },

    async get(id: string): Promise<Environment | undefined> {
      const record = await getEnvironment(db, id);
      return record && toEnvironment(record);
    },

    /**
     * Renames an environment or changes its kind or version; with `expectedUpdatedAt`, refused
     * (`conflict`) when it changed since (a rule change moves `updatedAt` too).
     */
    async update(id: string, patch: EnvironmentPatch, options?: UpdateOptions): Promise<Environment> {
      const data = parseInput(environmentPatchSchema, patch);
      const expected = expectedUpdatedAt(options);
      const keys = patchedKeys(patch);
      return writeWithIndex(context, async () => {
        const before = await requireEnvironment(context, id);
        const target = { entity: 'environment', id, environmentId: id } as const;
        await assertUpdatedAt(context, target, toEnvironment(before), expected, before);
        if (data.name !== undefined) await assertNameFree(context, data.name, id);
        // The audit entry carries the new updatedAt, so a version check can tell it from later ones.
        const at = context.now();
        const after: EnvironmentRecord = { ...before, updatedAt: at.toISOString() };
        if (data.name !== undefined) after.name = data.name;
        if (data.kind !== undefined) after.kind = data.kind;
        if (keys.has('platformVersion')) {
          if (data.platformVersion === undefined) delete after.platformVersion;
          else after.platformVersion = data.platformVersion;
        }
        const changes = diff(before, after, ['name', 'kind', 'platformVersion']);
        if (!hasChanges(changes)) return toEnvironment(before);
        await putEnvironment(db, after);
        if (after.kind !== before.kind) {
          // Production or not decides whose emails count as distinct: recount and keep it.
          await context.userIndex.sync();
          await context.userIndex.saveDistinctEmails();
        }
        await audit(context, { action: 'update', entity: 'environment', entityId: id, environmentId: id, changes }, at);
        return toEnvironment(after);
      });
    },

    /** Deletes an environment with its users, groups and roles. */
    async delete(id: string): Promise<void> {
      await writeWithIndex(context, async () => {
        const record = await requireEnvironment(context, id);
        await deleteEnvironmentCascade(db, id);
        context.userIndex.removeEnvironment(id);
        await context.userIndex.saveDistinctEmails();
        await audit(context, {
          action: 'delete',
          entity: 'environment',
          entityId: id,
          environmentId: id,
          summary: record.name,
        });
      });
      // Its stored order and dormancy facts, in their own transaction (caches: see writeTransaction).
      await forgetCachesOf(db, id);
    },

    async getRules(id: string): Promise<ClassificationRules> {
      const record = await readTransaction(db, () => requireEnvironment(context, id));
      return structuredClone(record.rules);
    },

    /**
     * What saving these rules would do, without saving them: the counts before and after,
     * and how many users would move from internal to external and back.
     */
    async previewRules(id: string, input: RulesInput): Promise<RuleChangeEffect> {
      const rules = normaliseRules(input);
      return readTransaction(db, async () => {
        const environment = await requireEnvironment(context, id);
        const [state, tenantTallies, { tenantRules }] = await allOf([
          getEnvironmentState(db, id),
          tenantTalliesOf(db, id),
          ruleBookOf(context, environment),
        ]);
        const tallies = decodeEnvironmentTallies(state?.tallies, tenantTallies);
        return ruleChangeEffect(tallies, environment.rules, rules, tenantRules);
      });
    },

    /**
     * Replaces the rules; entries are normalised (punycode, lower-case) and returned as stored.
     * With `expectedRules` (the rules the caller read: their content is their version), refused
     * (`conflict`, naming `mode` and/or `domains`) when the stored rules are other ones.
     */
    async setRules(id: string, input: RulesInput, options?: RulesOptions): Promise<ClassificationRules> {
      const rules = normaliseRules(input);
      const expected = expectedRules(options);
      return writeTransaction(db, async () => {
        const before = await requireEnvironment(context, id);
        if (expected) assertSameValue(before.rules, expected, ['mode', 'domains']);
        // The audit entry carries the environment's new updatedAt, as every edit's does.
        const at = context.now();
        await putEnvironment(db, { ...before, rules, updatedAt: at.toISOString() });
        await audit(
          context,
          {
            action: 'set-rules',
            entity: 'environment',
            entityId: id,
            environmentId: id,
            changes: { rules: { before: before.rules, after: rules } },
          },
          at,
        );
        return structuredClone(rules);
      });
    },
  };
}
