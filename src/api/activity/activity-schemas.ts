/** The gate of the activity API: what a query of the log, the retention and the browser's name may be. */
import { z } from 'zod';

/** Where a page starts and how many `noun` it holds, at most 10,000. */
function pageFields(noun: string) {
  return {
    offset: z
      .number({ error: 'Give offset as a number.' })
      .int()
      .min(0, { error: 'offset cannot be negative.' })
      .default(0),
    limit: z
      .number({ error: 'Give limit as a number.' })
      .int()
      .min(0, { error: 'limit cannot be negative.' })
      .max(10_000, { error: `Ask for at most 10,000 ${noun} per page.` })
      .default(50),
  };
}

export const ACTIVITY_ENTITIES = [
  'environment',
  'user',
  'group',
  'role',
  'subscription',
  'settings',
  'tenant',
] as const;

/** The actions the API writes, for the console's filter (older or future entries may hold others). */
export const ACTIVITY_ACTIONS = [
  'create',
  'create-many',
  'update',
  'deactivate',
  'deactivate-many',
  'reactivate',
  'reactivate-many',
  'delete',
  'delete-many',
  'import',
  'grant',
  'revoke',
  'add-members',
  'remove-members',
  'set-rules',
  'set',
  'set-retention',
] as const;

const moment = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'Enter an ISO 8601 date-time with its zone, such as 2026-03-31T09:30:00Z.',
  })
  .transform((value) => new Date(value).toISOString());

const someText = (what: string) =>
  z
    .string({ error: `Give ${what} as text.` })
    .trim()
    .min(1, { error: `Give ${what}, or leave it out.` })
    .max(200, { error: `${what} is at most 200 characters.` });

export const activityQuerySchema = z
  .strictObject({
    environmentId: someText('the environment id').optional(),
    entity: z.enum(ACTIVITY_ENTITIES, { error: `Choose one of: ${ACTIVITY_ENTITIES.join(', ')}.` }).optional(),
    entityId: someText('the entity id').optional(),
    action: someText('the action').optional(),
    /** Entries at or after this moment. */
    from: moment.optional(),
    /** Entries before this moment. */
    to: moment.optional(),
    /** Words the entry says, its name, who made it or a value it changed; any case. */
    search: z
      .string({ error: 'Give the search as text.' })
      .max(200, { error: 'Search for at most 200 characters.' })
      .optional()
      .transform((value) => value?.trim().toLowerCase() || undefined),
    ...pageFields('entries'),
  })
  .superRefine((query, context) => {
    if (query.entityId !== undefined && query.entity === undefined)
      context.addIssue({ code: 'custom', path: ['entity'], message: 'Say which kind of entity entityId is.' });
    if (query.from !== undefined && query.to !== undefined && query.from >= query.to)
      context.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from.' });
  });

export type ActivityQuery = z.input<typeof activityQuerySchema>;
export type ParsedActivityQuery = z.output<typeof activityQuerySchema>;
/** A query of the whole filtered log, for the export. */
export type ActivityFilter = Omit<ActivityQuery, 'offset' | 'limit'>;

export const entryIdSchema = z
  .number({ error: 'Give the entry id as a number.' })
  .int({ error: 'An entry id is a whole number.' })
  .min(1, { error: 'An entry id is 1 or more.' });

export const pageSchema = z
  .strictObject({
    ...pageFields('users'),
  })
  .default({ offset: 0, limit: 50 });

/** How long the log keeps entries: every one (`days: null`, the default), or those of the last N days. */
export const retentionSchema = z.strictObject({
  days: z
    .number({ error: 'Give days as a whole number of days, or null to keep everything.' })
    .int({ error: 'Give a whole number of days.' })
    .min(1, { error: 'Keep at least 1 day.' })
    .max(36_500, { error: 'Keep at most 36,500 days (100 years), or null to keep everything.' })
    .nullable(),
});

export type Retention = z.output<typeof retentionSchema>;

/** The name an administrator gives this browser: one line of text, '' for none. */
export const actorSchema = z
  .string({ error: 'Give the name as text.' })
  .trim()
  .max(100, { error: 'A name is at most 100 characters.' })
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  .refine((value) => !/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(value), {
    error: 'A name is one line of visible text (no control, zero-width or direction characters).',
  });
