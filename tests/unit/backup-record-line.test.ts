import { describe, expect, test } from 'vitest';
import { recordLine } from '../../src/api/backup/backup-text';

describe('recordLine: a record as one line of JSON, long texts escaped in slices', () => {
  test('writes a record of short fields exactly as JSON.stringify', async () => {
    const record = { id: 7, action: 'import', summary: 'Ana "A" \\ Lee', skipped: undefined, tags: ['a', undefined] };
    expect(await recordLine(record)).toBe(JSON.stringify(record));
  });

  test('writes a long text exactly as JSON.stringify, whatever falls on a slice boundary', async () => {
    // Two megabytes and a bit: an emoji (a surrogate pair) across the first boundary, quotes,
    // backslashes and a control character across the others.
    const mib = 1 << 20;
    const userIds = `${'a'.repeat(mib - 1)}😀${'"\\'.repeat(mib / 2)}\u0001${'z'.repeat(1000)}`;
    const record = { id: 1, userIds, userCount: 3, at: '2026-11-30T00:00:00.000Z' };

    const line = await recordLine(record);

    expect(line).toBe(JSON.stringify(record));
    expect(JSON.parse(line)).toEqual(record);
  });

  test('writes what is not a plain record as JSON.stringify does', async () => {
    for (const value of [null, 3, 'text', ['a', 1]]) expect(await recordLine(value)).toBe(JSON.stringify(value));
  });
});
