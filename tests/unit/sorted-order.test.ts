/**
 * SortedOrder against a reference sort: the sliced merge sort and the incremental inserts
 * and removals must give exactly the order a plain Array.prototype.sort gives with the
 * documented comparison (empty values last, ties by lower-cased username, then by slot).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Pause } from '../../src/index/pause';
import { SortedOrder, type SortField } from '../../src/index/sorted-order';
import { UserColumns } from '../../src/index/user-columns';
import type { PackedUser } from '../../src/index/user-codec';
import { collationKey } from '../../src/domain';

const FIELDS: readonly SortField[] = ['username', 'name', 'email', 'lastLogin', 'createdAt'];

/** A pause that resolves at once: the build still awaits between slices, without waiting. */
const immediately: Pause = () => Promise.resolve();

/** A small seeded PRNG (mulberry32), so a failure replays identically. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Random = ReturnType<typeof randomSource>;

const STEMS = [
  'ana',
  'Ana',
  'bob',
  'BOB',
  'carla',
  'émile',
  'Emile',
  'élodie',
  'zoe',
  'Zoë',
  'user',
  'User',
  'x',
  'ñandú',
  'o’brien',
  'dan-the-man',
  'eve.smith',
];
const NAMES = [
  'Ana Almeida',
  'ana almeida',
  'Émile Zola',
  'Emile Zola',
  'bob',
  'Zoë',
  'Zoe',
  'carla 2',
  'Carla 10',
  'Ñandú',
  'Álvaro',
  'alvaro',
];
const DOMAINS = ['example.com', 'Example.COM', 'gmail.com', 'bücher.de', 'partner.org'];
const BASE = Date.parse('2026-01-01T00:00:00Z');

let created = 0;

/** A random user; values repeat often, so ties (and their tie-breaks) are frequent. */
function randomUser(random: Random): PackedUser {
  created++;
  // Usernames collide in lower case now and then (as in two environments), to exercise the slot tie-break.
  const username =
    random.next() < 0.1 ? random.pick(STEMS) : `${random.pick(STEMS)}${random.next() < 0.7 ? random.int(200) : ''}`;
  const nameRoll = random.next();
  const name = nameRoll < 0.25 ? null : nameRoll < 0.3 ? '' : random.pick(NAMES);
  const emailRoll = random.next();
  const email =
    emailRoll < 0.3 ? null : emailRoll < 0.35 ? '' : `${random.pick(STEMS)}${random.int(30)}@${random.pick(DOMAINS)}`;
  const lastLogin = random.next() < 0.4 ? null : BASE + random.int(50) * 86_400_000;
  const createdAt = BASE + random.int(100) * 60_000;
  return [
    `id-${created}`,
    username,
    name,
    email,
    null,
    random.next() < 0.8 ? 1 : 0,
    lastLogin,
    null,
    createdAt,
    createdAt + random.int(5),
  ];
}

/** The value a field sorts by, as the documentation states it; null when empty. */
function referenceKey(columns: UserColumns, field: SortField, slot: number): string | number | null {
  switch (field) {
    case 'username':
      return collationKey(columns.usernames[slot]!.toLowerCase());
    case 'name': {
      const name = columns.names[slot];
      return name ? collationKey(name.toLowerCase()) : null;
    }
    case 'email': {
      const email = columns.emails[slot];
      return email ? collationKey(email.toLowerCase()) : null;
    }
    case 'lastLogin': {
      const value = columns.lastLogin[slot]!;
      return Number.isNaN(value) ? null : value;
    }
    case 'createdAt':
      return columns.createdAt[slot]!;
  }
}

/** The reference order of some slots: a plain sort with the documented comparison. */
function referenceOrder(columns: UserColumns, field: SortField, slots: Iterable<number>): number[] {
  const all = [...slots];
  const keys = new Map(all.map((slot) => [slot, referenceKey(columns, field, slot)]));
  const lower = (slot: number) => columns.usernames[slot]!.toLowerCase();
  return all.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return ka < kb ? -1 : 1;
    }
    if (lower(a) !== lower(b)) return lower(a) < lower(b) ? -1 : 1;
    return a - b;
  });
}

/** Compares two orders and reports the first place they differ, rather than a 20,000-line diff. */
function expectSameOrder(
  columns: UserColumns,
  field: SortField,
  actual: SortedOrder,
  expected: readonly number[],
): void {
  const slots = Array.from(actual.slots.subarray(0, actual.length));
  expect(actual.length).toBe(expected.length);
  const at = slots.findIndex((slot, index) => slot !== expected[index]);
  const describeSlot = (slot: number | undefined) =>
    slot === undefined
      ? undefined
      : { slot, username: columns.usernames[slot], key: referenceKey(columns, field, slot) };
  expect(
    at < 0 ? undefined : { field, index: at, actual: describeSlot(slots[at]), expected: describeSlot(expected[at]) },
    `first difference of the ${field} order`,
  ).toBeUndefined();
}

