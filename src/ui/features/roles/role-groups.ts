/** The roles of an environment arranged for the Roles section: one group per application. */
import type { Role } from '../../../api';

export interface ApplicationRoles {
  application: string;
  roles: Role[];
  /** Every role of the application is built in (the System application). */
  builtIn: boolean;
}

/**
 * Groups roles (already sorted by application then name) per application, keeping that
 * order, with the built-in applications last: the administrator's own roles come first.
 */
export function rolesByApplication(roles: readonly Role[]): ApplicationRoles[] {
  const groups = new Map<string, Role[]>();
  for (const role of roles) {
    const list = groups.get(role.application);
    if (list) list.push(role);
    else groups.set(role.application, [role]);
  }
  const all = [...groups].map(([application, list]) => ({
    application,
    roles: list,
    builtIn: list.every((role) => role.builtIn),
  }));
  return [...all.filter((group) => !group.builtIn), ...all.filter((group) => group.builtIn)];
}
