import { describe, expect } from 'vitest';
import { RosterError, openRoster } from '../../src/api';
import { aUser, anEnvironment } from '../factories/inputs';
import { FIXED_NOW, TestClock, it, openTestRoster, uniqueDbName } from '../factories/roster';

describe('openRoster', () => {
  it('opens an empty database by the name given', async () => {
    const name = uniqueDbName();
    const roster = await openRoster(name);
    try {
      expect(roster.name).toBe(name);
      expect(await roster.environments.list()).toEqual([]);
      expect(await roster.subscription.get()).toBeUndefined();
    } finally {
      roster.close();
    }
  });

  it('finds the data again when the same database is opened later', async () => {
    const name = uniqueDbName();
    const first = await openTestRoster(new TestClock(), name);
    const environment = await first.environments.create(anEnvironment());
    const user = await first.users.create(aUser(environment.id));
    first.close();

    const second = await openTestRoster(new TestClock(), name);
    try {
      expect(await second.environments.list()).toEqual([environment]);
      expect(await second.users.get(user.id)).toEqual(user);
    } finally {
      second.close();
    }
  });

  it('keeps databases of different names apart', async ({ roster }) => {
    await roster.environments.create(anEnvironment());
    const other = await openTestRoster();
    try {
      expect(await other.environments.list()).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('uses the real clock when none is given', async () => {
    const roster = await openRoster(uniqueDbName());
    try {
      const before = Date.now();
      const environment = await roster.environments.create(anEnvironment());
      expect(Date.parse(environment.createdAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(environment.createdAt)).toBeLessThanOrEqual(Date.now());
    } finally {
      roster.close();
    }
  });
});

describe('close', () => {
  it('closes the connection: later calls reject, and the data is there when opened again', async () => {
    const name = uniqueDbName();
    const roster = await openTestRoster(new TestClock(), name);
    const environment = await roster.environments.create(anEnvironment());

    roster.close();

    await expect(roster.environments.list()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    const reopened = await openTestRoster(new TestClock(), name);
    try {
      expect(await reopened.environments.list()).toEqual([environment]);
    } finally {
      reopened.close();
    }
  });
});

describe('RosterError', () => {
  it('is an Error with a code, the fields at fault and a message that names them', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    const error = await roster.users
      .create(aUser(environment.id, { email: 'nope' }))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RosterError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'RosterError',
      code: 'validation',
      issues: [{ path: 'email', message: expect.any(String) }],
    });
    expect((error as RosterError).message).toContain('email');
  });
});

describe('audit.recent', () => {
  it('records each change, newest first, with the fields that changed', async ({ roster, clock }) => {
    const environment = await roster.environments.create(anEnvironment());
    clock.advanceMinutes(1);
    const user = await roster.users.create(aUser(environment.id, { username: 'ana', name: 'Ana' }));
    clock.advanceMinutes(1);
    await roster.users.update(user.id, { name: 'Ana Almeida' });

    const entries = await roster.audit.recent();

    expect(entries.map((entry) => [entry.action, entry.entity])).toEqual([
      ['update', 'user'],
      ['create', 'user'],
      ['create', 'environment'],
    ]);
    expect(entries[0]).toMatchObject({
      at: clock.now().toISOString(),
      entityId: user.id,
      environmentId: environment.id,
      changes: { name: { before: 'Ana', after: 'Ana Almeida' } },
    });
    expect(entries[2]?.at).toBe(FIXED_NOW.toISOString());
  });

  it('returns at most the number of entries asked for', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.users.create(aUser(environment.id));
    await roster.users.create(aUser(environment.id));

    expect(await roster.audit.recent(2)).toHaveLength(2);
  });

  it('records a batch as one entry per environment', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    await roster.users.createMany([aUser(environment.id), aUser(environment.id), aUser(environment.id)]);

    expect((await roster.audit.recent(1))[0]).toMatchObject({
      action: 'create-many',
      entity: 'user',
      environmentId: environment.id,
      summary: 'created 3 users',
    });
  });
});
