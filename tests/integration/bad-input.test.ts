/**
 * The bad-input catalogue (issue 13, item 5; the table in docs/security.md): each case sends one
 * bad input through the Users API, on a database seeded with data of every kind, and asserts its
 * outcome. A refusal must be a RosterError naming the field with a sentence, and leave every
 * table of the database byte-identical (all tables, read raw from IndexedDB, serialised with v8's
 * structured serialiser, so that a changed key order, a -0 or an extra audit entry shows). A
 * normalised input is written as docs/api.md says; an ignored one writes nothing either.
 */
import { serialize } from 'node:v8';
import { describe, expect } from 'vitest';
import type { Roster, RosterErrorCode } from '../../src/api';
import { RosterDb } from '../../src/db';
import { rosterErrorOf } from '../factories/errors';
import { it } from '../factories/roster';
import { seedWorld, type World } from '../factories/world';

type Call = (roster: Roster, world: World) => Promise<unknown>;

interface Case {
  /** The test's name: what is sent, in words. */
  name: string;
  /** Steps before the database is read (a deletion, for a case about a deleted id). */
  prepare?: Call;
  call: Call;
  /** Refused: the error's code and the path of the field it names. */
  refused?: { code: RosterErrorCode; path: string };
  /** What the message at that path must say, where the case is about the message. */
  message?: RegExp;
  /** Accepted and written in a documented form: asserts the result and what is stored. */
  normalised?: (result: unknown, roster: Roster, world: World) => Promise<void> | void;
  /** Accepted and ignored: asserts the result; the database must not change. */
  unchanged?: (result: unknown, roster: Roster, world: World) => Promise<void> | void;
}

/** Every record of every table (not only the backed-up ones: the index's chunks and state too). */
async function dump(name: string): Promise<Record<string, unknown[]>> {
  const db = new RosterDb(name);
  await db.open();
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  db.close();
  return tables;
}

const MB = 1 << 20;
/** "example.com" with a Cyrillic "а" (U+0430) in place of the Latin "a". */
const LOOK_ALIKE = 'ex\u0430mple.com';
const LOOK_ALIKE_ASCII = 'xn--exmple-4nf.com';

const validation = (path: string) => ({ refused: { code: 'validation' as const, path } });
const notFound = (path: string) => ({ refused: { code: 'not-found' as const, path } });

const ana = (w: World) => w.users.ana.id;
const eu = (w: World) => w.environments.productionEu.id;
const qa = (w: World) => w.environments.qa.id;
const named = (value: unknown) => ({ model: 'named', namedLimit: value }) as never;
const user = (w: World, fields: object) => ({ environmentId: eu(w), username: 'newcomer', ...fields }) as never;

/** The stored user after a normalised update. */
async function storedAna(roster: Roster, world: World) {
  const stored = await roster.users.get(world.users.ana.id);
  if (!stored) throw new Error('ana is gone');
  return stored;
}

const wrongTypes: Case[] = [
  { name: 'a user given as a string', call: (r) => r.users.create('ana' as never), ...validation('') },
  { name: 'a user given as null', call: (r) => r.users.create(null as never), ...validation('') },
  { name: 'a patch given as an array', call: (r, w) => r.users.update(ana(w), [] as never), ...validation('') },
  {
    name: 'a username given as a number',
    call: (r, w) => r.users.create(user(w, { username: 42 })),
    ...validation('username'),
  },
  {
    name: 'isActive given as "yes"',
    call: (r, w) => r.users.update(ana(w), { isActive: 'yes' as never }),
    ...validation('isActive'),
  },
  {
    name: 'an email given as a number',
    call: (r, w) => r.users.update(ana(w), { email: 7 as never }),
    ...validation('email'),
  },
  {
    name: 'a lastLogin given as a Date object',
    call: (r, w) => r.users.update(ana(w), { lastLogin: new Date() as never }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin given as epoch milliseconds',
    call: (r, w) => r.users.update(ana(w), { lastLogin: 1774949400000 as never }),
    ...validation('lastLogin'),
  },
  {
    name: 'an environment kind outside the list',
    call: (r) => r.environments.create({ name: 'Staging', kind: 'staging' as never }),
    ...validation('kind'),
  },
  {
    name: 'a limit given as the text "100"',
    call: (r) => r.subscription.set(named('100')),
    ...validation('namedLimit'),
  },
  {
    name: 'a page size given as text',
    call: (r, w) => r.users.list({ environmentId: eu(w), limit: '50' as never }),
    ...validation('limit'),
  },
  { name: 'setActive with "no"', call: (r, w) => r.users.setActive(ana(w), 'no' as never), ...validation('isActive') },
  { name: 'createMany given an object', call: (r, w) => r.users.createMany(user(w, {})), ...validation('') },
  { name: 'deleteMany given one id as text', call: (r, w) => r.users.deleteMany(ana(w) as never), ...validation('') },
  {
    name: 'an application name given as an object',
    call: (r, w) => r.roles.create({ environmentId: eu(w), application: {} as never, name: 'X' }),
    ...validation('application'),
  },
  {
    name: 'rule domains given as text',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: 'example.com' as never }),
    ...validation('domains'),
  },
  {
    name: 'a rule relation outside the list',
    call: (r, w) =>
      r.environments.setRules(eu(w), {
        mode: 'domains',
        domains: [{ domain: 'example.com', relation: 'partner' as never }],
      }),
    ...validation('domains.0'),
  },
];

