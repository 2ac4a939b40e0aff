import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifyUser,
  domainMatchesEntry,
  isValidEmail,
  normaliseDomain,
  parseDomainEntry,
  type ClassificationRules,
  type DomainRelation,
  type UserClass,
  type UserFields,
} from '../../src/domain';

const RUNS = { numRuns: 500 };
const CLASSES: readonly UserClass[] = ['internal', 'external', 'anonymous', 'inactive'];
const RELATIONS: readonly DomainRelation[] = ['own', 'parent', 'affiliate', 'client'];

const relation = fc.constantFrom(...RELATIONS);
const ownedRules = fc
  .record({ exact: relation, wildcard: relation, order: fc.boolean() })
  .map(({ exact, wildcard, order }): ClassificationRules => {
    const list = [
      { domain: 'example.com', relation: exact },
      { domain: '*.example.com', relation: wildcard },
    ];
    return { mode: 'domains', domains: order ? list : list.reverse() };
  });

/** A valid DNS label: starts with a letter, letters, digits and inner hyphens; no reserved `xn--` style prefix. */
const asciiLabel = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,12}[a-z0-9])?$/).filter((l) => l.slice(2, 4) !== '--');
const unicodeLabel = fc.constantFrom('bücher', 'münchen', 'café', 'παράδειγμα', 'пример', '例え', 'ñandú', 'straße');
const label = fc.oneof({ arbitrary: asciiLabel, weight: 4 }, { arbitrary: unicodeLabel, weight: 1 });
const labels = (max: number, min = 1) => fc.array(label, { minLength: min, maxLength: max });
const localPart = fc.stringMatching(/^[a-z0-9]{1,8}(?:[._+-][a-z0-9]{1,5})?$/);

/** Upper-cases the ASCII letters picked by the mask; email domains are case-insensitive. */
const withMixedCase = (arb: fc.Arbitrary<string>) =>
  fc
    .tuple(arb, fc.array(fc.boolean(), { maxLength: 64 }))
    .map(([s, mask]) => [...s].map((ch, i) => (mask[i] && /[a-z]/.test(ch) ? ch.toUpperCase() : ch)).join(''));

/** Non-ASCII letters that look like the ASCII letters of example.com and that IDNA keeps distinct. */
const LOOK_ALIKES: Record<string, readonly string[]> = {
  e: ['\u0435', '\u0451', '\u0117', '\u0113', '\u00e9', '\u00e8', '\u1eb9'],
  x: ['\u0445', '\u04b3', '\u1e8b'],
  a: ['\u0430', '\u03b1', '\u0251', '\u00e0', '\u00e1', '\u0103', '\u1ea1'],
  m: ['\u043c', '\u1e41', '\u1e43', '\u0271'],
  p: ['\u0440', '\u03c1', '\u1e57', '\u01a5'],
  l: ['\u04cf', '\u0142', '\u013a', '\u0131', '\u03b9', '\u0269', '\u1e37', '\u0456'],
  c: ['\u0441', '\u03f2', '\u00e7', '\u0107', '\u010b'],
  o: ['\u043e', '\u03bf', '\u04e9', '\u1ecd', '\u00f6', '\u00f8', '\u0585'],
};
const OWNED = 'example.com';
const replaceable = [...OWNED].flatMap((ch, i) => (ch === '.' ? [] : [i]));

const optionalSubdomain = fc.option(
  labels(2).map((ls) => `${ls.join('.')}.`),
  { nil: '' },
);

/** `example.com.<random>`: the owned domain with labels appended. */
const suffixed = fc.tuple(optionalSubdomain, labels(3)).map(([sub, tail]) => `${sub}${OWNED}.${tail.join('.')}`);

/** `<random>example.com`: the owned domain with characters prepended to its first label. */
const prefixed = fc
  .tuple(
    optionalSubdomain,
    fc.oneof(
      fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/).filter((p) => p.slice(2, 4) !== '--'),
      unicodeLabel,
    ),
  )
  .map(([sub, prefix]) => `${sub}${prefix}${OWNED}`);

/** The owned domain with one character replaced by a non-ASCII look-alike. */
const replaced = fc.tuple(optionalSubdomain, fc.constantFrom(...replaceable), fc.nat()).map(([sub, index, pick]) => {
  const options = LOOK_ALIKES[OWNED[index] ?? ''] ?? [];
  const glyph = options[pick % options.length] ?? '';
  return `${sub}${OWNED.slice(0, index)}${glyph}${OWNED.slice(index + 1)}`;
});

