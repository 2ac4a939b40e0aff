/** Dormant users summed the ways the dashboard shows them: per environment, and per limit. */
import type { EnvironmentUsage, LimitUsage, UserListItem } from '../../../api';

export interface DormantRow {
  environmentId: string;
  name: string;
  production: boolean;
  internal: number;
  external: number;
  /** Dormant users that count for nothing (anonymous). */
  other: number;
}

export function dormantByEnvironment(
  users: readonly UserListItem[],
  environments: readonly EnvironmentUsage[],
): DormantRow[] {
  const rows = new Map(
    environments.map((row) => [
      row.environmentId,
      {
        environmentId: row.environmentId,
        name: row.name,
        production: row.kind === 'production',
        internal: 0,
        external: 0,
        other: 0,
      },
    ]),
  );
  for (const user of users) {
    const row = rows.get(user.environmentId);
    if (!row) continue;
    if (user.class === 'internal') row.internal++;
    else if (user.class === 'external') row.external++;
    else row.other++;
  }
  return [...rows.values()].filter((row) => row.internal + row.external + row.other > 0);
}

/** How many dormant users each limit counts: production only, named = internal + external. */
export function dormantByLimit(rows: readonly DormantRow[]): Record<LimitUsage['limit'], number> {
  const totals = { internal: 0, external: 0, named: 0 };
  for (const row of rows) {
    if (!row.production) continue;
    totals.internal += row.internal;
    totals.external += row.external;
  }
  totals.named = totals.internal + totals.external;
  return totals;
}
