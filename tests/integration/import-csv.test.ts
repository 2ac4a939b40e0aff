import { describe, expect } from 'vitest';
import { RosterError, type Roster } from '../../src/api';
import { rosterErrorOf } from '../factories/errors';
import { aGroup, aRole, anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';
import { tablesOf } from '../factories/tables';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function anEnvironmentIn(roster: Roster) {
  const environment = await roster.environments.create(anEnvironment({ kind: 'production' }));
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  return environment;
}

describe('importCsv: dry run', () => {
  it('reports each row and how the counts would move, and writes nothing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await tablesOf(roster.name);

    const report = await roster.importCsv(
      environment.id,
      csv(
        'username,name,email,active',
        'ana,Ana,ana@example.com,yes',
        'bob,Bob,bob@gmail.com,yes',
        'cy,Cy,not-an-email,no',
      ),
      { dryRun: true },
    );

    expect(report.format).toBe('csv');
    expect(report.delimiter).toBe(',');
    expect(report.applied).toBe(false);
    expect(report.totals).toEqual({ rows: 3, create: 2, update: 0, unchanged: 0, error: 1 });
    expect(report.rows.map((row) => [row.row, row.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'error'],
    ]);
    expect(report.rows[2]!.errors[0]).toMatch(/^row 4, email 'not-an-email': Enter a valid email address/);
    const after = report.usageAfter.environments.find((row) => row.environmentId === environment.id)!;
    expect([after.internal, after.external]).toEqual([1, 1]);
    expect(report.usageBefore.production.named).toBe(0);
    expect(await tablesOf(roster.name)).toEqual(before);
  });

  it('names the first row of a username given twice, ignoring case', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const report = await roster.importCsv(environment.id, csv('username', 'Ann', 'x', 'ann'), { dryRun: true });
    expect(report.rows.find((row) => row.row === 4)!.errors).toEqual([
      "row 4, username: 'ann' already appears in row 2.",
    ]);
  });
});

describe('importCsv: apply', () => {
  it('with abort, writes nothing when a row is in error and says how many', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await snapshotOf(roster);

    const error = await rosterErrorOf(
      roster.importCsv(environment.id, csv('username,email', 'ana,ana@example.com', 'bob,bob@@x')),
    );

    expect(error).toBeInstanceOf(RosterError);
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^1 row is in error, so nothing was imported/);
    expect(error.issues[0]!.path).toBe('rows.3');
    expect(await snapshotOf(roster)).toEqual(before);
  });

  it('with skip, writes the good rows whole and leaves the rows in error out', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);

    const report = await roster.importCsv(environment.id, csv('username,email', 'ana,ana@example.com', 'bob,bob@@x'), {
      onError: 'skip',
    });

    expect(report.applied).toBe(true);
    expect(report.totals).toMatchObject({ create: 1, error: 1 });
    const users = await roster.users.list({ environmentId: environment.id });
    expect(users.items.map((user) => user.username)).toEqual(['ana']);
    expect(report.userIds).toEqual([users.items[0]!.id]);
  });

  it('in upsert mode, updates by username and reports every row unchanged the second time', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.create({ environmentId: environment.id, username: 'Ana', name: 'Old' });
    const file = csv('username,name,email', 'ana,Ana Lee,ana@example.com', 'bob,Bob,bob@example.com');

    const first = await roster.importCsv(environment.id, file, { mode: 'upsert' });
    const second = await roster.importCsv(environment.id, file, { mode: 'upsert' });

    expect(first.totals).toMatchObject({ create: 1, update: 1, unchanged: 0 });
    expect(second.totals).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    const ana = (await roster.users.list({ environmentId: environment.id, search: 'ana' })).items[0]!;
    expect([ana.name, ana.email]).toEqual(['Ana Lee', 'ana@example.com']);
  });

  it('in create mode, a username that exists is that row’s error', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    await roster.users.create({ environmentId: environment.id, username: 'ana' });
    const report = await roster.importCsv(environment.id, csv('username', 'ANA'), { dryRun: true });
    expect(report.rows[0]!.errors).toEqual(["row 2, username: 'ANA' is already taken in this environment."]);
  });

  it('refuses a group that does not exist, and creates it with createMissing', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const sales = await roster.groups.create(aGroup(environment.id, { name: 'Sales' }));
    const role = await roster.roles.create(aRole(environment.id, { application: 'CRM', name: 'Viewer' }));
    const file = csv('username,groups,roles', 'ana,sales;Support,CRM/viewer');

    const refused = await roster.importCsv(environment.id, file, { dryRun: true });
    expect(refused.rows[0]!.errors[0]).toMatch(/^row 2, groups: no group is named 'Support'/);

    const report = await roster.importCsv(environment.id, file, { createMissing: true });
    expect(report.created.groups).toEqual(['Support']);
    const [ana] = (await roster.users.list({ environmentId: environment.id })).items;
    const groups = await roster.groups.ofUser(ana!.id);
    expect(groups.map((group) => group.name).sort()).toEqual(['Sales', 'Support']);
    expect(groups.some((group) => group.id === sales.id)).toBe(true);
    expect((await roster.roles.effective(ana!.id)).map((effective) => effective.role.id)).toEqual([role.id]);
  });

  it('stops and writes nothing when cancelled', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await snapshotOf(roster);
    const controller = new AbortController();
    controller.abort();
    await expect(
      roster.importCsv(environment.id, csv('username', 'ana'), { signal: controller.signal }),
    ).rejects.toThrow();
    expect(await snapshotOf(roster)).toEqual(before);
  });

  it('stops and writes nothing when cancelled mid-way, while it reports its progress', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const before = await snapshotOf(roster);
    const controller = new AbortController();
    const phases: string[] = [];
    const file = csv('username', ...Array.from({ length: 12_000 }, (_, i) => `user${i}`));
    const running = roster.importCsv(environment.id, file, {
      signal: controller.signal,
      onProgress: (progress) => {
        phases.push(progress.phase);
        if (progress.phase === 'checking') controller.abort();
      },
    });
    await expect(running).rejects.toThrow();
    expect(phases).toContain('reading');
    expect(await snapshotOf(roster)).toEqual(before);
  });

  it('reports reading, checking and writing in turn', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const phases = new Set<string>();
    await roster.importCsv(environment.id, csv('username', 'ana', 'bob'), {
      onProgress: (progress) => phases.add(progress.phase),
    });
    expect([...phases]).toEqual(['reading', 'checking', 'writing']);
  });

  it('refuses bad options naming the field', async ({ roster }) => {
    const environment = await anEnvironmentIn(roster);
    const error = await rosterErrorOf(
      roster.importCsv(environment.id, csv('username', 'ana'), { mode: 'merge' as 'create' }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['mode']);
  });
});

