import { describe, expect } from 'vitest';
import type { Roster, UserCreateInput } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aUser, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, it } from '../factories/roster';

async function anEnvironmentIn(roster: Roster) {
  return roster.environments.create(anEnvironment());
}

describe('users.create', () => {
  it('returns the stored user with a string id, active by default, dated by the clock', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const user = await roster.users.create({
      environmentId: environment.id,
      username: '  ana ',
      name: 'Ana Almeida',
      email: 'ana@example.com',
    });

    expect(user).toEqual({
      id: expect.any(String),
      environmentId: environment.id,
      username: 'ana',
      name: 'Ana Almeida',
      email: 'ana@example.com',
      isActive: true,
      tenantId: `${environment.id}.default`,
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await roster.users.get(user.id)).toEqual(user);
  });

  it('keeps every optional field it is given, with lastLogin in UTC', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const user = await roster.users.create({
      environmentId: environment.id,
      username: 'bob',
      name: 'Bob Brown',
      email: 'bob@example.com',
      mobilePhone: '+351 912 345 678',
      isActive: false,
      lastLogin: '2026-03-31T11:30:00+02:00',
      externalId: 'ext-42',
    });

    expect(user).toMatchObject({
      mobilePhone: '+351 912 345 678',
      isActive: false,
      lastLogin: '2026-03-31T09:30:00.000Z',
      externalId: 'ext-42',
    });
    expect(await roster.users.get(user.id)).toEqual(user);
  });

  it('stores blank optional fields as absent', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const user = await roster.users.create({
      environmentId: environment.id,
      username: 'cy',
      name: '  ',
      email: '',
      mobilePhone: null,
      lastLogin: '',
    });

    expect(Object.keys(user).sort()).toEqual([
      'createdAt',
      'environmentId',
      'id',
      'isActive',
      'tenantId',
      'updatedAt',
      'username',
    ]);
  });

  it('answers isActive as a boolean wherever a user is returned', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const group = await roster.groups.create({ environmentId: environment.id, name: 'All' });
    const active = await roster.users.create(aUser(environment.id, { lastLogin: '2020-01-01T00:00:00Z' }));
    const inactive = await roster.users.create(aUser(environment.id, { isActive: false }));
    await roster.groups.addUsers(group.id, [active.id, inactive.id]);

    const returned = [
      active,
      inactive,
      await roster.users.get(active.id),
      await roster.users.findByUsername(environment.id, inactive.username),
      await roster.users.setActive(inactive.id, false),
      await roster.users.update(active.id, { name: 'Ana' }),
      ...(await roster.users.list({ environmentId: environment.id })).items,
      ...(await roster.groups.members(group.id)),
      ...(await roster.users.dormant({ now: FIXED_NOW })),
      ...(await roster.users.createMany([aUser(environment.id)])),
    ];

    expect(returned.map((user) => typeof user?.isActive)).toEqual(returned.map(() => 'boolean'));
  });

  it.for([
    'ana@example.com',
    'ana@bücher.example',
    'josé.silva@exemplo.pt',
    'ana+tag@mail.sub.example.co.uk',
    "o'brien@example.ie",
  ])('accepts the email %s', async (email, { roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect((await roster.users.create(aUser(environment.id, { email }))).email).toBe(email);
  });

  it.for([
    'ana',
    'ana@',
    '@example.com',
    'ana@example',
    'ana @example.com',
    'ana@example.com.',
    'ana@@example.com',
    'ana@exa mple.com',
  ])('refuses the email %j, naming the field', async (email, { roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect(await failureOf(roster.users.create(aUser(environment.id, { email })))).toEqual({
      code: 'validation',
      paths: ['email'],
    });
  });

  it.for(['123456', '+351 912 345 678', '(21) 555-0100', '+1 (555) 010-0000', '1'.repeat(20)])(
    'accepts the phone %s',
    async (mobilePhone, { roster }) => {
      const environment = await anEnvironmentIn(roster);

      expect((await roster.users.create(aUser(environment.id, { mobilePhone }))).mobilePhone).toBe(mobilePhone);
    },
  );

  it.for([
    { case: 'five digits', mobilePhone: '12345' },
    { case: 'twenty-one digits', mobilePhone: '1'.repeat(21) },
    { case: 'letters', mobilePhone: '+351 912 ABC 678' },
    { case: 'dots', mobilePhone: '912.345.678' },
    { case: 'a hash', mobilePhone: '#1234567' },
    { case: 'no digits at all', mobilePhone: '+() -' },
  ])('refuses a phone with $case, naming the field', async ({ mobilePhone }, { roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect(await failureOf(roster.users.create(aUser(environment.id, { mobilePhone })))).toEqual({
      code: 'validation',
      paths: ['mobilePhone'],
    });
  });

  it.for([
    { lastLogin: '2026-03-31T09:30:00Z', stored: '2026-03-31T09:30:00.000Z' },
    { lastLogin: '2026-03-31T09:30:00.123+01:00', stored: '2026-03-31T08:30:00.123Z' },
    { lastLogin: '2026-03-31', stored: '2026-03-31T00:00:00.000Z' },
    { lastLogin: '2024-02-29T23:59:59.999Z', stored: '2024-02-29T23:59:59.999Z' },
    { lastLogin: '0001-01-01T00:00:00.000Z', stored: '0001-01-01T00:00:00.000Z' },
  ])('accepts the ISO date $lastLogin as last login', async ({ lastLogin, stored }, { roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect((await roster.users.create(aUser(environment.id, { lastLogin }))).lastLogin).toBe(stored);
  });

  it.for([
    'yesterday',
    '31/03/2026',
    '2026-13-01',
    '2026-03-31T25:00:00Z',
    '1711877400000',
    '2026-03-31T09:30',
    // As stored, but no such day or time.
    '2026-02-29T00:00:00.000Z',
    '2026-04-31T10:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
  ])('refuses %j as last login, naming the field', async (lastLogin, { roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect(await failureOf(roster.users.create(aUser(environment.id, { lastLogin })))).toEqual({
      code: 'validation',
      paths: ['lastLogin'],
    });
  });

  it('refuses a Date object as last login: dates are ISO strings', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect(await failureOf(roster.users.create(aUser(environment.id, { lastLogin: FIXED_NOW as never })))).toEqual({
      code: 'validation',
      paths: ['lastLogin'],
    });
  });

  it('validates the input before looking the environment up', async ({ roster }) => {
    expect(await failureOf(roster.users.create(aUser('no-such-environment', { email: 'nope' })))).toEqual({
      code: 'validation',
      paths: ['email'],
    });
  });

  it('names every offending field at once', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const failure = await failureOf(
      roster.users.create({
        environmentId: environment.id,
        username: ' ',
        email: 'nope',
        mobilePhone: '12',
        lastLogin: 'soon',
        isActive: 'yes' as never,
      }),
    );

    expect(failure.code).toBe('validation');
    expect(failure.paths.sort()).toEqual(['email', 'isActive', 'lastLogin', 'mobilePhone', 'username']);
  });

  it('names an unknown field by its own name', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const input = { ...aUser(environment.id), emial: 'ana@example.com' } as UserCreateInput;

    expect(await failureOf(roster.users.create(input))).toEqual({ code: 'validation', paths: ['emial'] });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.create(aUser('no-such-environment')))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });

  it.for(['ana', 'ANA', 'Ana', '  aNa  '])(
    'refuses the username %j when "ana" exists',
    async (username, { roster }) => {
      const environment = await anEnvironmentIn(roster);
      await roster.users.create(aUser(environment.id, { username: 'ana' }));

      expect(await failureOf(roster.users.create(aUser(environment.id, { username })))).toEqual({
        code: 'conflict',
        paths: ['username'],
      });
    },
  );

  it('lets only one of two simultaneous creates of the same username through, the other failing with conflict', async ({
    roster,
  }) => {
    const environment = await anEnvironmentIn(roster);

    const outcomes = await Promise.allSettled([
      roster.users.create(aUser(environment.id, { username: 'ana' })),
      roster.users.create(aUser(environment.id, { username: 'ANA' })),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ name: 'RosterError', code: 'conflict' });
    expect((await roster.users.list({ environmentId: environment.id })).total).toBe(1);
  });

  it('accepts the same username in another environment', async ({ roster }) => {
    const first = await anEnvironmentIn(roster);
    const second = await anEnvironmentIn(roster);
    await roster.users.create(aUser(first.id, { username: 'ana' }));

    expect((await roster.users.create(aUser(second.id, { username: 'ANA' }))).username).toBe('ANA');
  });
});

