/**
 * The Users API: the console's only write path and the programmatic interface.
 * `await openRoster(dbName)` opens (or creates) a Roster database in IndexedDB.
 * Every input is validated with zod; a bad input throws RosterError, and a call that
 * throws writes nothing. See docs/api.md.
 */
import {
  RosterDb,
  observe,
  recentAudit,
  unreadableRecords,
  watchUnreadable,
  type AuditRecord,
  type BackupTable,
  type Observable,
  type UnreadableReport,
} from '../db';
import type { ApiContext } from './context';
import { idSource } from './ids';
import { UserIndex } from '../index';
import { environmentsApi } from './environments.api';
import { groupsApi } from './groups.api';
import { tenantsApi } from './tenants.api';
import { historyApi } from './history.api';
import { lifecycleApi } from './lifecycle';
import { rolesApi } from './roles.api';
import { subscriptionApi, usageReport, type UsageReport } from './usage.api';
import { usersApi } from './users.api';
import { activityApi } from './activity/activity.api';
import { userListSchema, userSortSchema } from './schemas';
import { importCsv } from './import/import-csv';
import { exportCsv, type ExportQuery } from './export-csv';
import {
  backup,
  backupStatus,
  currentHoldings,
  restore,
  type BackupOptions,
  type BackupStatus,
  type BackupSummary,
  type RestoreOptions,
} from './backup/backup';
import { importOptionsSchema, type ImportOptions, type ImportReport } from './import/import-types';
import { previewCsv, type CsvPreview } from './import/read-rows';
import { exportScim, scimSource } from './import/scim-export';
import { RosterError, parseInput } from './errors';

export { RosterError, type RosterErrorCode, type RosterIssue } from './errors';
export { VersionConflictError, isVersionConflict, type UpdateOptions } from './version-check';
export type { RulesOptions } from './environments.api';
export type { TenantSummary, TenantDeleteOptions } from './tenants.api';
export type { SubscriptionOptions } from './usage.api';
export type { UsageReport } from './usage.api';
export type { ActivityEntry } from './activity/activity-entry';
export type { ActivityPage } from './activity/activity-query';
export type { ActivityUser } from './activity/activity.api';
export type { ActivityQuery, ActivityFilter, Retention } from './activity/activity-schemas';
export { ACTIVITY_ACTIONS, ACTIVITY_ENTITIES } from './activity/activity-schemas';
export { ACTIVITY_EXPORT_HEADER } from './activity/activity-export';
export { EXPORT_HEADER, type ExportQuery } from './export-csv';
export {
  BACKUP_VERSION,
  type BackupOptions,
  type BackupStatus,
  type BackupSummary,
  type RestoreOptions,
} from './backup/backup';
export type { BackupTable, UnreadableRecord, UnreadableReport } from '../db';
export type {
  ImportOptions,
  ImportReport,
  ImportRowReport,
  ImportProgress,
  ImportColumnReport,
  ImportGroupReport,
} from './import/import-types';
export type { CsvPreview } from './import/read-rows';
export { IMPORT_FORMATS, type ImportFormat } from '../domain/import';
export type { UserPage, UserListItem } from './user-list';
export type { DormantCount, DormantCounts } from './dormant';
export type { GroupListOptions, GroupSummary } from './groups.api';
export type { RoleHolder } from './roles.api';
export type { LimitForecast, TenantHistory, UsageHistory } from './history.api';
export type { VersionChange } from './lifecycle';
export type { Observable, Subscription as LiveSubscription, AuditRecord } from '../db';
export type * from './schemas';
export type {
  Classification,
  ClassificationRules,
  DomainRelation,
  EffectiveRole,
  EndUser,
  Environment,
  EnvironmentKind,
  EnvironmentUsage,
  Forecast,
  PeriodPeaks,
  UsagePoint,
  UsageSnapshot,
  Group,
  LimitUsage,
  ProductionTotals,
  Role,
  RuleChangeEffect,
  Subscription,
  Tenant,
  TenantLimits,
  TenantUsage,
  UserClass,
} from '../domain';

