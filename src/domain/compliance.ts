/** Compliance of licensed usage against the subscription's limits. */
import type { Subscription } from './types';
import type { ProductionTotals } from './usage';

export type LimitName = 'internal' | 'external' | 'named';
export type LimitStatus = 'ok' | 'near' | 'over';

export interface LimitUsage {
  limit: LimitName;
  used: number;
  max: number;
  /** max − used; negative when over. */
  remaining: number;
  status: LimitStatus;
}

/**
 * Status of one limit: `over` when usage exceeds the limit, `near` when usage reaches the
 * warning threshold (a fraction of the limit), otherwise `ok`. Usage equal to the limit is
 * compliant but near.
 */
export function limitStatus(used: number, max: number, warnAt: number): LimitStatus {
  if (used > max) return 'over';
  // The epsilon absorbs binary rounding (0.55 × 100 = 55.000000000000007): usage is whole users.
  if (used > 0 && used >= warnAt * max - 1e-9) return 'near';
  return 'ok';
}

function limitUsage(limit: LimitName, used: number, max: number, warnAt: number): LimitUsage {
  return { limit, used, max, remaining: max - used, status: limitStatus(used, max, warnAt) };
}

/**
 * Each limit of the subscription with its usage: internal and external compared on their
 * own in the internal-external model, internal + external against one limit in the named model.
 * No subscription, no limits.
 */
export function evaluateLimits(
  totals: Pick<ProductionTotals, 'internal' | 'external' | 'named'>,
  subscription: Subscription | undefined,
): LimitUsage[] {
  if (!subscription) return [];
  if (subscription.model === 'named')
    return [limitUsage('named', totals.named, subscription.namedLimit, subscription.warnAt)];
  return [
    limitUsage('internal', totals.internal, subscription.internalLimit, subscription.warnAt),
    limitUsage('external', totals.external, subscription.externalLimit, subscription.warnAt),
  ];
}