const missingAndUnknownKeys: Case[] = [
  {
    name: 'a user without a username',
    call: (r, w) => r.users.create({ environmentId: eu(w) } as never),
    ...validation('username'),
  },
  {
    name: 'a user without an environment',
    call: (r) => r.users.create({ username: 'x' } as never),
    ...validation('environmentId'),
  },
  {
    name: 'an environment without a kind',
    call: (r) => r.environments.create({ name: 'Staging' } as never),
    ...validation('kind'),
  },
  {
    name: 'a named subscription without its limit',
    call: (r) => r.subscription.set({ model: 'named' } as never),
    ...validation('namedLimit'),
  },
  {
    name: 'a subscription without a model',
    call: (r) => r.subscription.set({ namedLimit: 5 } as never),
    ...validation('model'),
  },
  {
    name: 'a user with an unknown key "role"',
    call: (r, w) => r.users.create(user(w, { role: 'admin' })),
    ...validation('role'),
  },
  {
    name: 'a patch that moves a user to another environment',
    call: (r, w) => r.users.update(ana(w), { environmentId: qa(w) } as never),
    ...validation('environmentId'),
  },
  {
    name: 'a named subscription with an internal limit',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, internalLimit: 5 } as never),
    ...validation('internalLimit'),
  },
  {
    name: 'a list query with an unknown key "page"',
    call: (r, w) => r.users.list({ environmentId: eu(w), page: 2 } as never),
    ...validation('page'),
  },
  {
    name: 'an import option that does not exist',
    call: (r, w) => r.importCsv(eu(w), 'username\nzed\n', { delimiter: ';' } as never),
    ...validation('delimiter'),
  },
];

const prototypeKeys: Case[] = [
  {
    name: 'a new user with an own "__proto__" key (JSON)',
    call: (r, w) =>
      r.users.create(JSON.parse(`{"environmentId":"${eu(w)}","username":"x","__proto__":{"isAdmin":true}}`)),
    ...validation('__proto__'),
  },
  {
    name: 'a patch whose "__proto__" says isActive: false',
    call: (r, w) => r.users.update(ana(w), JSON.parse('{"__proto__":{"isActive":false}}')),
    ...validation('__proto__'),
  },
  {
    name: 'a patch with a "constructor" key',
    call: (r, w) => r.users.update(ana(w), { constructor: 'x' } as never),
    ...validation('constructor'),
  },
  {
    name: 'an environment with a "constructor" key',
    call: (r) => r.environments.create({ name: 'X', kind: 'production', constructor: {} } as never),
    ...validation('constructor'),
  },
  {
    name: 'a rule entry with an own "__proto__" key',
    call: (r, w) =>
      r.environments.setRules(eu(w), {
        mode: 'domains',
        domains: [JSON.parse('{"domain":"example.com","__proto__":{"relation":"client"}}')],
      }),
    ...validation('domains.0.__proto__'),
  },
  {
    name: 'an import mapping with an own "__proto__" key',
    call: (r, w) =>
      r.importCsv(eu(w), '__proto__,username\nZed,zed\n', { mapping: JSON.parse('{"__proto__":"name"}') }),
    ...validation('mapping.__proto__'),
  },
  {
    name: 'a CSV column named "constructor"',
    call: (r, w) => r.importCsv(eu(w), 'constructor,username\nx,zed\n', { dryRun: true }),
    unchanged: (report) => {
      // Before the fix the header read Object.prototype.constructor as its field.
      const { columns } = report as Awaited<ReturnType<Roster['importCsv']>>;
      expect(columns[0]).toEqual({ header: 'constructor', field: null, note: 'not a column Roster imports; ignored' });
    },
  },
  {
    name: 'a CSV column named "toString"',
    call: (r, w) => r.importCsv(eu(w), 'username,toString\nzed,x\n', { dryRun: true }),
    unchanged: (report) => {
      const { columns } = report as Awaited<ReturnType<Roster['importCsv']>>;
      expect(columns[1]).toEqual({ header: 'toString', field: null, note: 'not a column Roster imports; ignored' });
    },
  },
];

