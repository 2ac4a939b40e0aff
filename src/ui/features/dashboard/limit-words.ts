/**
 * The words of the dashboard's limits: each status said in a sentence, never by colour alone,
 * and what deactivating the dormant users would change.
 */
import type { LimitUsage } from '../../../api';
import { formatCount } from '../../format';
import { limitLabel } from '../../words';

const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Usage as a share of the limit, to one decimal ("94.1 %"). Rounded, except that a share
 * never rounds onto the limit from either side: 9,999 of 10,000 is 99.9 %, not 100.0 %.
 */
export function share(used: number, max: number): string {
  if (max === 0) return used === 0 ? '0.0 %' : 'no users allowed';
  let value = Math.round((used / max) * 1000) / 10;
  if (used < max && value >= 100) value = 99.9;
  if (used > max && value <= 100) value = 100.1;
  return `${percent.format(value)} %`;
}

/**
 * One sentence per limit: "External users: 10,412 of 10,000 — 412 over the limit; …".
 * `whose` names the subscription to upgrade (a tenant's limits are its client's own).
 */
export function limitSentence(usage: LimitUsage, whose = 'the subscription'): string {
  const head = `${limitLabel(usage.limit)}: ${formatCount(usage.used)} of ${formatCount(usage.max)}`;
  if (usage.status === 'over') {
    const over = `${formatCount(-usage.remaining)} over the limit`;
    return `${head} — ${over}; ${whose} must be upgraded to stay compliant.`;
  }
  if (usage.status === 'near') {
    const left =
      usage.remaining === 0
        ? 'at the limit, no room for another user'
        : `near the limit, ${formatCount(usage.remaining)} left`;
    return `${head} (${share(usage.used, usage.max)}) — ${left}.`;
  }
  return `${head} (${share(usage.used, usage.max)}) — within the limit.`;
}

/** What deactivating `dormant` counted users would do to a limit, or undefined when none would go. */
export function dormantEffect(usage: LimitUsage, dormant: number): string | undefined {
  if (dormant === 0) return undefined;
  const after = usage.used - dormant;
  const kind = usage.limit === 'named' ? 'named' : usage.limit;
  const who = `${formatCount(dormant)} dormant ${kind} ${dormant === 1 ? 'user' : 'users'}`;
  if (usage.max === 0)
    return `Deactivating ${who} brings ${usage.limit} usage from ${formatCount(usage.used)} to ${formatCount(after)}.`;
  const fits = after <= usage.max && usage.used > usage.max ? ', back within the limit' : '';
  const from = share(usage.used, usage.max);
  return `Deactivating ${who} brings ${usage.limit} usage from ${from} to ${share(after, usage.max)}${fits}.`;
}

/** Who a tenant's banner is about, before its sentence: "Tenant Northwind in Production EU." */
export function tenantScope(tenant: string, environment: string): string {
  return `Tenant ${tenant} in ${environment}.`;
}
