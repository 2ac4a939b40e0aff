// The JSON exports of Keycloak, SCIM 2.0 sources and Auth0, read from fixtures shaped like the
// real files into the rows and groups the import checks and writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImportRows } from '../../src/api/import/read-rows';
import type { ReadRow } from '../../src/api/import/import-types';
import { readJsonDocument, type FileGroup } from '../../src/domain/import';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url), 'utf8');

async function read(source: string, options: Parameters<typeof readImportRows>[1] = {}) {
  const rows: ReadRow[] = [];
  const notes: string[] = [];
  const groups: FileGroup[] = [];
  let facts;
  for await (const batch of readImportRows(source, options)) {
    facts ??= batch.facts;
    rows.push(...batch.rows);
    notes.push(...(batch.notes ?? []));
    groups.push(...(batch.groups ?? []));
  }
  return { facts: facts!, rows, notes, groups };
}

describe('Keycloak', () => {
  it('reads a users file: names, enabled, id, group paths, realm and client roles; never credentials', async () => {
    const { facts, rows, notes, groups } = await read(fixture('keycloak-acme-users-0.json'));
    expect([facts.format, facts.variant, facts.delimiter]).toEqual(['keycloak', 'keycloak-users', null]);
    expect(Object.fromEntries(facts.columns.map((column) => [column.header, column.field]))).toEqual({
      username: 'username',
      email: 'email',
      firstName: 'givenName',
      lastName: 'familyName',
      enabled: 'isActive',
      id: 'externalId',
      createdTimestamp: null,
      groups: 'groups',
      roles: 'roles',
    });
    expect(rows[0]).toMatchObject({
      row: 1,
      user: {
        username: 'ana.lima',
        name: 'Ana Lima',
        email: 'ana.lima@acme.io',
        isActive: true,
        externalId: '5b3f1c2e-8d4a-4e6b-9f1a-2c3d4e5f6a71',
      },
      groups: ['engineering/backend', 'staff'],
      roles: [
        { application: 'acme', name: 'auditor' },
        { application: 'sales-app', name: 'manager' },
      ],
      errors: [],
    });
    expect(rows[1]).toMatchObject({ user: { username: 'bo.chen', isActive: false }, groups: ['staff'] });
    expect(rows[2]!.user).toEqual({
      username: 'service-account-reporting',
      isActive: true,
      externalId: expect.any(String),
    });
    expect(groups).toEqual([]);
    expect(notes).toEqual([
      'Credentials, federated identities and attributes are never read.',
      "Keycloak's default roles are left out, as every user holds them: " +
        'account/manage-account, account/view-profile, acme/default-roles-acme.',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/kc-hash|pbkdf2|1049/);
  });

  it('reads a realm export’s group tree with each group’s roles', async () => {
    const { facts, groups, rows } = await read(fixture('keycloak-realm.json'));
    expect([facts.variant, facts.formatLabel]).toEqual(['keycloak-realm', 'Keycloak realm export']);
    expect(groups).toEqual([
      { name: 'engineering', roles: [{ application: 'acme', name: 'auditor' }] },
      {
        name: 'engineering/backend',
        roles: [
          { application: 'sales-app', name: 'viewer' },
          { application: 'ops-console', name: 'deployer' },
        ],
      },
      { name: 'staff', roles: [] },
    ]);
    // An address without a dot in its domain is that user's error.
    expect(rows[1]!.errors).toEqual([expect.stringMatching(/^row 2, email 'test-user@localhost': /)]);
  });

  it('reads an array of realms, each realm’s roles under its own application; a username twice errs', async () => {
    const { rows } = await read(fixture('keycloak-realms.json'));
    expect(rows.map((row) => row.roles)).toEqual([
      [{ application: 'acme', name: 'auditor' }],
      [{ application: 'partners', name: 'reseller' }],
      undefined,
    ]);
    expect(rows[2]!.errors).toEqual(["row 3, username: 'ANA.LIMA' already appears in row 1."]);
  });

  it('takes a mapping as for a CSV file', async () => {
    const { rows } = await read(fixture('keycloak-acme-users-0.json'), {
      mapping: { email: 'username', username: null },
    });
    expect(rows[0]!.user!.username).toBe('ana.lima@acme.io');
    expect(rows[2]!.errors).toEqual(['row 3, email: Enter a username.']);
    expect(rows[2]!.user).toBeUndefined();
  });
});

describe('SCIM 2.0', () => {
  it('imports the RFC 7643 full example user cleanly, extensions, password and addresses ignored', async () => {
    const { facts, rows, notes } = await read(fixture('scim-rfc7643-user.json'));
    expect(facts.format).toBe('scim');
    expect(rows).toEqual([
      expect.objectContaining({
        errors: [],
        user: {
          username: 'bjensen@example.com',
          name: 'Ms. Barbara J Jensen, III',
          email: 'bjensen@example.com',
          mobilePhone: '555-555-4444',
          isActive: true,
          externalId: '701984',
        },
        groups: ['Tour Guides', 'Employees', 'US Employees'],
      }),
    ]);
    expect(notes).toContain('Extensions (such as the enterprise extension) and passwords are never read.');
    expect(JSON.stringify(rows)).not.toContain('t1meMa$heen');
  });

  it('reads a ListResponse: string booleans, the work email, given and family names, Group members', async () => {
    const { rows, groups } = await read(fixture('scim-list.json'));
    expect(rows.map((row) => row.user)).toEqual([
      {
        username: 'ana.lima@acme.io',
        name: 'Ana Lima',
        email: 'ana.lima@acme.io',
        mobilePhone: '+351 912 345 678',
        isActive: true,
        externalId: '00u1a2b3c4',
      },
      { username: 'bo.chen', name: 'Bo Chen', email: 'bo.chen@acme.io', isActive: false },
    ]);
    expect(rows.map((row) => row.groups)).toEqual([['Sales'], ['Sales']]);
    expect(groups).toEqual([{ name: 'Sales', roles: [] }]);
  });

  it('reads a bare array and a single resource', async () => {
    const { rows, groups } = await read(fixture('scim-array.json'));
    expect(rows.map((row) => row.user)).toEqual([{ username: 'cy.diaz', isActive: true }]);
    expect(groups).toEqual([{ name: 'Empty group', roles: [] }]);
  });

  it('skips a resource that is neither User nor Group with a note, in a bare array as in a ListResponse', async () => {
    const other = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:EnterpriseThing'], id: 'x1' };
    const array: unknown[] = JSON.parse(fixture('scim-array.json'));
    const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], Resources: [...array, other] };
    for (const document of [[...array, other], list]) {
      const { facts, rows, groups, notes } = await read(JSON.stringify(document));
      expect(facts.format).toBe('scim');
      expect(rows.map((row) => row.user)).toEqual([{ username: 'cy.diaz', isActive: true }]);
      expect(groups).toEqual([{ name: 'Empty group', roles: [] }]);
      expect(notes).toEqual(['1 resource that is neither a User nor a Group was left out.']);
    }
  });

  it('prefers the primary email, then the work one, then the first', () => {
    const user = (emails: unknown[]) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'u',
      emails,
    });
    const email = (emails: unknown[]) => {
      const sheet = readJsonDocument(user(emails));
      if ('error' in sheet) throw new Error(sheet.error);
      return sheet.records[0]!.cells[sheet.header.indexOf('email')];
    };
    expect(email([{ value: 'a@x.io' }, { value: 'b@x.io', primary: true }])).toBe('b@x.io');
    expect(
      email([
        { value: 'a@x.io', type: 'home' },
        { value: 'b@x.io', type: 'work' },
      ]),
    ).toBe('b@x.io');
    expect(
      email([
        { value: 'a@x.io', type: 'home' },
        { value: 'b@x.io', type: 'other' },
      ]),
    ).toBe('a@x.io');
  });
});

