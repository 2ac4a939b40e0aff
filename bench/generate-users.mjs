// The benchmark's users: a deterministic, realistic mix generated from a seed. It runs in
// the page (passed as source through the init script), so it is one self-contained
// function with no imports and no outside names.

/**
 * @typedef {object} EnvironmentShare
 * @property {string} id            environment id
 * @property {number} share         fraction of all users (the shares add up to 1)
 * @property {string[]} emailDomains owned domains this environment's internal users have
 */

/**
 * @typedef {object} UserInput  what roster.users.createMany takes
 * @property {string} environmentId
 * @property {string} username
 * @property {string} [name]
 * @property {string} [email]
 * @property {string} [mobilePhone]
 * @property {boolean} [isActive]
 * @property {string} [lastLogin]
 * @property {string} [externalId]
 */

/**
 * Generates `n` users spread over the environments:
 * - ~2 % anonymous (a `guest-…` username only, never logged in);
 * - ~5 % with no email, only a mobile phone (and a handle as username);
 * - of the rest, ~28 % on one of the environment's owned domains; the others external:
 *   ~45 % on a dozen webmail domains, the rest on 4,000 company domains, a few of them
 *   far more common than the others;
 * - username: the email (70 %, with or without the email field) or a handle plus email;
 * - ~5 % inactive; last login spread uniformly over the two years before `now` (3 % never);
 * - an external id for ~30 %.
 * Usernames are unique (they carry the user's index in base 36).
 * @param {{ n: number, seed: number, now: string, environments: EnvironmentShare[] }} options
 * @returns {{ inputs: UserInput[], popularDomain: string }}
 *   popularDomain: the most common external company domain (for the rule-change scenario)
 */
export function generateUsers(options) {
  const { n, seed, environments } = options;
  // mulberry32: small, fast and good enough for test data.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @type {<T>(list: readonly T[]) => T} */
  const pick = (list) => /** @type {any} */ (list[Math.floor(random() * list.length)]);

  const FIRST = [
    'Ana',
    'Ann',
    'Anna',
    'Annika',
    'Hannah',
    'Joanna',
    'Diana',
    'Bob',
    'Carl',
    'Chen',
    'Dmitri',
    'Eva',
    'Fatima',
    'George',
    'Hiro',
    'Ines',
    'José',
    'Kai',
    'Lena',
    'Lukas',
    'Maria',
    'Mohammed',
    'Nadia',
    'Olga',
    'Pedro',
    'Priya',
    'Quentin',
    'Rosa',
    'Sam',
    'Sofia',
    'Tom',
    'Uma',
    'Victor',
    'Wei',
    'Yusuf',
    'Zoë',
    'Björn',
    'Łukasz',
    'Anaïs',
    'Noah',
    'Liam',
    'Emma',
  ];
  const LAST = [
    'Silva',
    'Smith',
    'Müller',
    'Garcia',
    'Rossi',
    'Kowalski',
    'Nguyen',
    'Kim',
    'Tanaka',
    'Johansson',
    'Dubois',
    'Novak',
    'Hansen',
    'Brown',
    'Jones',
    'Martin',
    'Lopez',
    'Santos',
    'Costa',
    'Fischer',
    'Weber',
    'Wagner',
    'Becker',
    'Moreau',
    'Khan',
    'Singh',
    'Patel',
    'Ivanova',
    'Petrov',
    'Murphy',
    "O'Brien",
    'Walsh',
    'Andersson',
    'Nakamura',
    'Okafor',
    'Mensah',
  ];
  /** Email-safe lower-case form of a name: no accents, no apostrophes. */
  const ascii = (/** @type {string} */ s) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace('Ł', 'L')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const firstKeys = FIRST.map(ascii);
  const lastKeys = LAST.map(ascii);
  const WEBMAIL = [
    'gmail.com',
    'gmail.com',
    'gmail.com',
    'outlook.com',
    'outlook.com',
    'hotmail.com',
    'yahoo.com',
    'icloud.com',
    'proton.me',
    'gmx.de',
    'web.de',
    'orange.fr',
    'libero.it',
    'qq.com',
    'naver.com',
  ];
  const SYLLABLES = [
    'nor',
    'vel',
    'tri',
    'kor',
    'mon',
    'ast',
    'bel',
    'cor',
    'dun',
    'fal',
    'gar',
    'hel',
    'lin',
    'mar',
    'sel',
    'tan',
  ];
  const TLDS = ['com', 'net', 'io', 'de', 'fr', 'co.uk', 'es', 'it', 'nl', 'com.br', 'in', 'co.jp'];
  /** @type {string[]} */
  const companies = [];
  for (let i = 0; i < 4000; i++) {
    companies.push(`${SYLLABLES[i % 16]}${SYLLABLES[(i >> 4) % 16]}${SYLLABLES[(i >> 8) % 16]}.${TLDS[i % 12]}`);
  }
  const COUNTRY_CODES = ['1', '44', '49', '33', '351', '34', '39', '81', '91', '61'];
  const nowMs = Date.parse(options.now);
  const TWO_YEARS_MS = 730 * 24 * 3600 * 1000;

  /** @type {number[]} */
  const cumulative = [];
  environments.reduce((sum, environment) => {
    cumulative.push(sum + environment.share);
    return sum + environment.share;
  }, 0);
  const environmentAt = (/** @type {number} */ r) => {
    for (let i = 0; i < cumulative.length; i++)
      if (r < /** @type {number} */ (cumulative[i])) return /** @type {EnvironmentShare} */ (environments[i]);
    return /** @type {EnvironmentShare} */ (environments[environments.length - 1]);
  };

  /** @type {UserInput[]} */
  const inputs = new Array(n);
  for (let i = 0; i < n; i++) {
    const environment = environmentAt(random());
    const tag = i.toString(36);
    const kind = random();
    if (kind < 0.02) {
      inputs[i] = { environmentId: environment.id, username: `guest-${tag}` };
      continue;
    }
    const f = Math.floor(random() * FIRST.length);
    const l = Math.floor(random() * LAST.length);
    const handle = `${firstKeys[f]}${lastKeys[l]}${tag}`;
    /** @type {UserInput} */
    const user = { environmentId: environment.id, username: handle, name: `${FIRST[f]} ${LAST[l]}` };
    if (kind < 0.07) {
      const digits = String(Math.floor(random() * 1e9)).padStart(9, '0');
      user.mobilePhone = `+${pick(COUNTRY_CODES)} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    } else {
      const where = random();
      const domain =
        where < 0.28
          ? pick(environment.emailDomains)
          : where < 0.6
            ? pick(WEBMAIL)
            : /** @type {string} */ (companies[Math.floor(random() ** 3 * companies.length)]);
      const email = `${firstKeys[f]}.${lastKeys[l]}.${tag}@${domain}`;
      const style = random();
      if (style < 0.5) {
        user.username = email;
        user.email = email;
      } else if (style < 0.7) user.username = email;
      else user.email = email;
      if (random() < 0.1) delete user.name;
    }
    if (random() < 0.97)
      user.lastLogin = new Date(nowMs - Math.floor(random() * TWO_YEARS_MS)).toISOString().slice(0, 19) + 'Z';
    if (random() < 0.3) user.externalId = `ext-${tag}`;
    if (random() < 0.05) user.isActive = false;
    inputs[i] = user;
  }
  return { inputs, popularDomain: /** @type {string} */ (companies[0]) };
}