/** Columns holding `count` random users; returns the live slots. */
function columnsWith(random: Random, count: number): { columns: UserColumns; live: Set<number> } {
  const columns = new UserColumns();
  const live = new Set<number>();
  for (let i = 0; i < count; i++) {
    const slot = columns.allocate();
    columns.write(slot, 0, Math.floor(i / 2000), randomUser(random));
    live.add(slot);
  }
  return { columns, live };
}

async function builtOrder(
  columns: UserColumns,
  field: SortField,
  live: Iterable<number>,
  pause: Pause = immediately,
): Promise<SortedOrder> {
  const order = new SortedOrder(columns, field);
  await order.build(Int32Array.from(live), pause);
  return order;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SortedOrder.build', () => {
  it.for(FIELDS)('sorts 20,000 users by %s as the reference sort does', async (field) => {
    const random = randomSource(20_000 + FIELDS.indexOf(field));
    const { columns, live } = columnsWith(random, 20_000);

    const order = await builtOrder(columns, field, live);

    expectSameOrder(columns, field, order, referenceOrder(columns, field, live));
  });

  // Around the merge sort's run length (2,048) and its doublings: the edges of the merge passes.
  it.for([0, 1, 2, 2047, 2048, 2049, 4096, 4097, 6145, 8193])('sorts %i users by every field', async (count) => {
    const random = randomSource(count + 7);
    const { columns, live } = columnsWith(random, count);

    for (const field of FIELDS) {
      const order = await builtOrder(columns, field, live);
      expectSameOrder(columns, field, order, referenceOrder(columns, field, live));
    }
  });

  it('sorts only the slots it is given, in an order of their own', async () => {
    const random = randomSource(11);
    const { columns, live } = columnsWith(random, 5000);
    const some = [...live].filter((slot) => slot % 3 !== 0);

    for (const field of FIELDS) {
      const order = await builtOrder(columns, field, some);
      expectSameOrder(columns, field, order, referenceOrder(columns, field, some));
    }
  });

  it('gives the same order when every slice boundary pauses on a real macrotask', async () => {
    // Each call moves performance.now by 10 ms, so every tick uses up its slice and pauses.
    let fakeNow = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fakeNow += 10));
    let pauses = 0;
    const macrotask: Pause = () => {
      pauses++;
      return new Promise((resolve) => setTimeout(resolve, 0));
    };
    const random = randomSource(99);
    const { columns, live } = columnsWith(random, 20_000);

    const order = await builtOrder(columns, 'name', live, macrotask);

    expect(pauses).toBeGreaterThan(10);
    vi.restoreAllMocks();
    expectSameOrder(columns, 'name', order, referenceOrder(columns, 'name', live));
  });
});

describe('SortedOrder.insert and remove', () => {
  /**
   * Random inserts (of new slots and of reused ones), removals and changes (remove, rewrite,
   * insert, as EnvironmentUsers does) applied to every field's order; each must stay equal
   * to the reference sort of the live slots.
   */
  async function churn(seed: number, size: number, operations: number, checkEvery: number): Promise<void> {
    const random = randomSource(seed);
    const { columns, live } = columnsWith(random, size);
    const orders = new Map<SortField, SortedOrder>();
    for (const field of FIELDS) orders.set(field, await builtOrder(columns, field, live));
    const check = () => {
      for (const [field, order] of orders) expectSameOrder(columns, field, order, referenceOrder(columns, field, live));
    };

    for (let op = 1; op <= operations; op++) {
      const roll = random.next();
      const slots = [...live];
      if (roll < 0.4 || slots.length === 0) {
        const slot = columns.allocate();
        columns.write(slot, 0, 0, randomUser(random));
        live.add(slot);
        for (const order of orders.values()) order.insert(slot);
      } else if (roll < 0.75) {
        const slot = random.pick(slots);
        for (const order of orders.values()) order.remove(slot);
        columns.release(slot);
        live.delete(slot);
      } else {
        const slot = random.pick(slots);
        for (const order of orders.values()) order.remove(slot);
        columns.write(slot, 0, 0, randomUser(random));
        for (const order of orders.values()) order.insert(slot);
      }
      if (op % checkEvery === 0) check();
    }
    check();
  }

  it('keeps 300 users in reference order through 600 random changes, checked after each', async () => {
    await churn(300, 300, 600, 1);
  });

  it('keeps an empty order in reference order as users arrive and leave', async () => {
    await churn(1, 0, 400, 1);
  });

  // A correctness check of much work (about 3.5 s alone): room for a busy shared machine, as no speed is asserted.
  it('keeps 20,000 users in reference order through 3,000 random changes', { timeout: 30_000 }, async () => {
    await churn(20_000, 20_000, 3000, 1000);
  });

  it('grows past its initial capacity by inserts alone', async () => {
    const random = randomSource(5);
    const columns = new UserColumns();
    const order = new SortedOrder(columns, 'username');
    const live: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const slot = columns.allocate();
      columns.write(slot, 0, 0, randomUser(random));
      order.insert(slot);
      live.push(slot);
    }

    expectSameOrder(columns, 'username', order, referenceOrder(columns, 'username', live));
  });

  it('ignores the removal of a slot it does not hold', async () => {
    const random = randomSource(6);
    const { columns, live } = columnsWith(random, 50);
    const order = await builtOrder(columns, 'email', live);

    order.remove(12_345);

    expectSameOrder(columns, 'email', order, referenceOrder(columns, 'email', live));
  });
});

