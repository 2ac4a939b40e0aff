/**
 * The words of the import screen: how each limit would move, the options offered, and the
 * file of rows in error that a person fixes and imports again.
 */
import type { ImportFormat, ImportGroupReport, ImportProgress, ImportReport, LimitUsage } from '../../../api';
import { toCsv } from '../../../domain';
import { formatCount } from '../../format';
import { limitLabel } from '../../words';

/** The fields a column can be read as, with the words the mapping table shows. */
export const FIELD_LABELS = {
  username: 'Username',
  name: 'Name',
  email: 'Email',
  mobilePhone: 'Mobile phone',
  isActive: 'Active',
  lastLogin: 'Last login',
  externalId: 'External id',
  groups: 'Groups',
  roles: 'Roles',
  tenant: 'Tenant',
  givenName: 'Given name (when no name)',
  familyName: 'Family name (when no name)',
  blocked: 'Blocked (yes = inactive)',
} as const;

/** The formats a person can force, in words. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  csv: 'CSV with Roster’s columns',
  entra: 'Entra ID',
  okta: 'Okta',
  auth0: 'Auth0',
  keycloak: 'Keycloak',
  google: 'Google Workspace',
  scim: 'SCIM 2.0',
};

/** "engineering (new, roles acme/auditor)", "staff (roles granted: sales-app/viewer)". */
export function groupWords(group: ImportGroupReport): string {
  const roles = group.roles.length ? `, roles ${group.roles.join(', ')}` : '';
  if (group.action === 'create') return `${group.name} (new${roles})`;
  if (group.action === 'error') return `${group.name} (in error)`;
  return `${group.name} (roles granted${roles ? `: ${group.roles.join(', ')}` : ''})`;
}

export const DELIMITER_NAMES: Record<NonNullable<ImportReport['delimiter']>, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};

export const ENCODING_NAMES: Record<ImportReport['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
  text: 'text',
};

/** "External users: 1,454 → 1,702 of 1,470 — 232 over the limit." */
export function limitMove(before: LimitUsage | undefined, after: LimitUsage): string {
  const from = before ? `${formatCount(before.used)} → ` : '';
  const head = `${limitLabel(after.limit)}: ${from}${formatCount(after.used)} of ${formatCount(after.max)}`;
  if (after.status === 'over') return `${head} — ${formatCount(-after.remaining)} over the limit.`;
  if (after.status === 'near') return `${head} — near the limit, ${formatCount(after.remaining)} left.`;
  return `${head} — within the limit.`;
}

/** The rows in error as the file had them, with an `error` column, to fix and import again. */
export function rowsInErrorCsv(report: ImportReport): string {
  const rows = report.rows.filter((row) => row.action === 'error');
  return toCsv(
    [...report.header, 'error'],
    rows.map((row) => {
      const cells = (row.cells ?? []).slice(0, report.header.length);
      while (cells.length < report.header.length) cells.push('');
      return [...cells, row.errors.join(' ')];
    }),
  );
}

/** "Reading the file: 12,000 rows", "Checking the rows: 40,000 of 100,000", "Writing: 30,000 users". */
export function progressWords(progress: ImportProgress): string {
  if (progress.phase === 'reading') return `Reading the file: ${formatCount(progress.rowsRead)} rows…`;
  if (progress.phase === 'checking') {
    return `Checking the rows: ${formatCount(progress.rowsDone)} of ${formatCount(progress.rowsRead)}…`;
  }
  return `Writing: ${formatCount(progress.rowsDone)} users…`;
}
