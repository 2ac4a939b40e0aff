import { describe, expect, it } from 'vitest';
import { isBackupDue } from '../../src/ui/features/settings/backup-words';

const now = new Date('2026-06-30T12:00:00Z');

describe('the backup reminder', () => {
  it.each([
    ['nothing ever changed', {}, undefined, false],
    [
      'never backed up, data changing for 31 days',
      { firstChangeAt: '2026-05-30T00:00:00Z', lastChangeAt: '2026-06-29T00:00:00Z' },
      undefined,
      true,
    ],
    [
      'never backed up, data 10 days old',
      { firstChangeAt: '2026-06-20T00:00:00Z', lastChangeAt: '2026-06-29T00:00:00Z' },
      undefined,
      false,
    ],
    [
      'a backup 40 days ago, changed since',
      { lastBackupAt: '2026-05-21T00:00:00Z', lastChangeAt: '2026-06-01T00:00:00Z' },
      undefined,
      true,
    ],
    [
      'a backup 40 days ago, nothing changed since',
      { lastBackupAt: '2026-05-21T00:00:00Z', lastChangeAt: '2026-05-20T00:00:00Z' },
      undefined,
      false,
    ],
    [
      'a backup 5 days ago, changed since',
      { lastBackupAt: '2026-06-25T00:00:00Z', lastChangeAt: '2026-06-29T00:00:00Z' },
      undefined,
      false,
    ],
    [
      'dismissed at the latest change',
      { lastBackupAt: '2026-05-21T00:00:00Z', lastChangeAt: '2026-06-01T00:00:00Z' },
      '2026-06-01T00:00:00Z',
      false,
    ],
    [
      'dismissed, then changed again',
      { lastBackupAt: '2026-05-21T00:00:00Z', lastChangeAt: '2026-06-02T00:00:00Z' },
      '2026-06-01T00:00:00Z',
      true,
    ],
  ])('%s', (_case, status, dismissed, due) => {
    expect(isBackupDue(status, now, dismissed)).toBe(due);
  });
});
