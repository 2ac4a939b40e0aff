/**
 * Per-environment tallies of users by counting facts (effective domain, active, anonymous).
 * Every user write adjusts them in the same transaction, so usage reads a few hundred
 * tally rows instead of every user, and a rule change rewrites nothing.
 */
import type { Bit, TallyRecord, UserRecord } from './records';
import type { RosterDb } from './roster-db';

type TallyKey = [string, string, number, number];

/** Accumulates +1/−1 changes before writing them in one pass. */
export class TallyDeltas {
  #deltas = new Map<string, { key: TallyKey; delta: number }>();

  add(record: Pick<UserRecord, 'environmentId' | 'domain' | 'isActive' | 'anonymous'>, delta: number): void {
    const key: TallyKey = [record.environmentId, record.domain, record.isActive, record.anonymous];
    const id = key.join('\u0000');
    const entry = this.#deltas.get(id);
    if (entry) entry.delta += delta;
    else this.#deltas.set(id, { key, delta });
  }

  /** Records a user moving from one set of facts to another (either side may be absent). */
  move(before: UserRecord | undefined, after: UserRecord | undefined): void {
    if (before) this.add(before, -1);
    if (after) this.add(after, +1);
  }

  async apply(db: RosterDb): Promise<void> {
    const changes = [...this.#deltas.values()].filter((entry) => entry.delta !== 0);
    if (changes.length === 0) return;
    const current = await db.tallies.bulkGet(changes.map((entry) => entry.key));
    const puts: TallyRecord[] = [];
    const deletes: TallyKey[] = [];
    changes.forEach(({ key, delta }, i) => {
      const count = (current[i]?.count ?? 0) + delta;
      if (count > 0) {
        puts.push({ environmentId: key[0], domain: key[1], isActive: key[2] as Bit, anonymous: key[3] as Bit, count });
      } else {
        deletes.push(key);
      }
    });
    if (puts.length) await db.tallies.bulkPut(puts);
    if (deletes.length) await db.tallies.bulkDelete(deletes);
  }
}

export function talliesOf(db: RosterDb, environmentId: string): Promise<TallyRecord[]> {
  return db.tallies.where('environmentId').equals(environmentId).toArray();
}
