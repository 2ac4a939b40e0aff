/**
 * The nothing-written guarantee: a call that throws leaves every readable part of the
 * database as it was, down to the audit log. Each row names one kind of failing write.
 */
import { describe, expect } from 'vitest';
import type { RosterErrorCode, Roster } from '../../src/api';
import { rosterErrorOf } from '../factories/errors';
import { aUser } from '../factories/inputs';
import { it } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { seedWorld, type World } from '../factories/world';

interface FailingWrite {
  write: string;
  code: RosterErrorCode;
  call: (roster: Roster, world: World) => Promise<unknown>;
}

const failingWrites: FailingWrite[] = [
  // validation
  {
    write: 'creating a user with an invalid email',
    code: 'validation',
    call: (r, w) => r.users.create(aUser(w.environments.productionEu.id, { email: 'nope' })),
  },
  {
    write: 'createMany with one bad item among good ones',
    code: 'validation',
    call: (r, w) => {
      const id = w.environments.productionEu.id;
      return r.users.createMany([aUser(id), aUser(id), aUser(id, { mobilePhone: 'call me' }), aUser(id)]);
    },
  },
  {
    write: 'updating a user with an invalid phone',
    code: 'validation',
    call: (r, w) => r.users.update(w.users.ana.id, { name: 'Changed', mobilePhone: '1' }),
  },
  {
    write: 'setting isActive to something not boolean',
    code: 'validation',
    call: (r, w) => r.users.setActive(w.users.ana.id, 'no' as never),
  },
  {
    write: 'creating an environment with a bad kind',
    code: 'validation',
    call: (r) => r.environments.create({ name: 'Staging', kind: 'staging' as never }),
  },
  {
    write: 'updating an environment with a bad version',
    code: 'validation',
    call: (r, w) => r.environments.update(w.environments.qa.id, { name: 'QA 2', platformVersion: 'v11' }),
  },
  {
    write: 'setting rules with one invalid entry',
    code: 'validation',
    call: (r, w) =>
      r.environments.setRules(w.environments.productionEu.id, { mode: 'domains', domains: ['gmail.com', '*.com'] }),
  },
  {
    write: 'creating a group without a name',
    code: 'validation',
    call: (r, w) => r.groups.create({ environmentId: w.environments.productionEu.id, name: '' }),
  },
  {
    write: 'adding a member of another environment',
    code: 'validation',
    call: (r, w) => r.groups.addUsers(w.groups.sales.id, [w.users.carla.id, w.users.quinn.id]),
  },
  {
    write: 'creating a role with a slash in its name',
    code: 'validation',
    call: (r, w) => r.roles.create({ environmentId: w.environments.qa.id, application: 'A', name: 'b/c' }),
  },
  {
    write: 'granting the built-in role Registered',
    code: 'validation',
    call: (r, w) => r.roles.grantToUser(w.roles.registered.id, w.users.carla.id),
  },
  {
    write: 'granting a built-in role to a group',
    code: 'validation',
    call: (r, w) => r.roles.grantToGroup(w.roles.anonymous.id, w.groups.sales.id),
  },
  {
    write: 'revoking a built-in role',
    code: 'validation',
    call: (r, w) => r.roles.revokeFromUser(w.roles.registered.id, w.users.ana.id),
  },
  {
    write: 'granting a role of another environment',
    code: 'validation',
    call: (r, w) => r.roles.grantToUser(w.roles.tester.id, w.users.ana.id),
  },
  {
    write: 'granting a role of another environment to a group',
    code: 'validation',
    call: (r, w) => r.roles.grantToGroup(w.roles.manager.id, w.groups.testers.id),
  },
  { write: 'deleting a built-in role', code: 'validation', call: (r, w) => r.roles.delete(w.roles.anonymous.id) },
  {
    write: 'setting a subscription with a negative limit',
    code: 'validation',
    call: (r) => r.subscription.set({ model: 'named', namedLimit: -5 }),
  },
  // conflict
  {
    write: 'creating a user whose username exists in another case',
    code: 'conflict',
    call: (r, w) => r.users.create(aUser(w.environments.productionEu.id, { username: 'ANA' })),
  },
  {
    write: 'createMany with a conflict in the middle of the batch',
    code: 'conflict',
    call: (r, w) => {
      const id = w.environments.productionEu.id;
      return r.users.createMany([aUser(id), aUser(id), aUser(id, { username: 'Bob' }), aUser(id), aUser(id)]);
    },
  },
  {
    write: 'createMany with the same username twice',
    code: 'conflict',
    call: (r, w) => {
      const id = w.environments.qa.id;
      return r.users.createMany([aUser(id, { username: 'twin' }), aUser(id), aUser(id, { username: 'TWIN' })]);
    },
  },
  {
    write: 'renaming a user to a taken username',
    code: 'conflict',
    call: (r, w) => r.users.update(w.users.bob.id, { name: 'Robert', username: 'Carla' }),
  },
  {
    write: 'creating a group whose name exists in another case',
    code: 'conflict',
    call: (r, w) => r.groups.create({ environmentId: w.environments.productionEu.id, name: 'SALES' }),
  },
  {
    write: 'renaming a group to a taken name',
    code: 'conflict',
    call: (r, w) => r.groups.update(w.groups.support.id, { name: 'sales', description: 'changed' }),
  },
  {
    write: 'creating an environment whose name exists',
    code: 'conflict',
    call: (r) => r.environments.create({ name: 'qa', kind: 'production' }),
  },
  {
    write: 'creating a role that exists',
    code: 'conflict',
    call: (r, w) =>
      r.roles.create({ environmentId: w.environments.productionEu.id, application: 'sales', name: 'MANAGER' }),
  },
  // not-found
  {
    write: 'updating a user that does not exist',
    code: 'not-found',
    call: (r) => r.users.update('no-such-user', { name: 'X' }),
  },
  { write: 'deleting a user that does not exist', code: 'not-found', call: (r) => r.users.delete('no-such-user') },
  {
    write: 'deactivating a user that does not exist',
    code: 'not-found',
    call: (r) => r.users.setActive('no-such-user', false),
  },
  {
    write: 'creating a user in an environment that does not exist',
    code: 'not-found',
    call: (r) => r.users.create(aUser('no-such-environment')),
  },
  {
    write: 'createMany with one item in an environment that does not exist',
    code: 'not-found',
    call: (r, w) =>
      r.users.createMany([aUser(w.environments.qa.id), aUser('no-such-environment'), aUser(w.environments.qa.id)]),
  },
  {
    write: 'adding a user that does not exist among real ones',
    code: 'not-found',
    call: (r, w) => r.groups.addUsers(w.groups.sales.id, [w.users.carla.id, 'no-such-user']),
  },
  {
    write: 'removing members from a group that does not exist',
    code: 'not-found',
    call: (r, w) => r.groups.removeUsers('no-such-group', [w.users.ana.id]),
  },
  {
    write: 'removing members given as something not a list',
    code: 'validation',
    call: (r, w) => r.groups.removeUsers(w.groups.sales.id, w.users.ana.id as never),
  },
  {
    write: 'adding members to a group that does not exist',
    code: 'not-found',
    call: (r, w) => r.groups.addUsers('no-such-group', [w.users.carla.id]),
  },
  {
    write: 'updating a group that does not exist',
    code: 'not-found',
    call: (r) => r.groups.update('no-such-group', { name: 'X' }),
  },
  { write: 'deleting a group that does not exist', code: 'not-found', call: (r) => r.groups.delete('no-such-group') },
  {
    write: 'granting a role that does not exist',
    code: 'not-found',
    call: (r, w) => r.roles.grantToUser('no-such-role', w.users.carla.id),
  },
  {
    write: 'granting a role to a user that does not exist',
    code: 'not-found',
    call: (r, w) => r.roles.grantToUser(w.roles.viewer.id, 'no-such-user'),
  },
  {
    write: 'granting a role to a group that does not exist',
    code: 'not-found',
    call: (r, w) => r.roles.grantToGroup(w.roles.viewer.id, 'no-such-group'),
  },
  {
    write: 'revoking a role from a group that does not exist',
    code: 'not-found',
    call: (r, w) => r.roles.revokeFromGroup(w.roles.viewer.id, 'no-such-group'),
  },
  { write: 'deleting a role that does not exist', code: 'not-found', call: (r) => r.roles.delete('no-such-role') },
  {
    write: 'creating a group in an environment that does not exist',
    code: 'not-found',
    call: (r) => r.groups.create({ environmentId: 'no-such-environment', name: 'G' }),
  },
  {
    write: 'creating a role in an environment that does not exist',
    code: 'not-found',
    call: (r) => r.roles.create({ environmentId: 'no-such-environment', application: 'A', name: 'B' }),
  },
  {
    write: 'updating an environment that does not exist',
    code: 'not-found',
    call: (r) => r.environments.update('no-such-environment', { name: 'X' }),
  },
  {
    write: 'deleting an environment that does not exist',
    code: 'not-found',
    call: (r) => r.environments.delete('no-such-environment'),
  },
  {
    write: 'setting the rules of an environment that does not exist',
    code: 'not-found',
    call: (r) => r.environments.setRules('no-such-environment', { mode: 'domains', domains: ['example.com'] }),
  },
];

