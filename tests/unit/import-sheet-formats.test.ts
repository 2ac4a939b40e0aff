// The sheet formats of identity providers, read from fixtures shaped like the real files: which
// format each header is, which field each column fills, and the users each row gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImportRows } from '../../src/api/import/read-rows';
import type { ReadRow } from '../../src/api/import/import-types';
import {
  bracketedName,
  detectSheet,
  mapColumns,
  nameBeforeBracket,
  parseImportDate,
  parseYesNo,
} from '../../src/domain/import';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url), 'utf8');

async function read(name: string, options: Parameters<typeof readImportRows>[1] = {}) {
  const rows: ReadRow[] = [];
  const notes: string[] = [];
  let facts;
  for await (const batch of readImportRows(fixture(name), options)) {
    facts ??= batch.facts;
    rows.push(...batch.rows);
    notes.push(...(batch.notes ?? []));
  }
  return { facts: facts!, rows, notes, users: rows.map((row) => row.user) };
}

function fieldsOf(facts: { columns: { header: string; field: string | null }[] }): Record<string, string | null> {
  return Object.fromEntries(facts.columns.map((column) => [column.header, column.field]));
}

describe('detecting a sheet by its header', () => {
  it.each([
    ['entra-download.csv', 'entra', 'entra-download'],
    ['entra-download-old.csv', 'entra', 'entra-download'],
    ['okta-report.csv', 'okta', 'okta'],
    ['okta-list.csv', 'okta', 'okta'],
    ['okta-template.csv', 'okta', 'okta'],
    ['auth0-export.csv', 'auth0', 'auth0-csv'],
    ['auth0-extension.csv', 'auth0', 'auth0-extension'],
    ['google-users.csv', 'google', 'google'],
    ['outsystems.csv', 'csv', 'outsystems'],
  ])('reads %s as %s (%s)', async (name, format, variant) => {
    const { facts } = await read(name);
    expect([facts.format, facts.variant]).toEqual([format, variant]);
  });

  it('reads the Entra template by its version line', async () => {
    const { facts } = await read('entra-template.csv');
    expect([facts.format, facts.variant]).toEqual(['entra', 'entra-template']);
    expect(facts.header[0]).toBe('Name [displayName] Required');
  });

  it('reads Roster’s own columns and a sheet it does not know as plain CSV', () => {
    expect(detectSheet(['username', 'name', 'email']).variant).toBe('csv');
    expect(detectSheet(['Login', 'Mail']).variant).toBe('csv');
  });

  it('keeps to a forced format, and to plain CSV when CSV is forced', () => {
    expect(detectSheet(['userPrincipalName', 'id', 'accountEnabled'], 'csv').variant).toBe('csv');
    expect(detectSheet(['login', 'email'], 'okta').variant).toBe('okta');
  });

  it('reads a heading by its bracketed property or by the words before the note', () => {
    expect(bracketedName('Block sign in (Yes/No) [accountEnabled] Required')).toBe('accountEnabled');
    expect(bracketedName('Plain')).toBe('Plain');
    expect(nameBeforeBracket('Last Sign In [READ ONLY]')).toBe('Last Sign In');
  });
});

