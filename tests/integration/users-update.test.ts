import { describe, expect } from 'vitest';
import type { Roster, UserPatch } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aUser, anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';

async function anEnvironmentIn(roster: Roster) {
  return roster.environments.create(anEnvironment());
}

describe('users.update', () => {
  it('changes only the fields given, moves updatedAt and keeps createdAt', async ({ roster, clock }) => {
    const environment = await anEnvironmentIn(roster);
    const ana = await roster.users.create({
      environmentId: environment.id,
      username: 'ana',
      name: 'Ana',
      email: 'ana@example.com',
      mobilePhone: '123456',
    });
    clock.advanceDays(2);

    const updated = await roster.users.update(ana.id, { name: 'Ana Almeida', lastLogin: '2026-04-01T10:00:00Z' });

    expect(updated).toEqual({
      ...ana,
      name: 'Ana Almeida',
      lastLogin: '2026-04-01T10:00:00.000Z',
      updatedAt: clock.now().toISOString(),
    });
    expect(await roster.users.get(ana.id)).toEqual(updated);
  });

  it.for<{ field: keyof UserPatch; blank: null | '' }>([
    { field: 'name', blank: null },
    { field: 'email', blank: '' },
    { field: 'mobilePhone', blank: null },
    { field: 'lastLogin', blank: '' },
    { field: 'externalId', blank: null },
  ])('clears $field when given $blank', async ({ field, blank }, { roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create({
      environmentId: environment.id,
      username: 'full',
      name: 'Full',
      email: 'full@example.com',
      mobilePhone: '123456',
      lastLogin: '2026-01-01T00:00:00Z',
      externalId: 'x1',
    });

    const updated = await roster.users.update(user.id, { [field]: blank });

    expect(updated).not.toHaveProperty(field);
    expect(await roster.users.get(user.id)).not.toHaveProperty(field);
  });

  it('may change the case of its own username', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const ana = await roster.users.create(aUser(environment.id, { username: 'ana' }));

    expect((await roster.users.update(ana.id, { username: 'ANA' })).username).toBe('ANA');
  });

  it('refuses the username of another user, whatever its case', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.create(aUser(environment.id, { username: 'ana' }));
    const bob = await roster.users.create(aUser(environment.id, { username: 'bob' }));

    expect(await failureOf(roster.users.update(bob.id, { username: 'Ana' }))).toEqual({
      code: 'conflict',
      paths: ['username'],
    });
    expect((await roster.users.get(bob.id))?.username).toBe('bob');
  });

  it.for<{ case: string; patch: unknown; paths: string[] }>([
    { case: 'a bad email', patch: { email: 'ana(at)example.com' }, paths: ['email'] },
    { case: 'a bad phone', patch: { mobilePhone: '12' }, paths: ['mobilePhone'] },
    { case: 'a bad date', patch: { lastLogin: 'last week' }, paths: ['lastLogin'] },
    { case: 'an empty username', patch: { username: '' }, paths: ['username'] },
    { case: 'a move to another environment', patch: { environmentId: 'other' }, paths: ['environmentId'] },
    { case: 'isActive as text', patch: { isActive: 'false' }, paths: ['isActive'] },
    { case: 'an unknown field', patch: { nickname: 'Annie' }, paths: ['nickname'] },
  ])('refuses $case, naming the field', async ({ patch, paths }, { roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id));

    expect(await failureOf(roster.users.update(user.id, patch as UserPatch))).toEqual({ code: 'validation', paths });
    expect(await roster.users.get(user.id)).toEqual(user);
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.update('no-such-user', { name: 'X' }))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('users.setActive', () => {
  it('deactivates and reactivates a user', async ({ roster, clock }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id));
    clock.advanceMinutes(5);

    const deactivated = await roster.users.setActive(user.id, false);
    const reactivated = await roster.users.setActive(user.id, true);

    expect(deactivated).toEqual({ ...user, isActive: false, updatedAt: clock.now().toISOString() });
    expect(reactivated).toEqual({ ...user, isActive: true, updatedAt: clock.now().toISOString() });
  });

  it('refuses a value that is not a boolean', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id));

    expect(await failureOf(roster.users.setActive(user.id, 0 as never))).toEqual({
      code: 'validation',
      paths: ['isActive'],
    });
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.users.setActive('no-such-user', false))).toEqual({
      code: 'not-found',
      paths: ['id'],
    });
  });
});

describe('users.delete', () => {
  it('removes the user for good and frees the username', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id, { username: 'ana' }));

    await roster.users.delete(user.id);

    expect(await roster.users.get(user.id)).toBeUndefined();
    expect(await roster.users.findByUsername(environment.id, 'ana')).toBeUndefined();
    expect((await roster.users.create(aUser(environment.id, { username: 'ANA' }))).id).not.toBe(user.id);
  });

  it('throws not-found for an id that does not exist, also the second time', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const user = await roster.users.create(aUser(environment.id));
    await roster.users.delete(user.id);

    expect(await failureOf(roster.users.delete(user.id))).toEqual({ code: 'not-found', paths: ['id'] });
  });
});

describe('an update that changes nothing', () => {
  it.for<{ what: string; patch: UserPatch }>([
    { what: 'an empty patch', patch: {} },
    { what: 'the same values', patch: { name: 'Ana', email: 'ana@example.com' } },
  ])('writes nothing for $what: updatedAt stays and no audit entry is added', async ({ patch }, { roster, clock }) => {
    const environment = await anEnvironmentIn(roster);
    const ana = await roster.users.create({
      environmentId: environment.id,
      username: 'ana',
      name: 'Ana',
      email: 'ana@example.com',
    });
    const auditBefore = await roster.audit.recent(1000);
    clock.advanceDays(1);

    expect(await roster.users.update(ana.id, patch)).toEqual(ana);
    expect(await roster.users.setActive(ana.id, true)).toEqual(ana);
    expect(await roster.users.get(ana.id)).toEqual(ana);
    expect(await roster.audit.recent(1000)).toEqual(auditBefore);
  });

  it('leaves environments and groups untouched too', async ({ roster, clock }) => {
    const environment = await anEnvironmentIn(roster);
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    clock.advanceDays(1);

    expect(await roster.environments.update(environment.id, { name: environment.name })).toEqual(environment);
    expect(await roster.groups.update(group.id, {})).toEqual(group);
  });
});