describe('users.createMany', () => {
  it('creates every user in one call and returns them in order with their ids', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const inputs = [aUser(environment.id), aUser(environment.id, { isActive: false }), aUser(environment.id)];

    const users = await roster.users.createMany(inputs);

    expect(users.map((user) => user.username)).toEqual(inputs.map((input) => input.username));
    expect(new Set(users.map((user) => user.id)).size).toBe(3);
    for (const user of users) expect(await roster.users.get(user.id)).toEqual(user);
    expect((await roster.users.list({ environmentId: environment.id })).total).toBe(3);
  });

  it('spans environments in one call', async ({ roster }) => {
    const first = await anEnvironmentIn(roster);
    const second = await anEnvironmentIn(roster);

    const users = await roster.users.createMany([
      aUser(first.id, { username: 'ana' }),
      aUser(second.id, { username: 'ana' }),
    ]);

    expect(users.map((user) => user.environmentId)).toEqual([first.id, second.id]);
  });

  it('returns an empty list for an empty list', async ({ roster }) => {
    expect(await roster.users.createMany([])).toEqual([]);
  });

  it('returns each user exactly as stored, with only the fields it has', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const tenant = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });

    const users = await roster.users.createMany([
      { environmentId: environment.id, username: 'bare' },
      {
        environmentId: environment.id,
        tenantId: tenant.id,
        username: 'full',
        name: 'Full Name',
        email: 'full@example.com',
        mobilePhone: '+44 20 7946 0000',
        isActive: false,
        lastLogin: '2026-03-31T09:30:00Z',
        externalId: 'ext-1',
      },
      { environmentId: environment.id, username: 'cleared', name: '', email: null, lastLogin: '' },
    ]);

    for (const user of users) expect(user).toStrictEqual(await roster.users.get(user.id));
    expect(Object.keys(users[0]!).sort()).toEqual(
      ['createdAt', 'environmentId', 'id', 'isActive', 'tenantId', 'updatedAt', 'username'].sort(),
    );
    expect(users[1]).toMatchObject({ tenantId: tenant.id, lastLogin: '2026-03-31T09:30:00.000Z', isActive: false });
  });

  it('names each invalid item by its index and field', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const failure = await failureOf(
      roster.users.createMany([
        aUser(environment.id),
        aUser(environment.id, { email: 'not-an-email' }),
        aUser(environment.id),
        aUser(environment.id, { email: 'x@', mobilePhone: 'call me' }),
      ]),
    );

    expect(failure).toEqual({ code: 'validation', paths: ['1.email', '3.email', '3.mobilePhone'] });
  });

  it('names a username already taken by its index', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.create(aUser(environment.id, { username: 'ana' }));

    const failure = await failureOf(
      roster.users.createMany([
        aUser(environment.id),
        aUser(environment.id),
        aUser(environment.id, { username: 'Ana' }),
      ]),
    );

    expect(failure).toEqual({ code: 'conflict', paths: ['2.username'] });
  });

  it('names the second of two items with the same username, ignoring case', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const failure = await failureOf(
      roster.users.createMany([
        aUser(environment.id, { username: 'bob' }),
        aUser(environment.id),
        aUser(environment.id, { username: 'BOB' }),
      ]),
    );

    expect(failure).toEqual({ code: 'conflict', paths: ['2.username'] });
  });

  it('names the items of an environment that does not exist', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const failure = await failureOf(
      roster.users.createMany([aUser(environment.id), aUser('no-such-environment'), aUser('no-such-environment')]),
    );

    expect(failure).toEqual({ code: 'not-found', paths: ['1.environmentId', '2.environmentId'] });
  });

  it('names an unknown field of an item by index and name', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const failure = await failureOf(
      roster.users.createMany([aUser(environment.id), { ...aUser(environment.id), role: 'admin' } as UserCreateInput]),
    );

    expect(failure).toEqual({ code: 'validation', paths: ['1.role'] });
  });

  it('names an item that is not an object by its index', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    expect(await failureOf(roster.users.createMany([aUser(environment.id), 'ana' as never]))).toEqual({
      code: 'validation',
      paths: ['1'],
    });
  });

  it('refuses something that is not a list', async ({ roster }) => {
    expect((await failureOf(roster.users.createMany({} as never))).code).toBe('validation');
  });
});

describe('users.get and findByUsername', () => {
  it('answers undefined for an id that does not exist', async ({ roster }) => {
    expect(await roster.users.get('no-such-user')).toBeUndefined();
  });

  it.for(['ana.silva', 'ANA.SILVA', 'Ana.Silva', ' ana.silva '])(
    'finds "Ana.Silva" when asked for %j',
    async (username, { roster }) => {
      const environment = await anEnvironmentIn(roster);
      const ana = await roster.users.create(aUser(environment.id, { username: 'Ana.Silva' }));

      expect(await roster.users.findByUsername(environment.id, username)).toEqual(ana);
    },
  );

  it('answers undefined for a username nobody has', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.create(aUser(environment.id, { username: 'ana' }));

    expect(await roster.users.findByUsername(environment.id, 'an')).toBeUndefined();
  });

  it('looks only in the environment it is given', async ({ roster }) => {
    const first = await anEnvironmentIn(roster);
    const second = await anEnvironmentIn(roster);
    await roster.users.create(aUser(first.id, { username: 'ana' }));

    expect(await roster.users.findByUsername(second.id, 'ana')).toBeUndefined();
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.findByUsername('no-such-environment', 'ana'))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});
