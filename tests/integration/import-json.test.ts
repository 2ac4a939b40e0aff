// importFile with the JSON exports (Keycloak, SCIM, Auth0 NDJSON), importScim and exportScim:
// groups created with their roles, nothing written on abort, no credential stored, and the
// SCIM round trip into a new environment.
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { rosterErrorOf } from '../factories/errors';
import { anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';
import { tablesOf } from '../factories/tables';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url), 'utf8');
const asBlob = (name: string) => new Blob([fixture(name)], { type: 'application/json' });

async function anEnvironmentIn(roster: Roster, name = 'Production EU') {
  const environment = await roster.environments.create(anEnvironment({ name, kind: 'production' }));
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['acme.io'] });
  return environment;
}

/** Each group with its roles, and each user with its groups and effective roles, by name. */
async function pictureOf(roster: Roster, environmentId: string) {
  const groups: Record<string, string[]> = {};
  for (const group of await roster.groups.list(environmentId))
    groups[group.name] = (await roster.roles.ofGroup(group.id))
      .map((role) => `${role.application}/${role.name}`)
      .sort();
  const users: Record<string, { groups: string[]; roles: string[]; active: boolean }> = {};
  for (const user of (await roster.users.list({ environmentId })).items) {
    const roles = await roster.roles.effective(user.id);
    users[user.username] = {
      groups: (await roster.groups.ofUser(user.id)).map((group) => group.name).sort(),
      roles: roles.map(({ role }) => `${role.application}/${role.name}`).sort(),
      active: user.isActive,
    };
  }
  return { groups, users };
}

describe('importFile: Keycloak', () => {
  it('creates the users, the group tree with its roles, and grants realm and client roles', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob('keycloak-realm.json'), {
      createMissing: true,
      onError: 'skip',
    });
    expect(report).toMatchObject({ format: 'keycloak', variant: 'keycloak-realm', applied: true });
    expect(report.totals).toMatchObject({ create: 1, error: 1 });
    expect(report.groups.map((group) => [group.name, group.action])).toEqual([
      ['engineering', 'create'],
      ['engineering/backend', 'create'],
      ['staff', 'create'],
    ]);
    const picture = await pictureOf(roster, environment.id);
    expect(picture.groups).toEqual({
      engineering: ['acme/auditor'],
      'engineering/backend': ['ops-console/deployer', 'sales-app/viewer'],
      staff: [],
    });
    expect(picture.users).toEqual({
      'ana.lima': {
        groups: ['engineering/backend'],
        roles: ['ops-console/deployer', 'sales-app/viewer'],
        active: true,
      },
    });
  });

  it('without createMissing, names the missing group and role and writes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.groups.create({ environmentId: environment.id, name: 'staff' });
    const before = await tablesOf(roster.name);
    const error = await rosterErrorOf(roster.importFile(environment.id, asBlob('keycloak-realm.json')));
    expect(error.code).toBe('validation');
    const messages = error.issues.map((issue) => issue.message);
    expect(messages).toContain(
      "group 'engineering': no group has this name in this environment; " +
        'create it first, or let the import create missing groups, roles and tenants.',
    );
    expect(messages).toContain(
      "group 'engineering', roles: no role 'acme/auditor' exists in this environment; " +
        'create it first, or let the import create missing groups, roles and tenants.',
    );
    expect(error.issues.map((issue) => issue.path)).toContain('groups.0');
    expect(await tablesOf(roster.name)).toEqual(before);
  });

  it('grants a group only the roles it does not hold, and a second import changes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const options = { createMissing: true, onError: 'skip', mode: 'upsert' } as const;
    await roster.importFile(environment.id, asBlob('keycloak-realm.json'), options);
    const again = await roster.importFile(environment.id, asBlob('keycloak-realm.json'), options);
    expect(again.groups.map((group) => group.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: 1 });
  });

  it('imports a users file; no credential, federated identity or attribute is stored', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob('keycloak-acme-users-0.json'), {
      createMissing: true,
    });
    expect(report.totals).toMatchObject({ create: 3, error: 0 });
    const picture = await pictureOf(roster, environment.id);
    expect(picture.users['ana.lima']).toEqual({
      groups: ['engineering/backend', 'staff'],
      roles: ['acme/auditor', 'sales-app/manager'],
      active: true,
    });
    // Bo is disabled: his grants are kept, none is effective.
    expect(picture.users['bo.chen']).toEqual({ groups: ['staff'], roles: [], active: false });
    const stored = JSON.stringify(await tablesOf(roster.name));
    for (const secret of ['kc-hash', 'pbkdf2', 'c2FsdA', 'employeeNumber', 'identityProvider', 'default-roles-acme'])
      expect(stored).not.toContain(secret);
  });
  it('imports SAML client ids (URLs, with "/") as applications and a group name with ";" whole', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob('keycloak-saml-realm.json'), { createMissing: true });
    expect(report.totals).toMatchObject({ create: 1, error: 0 });
    expect(report.groups).toEqual([
      {
        name: 'R&D; Sales',
        action: 'create',
        roles: ['acme/reports/view', 'https://sp.example.com/saml/metadata/viewer'],
        errors: [],
      },
    ]);
    expect(await pictureOf(roster, environment.id)).toEqual({
      groups: { 'R&D; Sales': ['acme/reports/view', 'https://sp.example.com/saml/metadata/viewer'] },
      users: {
        'cy.park': {
          groups: ['R&D; Sales'],
          roles: [
            'acme/reports/view',
            'https://sp.example.com/saml/metadata/editor',
            'https://sp.example.com/saml/metadata/viewer',
          ],
          active: true,
        },
      },
    });
    // One role each, split at the last "/" whether the user or the group named it.
    const roles = (await roster.roles.list(environment.id)).filter((role) => !role.builtIn);
    expect(roles.map((role) => [role.application, role.name])).toEqual([
      ['acme/reports', 'view'],
      ['https://sp.example.com/saml/metadata', 'editor'],
      ['https://sp.example.com/saml/metadata', 'viewer'],
    ]);
  });
});

