/**
 * Sample data for a first look at Roster: the environments of a fictitious company, Northwind,
 * with a few thousand users in every licence class, groups, roles and grants. Every name and
 * domain is under the reserved `.example` TLD, so nothing real is referenced. It is written
 * only through the Users API (same validation and audit as the console) and is deterministic
 * from the seed, so a demo or a bug report can be reproduced exactly.
 */
import type { DomainRelation, EnvironmentKind, Roster, UserCreateInput } from '../api';

export interface SampleSummary {
  environments: number;
  users: number;
  groups: number;
  roles: number;
}

/** The environment to show first after loading: the biggest, with the internal/external split. */
export const SAMPLE_FIRST_ENVIRONMENT = 'Production EU';

/**
 * `now`: what every date is relative to (default: now); `usersPerProduction`: default 2,500,
 * the smaller environments get a share.
 */
export interface SampleOptions {
  now?: Date;
  seed?: number;
  usersPerProduction?: number;
}

const DAY_MS = 86_400_000;
const BATCH_SIZE = 1_000;
const DEFAULT_SEED = 20_260_331;
const DEFAULT_USERS_PER_PRODUCTION = 2_500;

type Random = () => number;

/** mulberry32: a tiny seeded PRNG; plausible enough for sample data and identical on every run. */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

interface EnvironmentPlan {
  name: string;
  kind: EnvironmentKind;
  platformVersion: string;
  domains: { domain: string; relation: DomainRelation }[];
  /**
   * Where internal addresses are drawn from; repeats weight the draw, and a concrete client
   * subdomain exercises the wildcard.
   */
  internalDomains: string[];
  /** Users as a share of usersPerProduction. */
  scale: number;
}

const PLANS: EnvironmentPlan[] = [
  {
    name: SAMPLE_FIRST_ENVIRONMENT,
    kind: 'production',
    platformVersion: '11.14.0',
    scale: 1,
    domains: [
      { domain: 'northwind.example', relation: 'own' },
      { domain: 'northwind-group.example', relation: 'parent' },
      { domain: 'contoso.example', relation: 'affiliate' },
      { domain: '*.clients.northwind.example', relation: 'client' },
    ],
    internalDomains: [
      'northwind.example',
      'northwind.example',
      'northwind.example',
      'northwind-group.example',
      'contoso.example',
      'fabrikam.clients.northwind.example',
    ],
  },
  {
    // Subdomains are separate domains, so the US subsidiary lists its own next to the parent's.
    name: 'Production US',
    kind: 'production',
    platformVersion: '11.14.0',
    scale: 1,
    domains: [
      { domain: 'us.northwind.example', relation: 'own' },
      { domain: 'northwind.example', relation: 'parent' },
      { domain: '*.clients.northwind.example', relation: 'client' },
    ],
    internalDomains: [
      'us.northwind.example',
      'us.northwind.example',
      'us.northwind.example',
      'northwind.example',
      'tailspin.clients.northwind.example',
    ],
  },
  {
    name: 'Staging',
    kind: 'non-production',
    platformVersion: '11.15.0',
    scale: 0.1,
    domains: [{ domain: 'northwind.example', relation: 'own' }],
    internalDomains: ['northwind.example'],
  },
  {
    // Below 11.7: the platform reported named users only, and so does Roster here.
    name: 'Legacy Portal',
    kind: 'production',
    platformVersion: '11.6.2',
    scale: 0.2,
    domains: [
      { domain: 'northwind.example', relation: 'own' },
      { domain: 'northwind-group.example', relation: 'parent' },
    ],
    internalDomains: ['northwind.example', 'northwind-group.example'],
  },
];

const FIRST_NAMES = [
  'Ana',
  'Bruno',
  'Chloé',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maria',
  'Nils',
  'Olivia',
  'Pedro',
  'Queenie',
  'Rafael',
  'Sofia',
  'Tomás',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoë',
  'Amara',
  'Björn',
  'Carmen',
  'Dmitri',
  'Emma',
  'Fatima',
  'Gabriel',
  'Hana',
  'Ivan',
  'Julia',
  'Kwame',
  'Lucía',
  'Mateo',
  'Noor',
  'Oskar',
  'Priya',
  'Rosa',
  'Samir',
  'Teresa',
  'Valentina',
  'William',
  'Xavier',
  'Yara',
];
const LAST_NAMES = [
  'Silva',
  'Müller',
  'Dubois',
  'Rossi',
  'García',
  'Novak',
  'Smith',
  'Jensen',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Nguyen',
  'Petrov',
  'Costa',
  'Larsen',
  'Fischer',
  'Moreau',
  'Haddad',
  'Kim',
  'Brown',
  'Lopez',
  'Schmidt',
  'Ibrahim',
  'Andersson',
  'Murphy',
  'Bianchi',
  'Chen',
  'Da Souza',
  'Eriksen',
  'Ferreira',
  'Gupta',
  'Horvat',
  'Ivanova',
  'Johansson',
  'Khan',
  'Lindqvist',
  'Mendes',
  'Nakamura',
  "O'Brien",
  'Patel',
  'Quinn',
  'Romero',
  'Sato',
  'Thompson',
  'Van Dijk',
  'Weber',
  'Yilmaz',
  'Zimmermann',
];
/** Customers and contractors: their addresses are on domains no environment owns, so they count as external. */
const EXTERNAL_DOMAINS = ['mail.example', 'outlook.example', 'freemail.example', 'partner-co.example'];
const PARTNER_DOMAIN = 'partner-co.example';