describe('look-alikes of an owned domain', () => {
  it.each([
    { kind: 'a suffix-appended domain (example.com.<random>)', lookAlike: withMixedCase(suffixed) },
    { kind: 'a prefix-appended domain (<random>example.com)', lookAlike: withMixedCase(prefixed) },
    { kind: 'the owned domain with one letter replaced by a look-alike', lookAlike: withMixedCase(replaced) },
  ])('never classifies $kind as internal', ({ lookAlike }) => {
    fc.assert(
      fc.property(lookAlike, localPart, ownedRules, (domain, local, rules) => {
        const email = `${local}@${domain}`;
        // Every generated address is a valid one, so the external verdict comes from rule 6.
        expect(isValidEmail(email)).toBe(true);
        const normalised = normaliseDomain(domain) ?? '';
        expect(domainMatchesEntry(normalised, 'example.com')).toBe(false);
        expect(domainMatchesEntry(normalised, '*.example.com')).toBe(false);
        expect(classifyUser({ username: local, name: 'Someone', email, isActive: true }, rules)).toEqual({
          class: 'external',
          reason: `external: domain ${normalised} is not in this environment's list`,
        });
        expect(classifyUser({ username: email, isActive: true }, rules).class).toBe('external');
      }),
      RUNS,
    );
  });

  it('keeps the examples of the generators honest', () => {
    const rules: ClassificationRules = { mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] };
    for (const domain of ['example.com.attacker.io', 'badexample.com', 'ex\u0430mple.com']) {
      expect(classifyUser({ username: 'u', email: `u@${domain}`, isActive: true }, rules).class).toBe('external');
    }
  });
});