const emptyValues: Case[] = [
  { name: 'an empty username', call: (r, w) => r.users.create(user(w, { username: '' })), ...validation('username') },
  {
    name: 'a username of spaces and a tab',
    call: (r, w) => r.users.update(ana(w), { username: '   \t ' }),
    ...validation('username'),
  },
  {
    name: 'a username of a no-break and an ideographic space',
    call: (r, w) => r.users.update(ana(w), { username: '\u00a0\u3000' }),
    ...validation('username'),
  },
  {
    name: 'an environment name of spaces',
    call: (r, w) => r.environments.update(qa(w), { name: '   ' }),
    ...validation('name'),
  },
  {
    name: 'a group name of line breaks',
    call: (r, w) => r.groups.create({ environmentId: eu(w), name: '\n\n' }),
    ...validation('name'),
  },
  {
    name: 'an application name of one space',
    call: (r, w) => r.roles.create({ environmentId: eu(w), application: ' ', name: 'X' }),
    ...validation('application'),
  },
  {
    name: 'a rule entry of spaces',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['example.com', '  '] }),
    ...validation('domains.1'),
  },
  {
    name: 'an empty environment id',
    call: (r) => r.groups.create({ environmentId: '', name: 'X' }),
    ...validation('environmentId'),
  },
  { name: 'an empty user id', call: (r) => r.users.update('', { name: 'X' }), ...notFound('id') },
  {
    name: 'a name of spaces (clears the name)',
    call: (r, w) => r.users.update(ana(w), { name: '   ' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).name).toBeUndefined(),
  },
  {
    name: 'an email of spaces (clears the email)',
    call: (r, w) => r.users.update(ana(w), { email: ' \t ' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).email).toBeUndefined(),
  },
];

const hugeStrings: Case[] = [
  {
    name: 'a 1 MB username',
    call: (r, w) => r.users.create(user(w, { username: 'a'.repeat(MB) })),
    ...validation('username'),
  },
  { name: 'a 1 MB name', call: (r, w) => r.users.update(ana(w), { name: 'a'.repeat(MB) }), ...validation('name') },
  {
    name: 'a 1 MB email',
    call: (r, w) => r.users.update(ana(w), { email: `${'a'.repeat(MB)}@example.com` }),
    ...validation('email'),
  },
  {
    name: 'a 1 MB phone number',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: '1'.repeat(MB) }),
    ...validation('mobilePhone'),
  },
  {
    name: 'a 1 MB group description',
    call: (r, w) => r.groups.update(w.groups.sales.id, { description: 'a'.repeat(MB) }),
    ...validation('description'),
  },
  {
    name: 'a 1 MB platform version',
    call: (r, w) => r.environments.update(qa(w), { platformVersion: `${'1.'.repeat(MB / 2)}1` }),
    ...validation('platformVersion'),
  },
  {
    name: 'a 1 MB rule entry',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: [`${'a'.repeat(MB)}.com`] }),
    // The message repeats 59 characters of it, not the megabyte.
    message: /^"a{59}…" is not a valid domain name\.$/,
    ...validation('domains.0'),
  },
  {
    name: 'a 1 MB username in a CSV row (a row over 1,000,000 characters)',
    call: (r, w) => r.importCsv(eu(w), `username\n${'a'.repeat(MB)}\n`),
    ...validation('source'),
  },
  {
    name: 'a 1 MB search (a read: matches nobody)',
    call: (r, w) => r.users.list({ environmentId: eu(w), search: 'a'.repeat(MB) }),
    unchanged: (page) => expect(page).toEqual({ total: 0, items: [] }),
  },
];

