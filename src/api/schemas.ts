/**
 * The gate: zod schemas of every input the Users API accepts. Past these, the types are trusted.
 * Messages say what to do, and each issue carries the path of its field.
 */
import { z } from 'zod';
import { VERSION_PATTERN, isPlausiblePhone, isValidEmail } from '../domain';
import { DEFAULT_DORMANT_DAYS, DEFAULT_WARN_AT } from '../domain/defaults';

const id = (what: string) => z.string({ error: `Give the ${what} id.` }).min(1, { error: `Give the ${what} id.` });

/**
 * Characters no text of Roster may hold: control characters (a line break is folded or refused
 * before this check, by the field), and the invisible ones that make two texts look alike or
 * reorder what is shown: zero-width spaces, word joiners, soft hyphens, byte-order marks and
 * every text-direction control (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM), which can make
 * "ana\u202Emoc.elgoog" show as "anagoogle.com" (Trojan Source, CVE-2021-42574).
 * ZWNJ and ZWJ (U+200C, U+200D) are kept out of this list: Persian and Indic names and emoji
 * need them between visible characters; usernames and external ids refuse them too.
 */
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/u;
/** A joiner that joins nothing: at the start, after a space, or alone. */
const LONE_JOINER = /(?:^|[\s\u200C\u200D])[\u200C\u200D]/u;
/** External ids are matched by other systems: control, format (\p{Cf}) and line-separator characters are refused. */
const IDENTIFIER_REFUSED = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** A run of white space that holds a line break, tab or other white-space control: one space in a one-line name. */
const BREAK_RUN = /\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/gu;

const CONTROL_MESSAGE = 'may not contain control characters.';
const INVISIBLE_MESSAGE = 'may not contain invisible characters (zero-width spaces or text-direction controls).';

/**
 * A one-line name, trimmed: a line break or tab (with the spaces around it) becomes one space, as
 * SPEC says of names in imports and users.create alike; other control characters and invisible
 * characters are refused with `what` naming the field in the message.
 */
function oneLine(schema: z.ZodString, what: string) {
  return schema
    .trim()
    .transform((value) => value.replace(BREAK_RUN, ' '))
    .refine((value) => !CONTROL.test(value), { error: `${what} ${CONTROL_MESSAGE}` })
    .refine((value) => !INVISIBLE.test(value) && !LONE_JOINER.test(value), { error: `${what} ${INVISIBLE_MESSAGE}` });
}

/** Optional one-line text: blank or null clears it. */
const optionalText = (max: number, what: string) =>
  z
    .union([oneLine(z.string(), what), z.null()], { error: `${what} must be text.` })
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || value.length <= max, { error: `Use at most ${max} characters.` });

/** Optional text of several lines (a description): line breaks kept as \n, tabs kept; nothing else invisible. */
const optionalMultiline = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .refine((value) => !/[^\P{Cc}\t\n]/u.test(value), { error: `${what} ${CONTROL_MESSAGE}` })
    .refine((value) => !INVISIBLE.test(value) && !LONE_JOINER.test(value), { error: `${what} ${INVISIBLE_MESSAGE}` })
    .refine((value) => value.length <= max, { error: `Use at most ${max} characters.` })
    .nullish()
    .transform((value) => (value ? value : undefined));

/** Optional identifier (an external id): blank or null clears it; nothing invisible. */
const optionalIdentifier = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, { error: `Use at most ${max} characters.` })
    .refine((value) => !IDENTIFIER_REFUSED.test(value), {
      error: `${what} may not contain control or invisible characters.`,
    })
    .nullish()
    .transform((value) => (value ? value : undefined));

const username = z
  .string({ error: 'Enter a username.' })
  .trim()
  .min(1, { error: 'Enter a username.' })
  .max(255, { error: 'Use at most 255 characters.' })
  .regex(/^[^\p{Cc}]*$/u, { error: 'A username may not contain control characters.' })
  .refine((value) => !/[\p{Cf}\u2028\u2029]/u.test(value), {
    error: 'A username may not contain invisible characters (zero-width spaces or text-direction controls).',
  });

const email = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isValidEmail(value), {
    error: 'Enter a valid email address, such as ana@example.com.',
  });

const mobilePhone = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isPlausiblePhone(value), {
    error: 'Enter a phone number of 6 to 20 digits; only digits, spaces, +, - and parentheses.',
  });

/**
 * The form `toISOString()` gives. A date-time the schema accepted (a real calendar date and
 * time) in this form is already as stored: parsing and formatting it again cost more than the
 * rest of a user's validation (2.5 µs each, 2.5 s of an import of a million).
 */
const STORED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An ISO 8601 date-time (or date), stored in UTC as `toISOString()` gives it. */
const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'Enter an ISO 8601 date, such as 2026-03-31T09:30:00Z.',
  })
  .transform((value) => (STORED_ISO.test(value) ? value : new Date(value).toISOString()));

