/**
 * What a user's own fields fix for counting, independent of any rule set: whether the user
 * is active, anonymous, and the domain of the effective email. Storing these lets a rule
 * change recount by domain instead of rewriting or rereading every user.
 */
import { comparableDomain } from './domain-name';
import { effectiveEmail, emailDomain } from './email';
import type { UserFields } from './types';

export interface UserFacts {
  isActive: boolean;
  isAnonymous: boolean;
  /** Normalised ASCII domain of the effective email; '' when the user has none. */
  domain: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/**
 * Anonymous: never logged in and holds no personal data — no name, no email, no mobile
 * phone, and a username that is not an email address.
 */
export function isAnonymous(user: UserFields): boolean {
  return (
    blank(user.lastLogin) &&
    blank(user.name) &&
    blank(user.email) &&
    blank(user.mobilePhone) &&
    emailDomain(user.username) === undefined
  );
}

/** The counting facts of one user. */
export function userFacts(user: UserFields): UserFacts {
  const email = effectiveEmail(user);
  return {
    isActive: user.isActive,
    isAnonymous: isAnonymous(user),
    // The part after the last @, normalised; an invalid one matches no entry (external).
    domain: email === undefined ? '' : comparableDomain(email.slice(email.lastIndexOf('@') + 1)),
  };
}