describe('exportCsv', () => {
  it('writes the users with their groups and direct roles, and imports back into a new environment the same', async ({
    roster,
  }) => {
    const source = await anEnvironmentIn(roster);
    const group = await roster.groups.create(aGroup(source.id, { name: 'Sales' }));
    const role = await roster.roles.create(aRole(source.id, { application: 'CRM', name: 'Viewer' }));
    const ana = await roster.users.create({
      environmentId: source.id,
      username: 'ana',
      name: 'Ana',
      email: 'ana@example.com',
      mobilePhone: '+44 20 7946 0000',
      lastLogin: '2026-01-02T03:04:05Z',
    });
    await roster.users.create({ environmentId: source.id, username: 'bob', isActive: false, externalId: '=cmd' });
    await roster.groups.addUsers(group.id, [ana.id]);
    await roster.roles.grantToUser(role.id, ana.id);

    const file = await roster.exportCsv(source.id);
    // Blob.text() drops a byte order mark, so the bytes are read as they are.
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(
      text.startsWith(
        'environment,username,name,email,mobilePhone,class,active,lastLogin,createdAt,' +
          'externalId,groups,roles,tenant\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(",'+44 20 7946 0000,");

    const target = await roster.environments.create(anEnvironment({ name: 'Copy' }));
    const report = await roster.importCsv(target.id, file, { createMissing: true });
    expect(report.totals).toMatchObject({ create: 2, error: 0 });

    const strip = (
      users: {
        username: string;
        name?: string;
        email?: string;
        mobilePhone?: string;
        isActive: boolean;
        lastLogin?: string;
        externalId?: string;
      }[],
    ) =>
      users.map(({ username, name, email, mobilePhone, isActive, lastLogin, externalId }) => ({
        username,
        name,
        email,
        mobilePhone,
        isActive,
        lastLogin,
        externalId,
      }));
    const before = (await roster.users.list({ environmentId: source.id })).items;
    const after = (await roster.users.list({ environmentId: target.id })).items;
    expect(strip(after)).toEqual(strip(before));
    const copied = after.find((user) => user.username === 'ana')!;
    expect((await roster.groups.ofUser(copied.id)).map((g) => g.name)).toEqual(['Sales']);
    expect(
      (await roster.roles.effective(copied.id)).map(
        (effective) => `${effective.role.application}/${effective.role.name}`,
      ),
    ).toEqual(['CRM/Viewer']);
  });
});
