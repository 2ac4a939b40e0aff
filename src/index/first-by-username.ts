/**
 * The first users of an environment by username when no username order is built: after
 * inserts only, the new first users are among the old ones and the inserted ones; otherwise
 * every user is looked at once. The order is SortedOrder's: collation key, then lower-cased
 * username, then slot.
 */
import { collationKey } from '../domain';
import type { EnvironmentUsers } from './environment-users';
import type { SliceClock } from './pause';
import type { UserColumns } from './user-columns';

export async function firstByUsername(
  columns: UserColumns,
  environment: EnvironmentUsers,
  size: number,
  clock: SliceClock,
): Promise<number[]> {
  const keys = columns.keys;
  const best: { slot: number; key: string }[] = [];
  const before = (a: { slot: number; key: string }, b: { slot: number; key: string }) =>
    a.key < b.key ||
    (a.key === b.key && (keys[a.slot]! < keys[b.slot]! || (keys[a.slot] === keys[b.slot] && a.slot < b.slot)));
  const consider = (slot: number) => {
    const candidate = { slot, key: collationKey(keys[slot]!) };
    if (best.length === size && !before(candidate, best[size - 1]!)) return;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]!)) at--;
    best.splice(at, 0, candidate);
    if (best.length > size) best.pop();
  };
  const candidates = environment.headSlots
    ? [environment.headSlots, environment.insertedSinceHead]
    : environment.chunks.values();
  for (const group of candidates) {
    for (let i = 0; i < group.length; i++) {
      consider(group[i]!);
      if ((i & 2047) === 2047 && clock.due()) await clock.pause();
    }
    if (clock.due()) await clock.pause();
  }
  return best.map(({ slot }) => slot);
}
