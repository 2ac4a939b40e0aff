/** Environments and the removal of everything that belongs to one. */
import type { EnvironmentRecord } from './records';
import { admit, admitOne } from './record-gate';
import type { RosterDb } from './roster-db';

export function getEnvironment(db: RosterDb, id: string): Promise<EnvironmentRecord | undefined> {
  return db.environments.get(id).then((record) => admitOne<EnvironmentRecord>(db, 'environments', record));
}

export async function listEnvironments(db: RosterDb): Promise<EnvironmentRecord[]> {
  const all = admit<EnvironmentRecord>(db, 'environments', await db.environments.toArray());
  return all.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
}

export async function putEnvironment(db: RosterDb, record: EnvironmentRecord): Promise<void> {
  await db.environments.put(record);
}

/**
 * Deletes an environment with its users (chunks and state), groups and their members, roles and
 * grants. Its caches go after the write, in their own transaction (forgetCachesOf).
 */
export async function deleteEnvironmentCascade(db: RosterDb, id: string): Promise<void> {
  const byEnvironment = [
    db.groupMembers,
    db.userRoles,
    db.groupRoles,
    db.groups,
    db.roles,
    db.userChunks,
    db.environmentStates,
    db.tenantTallies,
    db.tenantSnapshots,
    db.tenants,
  ] as const;
  for (const table of byEnvironment) await table.where('environmentId').equals(id).delete();
  await db.environments.delete(id);
}
