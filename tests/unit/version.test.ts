import { describe, expect, it } from 'vitest';
import { compareVersions, isSplitReported, SPLIT_REPORTING_SINCE, VERSION_PATTERN } from '../../src/domain';

describe('compareVersions', () => {
  it.each([
    { a: '11.12', b: '11.7', expected: 1, why: 'compares parts as numbers, not as text' },
    { a: '11.7', b: '11.12', expected: -1, why: 'is antisymmetric' },
    { a: '11.7', b: '11.7', expected: 0, why: 'finds equal versions equal' },
    { a: '11.7', b: '11.7.0', expected: 0, why: 'counts a missing part as 0' },
    { a: '11.7.1', b: '11.7', expected: 1, why: 'finds a patch newer than the bare minor' },
    { a: '11.12.3', b: '11.12.10', expected: -1, why: 'compares the third part numerically' },
    { a: '12', b: '11.99', expected: 1, why: 'lets the first part decide' },
    { a: '10.20', b: '11.7', expected: -1, why: 'does not let a later part outweigh an earlier one' },
    { a: '2.0', b: '10.0', expected: -1, why: 'compares the first part numerically' },
  ])('$why ($a vs $b → $expected)', ({ a, b, expected }) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('isSplitReported', () => {
  it('reports the split since 11.7', () => {
    expect(SPLIT_REPORTING_SINCE).toBe('11.7');
  });

  it.each([
    { version: '11.7', shown: true },
    { version: '11.7.0', shown: true },
    { version: '11.7.1', shown: true },
    { version: '11.8', shown: true },
    { version: '11.12', shown: true },
    { version: '11.12.3', shown: true },
    { version: '12', shown: true },
    { version: '12.0', shown: true },
    { version: ' 11.12 ', shown: true },
    { version: undefined, shown: true },
    { version: '', shown: true },
    { version: '  ', shown: true },
    { version: '11.6', shown: false },
    { version: '11.6.99', shown: false },
    { version: '11', shown: false },
    { version: '11.0', shown: false },
    { version: '10.20', shown: false },
    { version: '9.12.3', shown: false },
  ])('shows the internal/external split for version $version: $shown', ({ version, shown }) => {
    expect(isSplitReported(version)).toBe(shown);
  });
});

describe('VERSION_PATTERN', () => {
  it.each([
    { value: '11', ok: true },
    { value: '11.12', ok: true },
    { value: '11.12.3', ok: true },
    { value: '11.', ok: false },
    { value: '.11', ok: false },
    { value: 'v11.7', ok: false },
    { value: '11.7-beta', ok: false },
    { value: '', ok: false },
  ])('says "$value" is a version: $ok', ({ value, ok }) => {
    expect(VERSION_PATTERN.test(value)).toBe(ok);
  });
});
