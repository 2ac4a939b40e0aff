/**
 * What an activity (audit) entry says in words: "Renamed ana.lee: name 'Ana' → 'Ana Lee'",
 * "Deactivated 30,631 users". One sentence per entry, the same on the Activity page, in its
 * CSV export and for its text search.
 */

/** The parts of an audit entry its words are made of. */
export interface ActivityFacts {
  action: string;
  entity: string;
  entityId: string;
  /** The entity's name when the entry was written; older entries have only `summary`. */
  label?: string;
  summary?: string;
  changes?: Record<string, { before?: unknown; after?: unknown }>;
  userCount?: number;
}

const count = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "1 user", "30,631 users". */
export function countOf(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/**
 * A value of a changed field, short: text in quotes, nothing as "(none)", a list as its items,
 * an object (a subscription, rules) as its fields in words: "model 'named', named limit 40".
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join(', ') : '(none)';
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `${FIELD_WORDS[key] ?? key} ${describeValue(field)}`)
      .join(', ');
  }
  return String(value);
}

/** One changed field: "name 'Ana' → 'Ana Lee'". */
export function describeChange(field: string, change: { before?: unknown; after?: unknown }): string {
  return `${FIELD_WORDS[field] ?? field} ${describeValue(change.before)} → ${describeValue(change.after)}`;
}

const FIELD_WORDS: Record<string, string> = {
  mobilePhone: 'mobile phone',
  keepDays: 'keep days',
  isActive: 'active',
  lastLogin: 'last login',
  externalId: 'external id',
  platformVersion: 'platform version',
  internalLimit: 'internal limit',
  externalLimit: 'external limit',
  namedLimit: 'named limit',
  warnAt: 'warning at',
  periodStart: 'period from',
};

/** The file an import entry names, in brackets, if its summary says. */
function importedFile(entry: ActivityFacts): string {
  return entry.summary ? ` (${entry.summary.replace(/^imported a CSV file: /, '')})` : '';
}

/** How many members a membership change moved: its count, or (older entries) its summary's words. */
function memberCount(entry: ActivityFacts, verb: RegExp): string {
  return entry.userCount !== undefined
    ? countOf(entry.userCount, 'user', 'users')
    : (entry.summary ?? 'users').replace(verb, '');
}

/** The entry's words, in one sentence. */
export function describeActivity(entry: ActivityFacts): string {
  const name = entry.label ?? entry.summary ?? entry.entityId;
  const changes = Object.entries(entry.changes ?? {});
  const details = changes
    .filter(([field]) => field !== 'rules' && field !== 'subscription')
    .map(([field, change]) => describeChange(field, change))
    .join('; ');
  const withDetails = (sentence: string) => (details ? `${sentence}: ${details}` : sentence);
  const kind = ENTITY_WORDS[entry.entity] ?? entry.entity;
  const many = (verb: string) =>
    entry.userCount !== undefined ? `${verb} ${countOf(entry.userCount, 'user', 'users')}` : `${verb} ${name}`;
  switch (`${entry.entity}:${entry.action}`) {
    case 'user:create':
      return `Created ${name}`;
    case 'user:create-many':
      return many('Created');
    case 'user:update': {
      const renamed = changes.some(([field]) => field === 'name' || field === 'username');
      return withDetails(`${renamed ? 'Renamed' : 'Edited'} ${name}`);
    }
    case 'user:deactivate':
      return `Deactivated ${name}`;
    case 'user:reactivate':
      return `Reactivated ${name}`;
    case 'user:deactivate-many':
      return many('Deactivated');
    case 'user:reactivate-many':
      return many('Reactivated');
    case 'user:delete':
      return `Deleted ${name}`;
    case 'user:delete-many':
      return many('Deleted');
    case 'user:import':
      if (entry.userCount === undefined) return `Imported a CSV file${importedFile(entry)}`;
      return `Imported ${countOf(entry.userCount, 'user', 'users')} from a CSV file${importedFile(entry)}`;
    case 'user:grant':
    case 'group:grant':
      return `Granted ${entry.summary ?? 'a role'} to ${entry.label ?? entry.entityId}`;
    case 'user:revoke':
    case 'group:revoke':
      return `Revoked ${entry.summary ?? 'a role'} from ${entry.label ?? entry.entityId}`;
    case 'group:add-members':
      return `Added ${memberCount(entry, /^added /)} to group ${entry.label ?? entry.entityId}`;
    case 'group:remove-members':
      return `Removed ${memberCount(entry, /^removed /)} from group ${entry.label ?? entry.entityId}`;
    case 'environment:set-rules':
      return `Changed the classification rules of ${entry.label ?? 'an environment'}`;
    case 'tenant:set-rules':
      return `Changed the classification rules of the tenant ${name}`;
    case 'tenant:set-limits':
      return `Changed the limits of the tenant ${name}`;
    case 'subscription:set':
      return 'Changed the subscription';
    case 'settings:set-retention':
      return withDetails('Changed how long the activity log keeps entries');
  }
  if (entry.action === 'create') return `Created ${kind} ${name}`;
  if (entry.action === 'delete') return `Deleted ${kind} ${name}`;
  if (entry.action === 'update') {
    const renamed = changes.some(([field]) => field === 'name');
    return withDetails(`${renamed ? 'Renamed' : 'Edited'} ${kind} ${name}`);
  }
  return withDetails(`${entry.action} ${kind} ${name}`);
}

const ENTITY_WORDS: Record<string, string> = {
  user: 'user',
  group: 'group',
  role: 'role',
  environment: 'environment',
  tenant: 'tenant',
  subscription: 'subscription',
  settings: 'settings',
};
