import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/ui/errors';

describe('errorMessage for a full disk', () => {
  const words = 'The browser has no storage space left for Roster. Nothing was saved; free some space and try again.';

  it("says so for the browser's own QuotaExceededError", () => {
    expect(errorMessage(new DOMException('full', 'QuotaExceededError'))).toBe(words);
  });

  it('says so when Dexie wraps it, by name or as the inner error', () => {
    expect(errorMessage(Object.assign(new Error('full'), { name: 'QuotaExceededError' }))).toBe(words);
    expect(
      errorMessage(
        Object.assign(new Error('aborted'), {
          name: 'AbortError',
          inner: new DOMException('full', 'QuotaExceededError'),
        }),
      ),
    ).toBe(words);
  });

  it('does not for other failures', () => {
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong: boom. Nothing was saved.');
  });
});