describe('Auth0 NDJSON', () => {
  it('reads one user a line as the CSV export is read', async () => {
    const { facts, rows } = await read(fixture('auth0-export.ndjson'));
    expect([facts.format, facts.variant]).toEqual(['auth0', 'auth0-ndjson']);
    expect(rows.map((row) => row.user)).toEqual([
      {
        username: 'ana.lima@acme.io',
        name: 'Ana Lima',
        email: 'ana.lima@acme.io',
        isActive: true,
        lastLogin: '2024-02-01T10:00:00.000Z',
        externalId: 'auth0|64f1a2b3c4d5e6f7a8b9c0d1',
      },
      {
        username: 'bochen',
        name: 'Bo Chen',
        email: 'bo.chen@acme.io',
        mobilePhone: '+14155550123',
        isActive: false,
        externalId: 'auth0|64f1a2b3c4d5e6f7a8b9c0d2',
      },
      {
        username: 'sms|64f1a2b3c4d5e6f7a8b9c0d3',
        mobilePhone: '+14155550199',
        externalId: 'sms|64f1a2b3c4d5e6f7a8b9c0d3',
      },
    ]);
  });
});

describe('files Roster does not read', () => {
  it.each([
    ['{"realm": ', 'The file is not valid JSON'],
    ['{"hello": "world"}', 'Roster does not know this JSON'],
    ['{"a":1}\n{"b":2}\n', 'not Auth0 users'],
    ['{"a":1}\nnot json\n', 'line 2 does not read'],
  ])('refuses %j, naming the source', async (text, message) => {
    await expect(read(text)).rejects.toMatchObject({
      code: 'validation',
      issues: [{ path: 'source', message: expect.stringContaining(message) }],
    });
  });

  it('refuses a CSV file forced as Keycloak, and a JSON file forced as Okta', async () => {
    await expect(read('username\nana\n', { format: 'keycloak' })).rejects.toMatchObject({
      issues: [{ path: 'source' }],
    });
    await expect(read(fixture('scim-array.json'), { format: 'okta' })).rejects.toMatchObject({
      issues: [{ path: 'format' }],
    });
    await expect(read(fixture('scim-array.json'), { format: 'keycloak' })).rejects.toMatchObject({
      issues: [{ path: 'source', message: expect.stringContaining('not a Keycloak export') }],
    });
  });
});