describe('Entra ID', () => {
  it('maps the download’s property names', async () => {
    const { facts, users, rows } = await read('entra-download.csv', { dateOrder: 'mdy' });
    expect(fieldsOf(facts)).toMatchObject({
      userPrincipalName: 'username',
      displayName: 'name',
      givenName: 'givenName',
      surname: 'familyName',
      mail: 'email',
      mobilePhone: 'mobilePhone',
      accountEnabled: 'isActive',
      id: 'externalId',
      createdDateTime: null,
    });
    expect(rows.every((row) => row.errors.length === 0)).toBe(true);
    expect(users[0]).toEqual({
      username: 'ana.lima@contoso.com',
      name: 'Ana Lima',
      email: 'ana.lima@contoso.com',
      mobilePhone: '+351 912 345 678',
      isActive: true,
      externalId: '5f3b6c1e-0a6d-4a9f-9a61-3c1b2f0d7e11',
    });
    // No display name: given name and surname.
    expect(users[1]).toMatchObject({ name: 'Bo Chen', isActive: false });
    // A guest's principal name stays as it is.
    expect(users[2]).toMatchObject({ username: 'zoe_gmail.com#EXT#@contoso.onmicrosoft.com', email: 'zoe@gmail.com' });
  });

  it('reads an older download’s objectId and mobile', async () => {
    const { users } = await read('entra-download-old.csv');
    expect(users[0]).toMatchObject({
      externalId: '0a1b2c3d-0000-4000-8000-000000000001',
      mobilePhone: '+1 425 555 0101',
    });
    expect(users[1]).toMatchObject({ username: 'old.account@fabrikam.com', isActive: false });
  });

  it('reads the template: block sign in inverted, the example row skipped, spaces trimmed, no password', async () => {
    const { facts, users, notes, rows } = await read('entra-template.csv');
    expect(fieldsOf(facts)).toMatchObject({
      'Name [displayName] Required': 'name',
      'User name [userPrincipalName] Required': 'username',
      'Initial password [passwordProfile] Required': null,
      'Block sign in (Yes/No) [accountEnabled] Required': 'blocked',
      'Mobile phone [mobile]': 'mobilePhone',
    });
    expect(facts.columns[2]!.note).toContain('never read or stored');
    expect(notes).toEqual(['row 3: the template’s example row; skipped']);
    expect(rows.map((row) => row.row)).toEqual([4, 5]);
    expect(users[0]).toEqual({
      username: 'carla.souza@contoso.com',
      name: 'Carla Souza',
      mobilePhone: '+351 913 000 111',
      isActive: true,
    });
    expect(users[1]).toMatchObject({ username: 'dan.ortiz@contoso.com', isActive: false });
    expect(JSON.stringify(users)).not.toContain('S3cret');
  });

  it('refuses a template with nothing after its version line, naming the source', async () => {
    const rows = readImportRows('version:v1.0,,,\r\n');
    await expect(rows.next()).rejects.toMatchObject({ code: 'validation', issues: [{ path: 'source' }] });
  });
});

describe('Okta', () => {
  it('maps the report and reads every status', async () => {
    const { facts, users } = await read('okta-report.csv');
    expect(fieldsOf(facts)).toEqual({
      'User Id': 'externalId',
      Status: 'isActive',
      Username: 'username',
      'First name': 'givenName',
      'Last name': 'familyName',
      'Primary email': 'email',
    });
    expect(users.map((user) => user?.isActive)).toEqual([true, true, false, false, true, true]);
    expect(users[0]).toEqual({
      username: 'ana.lima@acme.io',
      name: 'Ana Lima',
      email: 'ana.lima@acme.io',
      isActive: true,
      externalId: '00u1a2b3c4d5e6f7g8h9',
    });
    // A username that is not an email is kept as it is.
    expect(users[4]).toMatchObject({ username: 'eli.fox' });
  });

  it('maps the user list with the console’s labels and last login', async () => {
    const { users, facts } = await read('okta-list.csv');
    expect(fieldsOf(facts)).toMatchObject({ User: 'name', Login: 'username', 'Last Login': 'lastLogin' });
    expect(users.map((user) => user?.isActive)).toEqual([true, true, false, true]);
    expect(users[0]).toMatchObject({ name: 'Ana Lima', lastLogin: '2024-03-05T14:22:10.000Z' });
    expect(users[1]!.lastLogin).toBeUndefined();
  });

  it('maps the import template', async () => {
    const { users } = await read('okta-template.csv');
    expect(users[0]).toEqual({
      username: 'new.hire@acme.io',
      name: 'New Hire',
      email: 'new.hire@acme.io',
      mobilePhone: '+1 415 555 0100',
    });
  });

  it.each([
    ['ACTIVE', true],
    ['PROVISIONED', true],
    ['STAGED', true],
    ['RECOVERY', true],
    ['PASSWORD_EXPIRED', true],
    ['LOCKED_OUT', true],
    ['Pending user action', true],
    ['Password reset', true],
    ['Locked out', true],
    ['SUSPENDED', false],
    ['DEPROVISIONED', false],
    ['Suspended', false],
    ['Deactivated', false],
    ['maybe', null],
  ])('reads the status %s as %s', (word, active) => {
    expect(parseYesNo(word)).toBe(active);
  });
});