const lastLogin = z
  .union([isoDate, z.literal(''), z.null()], { error: 'Enter an ISO 8601 date, such as 2026-03-31T09:30:00Z.' })
  .optional()
  .transform((value) => (value ? value : undefined));

const environmentKind = z.enum(['production', 'non-production'], {
  error: 'Choose production or non-production.',
});

const platformVersion = z
  .string({ error: 'Enter a version such as 11.12.3: numbers separated by dots.' })
  .trim()
  // A version is compared part by part on every count: a megabyte of "1.1.1…" is no version.
  .max(50, { error: 'Use at most 50 characters.' })
  .nullish()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || VERSION_PATTERN.test(value), {
    error: 'Enter a version such as 11.12.3: numbers separated by dots.',
  });

const environmentName = oneLine(z.string({ error: 'Enter a name.' }), 'A name').pipe(
  z.string().min(1, { error: 'Enter a name.' }).max(100, { error: 'Use at most 100 characters.' }),
);

export const environmentCreateSchema = z.strictObject({
  name: environmentName,
  kind: environmentKind,
  platformVersion,
  // The rules to start with (else every user is internal); parsed in full by the rules' own gate.
  rules: z.unknown().optional(),
});

export const environmentPatchSchema = z.strictObject({
  name: environmentName.optional(),
  kind: environmentKind.optional(),
  platformVersion: platformVersion.optional(),
});

const relationSchema = z.enum(['own', 'parent', 'affiliate', 'client'], {
  error: 'Choose own, parent, affiliate or client.',
});

export const rulesInputSchema = z.strictObject({
  mode: z.enum(['all-internal', 'domains'], { error: 'Choose all-internal or domains.' }),
  domains: z
    .array(
      z.union([z.string(), z.strictObject({ domain: z.string(), relation: relationSchema.default('own') })], {
        error: 'Give a domain as text, or as { domain, relation }.',
      }),
    )
    .default([]),
});

/** A tenant of the environment; absent: the environment's default tenant. */
const tenantId = z.string({ error: 'tenantId must be the id of a tenant of the environment.' }).min(1).optional();

export const userCreateSchema = z.strictObject({
  environmentId: id('environment'),
  tenantId,
  username,
  name: optionalText(200, 'A name'),
  email,
  mobilePhone,
  isActive: z.boolean({ error: 'isActive must be true or false.' }).default(true),
  lastLogin,
  externalId: optionalIdentifier(200, 'An external id'),
});

export const userPatchSchema = z.strictObject({
  // Moves the user to another tenant of its environment.
  tenantId,
  username: username.optional(),
  name: optionalText(200, 'A name'),
  email,
  mobilePhone,
  isActive: z.boolean({ error: 'isActive must be true or false.' }).optional(),
  lastLogin,
  externalId: optionalIdentifier(200, 'An external id'),
});

export const userSortSchema = z.enum(['username', 'name', 'email', 'lastLogin', 'createdAt']);

/** A page of users: where it starts and how many it holds. */
const userPageFields = {
  offset: z.number().int().min(0, { error: 'offset cannot be negative.' }).default(0),
  limit: z.number().int().min(0).max(10_000, { error: 'Ask for at most 10,000 users per page.' }).default(50),
};

export const userListSchema = z.strictObject({
  environmentId: id('environment'),
  search: z.string().trim().optional(),
  // 'named': internal or external, the users a named-users limit counts.
  class: z.enum(['internal', 'external', 'named', 'anonymous', 'inactive']).optional(),
  isActive: z.boolean().optional(),
  groupId: z.string().optional(),
  tenantId: z.string().optional(),
  // Users granted the role, directly or through a group (with isActive: true, its holders now).
  roleId: z.string().optional(),
  sort: userSortSchema.default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...userPageFields,
});

export const dormantSchema = z.strictObject({
  environmentId: z.string().optional(),
  // The users a limit counts: 'named' is internal and external together.
  class: z.enum(['internal', 'external', 'named'], { error: 'Choose internal, external or named.' }).optional(),
  // true: production environments only (the ones the licence counts); false: the others only.
  production: z.boolean({ error: 'production must be true or false.' }).optional(),
  days: z
    .number({ error: 'days must be a whole number.' })
    .int({ error: 'days must be a whole number.' })
    .min(1, { error: 'days must be at least 1.' })
    // A cutoff further back than a century finds nobody and, at 10^8 days, falls outside what a Date can hold.
    .max(36_500, { error: 'days can be at most 36,500 (100 years).' })
    .default(DEFAULT_DORMANT_DAYS),
  now: z.date({ error: 'now must be a Date.' }).optional(),
});

/** Counts of dormant users per environment and class: the class filter has nothing to do there. */
export const dormantCountsSchema = dormantSchema.omit({ class: true });

/** A page of the dormant users, oldest login first. */
export const dormantPageSchema = dormantSchema.extend(userPageFields);