const controlCharacters: Case[] = [
  {
    name: 'a username with NUL',
    call: (r, w) => r.users.update(ana(w), { username: 'ana\u0000' }),
    ...validation('username'),
  },
  {
    name: 'a username with a line break',
    call: (r, w) => r.users.update(ana(w), { username: 'ana\nlee' }),
    ...validation('username'),
  },
  {
    name: 'a name with a terminal escape sequence',
    call: (r, w) => r.users.update(ana(w), { name: 'Ana \u001b[31mLee' }),
    ...validation('name'),
  },
  { name: 'a name with NUL', call: (r, w) => r.users.update(ana(w), { name: 'Ana\u0000Lee' }), ...validation('name') },
  {
    name: 'a group name with BEL',
    call: (r, w) => r.groups.update(w.groups.sales.id, { name: 'Sa\u0007les' }),
    ...validation('name'),
  },
  {
    name: 'a role name with DEL',
    call: (r, w) => r.roles.create({ environmentId: eu(w), application: 'Sales', name: 'Boss\u007f' }),
    ...validation('name'),
  },
  {
    name: 'an external id with NUL',
    call: (r, w) => r.users.update(ana(w), { externalId: 'a\u0000b' }),
    ...validation('externalId'),
  },
  {
    name: 'an external id with a line break',
    call: (r, w) => r.users.update(ana(w), { externalId: 'a\nb' }),
    ...validation('externalId'),
  },
  {
    name: 'an email with a line break and a second address',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@example.com\nbcc: eve@evil.io' }),
    ...validation('email'),
  },
  {
    name: 'a description with NUL',
    call: (r, w) => r.groups.update(w.groups.sales.id, { description: 'one\u0000two' }),
    ...validation('description'),
  },
  {
    name: 'a name with a CRLF line break (one space)',
    call: (r, w) => r.users.update(ana(w), { name: 'Ana \r\n Lee' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).name).toBe('Ana Lee'),
  },
  {
    name: 'a new user whose name has a tab (one space)',
    call: (r, w) => r.users.create(user(w, { name: 'Ana\tLee' })),
    normalised: (created) => expect((created as { name: string }).name).toBe('Ana Lee'),
  },
  {
    name: 'an environment name with a line break (one space)',
    call: (r, w) => r.environments.update(qa(w), { name: 'QA\nEurope' }),
    normalised: async (_result, r, w) => expect((await r.environments.get(qa(w)))?.name).toBe('QA Europe'),
  },
  {
    name: 'a description with CRLF line breaks (kept as \\n)',
    call: (r, w) => r.groups.update(w.groups.sales.id, { description: 'one\r\ntwo' }),
    normalised: async (_result, r, w) => expect((await r.groups.get(w.groups.sales.id))?.description).toBe('one\ntwo'),
  },
];

const invisibleCharacters: Case[] = [
  {
    name: 'a username that is one zero-width space',
    call: (r, w) => r.users.create(user(w, { username: '\u200b' })),
    ...validation('username'),
  },
  {
    name: 'a username with a zero-width space inside ("ana" twice)',
    call: (r, w) => r.users.create(user(w, { username: 'a\u200bna' })),
    ...validation('username'),
  },
  {
    name: 'a username with a right-to-left override',
    call: (r, w) => r.users.update(ana(w), { username: 'ana\u202emoc.elgoog' }),
    ...validation('username'),
  },
  {
    name: 'a username with a zero-width joiner',
    call: (r, w) => r.users.update(ana(w), { username: 'an\u200da' }),
    ...validation('username'),
  },
  {
    name: 'a name with a right-to-left override',
    call: (r, w) => r.users.update(ana(w), { name: 'Ana \u202eeeL' }),
    ...validation('name'),
  },
  {
    name: 'a name with direction isolates',
    call: (r, w) => r.users.update(ana(w), { name: '\u2067Ana\u2069' }),
    ...validation('name'),
  },
  {
    name: 'a name that is one zero-width joiner',
    call: (r, w) => r.users.update(ana(w), { name: '\u200d' }),
    ...validation('name'),
  },
  {
    name: 'a name with a soft hyphen',
    call: (r, w) => r.users.update(ana(w), { name: 'Ana\u00adLee' }),
    ...validation('name'),
  },
  {
    name: 'a group name with a zero-width space',
    call: (r, w) => r.groups.create({ environmentId: eu(w), name: 'Sales\u200b' }),
    ...validation('name'),
  },
  {
    name: 'an application name with a left-to-right mark',
    call: (r, w) => r.roles.create({ environmentId: eu(w), application: 'Sales\u200e', name: 'X' }),
    ...validation('application'),
  },
  {
    name: 'an environment name with a pop-directional mark',
    call: (r) => r.environments.create({ name: 'Prod\u202c', kind: 'production' }),
    ...validation('name'),
  },
  {
    name: 'an external id with a zero-width space',
    call: (r, w) => r.users.update(ana(w), { externalId: 'E-1\u200b' }),
    ...validation('externalId'),
  },
  {
    name: 'an email with a zero-width space',
    call: (r, w) => r.users.update(ana(w), { email: 'a\u200bna@example.com' }),
    ...validation('email'),
  },
  {
    name: 'a rule entry with a zero-width space',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['exa\u200bmple.com'] }),
    // The message shows the invisible character, so that the reader sees why.
    message: /^"exaU\+200Bmple\.com" may contain only/,
    ...validation('domains.0'),
  },
  {
    name: 'a Persian name with a zero-width non-joiner between letters (kept)',
    call: (r, w) => r.users.update(ana(w), { name: 'نیک\u200cنام' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).name).toBe('نیک\u200cنام'),
  },
];

