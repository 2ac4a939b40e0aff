// The search text built in the background, in slices, finds exactly what the text built at
// the first keystroke finds; users changed while it is built are never searched stale.
import { describe, expect, it } from 'vitest';
import { EnvironmentUsers } from '../../src/index/environment-users';
import type { Pause } from '../../src/index/pause';
import { UserColumns } from '../../src/index/user-columns';
import type { PackedUser } from '../../src/index/user-codec';

const NAMES = ['Ñandú Pérez', 'Ana Müller', 'Bob Lee', 'Zoë Brontë', 'Chloé Dubois'];

function packed(i: number): PackedUser {
  const name = NAMES[i % NAMES.length]!;
  return [`id-${i}`, `user-${i}`, `${name} ${i}`, `u${i}@example.com`, null, 1, null, null, 0, 0];
}

function environmentOf(count: number): { columns: UserColumns; environment: EnvironmentUsers } {
  const columns = new UserColumns();
  const environment = new EnvironmentUsers(columns, 'env', 0);
  for (let i = 0; i < count; i++) {
    const slot = columns.allocate();
    columns.write(slot, 0, Math.floor(i / 2000), packed(i));
    environment.add(slot);
  }
  return { columns, environment };
}

function marked(marks: Uint8Array): number[] {
  return [...marks.keys()].filter((slot) => marks[slot] === 1);
}

describe('EnvironmentUsers.prepareSearch', () => {
  it.for(['nandu', 'muller', 'user-4999', 'zoe bronte 1', '@example.com'])(
    'finds for "%s" what a search built at once finds',
    async (needle) => {
      const eager = environmentOf(5000).environment;
      const expected = marked(eager.searchMarks(needle));
      const { environment } = environmentOf(5000);
      await environment.prepareSearch(() => Promise.resolve());
      expect(marked(environment.searchMarks(needle))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    },
  );

  it('leaves the text to the first search when a user is added while it is built', async () => {
    // Enough users that building takes more than one slice, so that it pauses at least once.
    const { columns, environment } = environmentOf(60_000);
    let added = false;
    const addWhilePaused: Pause = () => {
      if (!added) {
        added = true;
        const slot = columns.allocate();
        const late = packed(99_999);
        late[2] = 'Late Arrival';
        columns.write(slot, 0, 30, late);
        environment.add(slot);
      }
      return Promise.resolve();
    };
    await environment.prepareSearch(addWhilePaused);
    expect(added).toBe(true);
    expect(marked(environment.searchMarks('late arrival'))).toHaveLength(1);
  });
});
