/** What the users list shows: the search, the filters and the order, as the toolbar holds them. */
import type { UserClass, UserListQuery } from '../../../api';

export type SortField = NonNullable<UserListQuery['sort']>;

export interface UserFilterState {
  search: string;
  /** '' for every class. */
  class: UserClass | '';
  /** '' for active and inactive alike. */
  status: '' | 'active' | 'inactive';
  /** '' for every group. */
  groupId: string;
  sort: SortField;
  order: 'asc' | 'desc';
}

export const SORT_FIELDS: readonly { value: SortField; label: string }[] = [
  { value: 'username', label: 'Username' },
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: 'lastLogin', label: 'Last login' },
  { value: 'createdAt', label: 'Created' },
];

export const CLASS_CHOICES: readonly { value: UserClass | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'internal', label: 'Internal' },
  { value: 'external', label: 'External' },
  { value: 'anonymous', label: 'Anonymous' },
  { value: 'inactive', label: 'Inactive' },
];

export function defaultFilters(): UserFilterState {
  return { search: '', class: '', status: '', groupId: '', sort: 'username', order: 'asc' };
}

/** The Users API query for the filters (without paging). */
export function toListQuery(environmentId: string, filters: UserFilterState): UserListQuery {
  const query: UserListQuery = { environmentId, sort: filters.sort, order: filters.order };
  if (filters.search.trim()) query.search = filters.search.trim();
  if (filters.class) query.class = filters.class;
  if (filters.status) query.isActive = filters.status === 'active';
  if (filters.groupId) query.groupId = filters.groupId;
  return query;
}

/** Whether anything narrows the list (an empty result then means "no match", not "no users"). */
export function isFiltered(filters: UserFilterState): boolean {
  return Boolean(filters.search.trim() || filters.class || filters.status || filters.groupId);
}