const domains: Case[] = [
  {
    name: 'a rule entry "exаmple.com" with a Cyrillic а (stored in punycode; example.com does not match)',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: [LOOK_ALIKE] }),
    normalised: async (rules, r, w) => {
      expect(rules).toEqual({ mode: 'domains', domains: [{ domain: LOOK_ALIKE_ASCII, relation: 'own' }] });
      expect((await r.users.classify(ana(w))).class).toBe('external');
    },
  },
  {
    name: 'an email at "exаmple.com" with a Cyrillic а (external under example.com)',
    call: (r, w) => r.users.update(ana(w), { email: `ana@${LOOK_ALIKE}` }),
    normalised: async (_result, r, w) => {
      expect((await storedAna(r, w)).email).toBe(`ana@${LOOK_ALIKE}`);
      expect(await r.users.classify(ana(w))).toEqual({
        class: 'external',
        reason: `external: domain ${LOOK_ALIKE_ASCII} is not in this environment's list`,
      });
    },
  },
  {
    name: 'an email at a subdomain of the look-alike (no match for *.example.com)',
    call: (r, w) => r.users.update(ana(w), { email: `ana@eu.${LOOK_ALIKE}` }),
    normalised: async (_result, r, w) => expect((await r.users.classify(ana(w))).class).toBe('external'),
  },
  {
    name: 'a look-alike and its punycode listed together (one domain, listed twice)',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: [LOOK_ALIKE, LOOK_ALIKE_ASCII] }),
    ...validation('domains.1'),
  },
  {
    name: 'an IDN rule entry "Bücher.de" (punycode) matching an email at BÜCHER.de',
    call: async (r, w) => {
      await r.users.update(ana(w), { email: 'ana@BÜCHER.de' });
      return r.environments.setRules(eu(w), { mode: 'domains', domains: ['Bücher.de'] });
    },
    normalised: async (rules, r, w) => {
      expect(rules).toEqual({ mode: 'domains', domains: [{ domain: 'xn--bcher-kva.de', relation: 'own' }] });
      expect((await r.users.classify(ana(w))).matchedDomain).toBe('xn--bcher-kva.de');
    },
  },
  {
    name: 'a rule entry in fullwidth Latin letters (UTS 46 maps it to example.com)',
    call: (r, w) => r.environments.setRules(qa(w), { mode: 'domains', domains: ['ｅｘａｍｐｌｅ.com'] }),
    normalised: (rules) =>
      expect(rules).toEqual({ mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] }),
  },
  {
    name: 'a rule entry with a trailing dot and capitals',
    call: (r, w) => r.environments.setRules(qa(w), { mode: 'domains', domains: ['Example.COM.'] }),
    normalised: (rules) =>
      expect(rules).toEqual({ mode: 'domains', domains: [{ domain: 'example.com', relation: 'own' }] }),
  },
  {
    name: 'a rule entry with an ideographic full stop',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['example\u3002com'] }),
    ...validation('domains.0'),
  },
  {
    name: 'a rule entry with a scheme',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['https://example.com'] }),
    ...validation('domains.0'),
  },
  {
    name: 'a rule entry "*.com"',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['*.com'] }),
    ...validation('domains.0'),
  },
  {
    name: 'a rule entry that is an IP address',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: ['10.0.0.1'] }),
    ...validation('domains.0'),
  },
  {
    name: 'a rule entry with a label over 63 characters',
    call: (r, w) => r.environments.setRules(eu(w), { mode: 'domains', domains: [`${'a'.repeat(64)}.com`] }),
    ...validation('domains.0'),
  },
];

