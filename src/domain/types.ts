/** Plain entity types of the product, shared by every layer. Ids are strings. */

export type EnvironmentKind = 'production' | 'non-production';
export type RuleMode = 'all-internal' | 'domains';
export type DomainRelation = 'own' | 'parent' | 'affiliate' | 'client';
export type UserClass = 'internal' | 'external' | 'anonymous' | 'inactive';

export interface DomainRule {
  /** Normalised entry: `example.com` or `*.example.com`, ASCII (punycode). */
  domain: string;
  relation: DomainRelation;
}

export interface ClassificationRules {
  mode: RuleMode;
  domains: DomainRule[];
}

export interface Environment {
  id: string;
  name: string;
  kind: EnvironmentKind;
  platformVersion?: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields of an end user that the rules read. */
export interface UserFields {
  username: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: boolean;
  /** ISO 8601, absent when the user never logged in. */
  lastLogin?: string;
}

export interface EndUser extends UserFields {
  id: string;
  environmentId: string;
  /** The tenant the user belongs to (domain/tenants.ts); every user the API returns has one. */
  tenantId?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Group {
  id: string;
  environmentId: string;
  /** The tenant the group belongs to; every group the API returns has one. */
  tenantId?: string;
  name: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: string;
  environmentId: string;
  application: string;
  name: string;
  /** `Anonymous` and `Registered`: present in every environment, never granted. */
  builtIn: boolean;
}

export interface Classification {
  class: UserClass;
  /** One sentence a person can read, e.g. "external: domain gmail.com is not in this environment's list". */
  reason: string;
  /** The rule entry that made the user internal, when one did. */
  matchedDomain?: string;
}

/** `periodStart`: the first day (YYYY-MM-DD) of a billing period, for the peak a true-up looks at. */
export type Subscription =
  | { model: 'internal-external'; internalLimit: number; externalLimit: number; warnAt: number; periodStart?: string }
  | { model: 'named'; namedLimit: number; warnAt: number; periodStart?: string };

export const DEFAULT_WARN_AT = 0.9;
export const DEFAULT_DORMANT_DAYS = 90;
export const BUILT_IN_ROLE_NAMES = ['Anonymous', 'Registered'] as const;
