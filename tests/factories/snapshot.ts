/**
 * Everything a client can read through the API, in one object: two snapshots taken around a
 * failing call must be equal if the call wrote nothing.
 */
import type { Roster } from '../../src/api';

export async function snapshotOf(roster: Roster) {
  const environments = await roster.environments.list();
  const perEnvironment = [];
  for (const environment of environments) {
    const users = await roster.users.list({ environmentId: environment.id, limit: 10_000 });
    const groups = [];
    for (const group of await roster.groups.list(environment.id)) {
      groups.push({
        ...group,
        memberIds: (await roster.groups.members(group.id)).map((user) => user.id),
        roleIds: (await roster.roles.ofGroup(group.id)).map((role) => role.id),
      });
    }
    const effectiveRoles = [];
    for (const user of users.items)
      effectiveRoles.push({ userId: user.id, roles: await roster.roles.effective(user.id) });
    perEnvironment.push({
      environmentId: environment.id,
      rules: await roster.environments.getRules(environment.id),
      users,
      groups,
      roles: await roster.roles.list(environment.id),
      effectiveRoles,
    });
  }
  return {
    environments,
    perEnvironment,
    usage: await roster.usage(),
    subscription: await roster.subscription.get(),
    audit: await roster.audit.recent(10_000),
  };
}

export type RosterSnapshot = Awaited<ReturnType<typeof snapshotOf>>;
