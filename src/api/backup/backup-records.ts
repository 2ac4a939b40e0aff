/**
 * The gate for a backup's records: one zod schema per table, as the current schema stores
 * them (the read-back gate's fields, src/db/record-gate.ts, made strict). Nothing of a backup
 * reaches the database before every record has passed, so a damaged or hand-edited file is
 * refused whole with a message that names the table and the record.
 */
import { z } from 'zod';
import { RECORD_FIELDS, jsonOf, type BackupTable } from '../../db';
import { decodeUsers, packedUsersProblem } from '../../index';

const text = z.string();
const ids = jsonOf(z.array(text));

/** User chunks are checked by the codec: its own decoding, then each user's fields. */
const usersText = text.superRefine((value, context) => {
  let problem: string | undefined;
  try {
    problem = packedUsersProblem(decodeUsers(value));
  } catch {
    problem = 'is not valid JSON';
  }
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/**
 * The fields of records read back (src/db/record-gate.ts), strict: no unknown key, and the
 * packed text checked too (a backup is read once, so every user of it is checked).
 */
export const BACKUP_RECORD_SCHEMAS: Readonly<Record<BackupTable, z.ZodType>> = {
  environments: z.strictObject(RECORD_FIELDS.environments),
  tenants: z.strictObject(RECORD_FIELDS.tenants),
  tenantTallies: z.strictObject(RECORD_FIELDS.tenantTallies),
  environmentStates: z.strictObject({ ...RECORD_FIELDS.environmentStates, head: usersText }),
  userChunks: z.strictObject({ ...RECORD_FIELDS.userChunks, data: usersText }),
  groups: z.strictObject(RECORD_FIELDS.groups),
  groupMembers: z.strictObject({ ...RECORD_FIELDS.groupMembers, userIds: ids }),
  roles: z.strictObject(RECORD_FIELDS.roles),
  userRoles: z.strictObject(RECORD_FIELDS.userRoles),
  groupRoles: z.strictObject(RECORD_FIELDS.groupRoles),
  settings: z.strictObject(RECORD_FIELDS.settings),
  snapshots: z.strictObject(RECORD_FIELDS.snapshots),
  tenantSnapshots: z.strictObject(RECORD_FIELDS.tenantSnapshots),
  audit: z.strictObject({ ...RECORD_FIELDS.audit, userIds: ids.optional(), usernames: ids.optional() }),
};
