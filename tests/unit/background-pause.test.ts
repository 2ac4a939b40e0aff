// Background work (warming sort orders, storing them) waits while writes of this tab are in
// flight, and a build paused that way never holds up a caller who joins it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvironmentUsers } from '../../src/index/environment-users';
import { backgroundPause, behindWrites, yieldToEventLoop, type Pause } from '../../src/index/pause';
import { PendingWrites } from '../../src/index/pending-writes';
import type { SortedOrder } from '../../src/index/sorted-order';
import { UserColumns } from '../../src/index/user-columns';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A write that runs until `end` is called. */
function openWrite(writes: PendingWrites): { end: () => void; done: Promise<void> } {
  let end = () => {};
  const done = writes.track(
    () => new Promise<void>((resolve) => (end = resolve)),
    () => {},
  );
  return { end: () => end(), done };
}

async function yields(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await yieldToEventLoop();
}

describe('behindWrites', () => {
  it('pauses as given, then ends only once no write is in flight, through writes that follow each other', async () => {
    const writes = new PendingWrites();
    let given = 0;
    const pause = behindWrites(
      async () => {
        given++;
      },
      () => writes.whenIdle(),
    );
    const first = openWrite(writes);
    let ended = false;
    const paused = pause().then(() => (ended = true));
    await yields(5);
    expect(ended).toBe(false);
    const second = openWrite(writes);
    first.end();
    await first.done;
    await yields(5);
    expect(ended, 'a write still in flight').toBe(false);
    second.end();
    await second.done;
    await paused;
    expect(ended).toBe(true);
    expect(given).toBe(1);
  });

  it('in the background, is a plain yield when nothing is written', async () => {
    const writes = new PendingWrites();
    await expect(backgroundPause(() => writes.whenIdle())()).resolves.toBeUndefined();
  });
});

/** An environment of `count` users, with every slice of work used up at once (a build pauses at each chance). */
function environmentOf(count: number): { columns: UserColumns; environment: EnvironmentUsers } {
  const columns = new UserColumns();
  const environment = new EnvironmentUsers(columns, 'env', 0);
  for (let i = 0; i < count; i++) {
    const slot = columns.allocate();
    const username = `user-${String((i * 7919) % 10_007).padStart(5, '0')}`;
    columns.write(slot, 0, Math.floor(i / 2000), [`id-${i}`, username, null, null, null, 1, null, null, 0, 0]);
    environment.add(slot);
  }
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
  return { columns, environment };
}

function usernamesInOrder(columns: UserColumns, order: SortedOrder): string[] {
  return [...order.slots.subarray(0, order.length)].map((slot) => columns.usernames[slot]!);
}

describe('EnvironmentUsers.order shared by several callers', () => {
  it('goes on with the joining caller’s pause when the pause under way would not end', async () => {
    const count = 3000;
    const { columns, environment } = environmentOf(count);
    let waiting = 0;
    const neverEnds: Pause = () => {
      waiting++;
      return new Promise(() => {});
    };
    const background = environment.order('username', neverEnds);
    await vi.waitFor(() => expect(waiting).toBe(1));

    const order = await environment.order('username', () => Promise.resolve());

    expect(await background).toBe(order);
    expect(waiting).toBe(1);
    const usernames = usernamesInOrder(columns, order);
    expect(usernames).toHaveLength(count);
    expect(usernames).toEqual([...usernames].sort());
  });

  it('keeps the pause of a write’s own build when background work joins it (no wait in a circle)', async () => {
    const { columns, environment } = environmentOf(3000);
    const writes = new PendingWrites();
    let paused = 0;
    const order = await writes.track(
      async () => {
        // As a load that a write waits for: its build, then background work and a read joining it.
        const building = environment.order('username', async () => {
          paused++;
          await yieldToEventLoop();
        });
        await vi.waitFor(() => expect(paused).toBeGreaterThan(0));
        void environment.order(
          'username',
          backgroundPause(() => writes.whenIdle()),
        );
        void environment.order(
          'username',
          behindWrites(yieldToEventLoop, () => writes.whenIdle()),
        );
        return building;
      },
      () => {},
    );

    expect(usernamesInOrder(columns, order)).toHaveLength(3000);
    expect(paused).toBeGreaterThan(1);
  });
});
