import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { rosterErrorOf } from '../factories/errors';
import { anEnvironment } from '../factories/inputs';
import { it } from '../factories/roster';
import { snapshotOf } from '../factories/snapshot';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function anIsv(roster: Roster) {
  const environment = await roster.environments.create(
    anEnvironment({ rules: { mode: 'domains', domains: ['example.com'] } }),
  );
  const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
  await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
  return { environment, northwind };
}

const usernamesOf = async (roster: Roster, environmentId: string, tenantId: string) =>
  (await roster.users.list({ environmentId, tenantId })).items.map((user) => user.username);

describe('import with a tenant column', () => {
  it("puts each row's user in the tenant it names, the same username once per tenant", async ({ roster }) => {
    const { environment, northwind } = await anIsv(roster);
    const file = csv(
      'username,email,tenant',
      'admin,admin@example.com,',
      'admin,admin@northwind.example,northwind',
      'ops,ops@northwind.example,Northwind',
    );
    const report = await roster.importCsv(environment.id, file);
    expect(report.totals).toMatchObject({ create: 3, error: 0 });
    expect(await usernamesOf(roster, environment.id, `${environment.id}.default`)).toEqual(['admin']);
    expect(await usernamesOf(roster, environment.id, northwind.id)).toEqual(['admin', 'ops']);
    const tenant = report.usageAfter.environments[0]!.tenants.find((row) => row.tenantId === northwind.id);
    // Counted under Northwind's own rules.
    expect(tenant).toMatchObject({ internal: 2, external: 0 });
  });

  it('refuses a row naming an unknown tenant, writing nothing, unless told to create missing ones', async ({
    roster,
  }) => {
    const { environment } = await anIsv(roster);
    const file = csv('username,tenant,groups', 'ana,Contoso,Ops', 'bob,Contoso,Ops');
    const before = await snapshotOf(roster);
    const error = await rosterErrorOf(roster.importCsv(environment.id, file));
    expect(error.issues.map((issue) => issue.message)).toContain(
      "row 2, tenant: no tenant is named 'Contoso' in this environment; " +
        'create it first, or let the import create missing groups, roles and tenants.',
    );
    expect(await snapshotOf(roster)).toEqual(before);

    const report = await roster.importCsv(environment.id, file, { createMissing: true });
    expect(report.created).toMatchObject({ tenants: ['Contoso'], groups: ['Ops'] });
    const contoso = (await roster.tenants.list(environment.id)).find((tenant) => tenant.name === 'Contoso')!;
    expect(contoso.userCount).toBe(2);
    const groups = await roster.groups.list(environment.id);
    expect(groups).toEqual([expect.objectContaining({ name: 'Ops', tenantId: contoso.id, memberCount: 2 })]);
  });

  it('names a username repeated within one tenant of the file, not across tenants', async ({ roster }) => {
    const { environment } = await anIsv(roster);
    const report = await roster.importCsv(
      environment.id,
      csv('username,tenant', 'ana,Northwind', 'ANA,northwind', 'ana,'),
      { dryRun: true },
    );
    expect(report.totals).toMatchObject({ create: 2, error: 1 });
    expect(report.rows.find((row) => row.action === 'error')?.errors[0]).toMatch(/already appears in row 2/);
  });

  it('upserts the user of the tenant the row names, and imports into options.tenantId by default', async ({
    roster,
  }) => {
    const { environment, northwind } = await anIsv(roster);
    await roster.users.create({ environmentId: environment.id, username: 'ana', name: 'Default Ana' });
    await roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'ana' });
    await roster.importCsv(environment.id, csv('username,name', 'ana,Northwind Ana'), {
      mode: 'upsert',
      tenantId: northwind.id,
    });
    const inNorthwind = await roster.users.findByUsername(environment.id, 'ana', northwind.id);
    const inDefault = await roster.users.findByUsername(environment.id, 'ana');
    expect(inNorthwind?.name).toBe('Northwind Ana');
    expect(inDefault?.name).toBe('Default Ana');
  });

  it('an export names each user’s tenant; imported elsewhere with createMissing, the same tenants', async ({
    roster,
  }) => {
    const { environment, northwind } = await anIsv(roster);
    await roster.users.createMany([
      { environmentId: environment.id, username: 'own' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'client' },
    ]);
    const text = await (await roster.exportCsv(environment.id)).text();
    expect(text.split('\r\n')[0]).toMatch(/,roles,tenant$/);
    const copy = await roster.environments.create(anEnvironment());
    await roster.importCsv(copy.id, text, { createMissing: true });
    const tenants = await roster.tenants.list(copy.id);
    expect(tenants.map((tenant) => [tenant.name, tenant.userCount])).toEqual([
      ['Default', 1],
      ['Northwind', 1],
    ]);
    expect(await roster.users.findByUsername(copy.id, 'client', tenants[1]!.id)).toBeDefined();
  });
});
