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
  return isDormantAt(
    user.isActive,
    user.lastLogin ? Date.parse(user.lastLogin) : Number.NaN,
    Date.parse(user.createdAt),
    dormancyCutoff(now, days),
  );
}

/** The instant before which a login is too old: `now` minus `days` days, in epoch milliseconds. */
export function dormancyCutoff(now: Date, days: number = DEFAULT_DORMANT_DAYS): number {
  return now.getTime() - days * DAY_MS;
}

/**
 * isDormant on epoch milliseconds (NaN: never logged in), for scanning many users
 * without building dates: `cutoff` comes from dormancyCutoff.
 */
export function isDormantAt(isActive: boolean, lastLoginMs: number, createdAtMs: number, cutoff: number): boolean {
  if (!isActive) return false;
  if (!Number.isNaN(lastLoginMs)) return lastLoginMs <= cutoff;
  return createdAtMs < cutoff;
}
