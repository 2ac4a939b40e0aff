/**
 * How the index is kept in IndexedDB: each environment's users as chunks of packed users
 * (`userChunks`, CHUNK_SIZE per record), its state record (`environmentStates`: the revision,
 * the next chunk number, the count, the tallies by counting facts and the head, its first
 * HEAD_SIZE users by username, shown on a cold start) and the distinct-email count
 * (`settings`). Chunks are read and written a few per request, pausing between slices so
 * that no task blocks the page; writes run in the caller's transaction. The text of chunks,
 * heads and tallies is the codec's (user-codec.ts).
 */
import {
  CHUNK_SIZE,
  DISTINCT_EMAILS_KEY,
  HEAD_SIZE,
  allOf,
  chunkId,
  chunkIds,
  getChunks,
  putChunks,
  putEnvironmentStates,
  putSetting,
  putTenantTallies,
  type EnvironmentStateRecord,
  type RosterDb,
  type TenantTallyRecord,
  type UserChunkRecord,
} from '../db';
import type { FactTally } from '../domain';
import type { EnvironmentUsers } from './environment-users';
import { firstByUsername } from './first-by-username';
import { SliceClock, type Pause } from './pause';
import { encodeTallies, encodeUsers, type PackedUser } from './user-codec';
import type { UserColumns } from './user-columns';

/** Chunks written per request: about 8,000 users. */
const PUT_BATCH = Math.max(1, Math.round(8000 / CHUNK_SIZE));
/** Chunks read per request while loading: about 50,000 users. */
const LOAD_BATCH = Math.max(1, Math.round(50_000 / CHUNK_SIZE));

/**
 * Reads every chunk, a few per request, handing each to `take`; the clock pauses between slices.
 * The next request is made before the chunks at hand are taken in, so that IndexedDB reads (in
 * another process) while this thread decodes: the load costs the longer of the two, not their sum.
 */
export async function readAllChunks(
  db: RosterDb,
  clock: SliceClock,
  take: (chunk: UserChunkRecord) => void,
): Promise<void> {
  const ids = await chunkIds(db);
  const batch = (start: number) => {
    const request = getChunks(db, ids.slice(start, start + LOAD_BATCH));
    // Awaited in the next round; if taking this round's chunks throws first, no one awaits it.
    request.catch(() => undefined);
    return request;
  };
  let next = ids.length ? batch(0) : undefined;
  for (let start = 0; next; start += LOAD_BATCH) {
    const chunks = await next;
    next = start + LOAD_BATCH < ids.length ? batch(start + LOAD_BATCH) : undefined;
    for (const chunk of chunks) {
      if (chunk) take(chunk);
      if (clock.due()) await clock.pause();
    }
  }
}

/** The state record of a new, empty environment, at revision 1. */
export function emptyState(environmentId: string, generation: string | undefined): EnvironmentStateRecord {
  const state: EnvironmentStateRecord = {
    environmentId,
    rev: 1,
    nextSeq: 0,
    count: 0,
    tallies: encodeTallies([]),
    head: encodeUsers([]),
  };
  if (generation !== undefined) state.generation = generation;
  return state;
}

/** Keeps the distinct-email count for the usage shown before the index has loaded. */
export async function saveDistinctEmails(db: RosterDb, count: number): Promise<void> {
  await putSetting(db, DISTINCT_EMAILS_KEY, count);
}

/**
 * Writes an environment's touched chunks (by seq) and its state at the next revision, with
 * the distinct-email count as `distinctEmails()` tells it once the chunks are out; then the
 * environment reflects that revision.
 */
