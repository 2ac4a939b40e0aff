// roster.importFile: the exports of identity providers, detected, mapped and imported through the
// same checking and writing as a CSV import.
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { rowsInErrorCsv } from '../../src/ui/features/import/import-words';
import { rosterErrorOf } from '../factories/errors';
import { anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';
import { tablesOf } from '../factories/tables';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url), 'utf8');
const asBlob = (name: string) => new Blob([readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url))]);

/** Secrets the fixtures hold in their password columns: none may reach the database. */
const SECRETS = ['S3cret-Initial', 'Welcome123', 'Password1', '****'];

async function anEnvironmentIn(roster: Roster) {
  const environment = await roster.environments.create(anEnvironment({ kind: 'production' }));
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['contoso.com', 'acme.io'] });
  return environment;
}

describe('importFile: detection', () => {
  it.for([
    ['entra-download.csv', 'entra', 3],
    ['entra-template.csv', 'entra', 2],
    ['okta-report.csv', 'okta', 6],
    ['okta-list.csv', 'okta', 4],
    ['okta-template.csv', 'okta', 2],
    ['auth0-export.csv', 'auth0', 3],
    ['auth0-extension.csv', 'auth0', 2],
    ['google-users.csv', 'google', 2],
  ] as const)('imports %s as %s', async ([name, format, count], { roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob(name), { dateOrder: 'mdy' });
    expect(report.format).toBe(format);
    expect(report.totals).toMatchObject({ rows: count, create: count, error: 0 });
    expect(report.applied).toBe(true);
    const users = await roster.users.list({ environmentId: environment.id });
    expect(users.total).toBe(count);
  });

  it('reads a plain CSV as csv, and importCsv keeps to Roster’s own columns', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const plain = await roster.importFile(environment.id, 'username,email\r\nana,ana@acme.io\r\n', { dryRun: true });
    expect([plain.format, plain.variant]).toEqual(['csv', 'csv']);
    const error = await rosterErrorOf(roster.importCsv(environment.id, fixture('okta-template.csv'), { dryRun: true }));
    expect(error.issues).toEqual([
      { path: 'mapping', message: expect.stringContaining('No column is read as username') },
    ]);
  });

  it('importCsv stays with Roster’s own columns even when its options name a format', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const error = await rosterErrorOf(
      roster.importCsv(environment.id, fixture('okta-template.csv'), { format: 'okta', dryRun: true }),
    );
    expect(error.issues).toEqual([
      { path: 'mapping', message: expect.stringContaining('No column is read as username') },
    ]);
  });

  it('a JSON file forced as csv: the preview refuses it as the import does, with the same message', async ({
    roster,
  }) => {
    const environment = await anEnvironmentIn(roster);
    const json = fixture('scim-array.json');
    const refusals = [
      () => roster.previewFile(json, { format: 'csv' }),
      () => roster.previewCsv(new Blob([json])),
      () => roster.importFile(environment.id, json, { format: 'csv', dryRun: true }),
      () => roster.importCsv(environment.id, new Blob([json]), { dryRun: true }),
    ];
    for (const refusal of refusals)
      expect((await rosterErrorOf(refusal())).issues).toEqual([
        { path: 'format', message: 'This file is JSON, so it cannot be read as csv.' },
      ]);
  });

  it('follows a forced format and a mapping', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, fixture('okta-report.csv'), {
      format: 'okta',
      mapping: { 'User Id': null, Username: 'externalId', 'Primary email': 'username' },
      dryRun: true,
    });
    expect(report.totals.error).toBe(0);
    expect(report.columns.find((column) => column.header === 'User Id')!.field).toBeNull();
    expect(report.rows[4]!.username).toBe('eli.fox@acme.io');
  });

  it('refuses an unknown format, naming the option', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const error = await rosterErrorOf(
      roster.importFile(environment.id, 'username\r\nana\r\n', { format: 'ldif' as never }),
    );
    expect(error.code).toBe('validation');
    expect(error.issues.map((issue) => issue.path)).toEqual(['format']);
  });
});

