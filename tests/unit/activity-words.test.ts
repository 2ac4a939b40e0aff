// The changed fields of an activity entry in words, never as raw JSON.
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/domain/activity-words';

describe('describeChange', () => {
  it('says a text change with both values in quotes', () => {
    expect(describeChange('name', { before: 'Ana', after: 'Ana Lee' })).toBe("name 'Ana' → 'Ana Lee'");
  });

  it('says a subscription set for the first time field by field', () => {
    const after = { model: 'internal-external', internalLimit: 40, externalLimit: 20, warnAt: 0.9 };
    expect(describeChange('subscription', { before: undefined, after })).toBe(
      "subscription (none) → model 'internal-external', internal limit 40, external limit 20, warning at 0.9",
    );
  });

  it('says rules with their list of domains', () => {
    const before = { mode: 'domains', domains: ['example.com', 'acme.org'] };
    expect(describeChange('rules', { before, after: { mode: 'all-internal' } })).toBe(
      "rules mode 'domains', domains 'example.com', 'acme.org' → mode 'all-internal'",
    );
  });

  it('says an empty list as none', () => {
    expect(describeChange('domains', { before: [], after: ['example.com'] })).toBe("domains (none) → 'example.com'");
  });
});
