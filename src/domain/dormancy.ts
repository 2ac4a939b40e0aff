/** Dormant users: active accounts nobody has used for N days. */
import { DEFAULT_DORMANT_DAYS } from './types';

const DAY_MS = 86_400_000;

export interface DormancyFields {
  isActive: boolean;
  lastLogin?: string;
  createdAt: string;
}

/**
 * A user is dormant when active and not logged in for `days` days or more, or never logged
 * in and created more than `days` days ago. `now` is passed in: the domain reads no clock.
 */
export function isDormant(user: DormancyFields, now: Date, days: number = DEFAULT_DORMANT_DAYS): boolean {
  if (!user.isActive) return false;
  const cutoff = now.getTime() - days * DAY_MS;
  if (user.lastLogin) return Date.parse(user.lastLogin) <= cutoff;
  return Date.parse(user.createdAt) < cutoff;
}
