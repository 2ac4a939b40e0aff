/**
 * What IndexedDB holds underneath the API, for the cascade tests: rows that the API has no
 * read for (memberships and grants of a deleted user or group, user chunks and state) must be gone too.
 */
import { RosterDb } from '../../src/db';

export interface StoredRows {
  userChunks: number;
  environmentStates: number;
  groups: number;
  memberships: number;
  roles: number;
  userRoles: number;
  groupRoles: number;
}

/** Counts the rows of every table that belong to `environmentId`, through a second connection to the database. */
export async function storedRowsOf(dbName: string, environmentId: string): Promise<StoredRows> {
  const db = new RosterDb(dbName);
  await db.open();
  try {
    const mine = <T extends { environmentId: string }>(rows: T[]) => rows.filter((row) => row.environmentId === environmentId).length;
    return {
      userChunks: mine(await db.userChunks.toArray()),
      environmentStates: mine(await db.environmentStates.toArray()),
      groups: mine(await db.groups.toArray()),
      memberships: mine(await db.memberships.toArray()),
      roles: mine(await db.roles.toArray()),
      userRoles: mine(await db.userRoles.toArray()),
      groupRoles: mine(await db.groupRoles.toArray()),
    };
  } finally {
    db.close();
  }
}

/** The membership and grant rows that mention a user or group, whatever their environment. */
export async function rowsMentioning(dbName: string, ids: { userId?: string; groupId?: string }) {
  const db = new RosterDb(dbName);
  await db.open();
  try {
    const memberships = await db.memberships.filter((row) => row.userId === ids.userId || row.groupId === ids.groupId).count();
    const userRoles = await db.userRoles.filter((row) => row.userId === ids.userId).count();
    const groupRoles = await db.groupRoles.filter((row) => row.groupId === ids.groupId).count();
    return { memberships, userRoles, groupRoles };
  } finally {
    db.close();
  }
}
