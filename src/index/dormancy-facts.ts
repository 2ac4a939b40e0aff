/**
 * The dormancy facts of an environment (schema v9, DormancyFactsRecord): who is active, with
 * which email domain, and when each last logged in (or was created, if never), laid out so that
 * the dormant users of any cutoff are counted per domain by binary searches. The index writes
 * them in the background once an environment has been quiet for a moment; a cold start reads
 * them to show the dashboard's dormant counts before the index has loaded. A cache: facts of
 * another revision, generation or layout are never used.
 */
import { factsStamp, putDormancyFacts, type DormancyFactsRecord, type RosterDb } from '../db';
import type { EnvironmentUsers } from './environment-users';
import { SliceClock, yieldUntilIdle, type Pause } from './pause';
import type { UserColumns } from './user-columns';

/** The layout of the facts: change it with DormancyFactsRecord's, and stored facts are written again. */
export const FACTS_VERSION = 1;

/** Quiet time after a write before the facts are stored. */
const SAVE_DELAY_MS = 2000;

/** Users looked at between two ticks of the clock. */
const STEP = 16384;

/** Dormant users per email domain, and the anonymous ones apart. */
export interface DormantByDomain {
  byDomain: Map<string, number>;
  anonymous: number;
}

/** The environment's facts as a record to store, built in slices. */
export async function factsRecord(
  columns: UserColumns,
  environment: EnvironmentUsers,
  generation: string | undefined,
  pause: Pause,
): Promise<DormancyFactsRecord> {
  const clock = new SliceClock(pause);
  const { active, anonymous, domain, lastLogin, createdAt } = columns;
  const anonymousGroup = columns.domains.names.length;
  // Per domain id (and one more for the anonymous): users who logged in, and who never did.
  const sizes = new Uint32Array(2 * (anonymousGroup + 1));
  const groupOf = (slot: number) => 2 * (anonymous[slot] === 1 ? anonymousGroup : domain[slot]!);
  const never = (slot: number) => (Number.isNaN(lastLogin[slot]!) ? 1 : 0);
  let seen = 0;
  for (const slots of environment.chunks.values()) {
    for (const slot of slots) {
      if (active[slot] === 1) sizes[groupOf(slot) + never(slot)]!++;
      if (++seen % STEP === 0 && clock.due()) await clock.pause();
    }
  }
  // The groups that have users, in domain order, the anonymous last; each group's start.
  const domains: string[] = [];
  const groupIds: number[] = [];
  for (let id = 0; id < anonymousGroup; id++) {
    if (sizes[2 * id]! + sizes[2 * id + 1]! === 0) continue;
    domains.push(columns.domains.names[id]!);
    groupIds.push(id);
  }
  groupIds.push(anonymousGroup);
  const offsets = new Uint32Array(2 * groupIds.length + 1);
  const cursor = new Uint32Array(sizes.length);
  let at = 0;
  groupIds.forEach((id, group) => {
    for (const kind of [0, 1]) {
      offsets[2 * group + kind] = at;
      cursor[2 * id + kind] = at;
      at += sizes[2 * id + kind]!;
    }
  });
  offsets[offsets.length - 1] = at;
  const times = new Float64Array(at);
  for (const slots of environment.chunks.values()) {
    for (const slot of slots) {
      if (active[slot] === 1) {
        const isNever = never(slot);
        times[cursor[groupOf(slot) + isNever]!++] = isNever ? createdAt[slot]! : lastLogin[slot]!;
      }
      if (++seen % STEP === 0 && clock.due()) await clock.pause();
    }
  }
  for (let range = 0; range + 1 < offsets.length; range++)
    await sortInSlices(times.subarray(offsets[range], offsets[range + 1]), clock);
  const { rev } = environment;
  const record: DormancyFactsRecord = {
    environmentId: environment.environmentId,
    rev,
    version: FACTS_VERSION,
    stamp: factsStamp(generation, rev, FACTS_VERSION),
    domains,
    offsets,
    times,
  };
  if (generation !== undefined) record.generation = generation;
  return record;
}

/**
 * Sorts ascending without one long task: runs of STEP values sorted natively, then merged
 * pairwise through a buffer, ticking the clock between steps (one domain may hold most users).
 */