const tenantName = oneLine(z.string({ error: 'Enter a tenant name.' }), 'A tenant name').pipe(
  z.string().min(1, { error: 'Enter a tenant name.' }).max(100, { error: 'Use at most 100 characters.' }),
);

export const tenantCreateSchema = z.strictObject({
  environmentId: id('environment'),
  name: tenantName,
});

export const tenantPatchSchema = z.strictObject({
  name: tenantName.optional(),
});

export type TenantCreateInput = z.input<typeof tenantCreateSchema>;
export type TenantPatch = z.input<typeof tenantPatchSchema>;

const groupName = oneLine(z.string({ error: 'Enter a group name.' }), 'A group name').pipe(
  z.string().min(1, { error: 'Enter a group name.' }).max(100, { error: 'Use at most 100 characters.' }),
);

export const groupCreateSchema = z.strictObject({
  environmentId: id('environment'),
  tenantId,
  name: groupName,
  description: optionalMultiline(1000, 'A description'),
});

export const groupPatchSchema = z.strictObject({
  name: groupName.optional(),
  description: optionalMultiline(1000, 'A description'),
});

export const idListSchema = z.array(z.string().min(1), { error: 'Give a list of ids.' });

const roleText = (what: string) =>
  oneLine(z.string({ error: `Enter the ${what}.` }), `The ${what}`).pipe(
    z
      .string()
      .min(1, { error: `Enter the ${what}.` })
      .max(100, { error: 'Use at most 100 characters.' }),
  );

export const roleCreateSchema = z.strictObject({
  environmentId: id('environment'),
  // An application may be named with "/" (a SAML client is named by its URL, and imports keep
  // it): the text "application/role" is split at its last "/", so only the role name may not hold one.
  application: roleText('application name'),
  name: roleText('role name').refine((value) => !value.includes('/'), {
    error: 'The role name may not contain "/".',
  }),
});

const limit = (what: string) =>
  z
    .number({ error: `Enter the ${what} limit as a number.` })
    // Beyond 2^53 − 1 a number is no longer exact (2^53 + 1 reads as 2^53): say so rather than "not whole".
    .max(Number.MAX_SAFE_INTEGER, { error: 'A limit can be at most 9,007,199,254,740,991.', abort: true })
    .int({ error: 'Use a whole number.' })
    .min(0, { error: 'A limit cannot be negative.' })
    // -0 passes "≥ 0" but would be shown as "-0" by Intl.NumberFormat: store 0.
    .transform((value) => value + 0);

const warnAt = z
  .number({ error: `warnAt is a fraction such as ${DEFAULT_WARN_AT}.` })
  .gt(0, { error: 'warnAt must be above 0.' })
  .max(1, { error: 'warnAt is a fraction of the limit, at most 1.' })
  .default(DEFAULT_WARN_AT);

const periodStart = z
  .string({ error: 'Give the start of the billing period as a date (YYYY-MM-DD).' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Give the start of the billing period as a date (YYYY-MM-DD).', abort: true })
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      error: 'That date does not exist.',
    },
  )
  .optional();

export const subscriptionSchema = z.discriminatedUnion(
  'model',
  [
    z.strictObject({
      model: z.literal('internal-external'),
      internalLimit: limit('internal'),
      externalLimit: limit('external'),
      warnAt,
      periodStart,
    }),
    z.strictObject({ model: z.literal('named'), namedLimit: limit('named'), warnAt, periodStart }),
  ],
  { error: 'Choose the model: internal-external or named.' },
);

/** A tenant's own limits: its client's subscription (no billing period: the organisation's applies). */
export const tenantLimitsSchema = z.discriminatedUnion(
  'model',
  [
    z.strictObject({
      model: z.literal('internal-external'),
      internalLimit: limit('internal'),
      externalLimit: limit('external'),
      warnAt,
    }),
    z.strictObject({ model: z.literal('named'), namedLimit: limit('named'), warnAt }),
  ],
  { error: 'Choose the model: internal-external or named.' },
);

export type TenantLimitsInput = z.input<typeof tenantLimitsSchema>;
export type EnvironmentCreateInput = Omit<z.input<typeof environmentCreateSchema>, 'rules'> & { rules?: RulesInput };
export type EnvironmentPatch = z.input<typeof environmentPatchSchema>;
export type RulesInput = z.input<typeof rulesInputSchema>;
export type UserCreateInput = z.input<typeof userCreateSchema>;
export type UserPatch = z.input<typeof userPatchSchema>;
export type UserListQuery = z.input<typeof userListSchema>;
export type DormantQuery = z.input<typeof dormantSchema>;
export type DormantCountsQuery = z.input<typeof dormantCountsSchema>;
export type DormantPageQuery = z.input<typeof dormantPageSchema>;
export type GroupCreateInput = z.input<typeof groupCreateSchema>;
export type GroupPatch = z.input<typeof groupPatchSchema>;
export type RoleCreateInput = z.input<typeof roleCreateSchema>;
export type SubscriptionInput = z.input<typeof subscriptionSchema>;
