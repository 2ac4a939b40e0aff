/**
 * The Activity page's filters: as the controls hold them, as the URL keeps them (so that a
 * link from a user's page opens the log filtered to that user) and as the API's query.
 */
import type { ActivityFilter } from '../../../api';

export interface ActivityFilterState {
  environmentId: string;
  entity: string;
  entityId: string;
  action: string;
  /** Days in the browser's time zone, `YYYY-MM-DD`, both included; '' for no bound. */
  fromDay: string;
  toDay: string;
  search: string;
}

const KEYS = ['environmentId', 'entity', 'entityId', 'action', 'fromDay', 'toDay', 'search'] as const;

export function emptyFilters(): ActivityFilterState {
  return { environmentId: '', entity: '', entityId: '', action: '', fromDay: '', toDay: '', search: '' };
}

export function filtersFromParams(params: URLSearchParams): ActivityFilterState {
  const filters = emptyFilters();
  for (const key of KEYS) filters[key] = params.get(key) ?? '';
  return filters;
}

export function filtersToParams(filters: ActivityFilterState): Record<string, string | undefined> {
  return Object.fromEntries(KEYS.map((key) => [key, filters[key] || undefined]));
}

export function isFiltered(filters: ActivityFilterState): boolean {
  return KEYS.some((key) => filters[key] !== '');
}

/** Local midnight of a `YYYY-MM-DD` day, `days` later; undefined for an empty or unreadable day. */
function midnight(day: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Why the range of days is refused, naming the field to fix, or undefined. The API refuses a
 * `to` not after `from` too; the form says it next to To instead of sending it.
 */
export function rangeProblem(filters: Pick<ActivityFilterState, 'fromDay' | 'toDay'>): string | undefined {
  const { fromDay, toDay } = filters;
  // `YYYY-MM-DD` days compare as text; the end day counts whole, so the same day is a range.
  if (!fromDay || !toDay || toDay >= fromDay) return undefined;
  return `To (${toDay}) is before From (${fromDay}): choose a To day on or after From. Until then To is not applied.`;
}

/** The API's query: the days become moments (the end day counts whole: up to the next midnight). */
export function toActivityQuery(filters: ActivityFilterState): ActivityFilter {
  const query: ActivityFilter = {};
  if (filters.environmentId) query.environmentId = filters.environmentId;
  if (filters.entity) query.entity = filters.entity as ActivityFilter['entity'];
  if (filters.entity && filters.entityId) query.entityId = filters.entityId;
  if (filters.action) query.action = filters.action;
  const from = midnight(filters.fromDay);
  const to = midnight(filters.toDay, 1);
  if (from) query.from = from;
  // A refused range (rangeProblem) leaves To out rather than failing the whole list.
  if (to && !rangeProblem(filters) && (!from || to > from)) query.to = to;
  if (filters.search.trim()) query.search = filters.search;
  return query;
}

/** The kinds of entity, in words, for the filter. */
export const ENTITY_CHOICES: [string, string][] = [
  ['user', 'Users'],
  ['group', 'Groups'],
  ['role', 'Roles'],
  ['environment', 'Environments'],
  ['tenant', 'Tenants'],
  ['subscription', 'Subscription'],
  ['settings', 'Settings'],
];

/** The actions, in words, for the filter. */
export const ACTION_CHOICES: [string, string][] = [
  ['create', 'Created'],
  ['create-many', 'Created in bulk'],
  ['update', 'Edited or renamed'],
  ['deactivate', 'Deactivated'],
  ['deactivate-many', 'Deactivated in bulk'],
  ['reactivate', 'Reactivated'],
  ['reactivate-many', 'Reactivated in bulk'],
  ['delete', 'Deleted'],
  ['delete-many', 'Deleted in bulk'],
  ['import', 'Imported'],
  ['grant', 'Role granted'],
  ['revoke', 'Role revoked'],
  ['add-members', 'Members added'],
  ['remove-members', 'Members removed'],
  ['set-rules', 'Rules changed'],
  ['set', 'Subscription set'],
  ['set-retention', 'Retention changed'],
];
