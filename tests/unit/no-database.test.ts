// @vitest-environment jsdom
// The page without a database: the reason read from what openRoster threw, and the page for
// the reasons the end-to-end test cannot stage (a newer version, a full disk, no answer).
import { afterEach, describe, expect, it } from 'vitest';
import { noDatabaseReason, showNoDatabase } from '../../src/app/no-database';

afterEach(() => {
  document.body.replaceChildren();
});

/** An error as Dexie wraps the browser's: its own name, the browser's as `inner`. */
function dexieError(name: string, inner?: unknown): Error {
  return Object.assign(new Error(name), { name, inner });
}

describe('noDatabaseReason', () => {
  it.for([
    { about: 'a browser without IndexedDB', error: dexieError('MissingAPIError'), reason: 'missing' },
    {
      about: 'open() refused',
      error: dexieError('OpenFailedError', new DOMException('insecure', 'SecurityError')),
      reason: 'refused',
    },
    {
      about: 'a private window',
      error: dexieError('OpenFailedError', new DOMException('no', 'InvalidStateError')),
      reason: 'refused',
    },
    {
      about: 'a database of a newer version',
      error: dexieError('OpenFailedError', new DOMException('newer', 'VersionError')),
      reason: 'newer',
    },
    {
      about: 'a full disk',
      error: dexieError('OpenFailedError', new DOMException('full', 'QuotaExceededError')),
      reason: 'full',
    },
  ])('reads $about as $reason', ({ error, reason }) => {
    expect(noDatabaseReason(error)).toBe(reason);
  });
});

describe('showNoDatabase', () => {
  it.for(['newer', 'full', 'waiting'] as const)('shows one page for %s, with a title, steps and Reload', (reason) => {
    const target = document.createElement('div');
    target.append(document.createElement('p'));
    document.body.append(target);

    showNoDatabase(target, reason);

    expect(target.children).toHaveLength(1);
    const title = target.querySelector('h1')!;
    expect(title.textContent).not.toBe('');
    expect(document.activeElement).toBe(title);
    expect(target.querySelectorAll('li').length).toBeGreaterThan(0);
    expect(target.querySelector('button')?.textContent).toBe('Reload');
    // No error given, so no technical details.
    expect(target.querySelector('details')).toBeNull();
  });

  it("folds the browser's own words away under Technical details", () => {
    const target = document.createElement('div');
    document.body.append(target);
    showNoDatabase(target, 'refused', new DOMException('The operation is insecure.', 'SecurityError'));
    const details = target.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('SecurityError: The operation is insecure.');
    expect(target.querySelector('p')!.textContent).not.toContain('insecure');
  });
});
