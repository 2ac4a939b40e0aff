/**
 * Every record of every table of a Roster database, as IndexedDB keeps it: two readings taken
 * around a call that must write nothing are equal, byte for byte.
 */
import { BACKUP_TABLES, RosterDb } from '../../src/db';

export async function tablesOf(name: string): Promise<Record<string, unknown[]>> {
  const db = new RosterDb(name);
  await db.open();
  const tables: Record<string, unknown[]> = {};
  for (const table of BACKUP_TABLES) tables[table] = await db.table(table).toArray();
  db.close();
  return tables;
}
