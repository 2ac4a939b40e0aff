import { describe, expect, it } from 'vitest';
import { formatBytes, usageSentence } from '../../src/ui/features/settings/storage-words';

describe('formatBytes', () => {
  it.each([
    [0, '0 byte'],
    [999, '999 byte'],
    [1000, '1 kB'],
    [1_234_567, '1.2 MB'],
    [10_737_418_240, '10.7 GB'],
    [2.5e12, '2.5 TB'],
    [-5, '0 byte'],
  ])('writes %d bytes as %s', (bytes, words) => {
    expect(formatBytes(bytes, 'en')).toBe(words);
  });
});

describe('usageSentence', () => {
  it('says what is used, of how much, the share and what is left', () => {
    expect(usageSentence(3_700_000, 10_700_000_000, 'en')).toBe(
      '3.7 MB used of 10.7 GB this browser allows Roster (0.035%); 10.7 GB available.',
    );
  });

  it('says only what is used when the browser gives no quota', () => {
    expect(usageSentence(1500, undefined, 'en')).toBe('1.5 kB used.');
  });
});
