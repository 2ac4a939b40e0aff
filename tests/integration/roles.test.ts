import { describe, expect } from 'vitest';
import type { RoleCreateInput, Roster } from '../../src/api';
import { failureOf } from '../factories/errors';
import { aGroup, aRole, aUser, anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';
import { rowsMentioning } from '../factories/stored-rows';
import { builtInRole } from '../factories/world';

/** An environment with a user, two groups the user belongs to, and two roles of the Sales application. */
async function seedGrants(roster: Roster) {
  const environment = await roster.environments.create(anEnvironment());
  const ana = await roster.users.create(aUser(environment.id, { username: 'ana' }));
  const sales = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
  const managers = await roster.groups.create({ environmentId: environment.id, name: 'Managers' });
  await roster.groups.addUsers(sales.id, [ana.id]);
  await roster.groups.addUsers(managers.id, [ana.id]);
  const viewer = await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Viewer' });
  const manager = await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Manager' });
  return { environment, ana, sales, managers, viewer, manager };
}

describe('roles.create, get and list', () => {
  it('returns the stored role with a string id, not built-in', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    const role = await roster.roles.create({ environmentId: environment.id, application: ' Sales ', name: 'Manager' });

    expect(role).toEqual({
      id: expect.any(String),
      environmentId: environment.id,
      application: 'Sales',
      name: 'Manager',
      builtIn: false,
    });
    expect(await roster.roles.get(role.id)).toEqual(role);
  });

  it('takes an application named with "/" (a SAML client URL), but no "/" in a role name', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const application = 'https://idp.example/saml/metadata';

    const role = await roster.roles.create({ environmentId: environment.id, application, name: 'Viewer' });
    expect(role).toMatchObject({ application, name: 'Viewer' });
    expect(
      await failureOf(roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'a/b' })),
    ).toEqual({ code: 'validation', paths: ['name'] });
  });

  it('answers undefined for an id that does not exist', async ({ roster }) => {
    expect(await roster.roles.get('no-such-role')).toBeUndefined();
  });

  it('lists the roles of one environment by application, then name, with the built-in ones', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Viewer' });
    await roster.roles.create({ environmentId: environment.id, application: 'HR', name: 'Admin' });
    await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Manager' });
    const other = await roster.environments.create(anEnvironment());
    await roster.roles.create({ environmentId: other.id, application: 'Elsewhere', name: 'Admin' });

    const roles = await roster.roles.list(environment.id);

    expect(roles.map((role) => `${role.application} / ${role.name}`)).toEqual([
      'HR / Admin',
      'Sales / Manager',
      'Sales / Viewer',
      'System / Anonymous',
      'System / Registered',
    ]);
  });

  it('refuses a role that exists already in the application, whatever its case', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Manager' });

    expect(
      await failureOf(roster.roles.create({ environmentId: environment.id, application: 'SALES', name: 'manager' })),
    ).toEqual({
      code: 'conflict',
      paths: ['name'],
    });
  });

  it('accepts the same role name in another application or another environment', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const other = await roster.environments.create(anEnvironment());
    await roster.roles.create({ environmentId: environment.id, application: 'Sales', name: 'Manager' });

    await roster.roles.create({ environmentId: environment.id, application: 'HR', name: 'Manager' });
    await roster.roles.create({ environmentId: other.id, application: 'Sales', name: 'Manager' });

    expect(await roster.roles.list(environment.id)).toHaveLength(4);
  });

  it.for<{ case: string; input: Record<string, unknown>; paths: string[] }>([
    { case: 'an empty application', input: { application: ' ' }, paths: ['application'] },
    { case: 'a name with a slash', input: { name: 'Sales/Manager' }, paths: ['name'] },
    { case: 'no name at all', input: { name: undefined }, paths: ['name'] },
    { case: 'an unknown field', input: { builtIn: true }, paths: ['builtIn'] },
  ])('refuses $case, naming the field', async ({ input, paths }, { roster }) => {
    const environment = await roster.environments.create(anEnvironment());

    expect(await failureOf(roster.roles.create({ ...aRole(environment.id), ...input } as RoleCreateInput))).toEqual({
      code: 'validation',
      paths,
    });
  });

  it('throws not-found for an environment that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.roles.create(aRole('no-such-environment')))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
    expect(await failureOf(roster.roles.list('no-such-environment'))).toEqual({
      code: 'not-found',
      paths: ['environmentId'],
    });
  });
});

