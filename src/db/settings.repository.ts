/** Database-wide settings (the subscription), one record per key. */
import type { RosterDb } from './roster-db';

export async function getSetting<T>(db: RosterDb, key: string): Promise<T | undefined> {
  const record = await db.settings.get(key);
  return record?.value as T | undefined;
}

export async function putSetting(db: RosterDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
