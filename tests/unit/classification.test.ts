import { describe, expect, it } from 'vitest';
import {
  classifyFacts,
  classifyUser,
  DEFAULT_RULES,
  parseDomainEntry,
  type ClassificationRules,
  type DomainRelation,
  type DomainRule,
  type UserFields,
} from '../../src/domain';

const REASON = {
  inactive: 'inactive: the account is deactivated, so it is not counted',
  anonymous: 'anonymous: never logged in and holds no personal data, so it is not counted',
  allInternal: 'internal: this environment treats every user as internal',
  noEmail: 'internal: no email address',
} as const;

/** Builds a rule from what an administrator types, through the same parser the console uses. */
function rule(raw: string, relation: DomainRelation = 'own'): DomainRule {
  const parsed = parseDomainEntry(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return { domain: parsed.entry, relation };
}

const domains = (...list: DomainRule[]): ClassificationRules => ({ mode: 'domains', domains: list });
const allInternal: ClassificationRules = { mode: 'all-internal', domains: [] };
const exampleRules = domains(rule('example.com', 'own'), rule('*.example.com', 'parent'));

const user = (fields: Partial<UserFields> = {}): UserFields => ({
  username: 'anna',
  name: 'Anna',
  isActive: true,
  ...fields,
});

describe('DEFAULT_RULES', () => {
  it('starts a new environment in all-internal mode with no domains', () => {
    expect(DEFAULT_RULES).toEqual({ mode: 'all-internal', domains: [] });
  });

  it('counts a user with an outside email as internal under the default rules', () => {
    expect(classifyUser(user({ email: 'anna@gmail.com' }), DEFAULT_RULES)).toEqual({
      class: 'internal',
      reason: REASON.allInternal,
    });
  });
});

describe('rule 1: an inactive user is inactive', () => {
  it.each([
    { why: 'an internal email', fields: { email: 'anna@example.com' }, rules: exampleRules },
    { why: 'an external email', fields: { email: 'anna@gmail.com' }, rules: exampleRules },
    { why: 'no email', fields: {}, rules: exampleRules },
    { why: 'all-internal mode', fields: { email: 'anna@example.com' }, rules: allInternal },
    { why: 'no personal data (otherwise anonymous)', fields: { name: undefined }, rules: exampleRules },
    { why: 'no personal data under all-internal mode', fields: { name: undefined }, rules: allInternal },
  ])('classifies an inactive user with $why as inactive', ({ fields, rules }) => {
    expect(classifyUser(user({ ...fields, isActive: false }), rules)).toEqual({
      class: 'inactive',
      reason: REASON.inactive,
    });
  });
});

describe('rule 2: an anonymous user is anonymous', () => {
  it.each([
    { mode: 'domains', rules: exampleRules },
    { mode: 'all-internal', rules: allInternal },
  ])('classifies a never-logged-in user with no personal data as anonymous in $mode mode', ({ rules }) => {
    expect(classifyUser({ username: 'guest-42', isActive: true }, rules)).toEqual({
      class: 'anonymous',
      reason: REASON.anonymous,
    });
  });

  it.each([
    { field: 'a name', fields: { name: 'Guest' }, expected: 'internal', reason: REASON.noEmail },
    {
      field: 'a mobile phone',
      fields: { mobilePhone: '+44 7700 900123' },
      expected: 'internal',
      reason: REASON.noEmail,
    },
    {
      field: 'a last login',
      fields: { lastLogin: '2025-03-01T10:00:00Z' },
      expected: 'internal',
      reason: REASON.noEmail,
    },
    {
      field: 'an outside email',
      fields: { email: 'guest@gmail.com' },
      expected: 'external',
      reason: "external: domain gmail.com is not in this environment's list",
    },
    {
      field: 'an outside email as username',
      fields: { username: 'guest@gmail.com' },
      expected: 'external',
      reason: "external: domain gmail.com is not in this environment's list",
    },
  ])('does not classify a user with $field as anonymous', ({ fields, expected, reason }) => {
    expect(classifyUser({ username: 'guest-42', isActive: true, ...fields }, exampleRules)).toEqual({
      class: expected,
      reason,
    });
  });
});

describe('rule 3: all-internal mode makes every counted user internal', () => {
  it.each([
    { why: 'an outside email', fields: { email: 'anna@gmail.com' } },
    { why: 'an owned email', fields: { email: 'anna@example.com' } },
    { why: 'no email', fields: {} },
    { why: 'a look-alike email', fields: { email: 'anna@exаmple.com' } },
  ])('classifies a user with $why as internal', ({ fields }) => {
    expect(classifyUser(user(fields), allInternal)).toEqual({ class: 'internal', reason: REASON.allInternal });
  });

  it('ignores any listed domains in all-internal mode', () => {
    const rules: ClassificationRules = { mode: 'all-internal', domains: [rule('example.com')] };
    expect(classifyUser(user({ email: 'anna@gmail.com' }), rules)).toEqual({
      class: 'internal',
      reason: REASON.allInternal,
    });
  });
});

describe('rule 4: a user with no effective email is internal', () => {
  it.each([
    { why: 'no email and a plain username', fields: { username: 'anna', email: undefined } },
    { why: 'an empty email field', fields: { username: 'anna', email: '' } },
    { why: 'a blank email field', fields: { username: 'anna', email: '   ' } },
    { why: 'a username that is not an email address', fields: { username: 'anna@localhost' } },
  ])('counts a user with $why as internal', ({ fields }) => {
    expect(classifyUser(user(fields), exampleRules)).toEqual({ class: 'internal', reason: REASON.noEmail });
  });

  it('counts a user known only by a mobile phone as internal', () => {
    const onlyPhone: UserFields = { username: 'u-1234', mobilePhone: '+44 7700 900123', isActive: true };
    expect(classifyUser(onlyPhone, exampleRules)).toEqual({ class: 'internal', reason: REASON.noEmail });
  });

  it('counts a user with no email as internal even when no domain is listed', () => {
    expect(classifyUser(user(), domains())).toEqual({ class: 'internal', reason: REASON.noEmail });
  });
});

describe('the username-as-email fallback', () => {
  it.each([
    {
      why: 'uses an email-like username when the email field is empty',
      fields: { username: 'anna@example.com' },
      expected: {
        class: 'internal',
        reason: 'internal: domain matches example.com (own)',
        matchedDomain: 'example.com',
      },
    },
    {
      why: 'uses an email-like username when the email field is blank',
      fields: { username: 'anna@gmail.com', email: '  ' },
      expected: { class: 'external', reason: "external: domain gmail.com is not in this environment's list" },
    },
    {
      why: 'prefers the email field to an outside username',
      fields: { username: 'anna@gmail.com', email: 'anna@example.com' },
      expected: {
        class: 'internal',
        reason: 'internal: domain matches example.com (own)',
        matchedDomain: 'example.com',
      },
    },
    {
      why: 'prefers the email field to an owned username',
      fields: { username: 'anna@example.com', email: 'anna@gmail.com' },
      expected: { class: 'external', reason: "external: domain gmail.com is not in this environment's list" },
    },
  ])('$why', ({ fields, expected }) => {
    expect(classifyUser(user(fields), exampleRules)).toEqual(expected);
  });
});

describe('rule 5: a matching domain is internal', () => {
  it.each([
    { email: 'anna@example.com', entry: 'example.com', relation: 'own' as const },
    { email: 'anna@EXAMPLE.com', entry: 'example.com', relation: 'own' as const },
    { email: 'anna@eu.example.com', entry: '*.example.com', relation: 'parent' as const },
    { email: 'anna@a.b.example.com', entry: '*.example.com', relation: 'parent' as const },
    { email: 'anna@sister.org', entry: 'sister.org', relation: 'affiliate' as const },
    { email: 'anna@client.net', entry: 'client.net', relation: 'client' as const },
  ])('classifies $email as internal through $entry ($relation)', ({ email, entry, relation }) => {
    const rules = domains(
      rule('example.com', 'own'),
      rule('*.example.com', 'parent'),
      rule('sister.org', 'affiliate'),
      rule('client.net', 'client'),
    );
    expect(classifyUser(user({ email }), rules)).toEqual({
      class: 'internal',
      reason: `internal: domain matches ${entry} (${relation})`,
      matchedDomain: entry,
    });
  });

  it('explains a wildcard match in one sentence', () => {
    expect(classifyUser(user({ email: 'anna@eu.example.com' }), domains(rule('*.example.com', 'parent'))).reason).toBe(
      'internal: domain matches *.example.com (parent)',
    );
  });

  it('names the exact entry rather than a wildcard that also matches', () => {
    const rules = domains(rule('*.example.com', 'parent'), rule('eu.example.com', 'own'));
    expect(classifyUser(user({ email: 'anna@eu.example.com' }), rules)).toMatchObject({
      reason: 'internal: domain matches eu.example.com (own)',
    });
  });

  it('names the exact entry even when a wildcard entry is as long', () => {
    const rules = domains(rule('*.example.com', 'parent'), rule('a.example.com', 'client'));
    expect(classifyUser(user({ email: 'anna@a.example.com' }), rules).reason).toBe(
      'internal: domain matches a.example.com (client)',
    );
  });

  it('matches an entry written with capitals, spaces and a trailing dot', () => {
    const rules = domains(rule('  Example.COM. '));
    expect(classifyUser(user({ email: 'anna@example.com' }), rules).class).toBe('internal');
  });

  it.each([
    {
      why: 'an international email against an international entry',
      email: 'anna@bücher.example',
      entry: 'bücher.example',
    },
    {
      why: 'an international email against a punycode entry',
      email: 'anna@bücher.example',
      entry: 'xn--bcher-kva.example',
    },
    {
      why: 'a punycode email against an international entry',
      email: 'anna@xn--bcher-kva.example',
      entry: 'BÜCHER.example',
    },
    {
      why: 'an international subdomain against an international wildcard',
      email: 'anna@eu.bücher.example',
      entry: '*.bücher.example',
    },
  ])('compares $why in punycode', ({ email, entry }) => {
    expect(classifyUser(user({ email }), domains(rule(entry))).class).toBe('internal');
  });

  it('explains an international match with the punycode entry', () => {
    expect(classifyUser(user({ email: 'anna@bücher.example' }), domains(rule('bücher.example', 'client'))).reason).toBe(
      'internal: domain matches xn--bcher-kva.example (client)',
    );
  });
});

describe('rule 6: any other domain is external', () => {
  it.each([
    { email: 'anna@gmail.com', domain: 'gmail.com', why: 'an unlisted domain' },
    { email: 'anna@Gmail.COM', domain: 'gmail.com', why: 'an unlisted domain in capitals' },
    {
      email: 'anna@eu.example.com',
      domain: 'eu.example.com',
      why: 'a subdomain of an exact entry',
      only: 'example.com',
    },
    { email: 'anna@example.com', domain: 'example.com', why: 'the parent of a wildcard entry', only: '*.example.com' },
    { email: 'anna@badexample.com', domain: 'badexample.com', why: 'a prefixed name' },
    { email: 'anna@eu.badexample.com', domain: 'eu.badexample.com', why: 'a subdomain of a prefixed name' },
    { email: 'anna@example.com.attacker.io', domain: 'example.com.attacker.io', why: 'a suffixed name' },
    { email: 'anna@exаmple.com', domain: 'xn--exmple-4nf.com', why: 'a Cyrillic look-alike' },
    { email: 'anna@eu.exаmple.com', domain: 'eu.xn--exmple-4nf.com', why: 'a subdomain of a Cyrillic look-alike' },
    { email: 'anna@bücher.example', domain: 'xn--bcher-kva.example', why: 'an unlisted international domain' },
  ])('classifies $why as external', ({ email, domain, only }) => {
    const rules = only === undefined ? exampleRules : domains(rule(only));
    expect(classifyUser(user({ email }), rules)).toEqual({
      class: 'external',
      reason: `external: domain ${domain} is not in this environment's list`,
    });
  });

  it('classifies every user with an email as external when domains mode lists nothing', () => {
    expect(classifyUser(user({ email: 'anna@example.com' }), domains()).class).toBe('external');
  });

  it('explains an external user in one sentence', () => {
    expect(classifyUser(user({ email: 'anna@gmail.com' }), exampleRules).reason).toBe(
      "external: domain gmail.com is not in this environment's list",
    );
  });
});

describe('classifyFacts', () => {
  it.each([
    { facts: { isActive: false, isAnonymous: true, domain: 'example.com' }, expected: 'inactive' },
    { facts: { isActive: true, isAnonymous: true, domain: '' }, expected: 'anonymous' },
    { facts: { isActive: true, isAnonymous: false, domain: '' }, expected: 'internal' },
    { facts: { isActive: true, isAnonymous: false, domain: 'example.com' }, expected: 'internal' },
    { facts: { isActive: true, isAnonymous: false, domain: 'eu.example.com' }, expected: 'internal' },
    { facts: { isActive: true, isAnonymous: false, domain: 'gmail.com' }, expected: 'external' },
  ])('classifies facts $facts as $expected', ({ facts, expected }) => {
    expect(classifyFacts(facts, exampleRules).class).toBe(expected);
  });

  it('applies the rules in order: inactive before anonymous before mode before email', () => {
    const facts = { isActive: false, isAnonymous: true, domain: 'gmail.com' };
    expect(classifyFacts(facts, exampleRules).class).toBe('inactive');
    expect(classifyFacts({ ...facts, isActive: true }, exampleRules).class).toBe('anonymous');
    expect(classifyFacts({ ...facts, isActive: true, isAnonymous: false }, allInternal).class).toBe('internal');
    expect(classifyFacts({ ...facts, isActive: true, isAnonymous: false }, exampleRules).class).toBe('external');
  });

  it('sets matchedDomain only for a domain match', () => {
    expect(
      classifyFacts({ isActive: true, isAnonymous: false, domain: 'eu.example.com' }, exampleRules).matchedDomain,
    ).toBe('*.example.com');
    expect(
      classifyFacts({ isActive: true, isAnonymous: false, domain: 'gmail.com' }, exampleRules).matchedDomain,
    ).toBeUndefined();
    expect(
      classifyFacts({ isActive: true, isAnonymous: false, domain: '' }, exampleRules).matchedDomain,
    ).toBeUndefined();
  });
});

describe('an email field that is not a valid address (data stored or imported before validation)', () => {
  it.each([
    ['u@example.com.123', 'external', "external: domain example.com.123 is not in this environment's list"],
    ['u@gmail.com.', 'external', "external: domain gmail.com is not in this environment's list"],
    ['u@example.com.', 'internal', 'internal: domain matches example.com (own)'],
    ['u@gmail', 'external', "external: domain gmail is not in this environment's list"],
    ['u@exa_mple.com', 'external', "external: domain exa_mple.com is not in this environment's list"],
    ['not-an-email', 'external', "external: domain not-an-email is not in this environment's list"],
    ['u@', 'external', "external: domain (empty) is not in this environment's list"],
  ])('classifies %s by its domain, never as "no email address"', (email, expected, reason) => {
    expect(classifyUser(user({ email }), exampleRules)).toEqual(expect.objectContaining({ class: expected, reason }));
  });
});