describe('roles.delete', () => {
  it('removes the role and every grant of it', async ({ roster }) => {
    const { ana, sales, viewer, manager } = await seedGrants(roster);
    await roster.roles.grantToUser(viewer.id, ana.id);
    await roster.roles.grantToGroup(viewer.id, sales.id);
    await roster.roles.grantToUser(manager.id, ana.id);

    await roster.roles.delete(viewer.id);

    expect(await roster.roles.get(viewer.id)).toBeUndefined();
    expect((await roster.roles.effective(ana.id)).map((effective) => effective.role)).toEqual([manager]);
    expect(await roster.roles.ofGroup(sales.id)).toEqual([]);
  });

  it.for(['Anonymous', 'Registered'] as const)('refuses to delete the built-in role %s', async (name, { roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const role = await builtInRole(roster, environment.id, name);

    expect(await failureOf(roster.roles.delete(role.id))).toEqual({ code: 'validation', paths: ['id'] });
    expect(await roster.roles.get(role.id)).toEqual(role);
  });

  it('throws not-found for an id that does not exist', async ({ roster }) => {
    expect(await failureOf(roster.roles.delete('no-such-role'))).toEqual({ code: 'not-found', paths: ['id'] });
  });
});

describe('granting and revoking roles', () => {
  it('grants a role to a user directly', async ({ roster }) => {
    const { ana, viewer } = await seedGrants(roster);

    await roster.roles.grantToUser(viewer.id, ana.id);

    expect(await roster.roles.effective(ana.id)).toEqual([{ role: viewer, direct: true, inheritedFrom: [] }]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(true);
  });

  it('grants a role to a group, which its members inherit', async ({ roster }) => {
    const { ana, sales, viewer } = await seedGrants(roster);

    await roster.roles.grantToGroup(viewer.id, sales.id);

    expect(await roster.roles.ofGroup(sales.id)).toEqual([viewer]);
    expect(await roster.roles.effective(ana.id)).toEqual([{ role: viewer, direct: false, inheritedFrom: [sales] }]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(true);
  });

  it('lists every group a role is inherited from, and whether it is also direct', async ({ roster }) => {
    const { ana, sales, managers, viewer, manager } = await seedGrants(roster);
    await roster.roles.grantToGroup(viewer.id, sales.id);
    await roster.roles.grantToGroup(viewer.id, managers.id);
    await roster.roles.grantToGroup(manager.id, managers.id);
    await roster.roles.grantToUser(manager.id, ana.id);

    const effective = await roster.roles.effective(ana.id);

    expect(effective).toHaveLength(2);
    expect(effective.find((entry) => entry.role.id === viewer.id)).toEqual({
      role: viewer,
      direct: false,
      inheritedFrom: expect.arrayContaining([sales, managers]),
    });
    expect(effective.find((entry) => entry.role.id === viewer.id)?.inheritedFrom).toHaveLength(2);
    expect(effective.find((entry) => entry.role.id === manager.id)).toEqual({
      role: manager,
      direct: true,
      inheritedFrom: [managers],
    });
  });

  it('grants a role once however many times it is granted', async ({ roster }) => {
    const { ana, viewer } = await seedGrants(roster);

    await roster.roles.grantToUser(viewer.id, ana.id);
    await roster.roles.grantToUser(viewer.id, ana.id);

    expect(await roster.roles.effective(ana.id)).toHaveLength(1);
  });

  it('revokes a direct grant', async ({ roster }) => {
    const { ana, viewer } = await seedGrants(roster);
    await roster.roles.grantToUser(viewer.id, ana.id);

    await roster.roles.revokeFromUser(viewer.id, ana.id);

    expect(await roster.roles.effective(ana.id)).toEqual([]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(false);
  });

  it('revokes a grant to a group from all its members', async ({ roster }) => {
    const { ana, sales, viewer } = await seedGrants(roster);
    await roster.roles.grantToGroup(viewer.id, sales.id);

    await roster.roles.revokeFromGroup(viewer.id, sales.id);

    expect(await roster.roles.ofGroup(sales.id)).toEqual([]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(false);
  });

  it('answers false for a role never granted', async ({ roster }) => {
    const { ana, viewer } = await seedGrants(roster);

    expect(await roster.roles.check(ana.id, viewer.id)).toBe(false);
  });

  it('removes the inherited roles of a group the user leaves, but keeps a direct grant of the same role', async ({
    roster,
  }) => {
    const { ana, sales, viewer, manager } = await seedGrants(roster);
    await roster.roles.grantToGroup(viewer.id, sales.id);
    await roster.roles.grantToGroup(manager.id, sales.id);
    await roster.roles.grantToUser(manager.id, ana.id);

    await roster.groups.removeUsers(sales.id, [ana.id]);

    expect(await roster.roles.effective(ana.id)).toEqual([{ role: manager, direct: true, inheritedFrom: [] }]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(false);
    expect(await roster.roles.check(ana.id, manager.id)).toBe(true);
  });

  it('keeps a role inherited through another group when the user leaves one of them', async ({ roster }) => {
    const { ana, sales, managers, viewer } = await seedGrants(roster);
    await roster.roles.grantToGroup(viewer.id, sales.id);
    await roster.roles.grantToGroup(viewer.id, managers.id);

    await roster.groups.removeUsers(sales.id, [ana.id]);

    expect(await roster.roles.effective(ana.id)).toEqual([{ role: viewer, direct: false, inheritedFrom: [managers] }]);
  });

  it('gives an inactive user no effective roles, and gives them back on reactivation', async ({ roster }) => {
    const { ana, sales, viewer, manager } = await seedGrants(roster);
    await roster.roles.grantToGroup(viewer.id, sales.id);
    await roster.roles.grantToUser(manager.id, ana.id);
    const whileActive = await roster.roles.effective(ana.id);

    await roster.users.setActive(ana.id, false);

    expect(await roster.roles.effective(ana.id)).toEqual([]);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(false);
    expect(await roster.roles.check(ana.id, manager.id)).toBe(false);

    await roster.users.setActive(ana.id, true);

    expect(await roster.roles.effective(ana.id)).toEqual(whileActive);
    expect(await roster.roles.check(ana.id, viewer.id)).toBe(true);
    expect(await roster.roles.check(ana.id, manager.id)).toBe(true);
  });

  it('removes the grants of a deleted user', async ({ roster }) => {
    const { ana, viewer, environment } = await seedGrants(roster);
    await roster.roles.grantToUser(viewer.id, ana.id);

    await roster.users.delete(ana.id);

    expect(await rowsMentioning(roster.name, { userId: ana.id })).toEqual({
      memberships: 0,
      userRoles: 0,
      groupRoles: 0,
    });
    const newcomer = await roster.users.create(aUser(environment.id, { username: 'ana' }));
    expect(await roster.roles.effective(newcomer.id)).toEqual([]);
  });

  it.for([
    { method: 'grantToUser', builtIn: 'Anonymous' },
    { method: 'grantToUser', builtIn: 'Registered' },
    { method: 'revokeFromUser', builtIn: 'Registered' },
    { method: 'grantToGroup', builtIn: 'Anonymous' },
    { method: 'grantToGroup', builtIn: 'Registered' },
    { method: 'revokeFromGroup', builtIn: 'Anonymous' },
  ] as const)('refuses to $method the built-in role $builtIn', async ({ method, builtIn }, { roster }) => {
    const { environment, ana, sales } = await seedGrants(roster);
    const role = await builtInRole(roster, environment.id, builtIn);
    const holder = method.endsWith('User') ? ana.id : sales.id;

    expect(await failureOf(roster.roles[method](role.id, holder))).toEqual({ code: 'validation', paths: ['roleId'] });
    expect(await roster.roles.effective(ana.id)).toEqual([]);
  });

  it.for(['grantToUser', 'grantToGroup'] as const)(
    'refuses to %s a role of another environment',
    async (method, { roster }) => {
      const { ana, sales } = await seedGrants(roster);
      const other = await roster.environments.create(anEnvironment());
      const foreignRole = await roster.roles.create(aRole(other.id));

      const holder = method === 'grantToUser' ? ana.id : sales.id;

      expect(await failureOf(roster.roles[method](foreignRole.id, holder))).toEqual({
        code: 'validation',
        paths: ['roleId'],
      });
      expect(await roster.roles.effective(ana.id)).toEqual([]);
    },
  );

  it.for(['Anonymous', 'Registered'] as const)(
    'answers true for the built-in role %s while the user is active, false once inactive',
    async (name, { roster }) => {
      const { environment, ana } = await seedGrants(roster);
      const role = await builtInRole(roster, environment.id, name);

      expect(await roster.roles.check(ana.id, role.id)).toBe(true);
      await roster.users.setActive(ana.id, false);
      expect(await roster.roles.check(ana.id, role.id)).toBe(false);
    },
  );

  it('answers false when checking a role of another environment', async ({ roster }) => {
    const { ana } = await seedGrants(roster);
    const other = await roster.environments.create(anEnvironment());
    const foreignRole = await roster.roles.create(aRole(other.id));

    expect(await roster.roles.check(ana.id, foreignRole.id)).toBe(false);
  });

  it.for(['grantToUser', 'revokeFromUser', 'grantToGroup', 'revokeFromGroup'] as const)(
    '%s throws not-found for a role that does not exist',
    async (method, { roster }) => {
      const { ana, sales } = await seedGrants(roster);

      const holder = method.endsWith('User') ? ana.id : sales.id;

      expect(await failureOf(roster.roles[method]('no-such-role', holder))).toEqual({
        code: 'not-found',
        paths: ['roleId'],
      });
    },
  );

  it.for([
    { method: 'grantToUser', path: 'userId' },
    { method: 'revokeFromUser', path: 'userId' },
    { method: 'grantToGroup', path: 'groupId' },
    { method: 'revokeFromGroup', path: 'groupId' },
  ] as const)('$method throws not-found for a holder that does not exist', async ({ method, path }, { roster }) => {
    const { viewer } = await seedGrants(roster);

    expect(await failureOf(roster.roles[method](viewer.id, 'no-such-holder'))).toEqual({
      code: 'not-found',
      paths: [path],
    });
  });

  it('throws not-found when reading the roles of a user or group that does not exist', async ({ roster }) => {
    const { ana, viewer } = await seedGrants(roster);

    expect(await failureOf(roster.roles.effective('no-such-user'))).toEqual({ code: 'not-found', paths: ['userId'] });
    expect(await failureOf(roster.roles.check('no-such-user', viewer.id))).toEqual({
      code: 'not-found',
      paths: ['userId'],
    });
    expect(await failureOf(roster.roles.check(ana.id, 'no-such-role'))).toEqual({
      code: 'not-found',
      paths: ['roleId'],
    });
    expect(await failureOf(roster.roles.ofGroup('no-such-group'))).toEqual({ code: 'not-found', paths: ['groupId'] });
  });

  it('lists the roles granted to a group', async ({ roster }) => {
    const { environment, viewer, manager } = await seedGrants(roster);
    const group = await roster.groups.create(aGroup(environment.id));
    await roster.roles.grantToGroup(viewer.id, group.id);
    await roster.roles.grantToGroup(manager.id, group.id);

    expect((await roster.roles.ofGroup(group.id)).map((role) => role.id).sort()).toEqual(
      [viewer.id, manager.id].sort(),
    );
  });
});
