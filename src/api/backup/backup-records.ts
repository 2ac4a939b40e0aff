/**
 * The gate for a backup's records: one zod schema per table, as the current schema stores
 * them. Nothing of a backup reaches the database before every record has passed, so a damaged
 * or hand-edited file is refused whole with a message that names the table and the record.
 */
import { z } from 'zod';
import type { BackupTable } from '../../db';
import { decodeUsers, packedUsersProblem } from '../../index';

const text = z.string();
const bit = z.union([z.literal(0), z.literal(1)]);
const count = z.number().int().min(0);
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: 'is not a date' });

const rules = z.strictObject({
  mode: z.enum(['all-internal', 'domains']),
  domains: z.array(z.strictObject({ domain: text, relation: z.enum(['own', 'parent', 'affiliate', 'client']) })),
});

const packedTallies = z.array(z.tuple([text, bit, bit, count]));

/** Text that must hold JSON of a given shape (the packed columns of chunks and states). */
function jsonOf(schema: z.ZodType) {
  return text.superRefine((value, context) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return;
    }
    const result = schema.safeParse(parsed);
    if (!result.success)
      context.addIssue({
        code: 'custom',
        message: `does not hold what it should (${result.error.issues[0]?.message ?? 'wrong shape'})`,
      });
  });
}

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

export const BACKUP_RECORD_SCHEMAS: Readonly<Record<BackupTable, z.ZodType>> = {
  environments: z.strictObject({
    id: text,
    name: text,
    kind: z.enum(['production', 'non-production']),
    platformVersion: text.optional(),
    rules,
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
  environmentStates: z.strictObject({
    environmentId: text,
    rev: count,
    nextSeq: count,
    tallies: jsonOf(packedTallies),
    head: usersText,
    count,
    generation: text.optional(),
  }),
  userChunks: z.strictObject({ id: text, environmentId: text, seq: count, rev: count, count, data: usersText }),
  groups: z.strictObject({
    id: text,
    environmentId: text,
    name: text,
    nameKey: text,
    description: text.optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
  groupMembers: z.strictObject({
    id: text,
    groupId: text,
    environmentId: text,
    seq: count,
    count,
    userIds: jsonOf(z.array(text)),
  }),
  roles: z.strictObject({ id: text, environmentId: text, application: text, name: text, key: text, builtIn: bit }),
  userRoles: z.strictObject({ userId: text, roleId: text, environmentId: text }),
  groupRoles: z.strictObject({ groupId: text, roleId: text, environmentId: text }),
  settings: z.strictObject({ key: text, value: z.unknown().optional() }),
  snapshots: z.strictObject({
    environmentId: text,
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    internal: count,
    external: count,
    named: count,
    anonymous: count,
    inactive: count,
  }),
  audit: z.strictObject({
    id: z.number().int().min(1),
    at: isoDate,
    action: text,
    entity: z.enum(['environment', 'user', 'group', 'role', 'subscription', 'settings']),
    entityId: text,
    environmentId: text.optional(),
    // JSON leaves out a value that was undefined (a field set for the first time has no before).
    changes: z
      .record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() }))
      .optional(),
    summary: text.optional(),
    label: text.optional(),
    actor: text.optional(),
    userCount: count.optional(),
    userIds: jsonOf(z.array(text)).optional(),
    usernames: jsonOf(z.array(text)).optional(),
  }),
};