const emails: Case[] = [
  {
    name: 'an email with a quoted local part',
    call: (r, w) => r.users.update(ana(w), { email: '"ana lee"@example.com' }),
    ...validation('email'),
  },
  {
    name: 'an email with a quoted local part holding an @',
    call: (r, w) => r.users.update(ana(w), { email: '"ana@x"@example.com' }),
    ...validation('email'),
  },
  {
    name: 'an email at an IPv4 literal',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@[192.168.0.1]' }),
    ...validation('email'),
  },
  {
    name: 'an email at a bare IPv4 address',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@192.168.0.1' }),
    ...validation('email'),
  },
  {
    name: 'an email at an IPv6 literal',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@[IPv6:::1]' }),
    ...validation('email'),
  },
  {
    name: 'an email with a display name',
    call: (r, w) => r.users.update(ana(w), { email: 'Ana <ana@example.com>' }),
    ...validation('email'),
  },
  {
    name: 'an email at a single-label host',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@localhost' }),
    ...validation('email'),
  },
  {
    name: 'an email with a local part over 64 characters',
    call: (r, w) => r.users.update(ana(w), { email: `${'a'.repeat(65)}@example.com` }),
    ...validation('email'),
  },
  {
    name: 'an email at an IDN domain (kept as written, compared in punycode)',
    call: (r, w) => r.users.update(ana(w), { email: 'ana@bücher.de' }),
    normalised: async (_result, r, w) => {
      expect((await storedAna(r, w)).email).toBe('ana@bücher.de');
      expect((await r.users.classify(ana(w))).reason).toBe(
        "external: domain xn--bcher-kva.de is not in this environment's list",
      );
    },
  },
];

const phones: Case[] = [
  {
    name: 'a phone number with letters',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: '+1 800 FLOWERS' }),
    ...validation('mobilePhone'),
  },
  {
    name: 'a phone number in Arabic-Indic digits',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: '٠١٢٣٤٥٦٧' }),
    ...validation('mobilePhone'),
  },
  {
    name: 'a phone number of five digits',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: '12345' }),
    ...validation('mobilePhone'),
  },
  {
    name: 'a phone number with an extension',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: '+351 912 345 678 ext. 12' }),
    ...validation('mobilePhone'),
  },
  {
    name: 'a tel: link as a phone number',
    call: (r, w) => r.users.update(ana(w), { mobilePhone: 'tel:+351912345678' }),
    ...validation('mobilePhone'),
  },
];

const dates: Case[] = [
  {
    name: 'a lastLogin without a zone',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-03-31T09:30:00' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin on 30 February',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-02-30T09:30:00Z' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin in month 13',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-13-01' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin at 24:00',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-03-31T24:00:00Z' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin at a leap second',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2016-12-31T23:59:60Z' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin with an offset of +25:00',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-03-31T09:30:00+25:00' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin with a six-digit year',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '+275760-09-13T00:00:00Z' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a lastLogin written day/month/year',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '31/03/2026' }),
    ...validation('lastLogin'),
  },
  {
    name: 'a billing period start on 29 February of a common year',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, periodStart: '2026-02-29' }),
    ...validation('periodStart'),
  },
  {
    name: 'a billing period start with a time',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, periodStart: '2026-04-01T00:00:00Z' }),
    ...validation('periodStart'),
  },
  {
    name: 'a dormancy "now" that is an invalid Date',
    call: (r) => r.users.dormant({ now: new Date('soon') }),
    ...validation('now'),
  },
  { name: 'a dormancy of 0 days', call: (r) => r.users.dormant({ days: 0 }), ...validation('days') },
  { name: 'a dormancy of a billion days', call: (r) => r.users.dormant({ days: 1e9 }), ...validation('days') },
  {
    name: 'a lastLogin with an offset (stored in UTC)',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-03-31T23:30:00-05:00' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).lastLogin).toBe('2026-04-01T04:30:00.000Z'),
  },
  {
    name: 'a lastLogin that is a date alone (midnight UTC)',
    call: (r, w) => r.users.update(ana(w), { lastLogin: '2026-03-31' }),
    normalised: async (_result, r, w) => expect((await storedAna(r, w)).lastLogin).toBe('2026-03-31T00:00:00.000Z'),
  },
];