const APPLICATIONS: Record<string, string[]> = {
  CRM: ['Viewer', 'Editor', 'Manager'],
  Helpdesk: ['Agent', 'Supervisor'],
  Billing: ['Clerk', 'Approver'],
};

type Team = 'Sales' | 'Support' | 'Finance' | 'Partners' | 'Administrators';
/** Each group's roles (`Application/Role`), and `lead`: a role a few of its members also hold directly. */
const GROUPS: { name: Team; description: string; roles: string[]; lead?: string }[] = [
  { name: 'Sales', description: 'Account managers and sales operations', roles: ['CRM/Editor'], lead: 'CRM/Manager' },
  {
    name: 'Support',
    description: 'First- and second-line customer support',
    roles: ['Helpdesk/Agent', 'CRM/Viewer'],
    lead: 'Helpdesk/Supervisor',
  },
  {
    name: 'Finance',
    description: 'Invoicing, collections and approvals',
    roles: ['Billing/Clerk', 'CRM/Viewer'],
    lead: 'Billing/Approver',
  },
  { name: 'Partners', description: 'Staff of partner companies with portal access', roles: ['CRM/Viewer'] },
  {
    name: 'Administrators',
    description: 'Application administrators',
    roles: ['CRM/Manager', 'Helpdesk/Supervisor', 'Billing/Approver'],
  },
];
const STAFF_TEAMS: Team[] = ['Sales', 'Sales', 'Sales', 'Support', 'Support', 'Support', 'Finance', 'Finance'];

type Profile = 'recent' | 'dormant' | 'never' | 'inactive' | 'anonymous';
/** Exact shares rather than a draw per user, so even a small environment has every kind. */
const PROFILE_SHARES: [Profile, number][] = [
  ['anonymous', 0.03],
  ['inactive', 0.06],
  ['dormant', 0.12],
  ['never', 0.04],
];

/** `count` profiles in the shares above (the rest recent), shuffled by the seed. */
function profiles(random: Random, count: number): Profile[] {
  const list: Profile[] = PROFILE_SHARES.flatMap(([profile, share]) =>
    Array<Profile>(Math.ceil(count * share)).fill(profile),
  ).slice(0, count);
  while (list.length < count) list.push('recent');
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as Profile, list[i] as Profile];
  }
  return list;
}

/** Plain ASCII letters for usernames and addresses: "Chloé", "O'Brien", "Van Dijk" become chloe, obrien, vandijk. */
const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** `base`, or base2, base3…: usernames are unique per environment, ignoring case. */
function unique(taken: Set<string>, base: string): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

const daysAgo = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** When the user last logged in: recent (under 90 days), dormant (well over), or never. */
function lastLoginOf(random: Random, profile: Profile, now: Date): string | undefined {
  if (profile === 'recent') return daysAgo(now, random() * 85);
  if (profile === 'dormant') return daysAgo(now, 95 + random() * 635);
  if (profile === 'inactive' && random() < 0.6) return daysAgo(now, 120 + random() * 780);
  return undefined;
}

interface PlannedUser {
  input: UserCreateInput;
  teams: Team[];
}

function makeUser(
  random: Random,
  environmentId: string,
  plan: EnvironmentPlan,
  profile: Profile,
  taken: Set<string>,
  now: Date,
): PlannedUser {
  if (profile === 'anonymous') {
    // A kiosk or guest account: never logged in and no personal data is exactly what makes it anonymous.
    const username = unique(
      taken,
      `${pick(random, ['kiosk', 'guest', 'visitor'])}-${100 + Math.floor(random() * 900)}`,
    );
    return { input: { environmentId, username }, teams: [] };
  }
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const handle = unique(taken, `${ascii(first)}.${ascii(last)}`);
  const roll = random();
  // Most staff are on an owned domain, a good share are outsiders, and some have no address at all.
  const domain =
    roll < 0.62 ? pick(random, plan.internalDomains) : roll < 0.9 ? pick(random, EXTERNAL_DOMAINS) : undefined;
  const address = domain === undefined ? undefined : `${handle}@${domain}`;
  // Some accounts log in with their address; classification then reads it from the username.
  const emailAsUsername = address !== undefined && random() < 0.1;
  const phone =
    domain === undefined || random() < 0.3
      ? `+44 7700 900${String(Math.floor(random() * 1000)).padStart(3, '0')}`
      : undefined;
  const input: UserCreateInput = {
    environmentId,
    username: emailAsUsername ? address : handle,
    name: `${first} ${last}`,
    email: emailAsUsername ? undefined : address,
    mobilePhone: phone,
    isActive: profile !== 'inactive',
    lastLogin: lastLoginOf(random, profile, now),
  };
  return { input, teams: teamsOf(random, domain) };
}