describe('a failing write writes nothing', () => {
  it.for(failingWrites)('$write: throws $code and leaves every read as it was', async ({ code, call }, { roster }) => {
    const world = await seedWorld(roster);
    const before = await snapshotOf(roster);

    const error = await rosterErrorOf(call(roster, world));

    expect(error.code).toBe(code);
    expect(error.issues.length).toBeGreaterThan(0);
    const after = await snapshotOf(roster);
    expect(after).toEqual(before);
  });
});

/**
 * Control: the snapshot sees each of these successful writes, so an unchanged snapshot above
 * means nothing was written.
 */
const succeedingWrites: { write: string; call: (roster: Roster, world: World) => Promise<unknown> }[] = [
  { write: 'creating a user', call: (r, w) => r.users.create(aUser(w.environments.qa.id)) },
  {
    write: 'creating users in a batch',
    call: (r, w) => r.users.createMany([aUser(w.environments.qa.id), aUser(w.environments.qa.id)]),
  },
  { write: 'renaming a user', call: (r, w) => r.users.update(w.users.dan.id, { name: 'Dan' }) },
  { write: 'deactivating a user', call: (r, w) => r.users.setActive(w.users.carla.id, false) },
  { write: 'deleting a user', call: (r, w) => r.users.delete(w.users.dan.id) },
  { write: 'adding a member', call: (r, w) => r.groups.addUsers(w.groups.support.id, [w.users.carla.id]) },
  { write: 'removing a member', call: (r, w) => r.groups.removeUsers(w.groups.sales.id, [w.users.bob.id]) },
  { write: 'describing a group', call: (r, w) => r.groups.update(w.groups.support.id, { description: 'Help desk' }) },
  { write: 'granting a role to a user', call: (r, w) => r.roles.grantToUser(w.roles.viewer.id, w.users.carla.id) },
  {
    write: 'granting a role to a group',
    call: (r, w) => r.roles.grantToGroup(w.roles.manager.id, w.groups.support.id),
  },
  {
    write: 'revoking a role from a group',
    call: (r, w) => r.roles.revokeFromGroup(w.roles.viewer.id, w.groups.sales.id),
  },
  {
    write: 'creating a role',
    call: (r, w) => r.roles.create({ environmentId: w.environments.qa.id, application: 'HR', name: 'Admin' }),
  },
  {
    write: 'setting rules',
    call: (r, w) => r.environments.setRules(w.environments.qa.id, { mode: 'domains', domains: ['example.com'] }),
  },
  {
    write: 'upgrading an environment',
    call: (r, w) => r.environments.update(w.environments.qa.id, { platformVersion: '11.20' }),
  },
  { write: 'setting the subscription', call: (r) => r.subscription.set({ model: 'named', namedLimit: 3 }) },
];

describe('the snapshot used above', () => {
  it.for(succeedingWrites)('changes after $write, even leaving the audit log aside', async ({ call }, { roster }) => {
    const world = await seedWorld(roster);
    const { audit: _before, ...before } = await snapshotOf(roster);

    await call(roster, world);

    const { audit: _after, ...after } = await snapshotOf(roster);
    expect(after).not.toEqual(before);
  });
});
