import { describe, expect, it } from 'vitest';
import {
  domainMatchesEntry,
  findMatchingEntry,
  normaliseDomain,
  parseDomainEntry,
  type DomainRule,
} from '../../src/domain';

describe('normaliseDomain', () => {
  it.each([
    { raw: 'example.com', expected: 'example.com', why: 'keeps a plain ASCII domain as it is' },
    { raw: '  example.com  ', expected: 'example.com', why: 'trims surrounding spaces' },
    { raw: '\texample.com\n', expected: 'example.com', why: 'trims tabs and new lines' },
    { raw: 'Example.COM', expected: 'example.com', why: 'lower-cases' },
    { raw: 'example.com.', expected: 'example.com', why: 'removes one trailing dot' },
    {
      raw: ' EU.Example.Com. ',
      expected: 'eu.example.com',
      why: 'trims, lower-cases and removes the trailing dot together',
    },
    { raw: 'bücher.example', expected: 'xn--bcher-kva.example', why: 'converts an international name to punycode' },
    {
      raw: 'BÜCHER.example',
      expected: 'xn--bcher-kva.example',
      why: 'lower-cases an international name before converting it',
    },
    {
      raw: 'bücher.example.',
      expected: 'xn--bcher-kva.example',
      why: 'removes the trailing dot of an international name',
    },
    { raw: 'xn--bcher-kva.example', expected: 'xn--bcher-kva.example', why: 'keeps a name already in punycode' },
    {
      raw: 'exаmple.com',
      expected: 'xn--exmple-4nf.com',
      why: 'turns a Cyrillic look-alike into a different ASCII domain',
    },
    { raw: 'münchen.de', expected: 'xn--mnchen-3ya.de', why: 'converts a German umlaut' },
    { raw: 'a-b.example.co.uk', expected: 'a-b.example.co.uk', why: 'keeps hyphens and many labels' },
  ])('$why ($raw → $expected)', ({ raw, expected }) => {
    expect(normaliseDomain(raw)).toBe(expected);
  });

  it.each([
    { raw: '', why: 'an empty string' },
    { raw: '   ', why: 'spaces only' },
    { raw: '.', why: 'a lone dot' },
    { raw: 'example.com..', why: 'two trailing dots' },
    { raw: 'com', why: 'a bare top-level domain' },
    { raw: 'com.', why: 'a bare top-level domain with a trailing dot' },
    { raw: 'a..com', why: 'an empty label' },
    { raw: '.example.com', why: 'a leading dot' },
    { raw: 'a b.com', why: 'an inner space' },
    { raw: 'exa_mple.com', why: 'an underscore' },
    { raw: 'user@example.com', why: 'an @' },
    { raw: 'example.com/path', why: 'a path' },
    { raw: '*.example.com', why: 'a wildcard (entries only)' },
    { raw: '-example.com', why: 'a label starting with a hyphen' },
    { raw: 'example-.com', why: 'a label ending with a hyphen' },
    { raw: `${'a'.repeat(64)}.com`, why: 'a label longer than 63 characters' },
    { raw: '192.168.0.1', why: 'an IP address' },
  ])('refuses $why', ({ raw }) => {
    expect(normaliseDomain(raw)).toBeUndefined();
  });

  it('accepts a label of exactly 63 characters', () => {
    expect(normaliseDomain(`${'a'.repeat(63)}.com`)).toBe(`${'a'.repeat(63)}.com`);
  });

  it('is idempotent on the examples', () => {
    for (const raw of ['Example.COM.', 'bücher.example', 'exаmple.com', ' EU.Example.Com. ']) {
      const once = normaliseDomain(raw);
      expect(once).toBeDefined();
      expect(normaliseDomain(once ?? '')).toBe(once);
    }
  });
});

