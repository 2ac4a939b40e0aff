/**
 * Schema v1 → v2: users move from one record each into chunks of 2,000 per environment, and
 * v1's tally rows become part of each environment's state record.
 *
 * Frozen: a migration writes what its version stored, whatever later code does. So it imports
 * no code that may change with the app (the user codec, the layout constants, the record
 * mappings, the domain's counting facts and username order): what it needs of them is copied
 * here as it was when v2 shipped, and only record types are shared (erased at build, so they
 * cannot change what is written). The copies agree with the domain's today; should the domain's
 * facts or order change, every database's stored tallies and heads are stale alike, migrated or
 * not, so that change needs a schema version of its own that recomputes them.
 */
import type { Transaction } from 'dexie';
import type { EnvironmentRecord, EnvironmentStateRecord, UserChunkRecord, UserRecord } from '../records';

/** Users per chunk (schema v2). */
const CHUNK_SIZE = 2000;
/** Users kept in username order in each environment's state: the first page on a cold start. */
const HEAD_SIZE = 100;
/** The setting that keeps the count of distinct production emails. */
const DISTINCT_EMAILS_KEY = 'distinctEmails';

type Flag = 0 | 1;
/**
 * A user as v2 packs it:
 * [id, username, name, email, mobilePhone, isActive, lastLogin, externalId, createdAt, updatedAt].
 */
type PackedUser = [
  string,
  string,
  string | null,
  string | null,
  string | null,
  Flag,
  number | null,
  string | null,
  number,
  number,
];

const flag = (value: boolean): Flag => (value ? 1 : 0);

function chunkId(environmentId: string, seq: number): string {
  return `${environmentId}:${seq}`;
}

/** A user entity as v2 knew it (src/domain's EndUser then). */
interface EndUser {
  id: string;
  environmentId: string;
  username: string;
  name?: string;
  email?: string;
  mobilePhone?: string;
  isActive: boolean;
  lastLogin?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
}

/** A v1 user record as an entity. */
function toUser(record: UserRecord): EndUser {
  const { usernameKey: _u, domain: _d, anonymous: _a, emailKey: _e, isActive, ...rest } = record;
  return { ...rest, isActive: isActive === 1 };
}

function packUser(user: EndUser): PackedUser {
  return [
    user.id,
    user.username,
    user.name ?? null,
    user.email ?? null,
    user.mobilePhone ?? null,
    flag(user.isActive),
    user.lastLogin === undefined ? null : Date.parse(user.lastLogin),
    user.externalId ?? null,
    Date.parse(user.createdAt),
    Date.parse(user.updatedAt),
  ];
}

// --- The username order, as src/domain/collation.ts had it when v2 shipped. ---

const ASCII = /^[\x20-\x7e]*$/;
const DIGIT_RUNS = /\d+/g;

/** A run of digits as its length (one char) then its digits, without leading zeros: 9 < 10 < 100. */
function numberKey(digits: string): string {
  const value = digits.replace(/^0+(?=\d)/, '');
  return String.fromCharCode(0x30 + Math.min(value.length, 0x4e)) + value;
}

/** Case and accents ignored, numbers by value; given the lower-cased text. */
function collationKey(lowerCased: string): string {
  if (ASCII.test(lowerCased)) return /\d/.test(lowerCased) ? lowerCased.replace(DIGIT_RUNS, numberKey) : lowerCased;
  return lowerCased.normalize('NFD').replace(/\p{M}/gu, '').replace(DIGIT_RUNS, numberKey);
}

/** Compares two lower-cased usernames in reading order, then by code units so the order is total. */
function compareUsernameKeys(a: string, b: string): number {
  const x = collationKey(a);
  const y = collationKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- The counting facts, as src/domain (email, domain-name, user-facts, usage) had them. ---

const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const ENTRY_CHARS = /^[\p{L}\p{M}\p{Nd}.-]+$/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ALL_DIGITS = /^[0-9]+$/;

/** A host name in its ASCII form through the platform's IDNA (UTS 46) mapping. */
function toAscii(name: string): string | undefined {
  if (/^[\x21-\x7e]*$/.test(name)) return name.toLowerCase();
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return undefined;
  }
}

