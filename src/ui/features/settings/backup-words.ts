/** The words of backups: the file's name and what a database holds, said in a line. */
import type { BackupTable } from '../../../api';
import { counted } from '../../words';

/** "roster-backup-2026-11-29.json.gz": what it is and the day it was made. */
export function backupFileName(at: Date, compressed: boolean): string {
  return `roster-backup-${at.toISOString().slice(0, 10)}.json${compressed ? '.gz' : ''}`;
}

/** "3 environments, 5,750 users, 12 groups, 30 roles and 1,204 activity entries". */
export function holdingsSentence(records: Record<BackupTable, number>, users?: number): string {
  const parts = [
    counted(records.environments, 'environment'),
    ...(users === undefined ? [] : [counted(users, 'user')]),
    counted(records.groups, 'group'),
    counted(records.roles, 'role'),
  ];
  return `${parts.join(', ')} and ${counted(records.audit, 'activity entry', 'activity entries')}`;
}

/** After how long without a backup the dashboard reminds, once the data has changed. */
export const BACKUP_REMINDER_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Whether the dashboard reminds to make a backup: the data changed since the last backup (or
 * there never was one), the last backup (else the oldest change) is 30 days old or more, and the
 * person has not dismissed the reminder since the latest change.
 */
export function isBackupDue(
  status: { lastBackupAt?: string; lastChangeAt?: string; firstChangeAt?: string },
  now: Date,
  dismissedAtChange?: string,
): boolean {
  const { lastBackupAt, lastChangeAt, firstChangeAt } = status;
  if (!lastChangeAt) return false;
  if (lastBackupAt && lastChangeAt <= lastBackupAt) return false;
  if (dismissedAtChange && lastChangeAt <= dismissedAtChange) return false;
  const since = lastBackupAt ?? firstChangeAt ?? lastChangeAt;
  return now.getTime() - Date.parse(since) >= BACKUP_REMINDER_DAYS * DAY_MS;
}