describe('parseDomainEntry', () => {
  it.each([
    { raw: 'example.com', entry: 'example.com', wildcard: false, base: 'example.com' },
    { raw: '  Example.COM.  ', entry: 'example.com', wildcard: false, base: 'example.com' },
    { raw: '*.example.com', entry: '*.example.com', wildcard: true, base: 'example.com' },
    { raw: ' *.Example.Com. ', entry: '*.example.com', wildcard: true, base: 'example.com' },
    { raw: 'eu.example.com', entry: 'eu.example.com', wildcard: false, base: 'eu.example.com' },
    { raw: 'bücher.example', entry: 'xn--bcher-kva.example', wildcard: false, base: 'xn--bcher-kva.example' },
    { raw: '*.bücher.example', entry: '*.xn--bcher-kva.example', wildcard: true, base: 'xn--bcher-kva.example' },
    { raw: 'exаmple.com', entry: 'xn--exmple-4nf.com', wildcard: false, base: 'xn--exmple-4nf.com' },
    { raw: 'example.co.uk', entry: 'example.co.uk', wildcard: false, base: 'example.co.uk' },
  ])('accepts "$raw" as $entry', ({ raw, entry, wildcard, base }) => {
    expect(parseDomainEntry(raw)).toEqual({ ok: true, entry, wildcard, base });
  });

  it.each([
    { raw: '', message: /enter a domain/i },
    { raw: '  ', message: /enter a domain/i },
    { raw: 'a b.com', message: /spaces/ },
    { raw: 'user@example.com', message: /email address/ },
    { raw: 'https://example.com', message: /scheme/ },
    { raw: 'example.com/path', message: /path/ },
    { raw: 'example.com:8080', message: /port/ },
    { raw: 'a..com', message: /empty label/ },
    { raw: '.example.com', message: /empty label/ },
    { raw: 'example.com..', message: /empty label/ },
    { raw: 'com', message: /top-level domain/ },
    { raw: 'com.', message: /top-level domain/ },
    { raw: '*', message: /wildcard/ },
    { raw: '*.com', message: /top-level domain/ },
    { raw: '*.*.example.com', message: /wildcard/ },
    { raw: 'ex*ample.com', message: /wildcard/ },
    { raw: '*example.com', message: /wildcard/ },
    { raw: 'example.*', message: /wildcard/ },
    { raw: 'exa_mple.com', message: /only letters, digits, hyphens and dots/ },
    { raw: 'example!.com', message: /only letters, digits, hyphens and dots/ },
    { raw: '-example.com', message: /not a valid domain/ },
  ])('refuses "$raw" with a message', ({ raw, message }) => {
    const result = parseDomainEntry(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    if (raw.trim() !== '') expect(result.message).toContain(`"${raw.trim()}"`);
  });
});

describe('domainMatchesEntry', () => {
  it.each([
    { domain: 'example.com', entry: 'example.com', matches: true, why: 'an exact entry matches the domain itself' },
    {
      domain: 'eu.example.com',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a subdomain',
    },
    {
      domain: 'a.b.example.com',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a deeper subdomain',
    },
    {
      domain: 'badexample.com',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a prefixed name',
    },
    {
      domain: 'example.com.attacker.io',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a suffixed name',
    },
    {
      domain: 'example.co',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a truncated name',
    },
    {
      domain: 'xn--exmple-4nf.com',
      entry: 'example.com',
      matches: false,
      why: 'an exact entry does not match a Cyrillic look-alike',
    },
    { domain: 'eu.example.com', entry: '*.example.com', matches: true, why: 'a wildcard matches a subdomain' },
    {
      domain: 'a.b.c.example.com',
      entry: '*.example.com',
      matches: true,
      why: 'a wildcard matches a subdomain at any depth',
    },
    {
      domain: 'example.com',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match the domain itself',
    },
    {
      domain: 'badexample.com',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match a prefixed name',
    },
    {
      domain: 'eu.badexample.com',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match a subdomain of a prefixed name',
    },
    {
      domain: 'example.com.attacker.io',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match a suffixed name',
    },
    {
      domain: 'eu.example.com.attacker.io',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match a suffixed subdomain',
    },
    {
      domain: 'eu.xn--exmple-4nf.com',
      entry: '*.example.com',
      matches: false,
      why: 'a wildcard does not match a subdomain of a look-alike',
    },
    { domain: 'com', entry: '*.example.com', matches: false, why: 'a wildcard does not match a shorter name' },
  ])('$why ($domain vs $entry → $matches)', ({ domain, entry, matches }) => {
    expect(domainMatchesEntry(domain, entry)).toBe(matches);
  });

  it('matches a Cyrillic look-alike only against its own punycode entry', () => {
    const lookAlike = normaliseDomain('exаmple.com') ?? '';
    expect(domainMatchesEntry(lookAlike, 'example.com')).toBe(false);
    expect(domainMatchesEntry(lookAlike, lookAlike)).toBe(true);
  });

  it('matches an international email domain against an international entry in punycode', () => {
    const entry = parseDomainEntry('BÜCHER.example.');
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(domainMatchesEntry(normaliseDomain('bücher.example') ?? '', entry.entry)).toBe(true);
    expect(domainMatchesEntry(normaliseDomain('xn--bcher-kva.example') ?? '', entry.entry)).toBe(true);
  });
});

describe('findMatchingEntry', () => {
  const rule = (domain: string, relation: DomainRule['relation']): DomainRule => ({ domain, relation });

  it.each([
    {
      why: 'prefers an exact entry listed after a wildcard',
      domain: 'eu.example.com',
      entries: [rule('*.example.com', 'parent'), rule('eu.example.com', 'own')],
      expected: rule('eu.example.com', 'own'),
    },
    {
      why: 'prefers an exact entry listed before a wildcard',
      domain: 'eu.example.com',
      entries: [rule('eu.example.com', 'own'), rule('*.example.com', 'parent')],
      expected: rule('eu.example.com', 'own'),
    },
    {
      why: 'prefers an exact entry to a wildcard of the same length',
      domain: 'a.example.com',
      entries: [rule('*.example.com', 'parent'), rule('a.example.com', 'own')],
      expected: rule('a.example.com', 'own'),
    },
    {
      why: 'prefers the most specific wildcard',
      domain: 'a.eu.example.com',
      entries: [rule('*.example.com', 'parent'), rule('*.eu.example.com', 'affiliate')],
      expected: rule('*.eu.example.com', 'affiliate'),
    },
    {
      why: 'prefers the most specific wildcard whatever the order',
      domain: 'a.eu.example.com',
      entries: [rule('*.eu.example.com', 'affiliate'), rule('*.example.com', 'parent')],
      expected: rule('*.eu.example.com', 'affiliate'),
    },
    {
      why: 'uses the wildcard for a subdomain when the exact entry names the parent',
      domain: 'eu.example.com',
      entries: [rule('example.com', 'own'), rule('*.example.com', 'parent')],
      expected: rule('*.example.com', 'parent'),
    },
    {
      why: 'uses the exact entry for the parent itself',
      domain: 'example.com',
      entries: [rule('*.example.com', 'parent'), rule('example.com', 'own')],
      expected: rule('example.com', 'own'),
    },
    {
      why: 'finds nothing for an unlisted domain',
      domain: 'gmail.com',
      entries: [rule('example.com', 'own'), rule('*.example.com', 'parent')],
      expected: undefined,
    },
    { why: 'finds nothing in an empty list', domain: 'example.com', entries: [], expected: undefined },
  ])('$why', ({ domain, entries, expected }) => {
    expect(findMatchingEntry(domain, entries)).toEqual(expected);
  });
});
