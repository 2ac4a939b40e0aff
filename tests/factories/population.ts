/**
 * Many users at once, of every class and with varied fields, for the storage tests: lists
 * sorted by each field, filters by class and usage all have something to tell apart.
 * Deterministic: the same arguments give the same users.
 */
import type { Roster, UserCreateInput, UserListQuery, UserPage } from '../../src/api';

const FIRST_NAMES = [
  'ana',
  'Bruno',
  'carla',
  'Diogo',
  'eva',
  'Filipa',
  'gil',
  'Helena',
  'ines',
  'Joao',
  'kiko',
  'Lara',
];
const ACCENTED = ['Émile', 'zoë', 'Ünal', 'Åsa', 'joão', 'Ñuño', 'çarla', 'ana'];
const DOMAINS = ['example.com', 'sales.example.com', 'gmail.com', 'partner.org', 'Example.COM'];

/**
 * Lower-case letters for a number: 0 → a, 25 → z, 26 → ba (digit-free, so plain ASCII order and
 * the collation agree).
 */
export function lettersOf(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

export type UsernameStyle =
  /** `ana-bcd`: letters only, so plain code-unit order and the collation order are the same. */
  | 'letters'
  /** `Émile17`, `user9`, `user10`: accents and numbers, where the collation order differs from plain order. */
  | 'numbers-and-accents';

/** The username of the i-th user of a population. */
export function usernameOf(style: UsernameStyle, prefix: string, i: number): string {
  if (style === 'letters') return `${FIRST_NAMES[i % FIRST_NAMES.length]}-${prefix}${lettersOf(i)}`;
  return i % 3 === 0 ? `${ACCENTED[i % ACCENTED.length]}${prefix}${i}` : `user${prefix}${i}`;
}

/**
 * `count` users of an environment: internal, external (by rules with example.com), anonymous
 * and inactive ones, some without a name, some never logged in. `prefix` keeps usernames of
 * two populations in one environment apart.
 */
export function population(
  environmentId: string,
  count: number,
  options: { style?: UsernameStyle; prefix?: string } = {},
): UserCreateInput[] {
  const style = options.style ?? 'letters';
  const prefix = options.prefix ?? '';
  return Array.from({ length: count }, (_, i): UserCreateInput => {
    const username = usernameOf(style, prefix, i);
    const kind = i % 7;
    if (kind === 3) return { environmentId, username }; // anonymous
    const input: UserCreateInput = { environmentId, username };
    if (kind !== 5)
      input.email = `${username.toLowerCase().replace(/[^a-z0-9-]/g, 'x')}@${DOMAINS[i % DOMAINS.length]}`;
    else input.mobilePhone = '+351 912 345 678';
    if (i % 4 !== 0)
      input.name = `${ACCENTED[i % ACCENTED.length]} ${FIRST_NAMES[(i * 7) % FIRST_NAMES.length]} ${i % 13}`;
    if (i % 3 !== 1)
      input.lastLogin = new Date(Date.parse('2026-01-01T00:00:00Z') + ((i * 7919) % 5000) * 3_600_000).toISOString();
    if (kind === 6) input.isActive = false;
    if (i % 11 === 0) input.externalId = `ext-${prefix}${i}`;
    return input;
  });
}

export const SORT_FIELDS = ['username', 'name', 'email', 'lastLogin', 'createdAt'] as const;
export const CLASSES = ['internal', 'external', 'anonymous', 'inactive'] as const;

/**
 * What a client sees of an environment's users through list: sample pages in every sort
 * field and direction, and the total of every class and activity filter.
 */
export async function listingsOf(
  roster: Roster,
  environmentId: string,
  pageSize = 200,
): Promise<Record<string, UserPage | number>> {
  const out: Record<string, UserPage | number> = {};
  const total = (await roster.users.list({ environmentId, limit: 0 })).total;
  out.total = total;
  for (const sort of SORT_FIELDS) {
    for (const order of ['asc', 'desc'] as const) {
      for (const offset of [0, Math.max(0, Math.floor(total / 2) - pageSize / 2), Math.max(0, total - pageSize)]) {
        const query: UserListQuery = { environmentId, sort, order, offset, limit: pageSize };
        out[`${sort} ${order} @${offset}`] = await roster.users.list(query);
      }
    }
  }
  for (const klass of CLASSES)
    out[`class ${klass}`] = (await roster.users.list({ environmentId, class: klass, limit: 0 })).total;
  for (const isActive of [true, false])
    out[`isActive ${isActive}`] = (await roster.users.list({ environmentId, isActive, limit: 0 })).total;
  return out;
}

/** The ids of every user of an environment in username order. */
export async function allIds(roster: Roster, environmentId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await roster.users.list({ environmentId, offset, limit: 10_000 });
    ids.push(...page.items.map((user) => user.id));
    if (offset + 10_000 >= page.total) return ids;
  }
}
