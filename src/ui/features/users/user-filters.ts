/** What the users list shows: the search, the filters and the order, as the toolbar holds them. */
import { USER_CLASS_FILTERS, USER_SORT_FIELDS, type UserListQuery } from '../../../api';
import { CLASS_LABELS } from '../../words';

export type SortField = NonNullable<UserListQuery['sort']>;
/** A class to filter by; 'named' is internal and external together. */
export type ClassFilter = NonNullable<UserListQuery['class']>;

export interface UserFilterState {
  search: string;
  /** '' for every class. */
  class: ClassFilter | '';
  /** '' for active and inactive alike. */
  status: '' | 'active' | 'inactive';
  /** '' for every group. */
  groupId: string;
  /** '' for every tenant; else a tenant's id (offered only where the environment has several). */
  tenantId: string;
  /** '' for no role filter; else the users granted that role (set by a link from a role's page). */
  roleId: string;
  sort: SortField;
  order: 'asc' | 'desc';
}

const SORT_LABELS: Record<SortField, string> = {
  username: 'Username',
  name: 'Name',
  email: 'Email',
  lastLogin: 'Last login',
  createdAt: 'Created',
};

/** The orders the list offers: every one the API accepts. */
export const SORT_FIELDS: readonly { value: SortField; label: string }[] = USER_SORT_FIELDS.map((value) => ({
  value,
  label: SORT_LABELS[value],
}));

/** The class chips: every class filter the API accepts, after "All". */
export const CLASS_CHOICES: readonly { value: ClassFilter | ''; label: string }[] = [
  { value: '', label: 'All' },
  ...USER_CLASS_FILTERS.map((value) => ({ value, label: CLASS_LABELS[value] })),
];

function defaultFilters(): UserFilterState {
  return { search: '', class: '', status: '', groupId: '', tenantId: '', roleId: '', sort: 'username', order: 'asc' };
}

/** The Users API query for the filters (without paging). */
export function toListQuery(environmentId: string, filters: UserFilterState): UserListQuery {
  const query: UserListQuery = { environmentId, sort: filters.sort, order: filters.order };
  if (filters.search.trim()) query.search = filters.search.trim();
  if (filters.class) query.class = filters.class;
  if (filters.status) query.isActive = filters.status === 'active';
  if (filters.groupId) query.groupId = filters.groupId;
  if (filters.tenantId) query.tenantId = filters.tenantId;
  if (filters.roleId) query.roleId = filters.roleId;
  return query;
}

/** Whether anything narrows the list (an empty result then means "no match", not "no users"). */
export function isFiltered(filters: UserFilterState): boolean {
  return Boolean(
    filters.search.trim() || filters.class || filters.status || filters.groupId || filters.tenantId || filters.roleId,
  );
}

const STATUSES = new Set(['active', 'inactive']);

/** The filters a link or a reload carries in the URL (`?class=external&q=ana`); anything unknown is ignored. */
export function filtersFromParams(params: URLSearchParams): UserFilterState {
  const filters = defaultFilters();
  const klass = USER_CLASS_FILTERS.find((value) => value === params.get('class'));
  if (klass) filters.class = klass;
  const status = params.get('status') ?? '';
  if (STATUSES.has(status)) filters.status = status as UserFilterState['status'];
  filters.groupId = params.get('group') ?? '';
  filters.tenantId = params.get('tenant') ?? '';
  filters.roleId = params.get('role') ?? '';
  filters.search = params.get('q') ?? '';
  const sort = SORT_FIELDS.find((field) => field.value === params.get('sort'));
  if (sort) filters.sort = sort.value;
  if (params.get('order') === 'desc') filters.order = 'desc';
  return filters;
}

/** The filters as URL parameters, leaving out the defaults so that plain links stay plain. */
export function filtersToParams(filters: UserFilterState): Record<string, string | undefined> {
  return {
    class: filters.class || undefined,
    status: filters.status || undefined,
    group: filters.groupId || undefined,
    tenant: filters.tenantId || undefined,
    role: filters.roleId || undefined,
    q: filters.search || undefined,
    sort: filters.sort === 'username' ? undefined : filters.sort,
    order: filters.order === 'asc' ? undefined : filters.order,
  };
}
