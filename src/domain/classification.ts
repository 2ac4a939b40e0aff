/** Classification of a user as internal, external, anonymous or inactive (SPEC: six ordered rules). */
import { findMatchingEntry } from './domain-name';
import { userFacts, type UserFacts } from './user-facts';
import type { Classification, ClassificationRules, UserFields } from './types';

/** The rule set a new environment starts with: every user internal until domains are configured. */
export const DEFAULT_RULES: ClassificationRules = { mode: 'all-internal', domains: [] };

/**
 * Classifies from the counting facts alone; the first rule that applies wins:
 * inactive, anonymous, all-internal mode, no effective email, matching domain, otherwise external.
 * `tenantName`: the rules are that tenant's own (its client's), and the reason says so.
 */
export function classifyFacts(
  facts: Pick<UserFacts, 'isActive' | 'isAnonymous' | 'domain'>,
  rules: ClassificationRules,
  tenantName?: string,
): Classification {
  if (!facts.isActive)
    return { class: 'inactive', reason: 'inactive: the account is deactivated, so it is not counted' };
  if (facts.isAnonymous) {
    return {
      class: 'anonymous',
      reason: 'anonymous: never logged in and holds no personal data, so it is not counted',
    };
  }
  if (rules.mode === 'all-internal') {
    const whose = tenantName === undefined ? 'this environment' : `the tenant ${tenantName}`;
    return { class: 'internal', reason: `internal: ${whose} treats every user as internal` };
  }
  if (facts.domain === '') return { class: 'internal', reason: 'internal: no email address' };
  const match = findMatchingEntry(facts.domain, rules.domains);
  if (match) {
    const reason =
      tenantName === undefined
        ? `internal: domain matches ${match.domain} (${match.relation})`
        : `internal: ${match.domain} is listed for the tenant ${tenantName} (${match.relation})`;
    return { class: 'internal', reason, matchedDomain: match.domain };
  }
  const list = tenantName === undefined ? "this environment's list" : `the list of the tenant ${tenantName}`;
  return { class: 'external', reason: `external: domain ${facts.domain} is not in ${list}` };
}

/** Classifies one user under an environment's rules (or its tenant's own), with a one-sentence reason. */
export function classifyUser(user: UserFields, rules: ClassificationRules, tenantName?: string): Classification {
  return classifyFacts(userFacts(user), rules, tenantName);
}