describe('SortedOrder.settle (deferred slots merged in)', () => {
  /** Writes `count` more random users into the columns; returns their slots. */
  function addUsers(random: Random, columns: UserColumns, count: number): number[] {
    const slots: number[] = [];
    for (let i = 0; i < count; i++) {
      const slot = columns.allocate();
      columns.write(slot, 0, 0, randomUser(random));
      slots.push(slot);
    }
    return slots;
  }

  /** Three bulk inserts deferred and settled, each checked against a full build of the same slots. */
  it.for(FIELDS)(
    'gives by %s exactly the order a full build gives, after each of three bulk inserts',
    async (field) => {
      const random = randomSource(77 + FIELDS.indexOf(field));
      const { columns, live } = columnsWith(random, 6000);
      const order = await builtOrder(columns, field, live);

      for (const count of [3000, 1, 9000]) {
        for (const slot of addUsers(random, columns, count)) {
          order.defer(slot);
          live.add(slot);
        }
        expect(order.settled).toBe(false);
        expect(await order.settle(immediately)).toBe(true);

        expect(order.settled).toBe(true);
        const full = await builtOrder(columns, field, live);
        expectSameOrder(columns, field, order, Array.from(full.slots.subarray(0, full.length)));
      }
    },
  );

  // Edges of the galloping search: an empty order, users that all go first or all go last.
  it.for([
    ['into an empty order', 0, () => 0],
    ['all before the placed ones', 500, (i: number) => -i - 1],
    ['all after the placed ones', 500, (i: number) => 10_000 + i],
  ] as const)('merges %s', async ([, placedCount, createdAtOf]) => {
    const random = randomSource(placedCount + 3);
    const { columns, live } = columnsWith(random, placedCount);
    const order = await builtOrder(columns, 'createdAt', live);
    const added = addUsers(random, columns, 700);
    added.forEach((slot, i) => (columns.createdAt[slot] = BASE + createdAtOf(i) * 60_000));
    for (const slot of added) {
      order.defer(slot);
      live.add(slot);
    }

    await order.settle(immediately);

    expectSameOrder(columns, 'createdAt', order, referenceOrder(columns, 'createdAt', live));
  });

  it('forgets a deferred slot removed before the settle', async () => {
    const random = randomSource(8);
    const { columns, live } = columnsWith(random, 1000);
    const order = await builtOrder(columns, 'name', live);
    const added = addUsers(random, columns, 200);
    for (const slot of added) order.defer(slot);

    order.remove(added[5]!);
    columns.release(added[5]!);
    await order.settle(immediately);

    expectSameOrder(
      columns,
      'name',
      order,
      referenceOrder(columns, 'name', [...live, ...added.slice(0, 5), ...added.slice(6)]),
    );
  });

  it('reports a settle outdated by a removal meanwhile, and a second settle places everything', async () => {
    const random = randomSource(9);
    const { columns, live } = columnsWith(random, 3000);
    const order = await builtOrder(columns, 'email', live);
    const added = addUsers(random, columns, 3000);
    for (const slot of added) order.defer(slot);
    const removed = [...live][17]!;
    let removeOnce = true;
    // The first pause removes a placed user (as a write between slices would) and inserts a new one.
    const inserted = addUsers(random, columns, 1)[0]!;
    const writeMeanwhile: Pause = async () => {
      if (!removeOnce) return;
      removeOnce = false;
      order.remove(removed);
      order.insert(inserted);
    };
    // Each call moves performance.now by 10 ms, so the first tick uses up its slice and pauses.
    let fakeNow = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fakeNow += 10));

    expect(await order.settle(writeMeanwhile)).toBe(false);
    vi.restoreAllMocks();
    expect(order.settled).toBe(false);
    expect(await order.settle(immediately)).toBe(true);

    live.delete(removed);
    expectSameOrder(columns, 'email', order, referenceOrder(columns, 'email', [...live, ...added, inserted]));
  });

  it('restores a stored order with others sorted in as a full build would', async () => {
    const random = randomSource(10);
    const { columns, live } = columnsWith(random, 5000);
    const stored = await builtOrder(columns, 'username', live);
    const others = addUsers(random, columns, 800);
    const order = new SortedOrder(columns, 'username');

    await order.restore(stored.slots.subarray(0, stored.length), Int32Array.from(others), immediately);

    const full = await builtOrder(columns, 'username', [...live, ...others]);
    expectSameOrder(columns, 'username', order, Array.from(full.slots.subarray(0, full.length)));
  });
});