export interface OpenOptions {
  /** The clock the API reads (for created/updated dates and dormancy); tests pass a fixed one. */
  now?: () => Date;
  /** The name this browser's changes are recorded under in the activity log (`activity.setActor` changes it). */
  actor?: string;
}

/** The longest a cold start waits for the page to be idle before it loads the index anyway. */
const INDEX_START_MS = 300;

function startWhenIdle(start: () => void): void {
  if (typeof requestIdleCallback === 'undefined') setTimeout(start, 0);
  else requestIdleCallback(start, { timeout: INDEX_START_MS });
}

export async function openRoster(dbName = 'roster', options: OpenOptions = {}) {
  const db = new RosterDb(dbName);
  await db.open();
  const userIndex = new UserIndex(db);
  const context: ApiContext = { db, userIndex, now: options.now ?? (() => new Date()), newId: idSource() };
  if (options.actor) activityApi(context).setActor(options.actor);
  // Start loading the user index once the page has made its first reads and drawn (they go to
  // IndexedDB first, not behind the index's large reads); calls that need the index wait for
  // it, and the first page, the usage report and the dormant counts are answered from the
  // state records and stored facts meanwhile.
  startWhenIdle(() => userIndex.ready().catch(() => undefined));
  return {
    environments: environmentsApi(context),
    tenants: tenantsApi(context),
    users: usersApi(context),
    groups: groupsApi(context),
    roles: rolesApi(context),
    subscription: subscriptionApi(context),
    history: historyApi(context),
    /** The audit log as people read it: filtered, paged, exported, kept for a set time. See docs/api.md. */
    activity: activityApi(context),
    /** The connection's life: when another tab upgrades the database. */
    lifecycle: lifecycleApi(context),
    /**
     * Imports users from a CSV file (or its text) into an environment: a dry run reports what
     * would happen; otherwise everything is written in one transaction. See docs/api.md.
     */
    importCsv(environmentId: string, source: string | Blob, options?: ImportOptions): Promise<ImportReport> {
      // 'csv' last: importCsv reads Roster's own columns whatever the options say (importFile forces formats).
      return importCsv(context, environmentId, source, { ...options, format: 'csv' });
    },
    /**
     * Imports users from an identity provider's export or a CSV file: detects the format (Entra
     * ID, Okta, Auth0, Keycloak, Google Workspace, SCIM 2.0, CSV), maps it to Roster's fields and
     * imports as importCsv does, with the same options (`format` forces one). See docs/formats.md.
     */
    importFile(environmentId: string, source: string | Blob, options?: ImportOptions): Promise<ImportReport> {
      return importCsv(context, environmentId, source, options);
    },
    /**
     * How a CSV file reads (delimiter, encoding, header, the field of each column and what stops
     * the import), from its first kilobytes: for a screen that shows the mapping before a dry run.
     */
    async previewCsv(source: string | Blob, options: { mapping?: ImportOptions['mapping'] } = {}): Promise<CsvPreview> {
      if (typeof source !== 'string' && !(source instanceof Blob))
        throw RosterError.validation('source', 'Give the file (a File or Blob) or its text.');
      const { mapping } = parseInput(importOptionsSchema.pick({ mapping: true }), options);
      return previewCsv(source, { mapping, format: 'csv' });
    },
    /**
     * Imports a SCIM 2.0 document (a ListResponse, a resource or an array; an object, its JSON
     * text or a file) as importFile does with the SCIM format.
     */
    async importScim(environmentId: string, document: unknown, options?: ImportOptions): Promise<ImportReport> {
      return importCsv(context, environmentId, scimSource(document), { ...options, format: 'scim' });
    },
    /** An environment's users and groups as a SCIM 2.0 ListResponse of User and Group resources. */
    exportScim(environmentId: string): Promise<Record<string, unknown>> {
      return exportScim(context, environmentId);
    },
    /** As previewCsv, for any format importFile reads: the format detected (or forced) and its mapping. */
    async previewFile(
      source: string | Blob,
      options: Pick<ImportOptions, 'mapping' | 'format'> = {},
    ): Promise<CsvPreview> {
      if (typeof source !== 'string' && !(source instanceof Blob))
        throw RosterError.validation('source', 'Give the file (a File or Blob) or its text.');
      return previewCsv(source, parseInput(importOptionsSchema.pick({ mapping: true, format: true }), options));
    },
    /**
     * The users a list query matches (all of the environment's by default) as a CSV file with
     * their groups and direct roles, in the format importCsv reads back.
     */
    exportCsv(environmentId: string, query?: ExportQuery): Promise<Blob> {
      return exportCsv(context, environmentId, query);
    },
    /**
     * The whole database as one versioned JSON file (gzip-compressed where the browser can);
     * `restore` reads it back. See docs/api.md.
     */
    backup(options?: BackupOptions): Promise<Blob> {
      return backup(context, options);
    },
    /**
     * Replaces the whole database with a backup, after reading and checking all of it; with
     * `{ dryRun: true }` only says what the file holds. A refused file changes nothing.
     */
    restore(source: string | Blob, options?: RestoreOptions): Promise<BackupSummary> {
      return restore(context, source, options);
    },
    /** When the last backup was made (by `backup`) and when the data last changed (the latest audit entry). */
    backupStatus(): Promise<BackupStatus> {
      return backupStatus(context);
    },
    /** How many records each table holds now, to set beside what a backup holds before a restore. */
    holdings(): Promise<Record<BackupTable, number>> {
      return currentHoldings(context);
    },
    /** Usage per environment, production totals and each limit's status. */
    usage(): Promise<UsageReport> {
      return usageReport(context);
    },
    audit: {
      /** The latest audit entries, newest first. */
      recent(limit = 100): Promise<AuditRecord[]> {
        return recentAudit(db, limit);
      },
    },
    /**
     * The records this tab read back from IndexedDB that did not fit their table (an older or
     * damaged record, a hand edit): each set apart and left out of every read, with its table,
     * key, the problem in words and its raw JSON text. See docs/api.md.
     */
    unreadable(): UnreadableReport {
      return unreadableRecords(db);
    },
    /** `unreadable()` now and again whenever a record is set apart (or reads well again). */
    observeUnreadable(): Observable<UnreadableReport> {
      return {
        subscribe(next) {
          const stop = watchUnreadable(db, next);
          return { unsubscribe: () => void stop() };
        },
      };
    },
    /**
     * Re-runs a read made through this API whenever the data it read changes, here or in
     * another tab: `roster.observe(() => roster.usage()).subscribe(render)`.
     */
    observe<T>(query: () => Promise<T>): Observable<T> {
      return observe(query);
    },
    /**
     * Resolves once every user is loaded into memory. Calls wait for it by themselves; the
     * first page and usage are answered before it, from the stored state.
     */
    ready(): Promise<void> {
      return userIndex.ready();
    },
    /** The database's name, as given to openRoster. */
    name: dbName,
    /** Closes the database connection; the object cannot be used afterwards. */
    close(): void {
      db.close();
    },
  };
}

export type Roster = Awaited<ReturnType<typeof openRoster>>;

/**
 * The orders and the class filters a user list accepts, as the schemas define them,
 * for the controls that offer them.
 */
export const USER_SORT_FIELDS = userSortSchema.options;
export const USER_CLASS_FILTERS = userListSchema.shape.class.unwrap().options;
/** The defaults the API applies, for the console to show and start from. */
export { DEFAULT_DORMANT_DAYS, DEFAULT_WARN_AT } from '../domain/defaults';