describe('importFile: SCIM and Auth0 NDJSON', () => {
  it('imports the RFC 7643 full example user cleanly', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, fixture('scim-rfc7643-user.json'), { createMissing: true });
    expect(report).toMatchObject({ format: 'scim', totals: { create: 1, error: 0 } });
    const picture = await pictureOf(roster, environment.id);
    expect(picture.users['bjensen@example.com']!.groups).toEqual(['Employees', 'Tour Guides', 'US Employees']);
    expect(JSON.stringify(await tablesOf(roster.name))).not.toContain('t1meMa$heen');
  });

  it('imports a ListResponse with its Group members through importScim, from an object', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importScim(environment.id, JSON.parse(fixture('scim-list.json')), {
      createMissing: true,
    });
    expect(report.totals).toMatchObject({ create: 2, error: 0 });
    expect(report.groups).toEqual([{ name: 'Sales', action: 'create', roles: [], errors: [] }]);
    const sales = (await roster.groups.list(environment.id))[0]!;
    expect(sales).toMatchObject({ name: 'Sales', memberCount: 2 });
  });

  it('refuses a document that is no SCIM, naming it', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const error = await rosterErrorOf(roster.importScim(environment.id, 42));
    expect(error.issues.map((issue) => issue.path)).toEqual(['document']);
    const other = await rosterErrorOf(roster.importScim(environment.id, { realm: 'acme', users: [] }));
    expect(other.issues).toEqual([{ path: 'source', message: expect.stringContaining('not SCIM 2.0') }]);
  });

  it('imports Auth0 NDJSON', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob('auth0-export.ndjson'));
    expect(report).toMatchObject({ format: 'auth0', variant: 'auth0-ndjson', totals: { create: 3, error: 0 } });
  });

  it('imports Auth0 NDJSON of one user, and a JSON array of Auth0 users', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const [ana, bo] = fixture('auth0-export.ndjson').split('\n');
    const one = await roster.importFile(environment.id, new Blob([`${ana}\n`]));
    expect(one).toMatchObject({ format: 'auth0', totals: { create: 1, error: 0 } });
    const forced = await roster.importFile(environment.id, `[${bo}]`, { format: 'auth0' });
    expect(forced).toMatchObject({ format: 'auth0', totals: { create: 1, error: 0 } });
    const detected = await roster.importFile(environment.id, `[${ana},${bo}]`, { mode: 'upsert', dryRun: true });
    expect(detected).toMatchObject({ format: 'auth0', totals: { unchanged: 2, error: 0 } });
    expect((await roster.users.list({ environmentId: environment.id })).items.map((user) => user.username)).toEqual([
      'ana.lima@acme.io',
      'bochen',
    ]);
  });
});