describe('importFile: dry run, errors and writing', () => {
  it('reports what an Entra template would do and writes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await tablesOf(roster.name);
    const report = await roster.importFile(environment.id, asBlob('entra-template.csv'), { dryRun: true });
    expect(report).toMatchObject({ format: 'entra', variant: 'entra-template', applied: false });
    expect(report.notes).toEqual(['row 3: the template’s example row; skipped']);
    expect(report.rows.map((row) => [row.row, row.action, row.username])).toEqual([
      [4, 'create', 'carla.souza@contoso.com'],
      [5, 'create', 'dan.ortiz@contoso.com'],
    ]);
    const after = report.usageAfter.environments.find((row) => row.environmentId === environment.id)!;
    // Dan's sign-in is blocked: inactive, not counted.
    expect([after.internal, after.inactive]).toEqual([1, 1]);
    expect(await tablesOf(roster.name)).toEqual(before);
  });

  it('without createMissing, names the missing group and role, and writes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await tablesOf(roster.name);
    const error = await rosterErrorOf(roster.importFile(environment.id, asBlob('outsystems.csv')));
    expect(error.code).toBe('validation');
    const messages = error.issues.map((issue) => issue.message);
    expect(messages).toContain(
      "row 2, groups: no group is named 'Sales' in this environment; " +
        'create it first, or let the import create missing groups, roles and tenants.',
    );
    expect(messages.some((message) => message.includes("no role 'Sales App/Manager' exists"))).toBe(true);
    expect(await tablesOf(roster.name)).toEqual(before);
  });

  it('with createMissing and rows in error skipped, creates the groups and roles and grants them', async ({
    roster,
  }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importFile(environment.id, asBlob('outsystems.csv'), {
      createMissing: true,
      onError: 'skip',
    });
    expect(report.totals).toMatchObject({ create: 2, error: 2 });
    expect(report.created).toEqual({
      groups: ['Sales'],
      roles: ['Sales App/Manager', 'Sales App/Viewer'],
      tenants: [],
    });
    const [sales] = await roster.groups.list(environment.id);
    expect(sales).toMatchObject({ name: 'Sales', memberCount: 2 });
    const ana = (await roster.users.list({ environmentId: environment.id })).items.find(
      (user) => user.username === 'ana.lima',
    )!;
    expect((await roster.roles.effective(ana.id)).map(({ role }) => `${role.application}/${role.name}`)).toContain(
      'Sales App/Manager',
    );
  });

  it('leaves no password or credential anywhere in the database', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    for (const name of ['entra-template.csv', 'google-users.csv', 'outsystems.csv'])
      await roster.importFile(environment.id, asBlob(name), { createMissing: true, onError: 'skip', mode: 'upsert' });
    const stored = JSON.stringify(await tablesOf(roster.name));
    expect(stored).toContain('carla.souza@contoso.com');
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
  });

  it('keeps password columns out of the report and the file of rows in error', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const sheets = [
      // An OutSystems-style sheet: the second row is in error (no username).
      'Name;Username;Email;Password;Credential Id\r\nAna;ana.lima;ana@acme.io;Hunter2-Secret;cred-77\r\n' +
        'Bo;;bo@acme.io;Hunter3-Secret;cred-78\r\n',
      // An Entra template whose second user is in error (a bad email).
      fixture('entra-template.csv').replace('Dan Ortiz,dan.ortiz@contoso.com', 'Dan Ortiz,'),
    ];
    for (const sheet of sheets) {
      const report = await roster.importFile(environment.id, sheet, { dryRun: true });
      expect(report.totals.error).toBe(1);
      const download = rowsInErrorCsv(report);
      for (const text of [JSON.stringify(report), download]) {
        for (const secret of ['Hunter3-Secret', 'cred-78', 'S3cret-Initial-2']) expect(text).not.toContain(secret);
      }
      expect(download.split('\r\n')[0]).not.toMatch(/password|credential/i);
      expect(download).toMatch(/bo@acme\.io|Dan Ortiz/);
    }
  });

  it('a cancelled import writes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await tablesOf(roster.name);
    const controller = new AbortController();
    controller.abort();
    await expect(
      roster.importFile(environment.id, asBlob('okta-report.csv'), { signal: controller.signal }),
    ).rejects.toThrow();
    expect(await tablesOf(roster.name)).toEqual(before);
  });
});
