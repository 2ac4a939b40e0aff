/**
 * Every loaded user, column by column: strings in plain arrays and numbers in typed arrays.
 * A slot is a user's position in every column (the number the index passes around instead of
 * a user). Columns cost far less memory than one object per user and scan faster for search,
 * filters, sorting and counting. A freed slot is reused. Packing to and from the stored tuple
 * is the codec's (user-codec.ts).
 */
import { defaultTenantId, userFacts, type EndUser, type FactTally } from '../domain';
import { DomainDictionary } from './domain-dictionary';
import { packColumns, unpackToColumns, type PackedUser, type UserFieldColumns } from './user-codec';

const INITIAL_CAPACITY = 1024;
/** Room for this many distinct email domains in a tally key, below the tenant's part. */
const DOMAIN_SPAN = 2 ** 24;

function grown<T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

export class UserColumns implements UserFieldColumns {
  /** undefined marks a free slot. */
  ids: (string | undefined)[] = [];
  usernames: string[] = [];
  /** Lower-cased usernames: uniqueness, search and the username order. */
  keys: string[] = [];
  names: (string | null)[] = [];
  emails: (string | null)[] = [];
  phones: (string | null)[] = [];
  externalIds: (string | null)[] = [];
  /** The environment's ordinal (EnvironmentUsers.ordinal): a Uint16 per user instead of an id string. */
  environment = new Uint16Array(INITIAL_CAPACITY);
  active = new Uint8Array(INITIAL_CAPACITY);
  anonymous = new Uint8Array(INITIAL_CAPACITY);
  /** Effective-email domain, as an id of `domains`; 0 when the user has no effective email. */
  domain = new Int32Array(INITIAL_CAPACITY);
  /** The chunk the user is stored in, by its seq (its number within the environment, UserChunkRecord.seq). */
  chunk = new Int32Array(INITIAL_CAPACITY);
  /** Epoch ms; NaN when the user never logged in. */
  lastLogin = new Float64Array(INITIAL_CAPACITY);
  createdAt = new Float64Array(INITIAL_CAPACITY);
  updatedAt = new Float64Array(INITIAL_CAPACITY);
  /** The user's tenant, as an id of `tenants`; 0 for its environment's default tenant. */
  tenant = new Int32Array(INITIAL_CAPACITY);
  readonly domains = new DomainDictionary();
  /** Interned tenant ids (index 0, '', stands for an environment's default tenant). */
  readonly tenants = new DomainDictionary();

  #size = 0;
  #free: number[] = [];

  /** One past the highest slot ever used: loops over slots stop here. */
  get size(): number {
    return this.#size;
  }

  allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    const slot = this.#size++;
    if (slot >= this.active.length) this.#grow(this.active.length * 2);
    return slot;
  }

  release(slot: number): void {
    this.ids[slot] = undefined;
    this.usernames[slot] = this.keys[slot] = '';
    this.names[slot] = this.emails[slot] = this.phones[slot] = this.externalIds[slot] = null;
    this.#free.push(slot);
  }

  /** Writes a user into a slot, with the counting facts its fields fix. */
  write(slot: number, environmentOrdinal: number, chunkSeq: number, packed: PackedUser): void {
    unpackToColumns(this, slot, packed);
    const username = this.usernames[slot]!;
    const name = this.names[slot];
    const email = this.emails[slot];
    const mobilePhone = this.phones[slot];
    this.keys[slot] = username.toLowerCase();
    this.environment[slot] = environmentOrdinal;
    this.chunk[slot] = chunkSeq;
    const facts = userFacts({
      username,
      name: name ?? undefined,
      email: email ?? undefined,
      mobilePhone: mobilePhone ?? undefined,
      isActive: this.active[slot] === 1,
      // Only whether the user ever logged in matters to the facts; no need to format the date.
      lastLogin: Number.isNaN(this.lastLogin[slot]!) ? undefined : 'logged in',
    });
    this.anonymous[slot] = facts.isAnonymous ? 1 : 0;
    this.domain[slot] = this.domains.idOf(facts.domain);
  }

  /** The user in a slot, packed for its chunk. */
  pack(slot: number): PackedUser {
    return packColumns(this, slot);
  }

  /**
   * The ids of the given slots, in their order. A plain loop: `Array.from(slots, map)` over a
   * typed array takes several times as long (100 ms for 300,000 slots, in one task).
   */
  idsOf(slots: ArrayLike<number>): string[] {
    const ids: string[] = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) ids[i] = this.ids[slots[i]!]!;
    return ids;
  }

  toUser(slot: number, environmentId: string): EndUser {
    const user: EndUser = {
      id: this.ids[slot]!,
      environmentId,
      tenantId: this.tenantOf(slot) ?? defaultTenantId(environmentId),
      username: this.usernames[slot]!,
      isActive: this.active[slot] === 1,
      createdAt: new Date(this.createdAt[slot]!).toISOString(),
      updatedAt: new Date(this.updatedAt[slot]!).toISOString(),
    };
    const name = this.names[slot];
    const email = this.emails[slot];
    const phone = this.phones[slot];
    const externalId = this.externalIds[slot];
    const lastLogin = this.lastLogin[slot]!;
    if (name !== null && name !== undefined) user.name = name;
    if (email !== null && email !== undefined) user.email = email;
    if (phone !== null && phone !== undefined) user.mobilePhone = phone;
    if (!Number.isNaN(lastLogin)) user.lastLogin = new Date(lastLogin).toISOString();
    if (externalId !== null && externalId !== undefined) user.externalId = externalId;
    return user;
  }

  /** The tally a slot counts in: tenant, domain, active and anonymous in one number (exact below 2^53). */
  tallyKey(slot: number): number {
    return (this.tenant[slot]! * DOMAIN_SPAN + this.domain[slot]!) * 4 + this.active[slot]! * 2 + this.anonymous[slot]!;
  }

  /** The tenant ordinal a tally key counts (see tallyKey). */
  tenantOfTallyKey(key: number): number {
    return Math.floor(key / 4 / DOMAIN_SPAN);
  }

  /** The stored tenant of a slot: undefined for its environment's default tenant. */
  tenantOf(slot: number): string | undefined {
    const ordinal = this.tenant[slot]!;
    return ordinal === 0 ? undefined : this.tenants.names[ordinal];
  }

  /** What dormancy and class depend on, as one comparable value: the tally key, the login and creation dates. */
  dormancyFacts(slot: number): string {
    return `${this.tallyKey(slot)}|${this.lastLogin[slot]}|${this.createdAt[slot]}`;
  }

  /** The counting facts a tally key stands for (the inverse of tallyKey), with its count. */
  tallyOf(key: number, count: number): FactTally {
    const facts = key % 4;
    const place = (key - facts) / 4;
    const domain = place % DOMAIN_SPAN;
    const tenant = (place - domain) / DOMAIN_SPAN;
    const tally: FactTally = {
      domain: this.domains.names[domain]!,
      isActive: (facts & 2) === 2,
      isAnonymous: (facts & 1) === 1,
      count,
    };
    if (tenant !== 0) tally.tenantId = this.tenants.names[tenant]!;
    return tally;
  }

  #grow(capacity: number): void {
    this.environment = grown(this.environment, capacity);
    this.active = grown(this.active, capacity);
    this.anonymous = grown(this.anonymous, capacity);
    this.domain = grown(this.domain, capacity);
    this.chunk = grown(this.chunk, capacity);
    this.lastLogin = grown(this.lastLogin, capacity);
    this.createdAt = grown(this.createdAt, capacity);
    this.updatedAt = grown(this.updatedAt, capacity);
    this.tenant = grown(this.tenant, capacity);
  }
}
