import { describe, expect, it } from 'vitest';
import { isAnonymous, userFacts, type UserFields } from '../../src/domain';

const bare: UserFields = { username: 'guest-17', isActive: true };

describe('isAnonymous', () => {
  it('treats a user that never logged in and holds no personal data as anonymous', () => {
    expect(isAnonymous(bare)).toBe(true);
  });

  it('treats blank personal fields as absent', () => {
    expect(isAnonymous({ ...bare, name: '  ', email: '', mobilePhone: ' ', lastLogin: '' })).toBe(true);
  });

  it('does not look at the active flag', () => {
    expect(isAnonymous({ ...bare, isActive: false })).toBe(true);
  });

  it.each([
    { field: 'a name', user: { ...bare, name: 'Anna Schmidt' } },
    { field: 'an email', user: { ...bare, email: 'anna@example.com' } },
    { field: 'a mobile phone', user: { ...bare, mobilePhone: '+49 30 1234567' } },
    { field: 'a last login', user: { ...bare, lastLogin: '2025-01-02T03:04:05Z' } },
    { field: 'an email address as username', user: { ...bare, username: 'anna@example.com' } },
    { field: 'an international email address as username', user: { ...bare, username: 'anna@bücher.example' } },
  ])('does not treat a user with $field as anonymous', ({ user }) => {
    expect(isAnonymous(user)).toBe(false);
  });

  it.each([{ username: 'anna' }, { username: 'anna@' }, { username: 'anna@localhost' }, { username: 'domain\\anna' }])(
    'treats username "$username", which is not an email address, as no personal data',
    ({ username }) => {
      expect(isAnonymous({ ...bare, username })).toBe(true);
    },
  );
});

describe('userFacts', () => {
  it.each([
    {
      why: 'reads the domain of the email field',
      user: { username: 'anna', email: 'Anna@Example.COM', isActive: true },
      facts: { isActive: true, isAnonymous: false, domain: 'example.com' },
    },
    {
      why: 'reads the username when it is an email address and the email field is empty',
      user: { username: 'Bob@Gmail.com', isActive: true },
      facts: { isActive: true, isAnonymous: false, domain: 'gmail.com' },
    },
    {
      why: 'converts an international domain to punycode',
      user: { username: 'anna', email: 'anna@bücher.example', isActive: true },
      facts: { isActive: true, isAnonymous: false, domain: 'xn--bcher-kva.example' },
    },
    {
      why: 'has an empty domain for a user known only by a mobile phone',
      user: { username: 'u1234', mobilePhone: '+44 7700 900123', isActive: true },
      facts: { isActive: true, isAnonymous: false, domain: '' },
    },
    {
      why: 'marks an anonymous user',
      user: { username: 'guest', isActive: true },
      facts: { isActive: true, isAnonymous: true, domain: '' },
    },
    {
      why: 'keeps the inactive flag',
      user: { username: 'anna', email: 'anna@example.com', isActive: false },
      facts: { isActive: false, isAnonymous: false, domain: 'example.com' },
    },
  ])('$why', ({ user, facts }) => {
    expect(userFacts(user)).toEqual(facts);
  });
});