describe('subdomains of an owned domain', () => {
  it('matches every generated subdomain of example.com with *.example.com', () => {
    fc.assert(
      fc.property(
        withMixedCase(labels(4).map((ls) => `${ls.join('.')}.${OWNED}`)),
        fc.boolean(),
        (domain, trailingDot) => {
          const normalised = normaliseDomain(trailingDot ? `${domain}.` : domain);
          expect(normalised).toBeDefined();
          expect(domainMatchesEntry(normalised ?? '', '*.example.com')).toBe(true);
          expect(domainMatchesEntry(normalised ?? '', 'example.com')).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('classifies every generated subdomain email as internal through the wildcard', () => {
    fc.assert(
      fc.property(
        withMixedCase(labels(4).map((ls) => `${ls.join('.')}.${OWNED}`)),
        localPart,
        relation,
        (domain, local, rel) => {
          const rules: ClassificationRules = {
            mode: 'domains',
            domains: [
              { domain: 'example.com', relation: 'own' },
              { domain: '*.example.com', relation: rel },
            ],
          };
          expect(classifyUser({ username: local, email: `${local}@${domain}`, isActive: true }, rules)).toEqual({
            class: 'internal',
            reason: `internal: domain matches *.example.com (${rel})`,
            matchedDomain: '*.example.com',
          });
        },
      ),
      RUNS,
    );
  });
});

describe('normalisation', () => {
  const chars = fc.constantFrom(
    ...'abcxyzABCXYZ019-.. _@/*'.split(''),
    'ü',
    'Ü',
    'é',
    'ß',
    '\u0430',
    '\u03b1',
    '例',
    '\t',
  );
  const anyText = fc.array(chars, { maxLength: 30 }).map((cs) => cs.join(''));
  const domainLike = fc
    .tuple(
      withMixedCase(labels(4, 2).map((ls) => ls.join('.'))),
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('', '.', '..'),
      fc.boolean(),
    )
    .map(([name, pad, dots, wildcard]) => `${pad}${wildcard ? '*.' : ''}${name}${dots}${pad}`);
  const text = fc.oneof(anyText, domainLike);

  it('accepts every generated domain written with spaces, capitals and one trailing dot', () => {
    fc.assert(
      fc.property(
        domainLike.filter((raw) => !raw.includes('*') && !raw.includes('..')),
        (raw) => {
          expect(normaliseDomain(raw)).toBeDefined();
          expect(parseDomainEntry(raw).ok).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('is idempotent for domains', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = normaliseDomain(raw);
        if (once === undefined) return;
        expect(normaliseDomain(once)).toBe(once);
        expect(once).toBe(once.trim().toLowerCase());
        expect(once).toMatch(/^[a-z0-9.-]+$/);
        expect(once.endsWith('.')).toBe(false);
        expect(once.split('.').length).toBeGreaterThanOrEqual(2);
      }),
      RUNS,
    );
  });

  it('is idempotent for rule entries', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = parseDomainEntry(raw);
        if (!once.ok) {
          expect(once.message.length).toBeGreaterThan(0);
          return;
        }
        expect(parseDomainEntry(once.entry)).toEqual(once);
        expect(once.entry).toBe(once.wildcard ? `*.${once.base}` : once.base);
        expect(normaliseDomain(once.base)).toBe(once.base);
      }),
      RUNS,
    );
  });

  it('normalises an entry and an email domain written the same way to the same name', () => {
    fc.assert(
      fc.property(
        labels(4, 2).map((ls) => ls.join('.')),
        localPart,
        (name, local) => {
          // ASCII capitals only: 'ß'.toUpperCase() is 'SS', which is another name.
          const entry = parseDomainEntry(` ${name.replace(/[a-z]/g, (c) => c.toUpperCase())}. `);
          expect(entry.ok).toBe(true);
          if (!entry.ok) return;
          const rules: ClassificationRules = { mode: 'domains', domains: [{ domain: entry.entry, relation: 'own' }] };
          expect(classifyUser({ username: local, email: `${local}@${name}`, isActive: true }, rules).class).toBe(
            'internal',
          );
        },
      ),
      RUNS,
    );
  });
});

describe('every classification', () => {
  const optionalText = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: undefined });
  const email = fc.oneof(
    fc
      .tuple(
        localPart,
        fc.constantFrom('example.com', 'eu.example.com', 'gmail.com', 'bücher.example', 'ex\u0430mple.com'),
      )
      .map(([l, d]) => `${l}@${d}`),
    fc.constantFrom('', '  ', 'not-an-email', 'a@b', '@example.com'),
    fc.string({ maxLength: 20 }),
  );
  const userArb: fc.Arbitrary<UserFields> = fc.record({
    username: fc.oneof(localPart, email),
    name: optionalText(fc.constantFrom('', ' ', 'Anna')),
    email: optionalText(email),
    mobilePhone: optionalText(fc.constantFrom('', '+44 7700 900123')),
    isActive: fc.boolean(),
    lastLogin: optionalText(fc.constantFrom('', '2025-01-01T00:00:00Z')),
  });
  const entry = fc.constantFrom(
    'example.com',
    '*.example.com',
    'gmail.com',
    'xn--bcher-kva.example',
    '*.eu.example.com',
  );
  const rulesArb: fc.Arbitrary<ClassificationRules> = fc.record({
    mode: fc.constantFrom('all-internal' as const, 'domains' as const),
    domains: fc.array(fc.record({ domain: entry, relation }), { maxLength: 4 }),
  });

  it('is one of the four classes with a one-sentence reason that starts with the class', () => {
    fc.assert(
      fc.property(userArb, rulesArb, (user, rules) => {
        const result = classifyUser(user, rules);
        expect(CLASSES).toContain(result.class);
        expect(result.reason.startsWith(`${result.class}: `)).toBe(true);
        expect(result.reason.length).toBeGreaterThan(`${result.class}: `.length);
        expect(result.reason).not.toMatch(/\n/);
      }),
      RUNS,
    );
  });

  it('is inactive exactly when the user is inactive', () => {
    fc.assert(
      fc.property(userArb, rulesArb, (user, rules) => {
        expect(classifyUser(user, rules).class === 'inactive').toBe(!user.isActive);
      }),
      RUNS,
    );
  });

  it('is never external in all-internal mode', () => {
    fc.assert(
      fc.property(userArb, rulesArb, (user, rules) => {
        expect(classifyUser(user, { ...rules, mode: 'all-internal' }).class).not.toBe('external');
      }),
      RUNS,
    );
  });

  it('does not depend on the case of the email', () => {
    fc.assert(
      fc.property(userArb, rulesArb, (user, rules) => {
        const upperAscii = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());
        const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
        const upper = {
          ...user,
          email: user.email === undefined ? undefined : upperAscii(user.email),
          username: upperAscii(user.username),
        };
        const lower = {
          ...user,
          email: user.email === undefined ? undefined : lowerAscii(user.email),
          username: lowerAscii(user.username),
        };
        expect(classifyUser(upper, rules).class).toBe(classifyUser(lower, rules).class);
      }),
      RUNS,
    );
  });
});
