/** Classification of a user as internal, external, anonymous or inactive (SPEC: six ordered rules). */
import { findMatchingEntry } from './domain-name';
import { userFacts, type UserFacts } from './user-facts';
import type { Classification, ClassificationRules, UserFields } from './types';

/** The rule set a new environment starts with: every user internal until domains are configured. */
export const DEFAULT_RULES: ClassificationRules = { mode: 'all-internal', domains: [] };

/**
 * Classifies from the counting facts alone; the first rule that applies wins:
 * inactive, anonymous, all-internal mode, no effective email, matching domain, otherwise external.
 */
export function classifyFacts(
  facts: Pick<UserFacts, 'isActive' | 'isAnonymous' | 'domain'>,
  rules: ClassificationRules,
): Classification {
  if (!facts.isActive)
    return { class: 'inactive', reason: 'inactive: the account is deactivated, so it is not counted' };
  if (facts.isAnonymous) {
    return {
      class: 'anonymous',
      reason: 'anonymous: never logged in and holds no personal data, so it is not counted',
    };
  }
  if (rules.mode === 'all-internal')
    return { class: 'internal', reason: 'internal: this environment treats every user as internal' };
  if (facts.domain === '') return { class: 'internal', reason: 'internal: no email address' };
  const match = findMatchingEntry(facts.domain, rules.domains);
  if (match) {
    return {
      class: 'internal',
      reason: `internal: domain matches ${match.domain} (${match.relation})`,
      matchedDomain: match.domain,
    };
  }
  return { class: 'external', reason: `external: domain ${facts.domain} is not in this environment's list` };
}

/** Classifies one user under an environment's rules, with a one-sentence reason. */
export function classifyUser(user: UserFields, rules: ClassificationRules): Classification {
  return classifyFacts(userFacts(user), rules);
}
