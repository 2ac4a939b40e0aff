/**
 * The words of the Tenants panel: whose rules a tenant follows, and each of its limits said in
 * a sentence (never by colour alone).
 */
import type { LimitUsage, TenantSummary } from '../../../api';
import { formatCount } from '../../format';
import { limitLabel } from '../../words';
import { share } from '../dashboard/limit-words';

/** The tenant's classification in a few words: its own rules, or the environment's. */
export function rulesWords(tenant: Pick<TenantSummary, 'rules'>): string {
  const rules = tenant.rules;
  if (!rules) return "The environment's rules";
  if (rules.mode === 'all-internal') return 'Its own: every user internal';
  if (rules.domains.length === 0) return 'Its own: no domain listed, every user external';
  const shown = rules.domains.slice(0, 3).map((rule) => `${rule.domain} (${rule.relation})`);
  const more = rules.domains.length > 3 ? `, and ${formatCount(rules.domains.length - 3)} more` : '';
  return `Its own: ${shown.join(', ')}${more}`;
}

/** One sentence per limit of the tenant's client: "External users: 12 of 10 — 2 over the limit." */
export function tenantLimitSentence(usage: LimitUsage): string {
  const head = `${limitLabel(usage.limit)}: ${formatCount(usage.used)} of ${formatCount(usage.max)}`;
  if (usage.status === 'over') return `${head} — ${formatCount(-usage.remaining)} over the limit.`;
  const part = `${head} (${share(usage.used, usage.max)})`;
  if (usage.status === 'ok') return `${part} — within the limit.`;
  if (usage.remaining === 0) return `${part} — at the limit, no room for another user.`;
  return `${part} — near the limit, ${formatCount(usage.remaining)} left.`;
}
