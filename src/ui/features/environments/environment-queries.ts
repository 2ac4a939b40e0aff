/**
 * The live read of the environments overview, as a plain function for `roster.observe` (in
 * a .ts module: see user-queries.ts for why).
 */
import type { Environment, Roster } from '../../../api';

export interface EnvironmentOverview {
  environment: Environment;
  /** "All users internal" or "3 owned domains". */
  rules: string;
  users: number;
}

export async function environmentsOverview(roster: Roster): Promise<EnvironmentOverview[]> {
  const [environments, usage] = await Promise.all([roster.environments.list(), roster.usage()]);
  const rules = await Promise.all(environments.map((environment) => roster.environments.getRules(environment.id)));
  return environments.map((environment, index) => {
    const row = usage.environments.find((candidate) => candidate.environmentId === environment.id);
    const { mode, domains } = rules[index]!;
    return {
      environment,
      rules:
        mode === 'all-internal'
          ? 'All users internal'
          : `${domains.length} ${domains.length === 1 ? 'domain' : 'domains'} listed`,
      users: row ? row.named + row.anonymous + row.inactive : 0,
    };
  });
}