describe('Auth0', () => {
  it('takes the quote off every value; username falls back to email, then user_id; blocked is inactive', async () => {
    const { facts, users, rows } = await read('auth0-export.csv');
    expect(fieldsOf(facts)).toMatchObject({
      user_id: 'externalId',
      email: 'email',
      username: 'username',
      name: 'name',
      phone_number: 'mobilePhone',
      blocked: 'blocked',
      last_login: 'lastLogin',
      created_at: null,
    });
    expect(rows.flatMap((row) => row.errors)).toEqual([]);
    expect(users[0]).toEqual({
      username: 'ana.lima@acme.io',
      name: 'Ana Lima',
      email: 'ana.lima@acme.io',
      isActive: true,
      lastLogin: '2024-02-01T10:00:00.000Z',
      externalId: 'auth0|64f1a2b3c4d5e6f7a8b9c0d1',
    });
    expect(users[1]).toMatchObject({
      username: 'bochen',
      name: 'Bo Chen',
      mobilePhone: '+14155550123',
      isActive: false,
    });
    expect(users[2]).toMatchObject({ username: 'sms|64f1a2b3c4d5e6f7a8b9c0d3', mobilePhone: '+14155550199' });
  });

  it('maps the extension’s titles', async () => {
    const { facts, users } = await read('auth0-extension.csv');
    expect(fieldsOf(facts)).toMatchObject({
      Id: 'externalId',
      'Given Name': 'givenName',
      'Family Name': 'familyName',
      Name: 'name',
      Email: 'email',
      'Latest Login': 'lastLogin',
      Blocked: 'blocked',
      Connection: null,
    });
    expect(users[0]).toMatchObject({ username: 'ana.lima@acme.io', name: 'Ana Lima', isActive: true });
    expect(users[1]).toMatchObject({ username: 'zed.young@gmail.com', name: 'Zed Young', isActive: false });
  });
});

describe('Google Workspace', () => {
  it('reads headings by the words before the note, and never the password', async () => {
    const { facts, users } = await read('google-users.csv');
    expect(fieldsOf(facts)).toMatchObject({
      'First Name [Required]': 'givenName',
      'Last Name [Required]': 'familyName',
      'Email Address [Required]': 'email',
      'Password [Required]': null,
      'Password Hash Function [UPLOAD ONLY]': null,
      'Status [READ ONLY]': 'isActive',
      'Last Sign In [READ ONLY]': 'lastLogin',
      'Mobile Phone': 'mobilePhone',
      'Employee ID': 'externalId',
    });
    expect(users[0]).toEqual({
      username: 'ana.lima@example.edu',
      name: 'Ana Lima',
      email: 'ana.lima@example.edu',
      mobilePhone: '+351 912 345 678',
      isActive: true,
      lastLogin: '2026-04-10T04:05:20.000Z',
      externalId: 'E-1001',
    });
    expect(users[1]).toMatchObject({ isActive: false });
    expect(users[1]!.lastLogin).toBeUndefined();
  });

  it('reads a year-first date', () => {
    expect(parseImportDate('2026/04/10 04:05:20')).toEqual({ iso: '2026-04-10T04:05:20.000Z' });
    expect(parseImportDate('2026/02/30')).toEqual({ error: expect.stringContaining('February 2026 has 28 days') });
  });
});

describe('OutSystems-style sheets', () => {
  it('reads the User entity’s columns, Groups and Role; never the password; one decision per odd row', async () => {
    const { facts, rows } = await read('outsystems.csv');
    expect(fieldsOf(facts)).toEqual({
      Name: 'name',
      Username: 'username',
      Email: 'email',
      MobilePhone: 'mobilePhone',
      Is_Active: 'isActive',
      External_Id: 'externalId',
      Last_Login: 'lastLogin',
      Groups: 'groups',
      Role: 'roles',
      Password: null,
    });
    expect(rows[0]).toMatchObject({
      user: { username: 'ana.lima', isActive: true, externalId: 'EMP-001', lastLogin: '2024-03-01T10:00:00.000Z' },
      groups: ['Sales'],
      roles: [{ application: 'Sales App', name: 'Manager' }],
    });
    expect(rows[1]).toMatchObject({ user: { username: 'bo.chen', isActive: false } });
    // An address without a dot in its domain is that row's error; a username given twice names the first row.
    expect(rows[2]!.errors).toEqual([expect.stringMatching(/^row 4, Email 'test-user@localhost': /)]);
    expect(rows[3]!.errors).toEqual(["row 5, Username: 'ANA.LIMA' already appears in row 2."]);
    expect(JSON.stringify(rows.map((row) => row.user))).not.toContain('Welcome123');
  });

  it('never reads a password column, even when a mapping names it', () => {
    const reading = mapColumns(['username', 'Password'], { Password: 'externalId' });
    expect(reading.columns[1]).toMatchObject({ field: null, note: expect.stringContaining('never read') });
  });
});