/** Staff join one or two teams, partner staff the Partners group, customers none. */
function teamsOf(random: Random, domain: string | undefined): Team[] {
  if (domain === PARTNER_DOMAIN) return ['Partners'];
  if (domain !== undefined && EXTERNAL_DOMAINS.includes(domain)) return [];
  const teams: Team[] = [pick(random, STAFF_TEAMS)];
  if (random() < 0.1) teams.push(pick(random, STAFF_TEAMS));
  if (random() < 0.02) teams.push('Administrators');
  return [...new Set(teams)];
}

/** Creates the users in batches (one transaction each) and returns the member ids of each team. */
async function createUsers(roster: Roster, planned: PlannedUser[]): Promise<Map<Team, string[]>> {
  const members = new Map<Team, string[]>();
  for (let start = 0; start < planned.length; start += BATCH_SIZE) {
    const batch = planned.slice(start, start + BATCH_SIZE);
    const created = await roster.users.createMany(batch.map((user) => user.input));
    created.forEach((user, i) => {
      for (const team of batch[i]?.teams ?? []) {
        const ids = members.get(team) ?? [];
        ids.push(user.id);
        members.set(team, ids);
      }
    });
  }
  return members;
}

/** The applications' roles, keyed `Application/Role`. */
async function createRoles(roster: Roster, environmentId: string): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  for (const [application, names] of Object.entries(APPLICATIONS)) {
    for (const name of names)
      roles.set(`${application}/${name}`, (await roster.roles.create({ environmentId, application, name })).id);
  }
  return roles;
}

/** Groups with their members and roles; a few members of each team also hold its lead role directly. */
async function createGroups(
  roster: Roster,
  environmentId: string,
  members: Map<Team, string[]>,
  roles: Map<string, string>,
): Promise<number> {
  const roleId = (key: string): string => {
    const id = roles.get(key);
    if (id === undefined) throw new Error(`Sample data names an unknown role ${key}.`);
    return id;
  };
  for (const definition of GROUPS) {
    const group = await roster.groups.create({
      environmentId,
      name: definition.name,
      description: definition.description,
    });
    const ids = members.get(definition.name) ?? [];
    if (ids.length > 0) await roster.groups.addUsers(group.id, ids);
    for (const key of definition.roles) await roster.roles.grantToGroup(roleId(key), group.id);
    if (definition.lead === undefined) continue;
    const leads = ids.slice(0, Math.min(10, Math.max(1, Math.round(ids.length * 0.02))));
    for (const userId of leads) await roster.roles.grantToUser(roleId(definition.lead), userId);
  }
  return GROUPS.length;
}

/**
 * Loads the sample company into an empty database: four environments, their users, groups,
 * roles and grants, and a subscription. Refuses (before writing anything) when any environment exists, so it can
 * never mix with or collide with real data.
 */
export async function loadSampleData(roster: Roster, options: SampleOptions = {}): Promise<SampleSummary> {
  const now = options.now ?? new Date();
  const perProduction = options.usersPerProduction ?? DEFAULT_USERS_PER_PRODUCTION;
  if (!Number.isInteger(perProduction) || perProduction < 1)
    throw new RangeError('usersPerProduction must be a whole number of at least 1.');
  const existing = await roster.environments.list();
  if (existing.length > 0) {
    throw new Error(
      `Sample data goes into an empty database; this one already has ${existing.length} environment(s). ` +
        'Open a new database to try the sample.',
    );
  }
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const summary: SampleSummary = { environments: 0, users: 0, groups: 0, roles: 0 };
  for (const plan of PLANS) {
    const environment = await roster.environments.create({
      name: plan.name,
      kind: plan.kind,
      platformVersion: plan.platformVersion,
    });
    await roster.environments.setRules(environment.id, { mode: 'domains', domains: plan.domains });
    const taken = new Set<string>();
    const count = Math.max(1, Math.round(perProduction * plan.scale));
    const planned = profiles(random, count).map((profile) =>
      makeUser(random, environment.id, plan, profile, taken, now),
    );
    const members = await createUsers(roster, planned);
    const roles = await createRoles(roster, environment.id);
    summary.environments += 1;
    summary.users += planned.length;
    summary.roles += roles.size;
    summary.groups += await createGroups(roster, environment.id, members, roles);
  }
  await setSampleSubscription(roster, now);
  return summary;
}

/**
 * A subscription the sample sits comfortably within for internal users and close to for
 * external ones, so that the dashboard shows both an "ok" and a "near" limit at once.
 */
async function setSampleSubscription(roster: Roster, now: Date): Promise<void> {
  const { production } = await roster.usage();
  const roundUp = (value: number) => Math.max(10, Math.ceil(value / 10) * 10);
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1)).toISOString().slice(0, 10);
  await roster.subscription.set({
    model: 'internal-external',
    internalLimit: roundUp(production.internal * 1.2),
    externalLimit: roundUp(production.external * 1.01),
    periodStart,
  });
}
