/** Email addresses: validity (international domains allowed) and the effective email of a user. */
import { normaliseDomain } from './domain-name';
import type { UserFields } from './types';

// Dot-atom local part (RFC 5322) extended to letters of any script (RFC 6531).
const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;

/** The normalised ASCII domain of an email address, or undefined when the address is not valid. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > 64) return undefined;
  const local = email.slice(0, at);
  if (!LOCAL_PART.test(local)) return undefined;
  const domain = email.slice(at + 1);
  // normaliseDomain trims; an address may not carry spaces or a trailing dot.
  if (domain !== domain.trim() || domain.endsWith('.')) return undefined;
  return normaliseDomain(domain);
}

/** Whether a string is a valid email address; its domain may be international. */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && emailDomain(value) !== undefined;
}

/**
 * The email that classification reads: the `email` field when non-empty, otherwise the
 * username when it is a valid email address, otherwise none.
 */
export function effectiveEmail(user: Pick<UserFields, 'email' | 'username'>): string | undefined {
  const email = user.email?.trim();
  if (email) return email;
  return isValidEmail(user.username) ? user.username : undefined;
}

const PHONE_CHARS = /^[0-9 +\-()]+$/;

/** A plausible phone number: digits, spaces, `+`, `-` and parentheses, with 6 to 20 digits. */
export function isPlausiblePhone(value: string): boolean {
  if (!PHONE_CHARS.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, '').length;
  return digits >= 6 && digits <= 20;
}