export async function persistEnvironment(
  db: RosterDb,
  columns: UserColumns,
  environment: EnvironmentUsers,
  touched: Iterable<number>,
  pause: Pause,
  distinctEmails: () => number,
  /** The database generation the index was loaded under (see EnvironmentStateRecord.generation). */
  generation: string | undefined,
): Promise<void> {
  const rev = environment.rev + 1;
  const clock = new SliceClock(pause);
  // A few chunks per request: fewer round trips, and no task long enough to block the page.
  let batch: UserChunkRecord[] = [];
  for (const seq of touched) {
    const slots = environment.chunks.get(seq) ?? [];
    batch.push({
      id: chunkId(environment.environmentId, seq),
      environmentId: environment.environmentId,
      seq,
      rev,
      count: slots.length,
      data: encodeUsers(slots.map((slot) => columns.pack(slot))),
    });
    if (batch.length === PUT_BATCH) {
      await putChunks(db, batch);
      batch = [];
    }
    if (clock.due()) await clock.pause();
  }
  const head = await storedHead(columns, environment, clock);
  const { own, tenants, written, gone } = changedTallies(columns, environment);
  const state: EnvironmentStateRecord = {
    environmentId: environment.environmentId,
    rev,
    nextSeq: environment.nextSeq,
    count: environment.count,
    tallies: own,
    head: encodeUsers(head),
  };
  // A new stamp whenever any tenant's tallies are written (the revision is unique within the generation).
  const stamp = tenants.length || gone.length ? `${rev}` : environment.tenantTalliesStamp;
  if (stamp !== undefined) state.tenantTalliesStamp = stamp;
  if (generation !== undefined) state.generation = generation;
  // The last writes go out together: one round trip instead of three.
  await allOf([
    batch.length ? putChunks(db, batch) : undefined,
    putEnvironmentStates(db, [state]),
    tenants.length || gone.length ? putTenantTallies(db, tenants, gone) : undefined,
    saveDistinctEmails(db, distinctEmails()),
  ]);
  environment.talliesChanged.clear();
  for (const [ordinal, encoded] of written) {
    if (encoded === undefined) environment.storedTallies.delete(ordinal);
    else environment.storedTallies.set(ordinal, encoded);
  }
  environment.tenantTalliesStamp = stamp;
  environment.rev = rev;
}

/**
 * The tallies to store: the default tenant's (in the state record, always) and those of the other
 * tenants whose tallies changed (a record each; `gone`: tenants left without users; `written`:
 * the ordinal and text of each, undefined for one gone). A tenant whose tallies read as this tab
 * last stored them (a rename: its user left a tally and came back to it) is not written again,
 * so the usage reads after the write keep the tenants' tallies they read before (the stamp stays).
 */
function changedTallies(
  columns: UserColumns,
  environment: EnvironmentUsers,
): { own: string; tenants: TenantTallyRecord[]; written: [number, string | undefined][]; gone: [string, string][] } {
  const byTenant = new Map<number, FactTally[]>([[0, []]]);
  for (const ordinal of environment.talliesChanged) byTenant.set(ordinal, []);
  for (const [key, count] of environment.tallies) {
    const list = byTenant.get(columns.tenantOfTallyKey(key));
    if (!list) continue;
    const { tenantId: _stored, ...tally } = columns.tallyOf(key, count);
    list.push(tally);
  }
  const { environmentId } = environment;
  const tenants: TenantTallyRecord[] = [];
  const written: [number, string | undefined][] = [];
  const gone: [string, string][] = [];
  for (const [ordinal, tallies] of byTenant) {
    if (ordinal === 0) continue;
    const tenantId = columns.tenants.names[ordinal]!;
    if (!tallies.length) {
      gone.push([environmentId, tenantId]);
      written.push([ordinal, undefined]);
      continue;
    }
    const encoded = encodeTallies(tallies);
    if (environment.storedTallies.get(ordinal) === encoded) continue;
    tenants.push({ environmentId, tenantId, tallies: encoded });
    written.push([ordinal, encoded]);
  }
  return { own: encodeTallies(byTenant.get(0)!), tenants, written, gone };
}

/**
 * The head to store: a slice of the username order when built, else a bounded selection.
 * The environment then remembers it, so that the next one can start from it.
 */
async function storedHead(
  columns: UserColumns,
  environment: EnvironmentUsers,
  clock: SliceClock,
): Promise<PackedUser[]> {
  const order = environment.builtOrder('username');
  const slots = order
    ? Array.from(order.slots.subarray(0, Math.min(HEAD_SIZE, order.length)))
    : await firstByUsername(columns, environment, HEAD_SIZE, clock);
  environment.headSlots = slots;
  environment.insertedSinceHead = [];
  return slots.map((slot) => columns.pack(slot));
}
