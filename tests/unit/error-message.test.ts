import { describe, expect, it } from 'vitest';
import { WriteAbortedError } from '../../src/db';
import { STORAGE_FAULTS, errorMessage, storageFault } from '../../src/ui/errors';

describe('errorMessage for a full disk', () => {
  const words = STORAGE_FAULTS.quota;

  it('says in words that the storage is full and nothing changed', () => {
    expect(words).toMatch(/^The browser's storage is full: nothing was changed\. Free some space/);
  });

  it("says so for the browser's own QuotaExceededError", () => {
    expect(errorMessage(new DOMException('full', 'QuotaExceededError'))).toBe(words);
  });

  it('says so when Dexie wraps it, by name, as the inner error or among a bulk write’s failures', () => {
    expect(errorMessage(Object.assign(new Error('full'), { name: 'QuotaExceededError' }))).toBe(words);
    expect(
      errorMessage(
        Object.assign(new Error('aborted'), {
          name: 'AbortError',
          inner: new DOMException('full', 'QuotaExceededError'),
        }),
      ),
    ).toBe(words);
    expect(
      errorMessage(
        Object.assign(new Error('1 of 2 operations failed'), {
          name: 'BulkError',
          failures: [new DOMException('aborted', 'AbortError'), new DOMException('full', 'QuotaExceededError')],
        }),
      ),
    ).toBe(words);
    expect(errorMessage(new Error('write failed', { cause: new DOMException('full', 'QuotaExceededError') }))).toBe(
      words,
    );
  });

  it('does not for other failures', () => {
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong: boom. Nothing was saved.');
  });
});

describe('errorMessage for an aborted or closed transaction', () => {
  it('says the change was stopped and nothing changed, never the raw DOMException text', () => {
    const raw = 'A request was aborted, for example through a call to IDBTransaction.abort.';
    const message = errorMessage(
      Object.assign(new Error(`bulkPut(): 1 of 1 operations failed. ${raw}`), {
        name: 'BulkError',
        failures: [new DOMException(raw, 'AbortError')],
      }),
    );
    expect(message).toBe(STORAGE_FAULTS.aborted);
    expect(message).not.toContain(raw);
  });

  it('asks for a reload when the connection was closed, without saying nothing was saved', () => {
    expect(STORAGE_FAULTS.closed).not.toMatch(/nothing/i);
    expect(errorMessage(Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }))).toBe(
      STORAGE_FAULTS.closed,
    );
    expect(storageFault(new DOMException('The database connection is closing.', 'InvalidStateError'))).toBe('closed');
  });

  it('finds no storage fault in an ordinary error', () => {
    expect(storageFault(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageFault('text')).toBeUndefined();
  });
});

describe('errorMessage for a write the browser aborted', () => {
  it('says nothing was changed, even when the work met a closed connection on the way', () => {
    const met = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
    expect(errorMessage(new WriteAbortedError('aborted', { cause: met }))).toBe(STORAGE_FAULTS.aborted);
  });

  it('says the disk is full when the browser gave that as its reason', () => {
    const reason = new DOMException('full', 'QuotaExceededError');
    expect(errorMessage(new WriteAbortedError('aborted', { cause: reason }))).toBe(STORAGE_FAULTS.quota);
  });
});