export async function sortInSlices(values: Float64Array, clock: SliceClock): Promise<void> {
  for (let start = 0; start < values.length; start += STEP) {
    values.subarray(start, start + STEP).sort();
    if (clock.due()) await clock.pause();
  }
  if (values.length <= STEP) return;
  let from: Float64Array<ArrayBufferLike> = values;
  let to: Float64Array<ArrayBufferLike> = new Float64Array(values.length);
  for (let width = STEP; width < values.length; width *= 2) {
    for (let start = 0; start < values.length; start += 2 * width) {
      const middle = Math.min(start + width, values.length);
      const end = Math.min(start + 2 * width, values.length);
      let left = start;
      let right = middle;
      for (let out = start; out < end; out++) {
        to[out] = right >= end || (left < middle && from[left]! <= from[right]!) ? from[left++]! : from[right++]!;
        if ((out & (STEP - 1)) === STEP - 1 && clock.due()) await clock.pause();
      }
    }
    [from, to] = [to, from];
  }
  if (from !== values) values.set(from);
}

/** Whether stored facts describe an environment at `rev` under `generation`. */
export function usableFacts(
  record: DormancyFactsRecord | undefined,
  rev: number,
  generation: string | undefined,
): record is DormancyFactsRecord {
  return record !== undefined && record.stamp === factsStamp(generation, rev, FACTS_VERSION);
}

/** How many values of a sorted range are below `cutoff` (or at it, with `orEqual`). */
function countBelow(times: Float64Array, from: number, to: number, cutoff: number, orEqual: boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < cutoff || (orEqual && times[mid] === cutoff)) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

/**
 * The dormant users of the facts at a cutoff: those whose last login is at or before it, and
 * those who never logged in and were created before it (as UserIndex counts them).
 */
export function dormantFromFacts(record: DormancyFactsRecord, cutoff: number): DormantByDomain {
  const { offsets, times, domains } = record;
  const counted = (group: number) =>
    countBelow(times, offsets[2 * group]!, offsets[2 * group + 1]!, cutoff, true) +
    countBelow(times, offsets[2 * group + 1]!, offsets[2 * group + 2]!, cutoff, false);
  const byDomain = new Map<string, number>();
  domains.forEach((name, group) => {
    const count = counted(group);
    if (count > 0) byDomain.set(name, (byDomain.get(name) ?? 0) + count);
  });
  return { byDomain, anonymous: counted(domains.length) };
}

/** What the stored facts need of the index to write them. */
export interface FactsSource {
  readonly db: RosterDb;
  readonly columns: UserColumns;
  readonly generation: string | undefined;
  environments(): Iterable<EnvironmentUsers>;
  /** Whether the index is loaded and no write of this tab is in flight. */
  isIdle(): boolean;
}

/**
 * Which environments' stored facts are current, and the writing of the others in the
 * background: after a quiet moment, in idle time, one environment at a time.
 */
export class StoredFacts {
  /** The stamp each environment's stored facts have (as loaded, or as this tab wrote them). */
  #stamps = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** After a load: the stamps of the stored facts. */
  loaded(stamps: ReadonlyMap<string, string>): void {
    this.#stamps = new Map(stamps);
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#stamps = new Map();
  }

  /** Writes, after a quiet moment, the facts of every environment whose stored ones are not current. Debounced. */
  schedule(source: FactsSource): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#saveBehind(source).catch(() => {
        // A closed database or a reset: the facts are written another time; a cold start waits for the index.
      });
    }, SAVE_DELAY_MS);
  }

  async #saveBehind(source: FactsSource): Promise<void> {
    for (const environment of [...source.environments()]) {
      const { rev, environmentId } = environment;
      const stamp = factsStamp(source.generation, rev, FACTS_VERSION);
      if (environment.count === 0 || this.#stamps.get(environmentId) === stamp) continue;
      await yieldUntilIdle();
      if (!source.isIdle()) return;
      const record = await factsRecord(source.columns, environment, source.generation, yieldUntilIdle);
      // A write came in while they were built: its end schedules this again.
      if (!source.isIdle() || environment.rev !== rev) return;
      await putDormancyFacts(source.db, record);
      this.#stamps.set(environmentId, stamp);
    }
  }
}