describe('exportScim', () => {
  it('writes a ListResponse of Users and Groups, and importing it into a new environment gives them back', async ({
    roster,
  }) => {
    const source = await anEnvironmentIn(roster);
    await roster.importFile(source.id, asBlob('keycloak-acme-users-0.json'), { createMissing: true });
    await roster.users.create({
      environmentId: source.id,
      username: 'eve',
      name: 'Eve Moss',
      mobilePhone: '+351 900 000 000',
    });
    // A group holding a role, with eve in it: the copy must give the group its role back.
    const auditors = await roster.groups.create({ environmentId: source.id, name: 'auditors' });
    const audit = await roster.roles.create({ environmentId: source.id, application: 'ledger', name: 'audit' });
    await roster.roles.grantToGroup(audit.id, auditors.id);
    const eve = (await roster.users.list({ environmentId: source.id })).items.find((user) => user.username === 'eve')!;
    await roster.groups.addUsers(auditors.id, [eve.id]);
    const document = await roster.exportScim(source.id);
    expect(document).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 7,
      startIndex: 1,
    });
    const resources = document.Resources as Record<string, unknown>[];
    const ana = resources.find((resource) => resource.userName === 'ana.lima')!;
    expect(ana).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      name: { formatted: 'Ana Lima' },
      displayName: 'Ana Lima',
      emails: [{ value: 'ana.lima@acme.io', primary: true }],
      active: true,
      externalId: '5b3f1c2e-8d4a-4e6b-9f1a-2c3d4e5f6a71',
      meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String) },
    });
    expect(resources.find((resource) => resource.userName === 'eve')).toMatchObject({
      phoneNumbers: [{ value: '+351 900 000 000', type: 'mobile' }],
    });
    expect(resources.find((resource) => resource.userName === 'bo.chen')!.active).toBe(false);
    const staff = resources.find((resource) => resource.displayName === 'staff')!;
    expect((staff.members as { display: string }[]).map((member) => member.display).sort()).toEqual([
      'ana.lima',
      'bo.chen',
    ]);

    expect(resources.find((resource) => resource.displayName === 'auditors')).toMatchObject({
      members: [{ value: eve.id, display: 'eve', type: 'User' }],
      roles: [{ value: 'ledger/audit' }],
    });
    expect((await pictureOf(roster, source.id)).groups.auditors).toEqual(['ledger/audit']);

    const copy = await anEnvironmentIn(roster, 'Copy');
    const report = await roster.importScim(copy.id, document, { createMissing: true });
    expect(report.totals).toMatchObject({ create: 4, error: 0 });
    const fields = async (environmentId: string) =>
      (await roster.users.list({ environmentId })).items.map(
        ({ username, name, email, mobilePhone, isActive, externalId }) => ({
          username,
          name,
          email,
          mobilePhone,
          isActive,
          externalId,
        }),
      );
    expect(await fields(copy.id)).toEqual(await fields(source.id));
    expect(await pictureOf(roster, copy.id)).toEqual(await pictureOf(roster, source.id));
  });
});
