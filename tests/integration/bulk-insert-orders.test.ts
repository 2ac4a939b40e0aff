/**
 * Bulk inserts keep the sort orders instead of dropping them: each createMany of more than a
 * thousand users defers its users into the built orders, which merge them in on the next read
 * (no full sort), and the list then reads exactly as a fresh load of the same data sorts it.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Roster, UserCreateInput } from '../../src/api';
import { SortedOrder, type SortField } from '../../src/index/sorted-order';
import { openTestRoster, uniqueDbName } from '../factories/roster';

const FIELDS: readonly SortField[] = ['username', 'name', 'email', 'lastLogin', 'createdAt'];

/** Users with many ties and empty values: names, emails and logins repeat or are missing. */
function batch(environmentId: string, from: number, count: number): UserCreateInput[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      environmentId,
      username: `user${(n * 7919) % 100_003}`,
      name: n % 4 === 0 ? null : `Person ${n % 37}`,
      email: n % 5 === 0 ? null : `p${n % 53}@example.com`,
      isActive: true,
      lastLogin: n % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (n % 20))).toISOString(),
    };
  });
}

async function idsInOrder(roster: Roster, environmentId: string, sort: SortField): Promise<string[]> {
  const page = await roster.users.list({ environmentId, sort, limit: 10_000 });
  return page.items.map((item) => item.id);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bulk inserts and the sort orders', () => {
  test('merge the inserted users into every built order, as a fresh load sorts them, without a full sort', async () => {
    const name = uniqueDbName();
    const roster = await openTestRoster(undefined, name);
    const { id: environmentId } = await roster.environments.create({ name: 'Bulk', kind: 'non-production' });
    await roster.users.createMany(batch(environmentId, 0, 1500));
    for (const field of FIELDS) await idsInOrder(roster, environmentId, field);
    const builds = vi.spyOn(SortedOrder.prototype, 'build');

    await roster.users.createMany(batch(environmentId, 1500, 2500));
    await roster.users.createMany(batch(environmentId, 4000, 1200));
    const merged = new Map<SortField, string[]>();
    for (const field of FIELDS) merged.set(field, await idsInOrder(roster, environmentId, field));

    expect(builds).not.toHaveBeenCalled();
    roster.close();
    vi.restoreAllMocks();
    const reloaded = await openTestRoster(undefined, name);
    for (const field of FIELDS) {
      const fresh = await idsInOrder(reloaded, environmentId, field);
      expect(fresh).toHaveLength(5200);
      expect(merged.get(field), `the ${field} order`).toEqual(fresh);
    }
    reloaded.close();
  });

  test('a createMany of over a thousand users is bulk as a whole, though it inserts a chunk at a time', async () => {
    const roster = await openTestRoster();
    const { id: environmentId } = await roster.environments.create({ name: 'Bulk', kind: 'non-production' });
    await roster.users.createMany(batch(environmentId, 0, 100));
    for (const field of FIELDS) await idsInOrder(roster, environmentId, field);
    const placed = vi.spyOn(SortedOrder.prototype, 'insert');

    // More users than one chunk holds and than the bulk threshold: no user is placed one by one.
    await roster.users.createMany(batch(environmentId, 100, 1600));
    expect(placed).not.toHaveBeenCalled();
    // A small write places its users at once.
    await roster.users.createMany(batch(environmentId, 1700, 3));
    expect(placed).toHaveBeenCalled();
    roster.close();
  });
});
