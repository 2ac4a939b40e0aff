import { describe, expect, it } from 'vitest';
import { effectiveEmail, emailDomain, isPlausiblePhone, isValidEmail } from '../../src/domain';

describe('emailDomain', () => {
  it.each([
    { email: 'anna@example.com', domain: 'example.com' },
    { email: 'Anna@Example.COM', domain: 'example.com' },
    { email: 'anna@eu.example.com', domain: 'eu.example.com' },
    { email: 'anna@bücher.example', domain: 'xn--bcher-kva.example' },
    { email: 'anna@BÜCHER.example', domain: 'xn--bcher-kva.example' },
    { email: 'anna@exаmple.com', domain: 'xn--exmple-4nf.com' },
    { email: 'jörg@example.com', domain: 'example.com' },
    { email: 'first.last+tag@example.com', domain: 'example.com' },
  ])('reads the normalised domain of $email as $domain', ({ email, domain }) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it('takes the domain after the last @', () => {
    // A quoted local part is not accepted, so an address with two @ is not valid at all.
    expect(emailDomain('a@b@example.com')).toBeUndefined();
    expect(emailDomain('a@example.com')).toBe('example.com');
  });

  it.each([
    { email: '', why: 'an empty string' },
    { email: 'anna', why: 'no @' },
    { email: '@example.com', why: 'no local part' },
    { email: 'anna@', why: 'no domain' },
    { email: 'anna@com', why: 'a bare top-level domain' },
    { email: 'anna@exa_mple.com', why: 'an invalid domain' },
    { email: 'an na@example.com', why: 'a space in the local part' },
    { email: '.anna@example.com', why: 'a leading dot in the local part' },
    { email: 'an..na@example.com', why: 'two dots in the local part' },
    { email: `${'a'.repeat(65)}@example.com`, why: 'a local part longer than 64 characters' },
  ])('refuses $why', ({ email }) => {
    expect(emailDomain(email)).toBeUndefined();
  });
});

describe('isValidEmail', () => {
  it.each([
    { value: 'anna@example.com', valid: true },
    { value: 'anna@bücher.example', valid: true },
    { value: 'анна@пример.рф', valid: true },
    { value: `${'a'.repeat(64)}@example.com`, valid: true },
    { value: 'anna', valid: false },
    { value: 'anna@', valid: false },
    { value: 'anna@localhost', valid: false },
    { value: 'anna smith', valid: false },
    {
      value: `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`,
      valid: false,
    },
    { value: `${'a'.repeat(6)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`, valid: true },
  ])('says $value is valid: $valid', ({ value, valid }) => {
    expect(isValidEmail(value)).toBe(valid);
  });
});

describe('effectiveEmail', () => {
  it.each([
    {
      why: 'uses the email field when it is non-empty',
      user: { username: 'anna', email: 'anna@example.com' },
      expected: 'anna@example.com',
    },
    {
      why: 'prefers the email field to an email-like username',
      user: { username: 'anna@gmail.com', email: 'anna@example.com' },
      expected: 'anna@example.com',
    },
    {
      why: 'trims the email field',
      user: { username: 'anna', email: '  anna@example.com ' },
      expected: 'anna@example.com',
    },
    {
      why: 'falls back to the username when it is an email address',
      user: { username: 'anna@example.com' },
      expected: 'anna@example.com',
    },
    {
      why: 'falls back to the username when the email field is empty',
      user: { username: 'anna@example.com', email: '' },
      expected: 'anna@example.com',
    },
    {
      why: 'falls back to the username when the email field is blank',
      user: { username: 'anna@example.com', email: '   ' },
      expected: 'anna@example.com',
    },
    { why: 'has none when the username is not an email address', user: { username: 'anna' }, expected: undefined },
    {
      why: 'has none when the username only looks half like an email',
      user: { username: 'anna@localhost' },
      expected: undefined,
    },
  ])('$why', ({ user, expected }) => {
    expect(effectiveEmail(user)).toBe(expected);
  });
});

describe('isPlausiblePhone', () => {
  it.each([
    { value: '+44 7700 900123', plausible: true },
    { value: '(030) 123-4567', plausible: true },
    { value: '123456', plausible: true },
    { value: '1'.repeat(20), plausible: true },
    { value: '12345', plausible: false },
    { value: '1'.repeat(21), plausible: false },
    { value: '+44 7700 abc', plausible: false },
    { value: '', plausible: false },
  ])('says "$value" is a plausible phone: $plausible', ({ value, plausible }) => {
    expect(isPlausiblePhone(value)).toBe(plausible);
  });
});
