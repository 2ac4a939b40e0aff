/** What a bulk change's audit entry keeps of its users (src/api/user-batch.ts userList): built in slices. */
import { describe, expect, test } from 'vitest';
import { userList } from '../../src/api/user-batch';

describe('userList', () => {
  test('writes the ids and usernames of a large change as JSON, pausing between slices', async () => {
    const ids = Array.from({ length: 50_001 }, (_, i) => `id-${i}`);
    const usernames = ids.map((id) => `user "${id}" ñ`);
    let pauses = 0;

    const kept = await userList(ids, usernames, async () => {
      pauses++;
    });

    expect(kept).toEqual({ userCount: 50_001, userIds: JSON.stringify(ids), usernames: JSON.stringify(usernames) });
    expect(pauses).toBeGreaterThanOrEqual(4);
  });

  test('a small change is one JSON text without pauses, and usernames are optional', async () => {
    let pauses = 0;
    const kept = await userList(['a', 'b'], undefined, async () => {
      pauses++;
    });
    expect(kept).toEqual({ userCount: 2, userIds: '["a","b"]' });
    expect(pauses).toBe(0);
  });
});