const limits: Case[] = [
  {
    name: 'a negative limit',
    call: (r) => r.subscription.set({ model: 'internal-external', internalLimit: -1, externalLimit: 5 }),
    ...validation('internalLimit'),
  },
  {
    name: 'a limit of 1.5',
    call: (r) => r.subscription.set({ model: 'internal-external', internalLimit: 5, externalLimit: 1.5 }),
    ...validation('externalLimit'),
  },
  {
    name: 'a limit of 2^53 (no longer exact)',
    call: (r) => r.subscription.set(named(2 ** 53)),
    ...validation('namedLimit'),
  },
  { name: 'a limit of 10^21', call: (r) => r.subscription.set(named(1e21)), ...validation('namedLimit') },
  { name: 'a limit of Infinity', call: (r) => r.subscription.set(named(Infinity)), ...validation('namedLimit') },
  { name: 'a limit of NaN', call: (r) => r.subscription.set(named(NaN)), ...validation('namedLimit') },
  {
    name: 'a warning threshold of 0',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, warnAt: 0 }),
    ...validation('warnAt'),
  },
  {
    name: 'a warning threshold of 1.5',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, warnAt: 1.5 }),
    ...validation('warnAt'),
  },
  {
    name: 'a warning threshold of "90%"',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: 5, warnAt: '90%' as never }),
    ...validation('warnAt'),
  },
  {
    name: 'a page of 10,001 users',
    call: (r, w) => r.users.list({ environmentId: eu(w), limit: 10_001 }),
    ...validation('limit'),
  },
  {
    name: 'a negative offset',
    call: (r, w) => r.users.list({ environmentId: eu(w), offset: -1 }),
    ...validation('offset'),
  },
  {
    name: 'a limit of -0 (stored as 0)',
    call: (r) => r.subscription.set(named(-0)),
    normalised: async (result, r) => {
      // -0 would be shown as "-0" by Intl.NumberFormat; toBe tells +0 from -0 (Object.is).
      expect((result as { namedLimit: number }).namedLimit).toBe(0);
      expect((await r.subscription.get()) as { namedLimit: number }).toMatchObject({ namedLimit: 0 });
      expect(Object.is(((await r.subscription.get()) as { namedLimit: number }).namedLimit, 0)).toBe(true);
    },
  },
];

const ids: Case[] = [
  {
    name: 'adding a user of another environment to a group',
    call: (r, w) => r.groups.addUsers(w.groups.sales.id, [w.users.quinn.id]),
    ...validation('userIds.0'),
  },
  {
    name: 'granting a role of another environment to a user',
    call: (r, w) => r.roles.grantToUser(w.roles.tester.id, ana(w)),
    ...validation('roleId'),
  },
  {
    name: 'granting a role of another environment to a group',
    call: (r, w) => r.roles.grantToGroup(w.roles.manager.id, w.groups.testers.id),
    ...validation('roleId'),
  },
  {
    name: 'removing a user of another environment from a group (ignored)',
    call: (r, w) => r.groups.removeUsers(w.groups.sales.id, [w.users.quinn.id]),
    unchanged: async (_result, r, w) => expect((await r.groups.members(w.groups.sales.id)).length).toBe(2),
  },
  {
    name: 'adding users who are already members (ignored)',
    call: (r, w) => r.groups.addUsers(w.groups.sales.id, [ana(w), w.users.bob.id]),
    unchanged: async (_result, r, w) => expect((await r.groups.members(w.groups.sales.id)).length).toBe(2),
  },
  {
    name: 'updating a deleted user',
    prepare: (r, w) => r.users.delete(w.users.dan.id),
    call: (r, w) => r.users.update(w.users.dan.id, { name: 'Dan' }),
    ...notFound('id'),
  },
  {
    name: 'adding a deleted user to a group',
    prepare: (r, w) => r.users.delete(w.users.dan.id),
    call: (r, w) => r.groups.addUsers(w.groups.support.id, [w.users.dan.id]),
    ...notFound('userIds.0'),
  },
  {
    name: 'granting a deleted role',
    prepare: (r, w) => r.roles.delete(w.roles.viewer.id),
    call: (r, w) => r.roles.grantToUser(w.roles.viewer.id, ana(w)),
    ...notFound('roleId'),
  },
  {
    name: 'renaming a deleted group',
    prepare: (r, w) => r.groups.delete(w.groups.support.id),
    call: (r, w) => r.groups.update(w.groups.support.id, { name: 'Help' }),
    ...notFound('id'),
  },
  {
    name: 'creating a user in a deleted environment',
    prepare: (r, w) => r.environments.delete(w.environments.productionUs.id),
    call: (r, w) => r.users.create({ environmentId: w.environments.productionUs.id, username: 'x' }),
    ...notFound('environmentId'),
  },
  {
    name: 'deactivating a deleted user among live ones',
    prepare: (r, w) => r.users.delete(w.users.dan.id),
    call: (r, w) => r.users.setActiveMany([ana(w), w.users.dan.id], false),
    ...notFound('ids.1'),
  },
  { name: 'a user id given as a number', call: (r) => r.users.update(5 as never, { name: 'X' }), ...notFound('id') },
];

