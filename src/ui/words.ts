/** The words the console says in several places, defined once: counts with their noun, roles, classes and limits. */
import type { LimitUsage, Role } from '../api';
import { formatCount } from './format';

/** "1 member", "1,204 members". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A role as the console names it everywhere: "CRM / Editor". */
export function roleLabel(role: Pick<Role, 'application' | 'name'>): string {
  return `${role.application} / ${role.name}`;
}

/** Roles by application, then name, as `roles.list` orders them: the console's one order of roles. */
export function byRoleLabel(a: Role, b: Role): number {
  return a.application.localeCompare(b.application) || a.name.localeCompare(b.name);
}

/** The classes and counts of users, as headings and chips name them. */
export const CLASS_LABELS = {
  internal: 'Internal',
  external: 'External',
  named: 'Named',
  anonymous: 'Anonymous',
  inactive: 'Inactive',
} as const;

/** A limit of the subscription: "External users". */
export function limitLabel(limit: LimitUsage['limit']): string {
  return `${CLASS_LABELS[limit]} users`;
}
