/** Builders of API inputs: valid by default, each test overriding only what it is about. */
import type { EnvironmentCreateInput, GroupCreateInput, RoleCreateInput, UserCreateInput } from '../../src/api';

let sequence = 0;
const next = (): number => ++sequence;

/** A valid production environment with a unique name. */
export function anEnvironment(overrides: Partial<EnvironmentCreateInput> = {}): EnvironmentCreateInput {
  return { name: `Environment ${next()}`, kind: 'production', ...overrides };
}

/** A valid user of `environmentId` with a unique username and no personal data beyond an email. */
export function aUser(environmentId: string, overrides: Partial<UserCreateInput> = {}): UserCreateInput {
  const n = next();
  return { environmentId, username: `user${n}`, email: `user${n}@example.com`, ...overrides };
}

/** `count` valid users of `environmentId`, each built by aUser with the same overrides. */
export function someUsers(
  environmentId: string,
  count: number,
  overrides: Partial<Omit<UserCreateInput, 'username'>> = {},
): UserCreateInput[] {
  return Array.from({ length: count }, () => aUser(environmentId, overrides));
}

/** A user that counts as anonymous: never logged in, no personal data, a username that is not an email. */
export function anAnonymousUser(environmentId: string, overrides: Partial<UserCreateInput> = {}): UserCreateInput {
  return { environmentId, username: `visitor${next()}`, ...overrides };
}

/** A valid group of `environmentId` with a unique name. */
export function aGroup(environmentId: string, overrides: Partial<GroupCreateInput> = {}): GroupCreateInput {
  return { environmentId, name: `Group ${next()}`, ...overrides };
}

/** A valid role of `environmentId` with a unique name in the Sales application. */
export function aRole(environmentId: string, overrides: Partial<RoleCreateInput> = {}): RoleCreateInput {
  return { environmentId, application: 'Sales', name: `Role ${next()}`, ...overrides };
}
