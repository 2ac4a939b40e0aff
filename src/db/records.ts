/**
 * The shapes stored in IndexedDB and their mapping to the domain's entities.
 * Booleans are stored as 0/1 because IndexedDB cannot index booleans; `*Key` fields hold
 * the case-folded forms that uniqueness and lookups use.
 */
import type { ClassificationRules, EndUser, Environment, EnvironmentKind, Group, Role } from '../domain';

export type Bit = 0 | 1;

export interface EnvironmentRecord {
  id: string;
  name: string;
  kind: EnvironmentKind;
  platformVersion?: string;
  rules: ClassificationRules;
  createdAt: string;
  updatedAt: string;
}

export interface UserRecord {
  id: string;
  environmentId: string;
  username: string;
  usernameKey: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: Bit;
  lastLogin?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
  /** Counting facts, fixed by the user's own fields (see domain/user-facts). */
  domain: string;
  anonymous: Bit;
  /** Lower-cased effective email of a counted (active, non-anonymous) user; absent otherwise, so unindexed. */
  emailKey?: string;
}

/** How many users of an environment share one combination of counting facts. */
export interface TallyRecord {
  environmentId: string;
  domain: string;
  isActive: Bit;
  anonymous: Bit;
  count: number;
}

export interface GroupRecord {
  id: string;
  environmentId: string;
  name: string;
  nameKey: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipRecord {
  groupId: string;
  userId: string;
  environmentId: string;
}

export interface RoleRecord {
  id: string;
  environmentId: string;
  application: string;
  name: string;
  /** `application/name`, case-folded: unique per environment. */
  key: string;
  builtIn: Bit;
}

export interface UserRoleRecord {
  userId: string;
  roleId: string;
  environmentId: string;
}

export interface GroupRoleRecord {
  groupId: string;
  roleId: string;
  environmentId: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface AuditRecord {
  id?: number;
  at: string;
  action: string;
  entity: 'environment' | 'user' | 'group' | 'role' | 'subscription';
  entityId: string;
  environmentId?: string;
  /** Changed fields, with their values before and after. */
  changes?: Record<string, { before: unknown; after: unknown }>;
  /** Free text for bulk operations, e.g. "created 2,000 users". */
  summary?: string;
}

export const bit = (value: boolean): Bit => (value ? 1 : 0);

export function toEnvironment(record: EnvironmentRecord): Environment {
  const { rules: _rules, ...environment } = record;
  return environment;
}

export function toUser(record: UserRecord): EndUser {
  const { usernameKey: _u, domain: _d, anonymous: _a, emailKey: _e, isActive, ...rest } = record;
  return { ...rest, isActive: isActive === 1 };
}

export function toGroup(record: GroupRecord): Group {
  const { nameKey: _n, ...group } = record;
  return group;
}

export function toRole(record: RoleRecord): Role {
  const { key: _k, builtIn, ...role } = record;
  return { ...role, builtIn: builtIn === 1 };
}
