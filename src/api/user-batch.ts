/**
 * The parts of the users API's bulk calls: validating a batch of new users at the gate,
 * building the created users to return, grouping found users by environment and the one
 * audit entry per environment of a bulk change.
 */
import { z } from 'zod';
import { defaultTenantId, type EndUser } from '../domain';
import {
  packedCreatedAt,
  packedId,
  unpackUser,
  yieldToEventLoop,
  type EnvironmentUsers,
  type PackedUser,
  type Pause,
} from '../index';
import { keepAlive, type AuditRecord } from '../db';
import { audit, type ApiContext } from './context';
import { RosterError, gateErrorMap, issuesFromZod, type RosterIssue } from './errors';
import type { FoundSlot } from './user-access';
import { userCreateSchema } from './schemas';

export type ValidUser = z.output<typeof userCreateSchema>;
/** Where an issue of a batch item is reported: `3.username` for createMany, `username` for create. */
export type PathOf = (index: number, field: string) => string;

/** Items validated per slice: one zod call per slice, with the event loop free in between. */
const PARSE_SLICE = 2000;

/**
 * Validates a batch at the gate, naming each bad item by its index; nothing is written on
 * error. Large batches are parsed in slices so that the page stays responsive.
 */
export async function parseBatch(inputs: unknown, pathOf: PathOf): Promise<ValidUser[]> {
  if (!Array.isArray(inputs)) throw RosterError.validation('', 'Give a list of users.');
  const slice = z.array(userCreateSchema);
  const issues: RosterIssue[] = [];
  const parsed: ValidUser[] = [];
  for (let start = 0; start < inputs.length; start += PARSE_SLICE) {
    const result = slice.safeParse(inputs.slice(start, start + PARSE_SLICE), { error: gateErrorMap });
    if (result.success) parsed.push(...result.data);
    else {
      for (const issue of issuesFromZod(result.error)) {
        const [index, ...field] = issue.path.split('.');
        issues.push({ ...issue, path: pathOf(start + Number(index), field.join('.')) });
      }
    }
    if (inputs.length > PARSE_SLICE) await yieldToEventLoop();
  }
  if (issues.length) throw new RosterError('validation', issues);
  return parsed;
}

/** The created users as stored: the validated input with its id and dates (built in slices). */
export async function createdUsers(data: ValidUser[], rows: PackedUser[]): Promise<EndUser[]> {
  if (rows.length === 1) return [unpackUser(data[0]!.environmentId, rows[0]!)];
  const at = rows.length ? new Date(packedCreatedAt(rows[0]!)).toISOString() : '';
  const users: EndUser[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const input = data[i]!;
    const user: EndUser = {
      environmentId: input.environmentId,
      tenantId: input.tenantId ?? defaultTenantId(input.environmentId),
      id: packedId(rows[i]!),
      username: input.username,
      isActive: input.isActive,
      createdAt: at,
      updatedAt: at,
    };
    // Only the fields given: deleting the others would turn each of 100,000 objects into a slow dictionary.
    for (const field of OPTIONAL_FIELDS) if (input[field] !== undefined) user[field] = input[field];
    users[i] = user;
    if ((i & 16383) === 16383) await yieldToEventLoop();
  }
  return users;
}

const OPTIONAL_FIELDS = ['name', 'email', 'mobilePhone', 'lastLogin', 'externalId'] as const;

/** Users of a bulk call, by environment (each environment's chunks and state are persisted once). */
export function groupByEnvironment(found: readonly FoundSlot[]): Map<EnvironmentUsers, FoundSlot[]> {
  const groups = new Map<EnvironmentUsers, FoundSlot[]>();
  const seen = new Set<number>();
  for (const entry of found) {
    // An id given twice is one user.
    if (seen.has(entry.slot)) continue;
    seen.add(entry.slot);
    const list = groups.get(entry.environment);
    if (list) list.push(entry);
    else groups.set(entry.environment, [entry]);
  }
  return groups;
}

/** One audit entry per environment for a bulk change, naming a few of the users. */
export async function bulkAudit(
  context: ApiContext,
  environmentId: string,
  action: string,
  found: readonly FoundSlot[],
  at: Date = context.now(),
): Promise<void> {
  const { columns } = context.userIndex;
  const names = found.slice(0, 5).map(({ slot }) => columns.usernames[slot]!);
  const more = found.length > names.length ? ` and ${found.length - names.length} more` : '';
  const summary = found.length === 1 ? names[0]! : `${found.length} users: ${names.join(', ')}${more}`;
  const entityId = found.length === 1 ? columns.ids[found[0]!.slot]! : '*';
  return audit(
    context,
    {
      action: found.length === 1 ? action : `${action}-many`,
      entity: 'user',
      entityId,
      environmentId,
      summary,
      ...(await userList(
        found.map(({ slot }) => columns.ids[slot]!),
        found.map(({ slot }) => columns.usernames[slot]!),
        keepAlive(context.db),
      )),
    },
    at,
  );
}

/** The usernames of users the index holds, in the order of `ids` (an id it does not hold, as itself). */
export function usernamesOf(context: ApiContext, ids: readonly string[]): string[] {
  const { userIndex } = context;
  return ids.map((id) => {
    const slot = userIndex.slotOf(id);
    return slot === undefined ? id : userIndex.columns.usernames[slot]!;
  });
}

/**
 * What an audit entry keeps of the users a bulk change touched: enough to list every one of them
 * later. Inside the change's transaction: `pause` keeps it alive between slices.
 */
export async function userList(
  ids: readonly string[],
  usernames: readonly string[] | undefined,
  pause: Pause,
): Promise<Pick<AuditRecord, 'userCount' | 'userIds' | 'usernames'>> {
  return {
    userCount: ids.length,
    userIds: await jsonOfStrings(ids, pause),
    ...(usernames ? { usernames: await jsonOfStrings(usernames, pause) } : {}),
  };
}

/** Strings per slice of the JSON text of a list. */
const JSON_SLICE = 20_000;

/**
 * A list of strings as JSON text, a slice at a time: the ids of a million users are 25 MB of
 * text, which one JSON.stringify writes in a single task of most of a second.
 */
async function jsonOfStrings(list: readonly string[], pause: Pause): Promise<string> {
  if (list.length <= JSON_SLICE) return JSON.stringify(list);
  const parts: string[] = [];
  for (let start = 0; start < list.length; start += JSON_SLICE) {
    parts.push(JSON.stringify(list.slice(start, start + JSON_SLICE)).slice(1, -1));
    await pause();
  }
  return `[${parts.join(',')}]`;
}
