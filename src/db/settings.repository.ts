/** Database-wide settings (the subscription), one record per key. */
import type { z } from 'zod';
import { admitOne, setApart } from './record-gate';
import type { SettingRecord } from './records';
import type { RosterDb } from './roster-db';

/**
 * A setting's value. With `schema` (the caller's, who knows what the key holds), a value that
 * does not fit is set apart like any record that does not, and read as absent.
 */
export async function getSetting<T>(db: RosterDb, key: string, schema?: z.ZodType<unknown>): Promise<T | undefined> {
  const record = admitOne<SettingRecord>(db, 'settings', await db.settings.get(key));
  if (!record || !schema || record.value === undefined) return record?.value as T | undefined;
  const result = schema.safeParse(record.value);
  if (result.success) return record.value as T;
  const issue = result.error.issues[0];
  setApart(db, 'settings', record, `value${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message}`);
  return undefined;
}

export async function putSetting(db: RosterDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