const builtInRoles: Case[] = [
  {
    name: 'granting Registered to a user',
    call: (r, w) => r.roles.grantToUser(w.roles.registered.id, ana(w)),
    ...validation('roleId'),
  },
  {
    name: 'revoking Anonymous from a user',
    call: (r, w) => r.roles.revokeFromUser(w.roles.anonymous.id, ana(w)),
    ...validation('roleId'),
  },
  {
    name: 'granting Registered to a group',
    call: (r, w) => r.roles.grantToGroup(w.roles.registered.id, w.groups.sales.id),
    ...validation('roleId'),
  },
  { name: 'deleting Registered', call: (r, w) => r.roles.delete(w.roles.registered.id), ...validation('id') },
  {
    name: 'listing the holders of Anonymous',
    call: (r, w) => r.roles.holders(w.roles.anonymous.id),
    ...validation('roleId'),
  },
  {
    name: 'creating a second System / Registered',
    call: (r, w) => r.roles.create({ environmentId: eu(w), application: 'system', name: 'registered' }),
    refused: { code: 'conflict', path: 'name' },
  },
];

const timeRanges: Case[] = [
  {
    name: 'an activity time range whose from is after its to',
    call: (r) => r.activity.list({ from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
    ...validation('to'),
    message: /^to must be after from\.$/,
  },
  {
    name: 'an activity time range of no length (from equals to)',
    call: (r) => r.activity.exportCsv({ from: '2026-03-01', to: '2026-03-01T00:00:00Z' }),
    ...validation('to'),
  },
];

const BAD_INPUTS = {
  'wrong types': wrongTypes,
  'missing and unknown keys': missingAndUnknownKeys,
  '__proto__ and constructor keys': prototypeKeys,
  'empty and whitespace-only values': emptyValues,
  '1 MB strings': hugeStrings,
  'control characters': controlCharacters,
  'zero-width and direction characters': invisibleCharacters,
  'look-alike, IDN and malformed domains': domains,
  'email addresses': emails,
  'phone numbers': phones,
  dates: dates,
  'limits and numbers': limits,
  'ids of another environment, deleted ids': ids,
  'built-in roles': builtInRoles,
  'activity time ranges': timeRanges,
} satisfies Record<string, Case[]>;

for (const [group, cases] of Object.entries(BAD_INPUTS)) {
  describe(group, () => {
    it.for(cases)('$name', async (badInput, { roster }) => {
      const world = await seedWorld(roster);
      await badInput.prepare?.(roster, world);
      await roster.ready();
      const before = await dump(roster.name);

      if (badInput.refused) {
        const error = await rosterErrorOf(badInput.call(roster, world));
        expect(error.code).toBe(badInput.refused.code);
        expect(error.issues.map((issue) => issue.path)).toContain(badInput.refused.path);
        // A sentence for a person: words, ending with a full stop.
        for (const issue of error.issues) expect(issue.message).toMatch(/^\S.{4,}\.$/s);
        if (badInput.message) {
          const named = error.issues.find((issue) => issue.path === badInput.refused?.path);
          expect(named?.message).toMatch(badInput.message);
        }
      } else {
        const result = await badInput.call(roster, world);
        await (badInput.normalised ?? badInput.unchanged)?.(result, roster, world);
      }

      if (badInput.normalised) return;
      const after = await dump(roster.name);
      expect(after).toStrictEqual(before);
      expect(serialize(after).equals(serialize(before))).toBe(true);
    });
  });
}