/** A bare domain trimmed, lower-cased, without one trailing dot, in punycode; undefined unless two labels or more. */
function normaliseDomain(raw: string): string | undefined {
  let name = raw.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || !ENTRY_CHARS.test(name)) return undefined;
  const ascii = toAscii(name);
  if (ascii === undefined || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => ASCII_LABEL.test(label))) return undefined;
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? '')) return undefined;
  return ascii;
}

/** An email's domain as compared, even when not a valid name; an empty one is `(empty)`. */
function comparableDomain(raw: string): string {
  const valid = normaliseDomain(raw);
  if (valid !== undefined) return valid;
  let name = raw.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name === '' ? '(empty)' : name;
}

function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > 64) return undefined;
  const local = email.slice(0, at);
  if (!LOCAL_PART.test(local)) return undefined;
  const domain = email.slice(at + 1);
  if (domain !== domain.trim() || domain.endsWith('.')) return undefined;
  return normaliseDomain(domain);
}

/** The email field when non-empty, otherwise the username when it is a valid email address. */
function effectiveEmail(user: EndUser): string | undefined {
  const email = user.email?.trim();
  if (email) return email;
  return user.username.length <= 254 && emailDomain(user.username) !== undefined ? user.username : undefined;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/** Never logged in, no name, email or mobile phone, and a username that is not an email address. */
function isAnonymous(user: EndUser): boolean {
  return (
    blank(user.lastLogin) &&
    blank(user.name) &&
    blank(user.email) &&
    blank(user.mobilePhone) &&
    emailDomain(user.username) === undefined
  );
}

interface FactTally {
  domain: string;
  isActive: boolean;
  isAnonymous: boolean;
  count: number;
}

/** Users grouped by their counting facts (active, anonymous, effective domain), in order of first appearance. */
function tallyUsers(users: readonly EndUser[]): FactTally[] {
  const byKey = new Map<string, FactTally>();
  for (const user of users) {
    const email = effectiveEmail(user);
    const domain = email === undefined ? '' : comparableDomain(email.slice(email.lastIndexOf('@') + 1));
    const anonymous = isAnonymous(user);
    const key = `${domain}|${user.isActive ? 1 : 0}|${anonymous ? 1 : 0}`;
    const tally = byKey.get(key);
    if (tally) tally.count++;
    else byKey.set(key, { domain, isActive: user.isActive, isAnonymous: anonymous, count: 1 });
  }
  return [...byKey.values()];
}

export async function migrateUsersToChunks(tx: Transaction): Promise<void> {
  const records = await tx.table<UserRecord>('users').toArray();
  const users = records.map(toUser);
  const environments = await tx.table<EnvironmentRecord>('environments').toArray();
  const environmentIds = environments.map((environment) => environment.id);
  const chunks: UserChunkRecord[] = [];
  const states: EnvironmentStateRecord[] = [];
  for (const environmentId of environmentIds) {
    const own = users
      .filter((user) => user.environmentId === environmentId)
      .sort((a, b) => compareUsernameKeys(a.username.toLowerCase(), b.username.toLowerCase()));
    let seq = 0;
    for (let start = 0; start < own.length; start += CHUNK_SIZE, seq++) {
      const packed = own.slice(start, start + CHUNK_SIZE).map(packUser);
      chunks.push({
        id: chunkId(environmentId, seq),
        environmentId,
        seq,
        rev: 1,
        count: packed.length,
        data: JSON.stringify(packed),
      });
    }
    states.push({
      environmentId,
      rev: 1,
      nextSeq: seq,
      count: own.length,
      tallies: JSON.stringify(tallyUsers(own).map((t) => [t.domain, flag(t.isActive), flag(t.isAnonymous), t.count])),
      head: JSON.stringify(own.slice(0, HEAD_SIZE).map(packUser)),
    });
  }
  await tx.table('userChunks').bulkPut(chunks);
  await tx.table('environmentStates').bulkPut(states);
  // v1 kept the effective email of counted users as emailKey: count the production ones.
  const production = new Set(
    environments.filter((environment) => environment.kind === 'production').map((environment) => environment.id),
  );
  const distinct = new Set(
    records
      .filter((record) => record.emailKey && production.has(record.environmentId))
      .map((record) => record.emailKey),
  );
  await tx.table('settings').put({ key: DISTINCT_EMAILS_KEY, value: distinct.size });
}
