import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import type { EnvironmentStateRecord, TenantTallyRecord } from '../../src/db';
import { failureOf, rosterErrorOf } from '../factories/errors';
import { anEnvironment } from '../factories/inputs';
import { TestClock, it, openTestRoster, uniqueDbName } from '../factories/roster';
import { tablesOf } from '../factories/tables';

/** A production environment whose own domain is example.com, with two client tenants. */
async function anIsv(roster: Roster) {
  const environment = await roster.environments.create(
    anEnvironment({ rules: { mode: 'domains', domains: ['example.com'] } }),
  );
  const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
  const contoso = await roster.tenants.create({ environmentId: environment.id, name: 'Contoso' });
  return { environment, northwind, contoso, defaultId: `${environment.id}.default` };
}

function rowOf(usage: Awaited<ReturnType<Roster['usage']>>, environmentId: string) {
  return usage.environments.find((row) => row.environmentId === environmentId)!;
}

describe('tenants', () => {
  it('every environment has a default tenant that users and groups belong to unless told otherwise', async ({
    roster,
  }) => {
    const { environment, defaultId } = await anIsv(roster);
    const tenants = await roster.tenants.list(environment.id);
    expect(tenants.map((tenant) => [tenant.name, tenant.isDefault])).toEqual([
      ['Default', true],
      ['Contoso', false],
      ['Northwind', false],
    ]);
    const user = await roster.users.create({ environmentId: environment.id, username: 'ana' });
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    expect(user.tenantId).toBe(defaultId);
    expect(group.tenantId).toBe(defaultId);
    expect((await roster.users.get(user.id))?.tenantId).toBe(defaultId);
  });

  it('keeps usernames and group names unique within a tenant, not across tenants', async ({ roster }) => {
    const { environment, northwind, contoso } = await anIsv(roster);
    const inNorthwind = await roster.users.create({
      environmentId: environment.id,
      tenantId: northwind.id,
      username: 'admin',
    });
    const inContoso = await roster.users.create({
      environmentId: environment.id,
      tenantId: contoso.id,
      username: 'Admin',
    });
    expect(inNorthwind.tenantId).toBe(northwind.id);
    expect(inContoso.tenantId).toBe(contoso.id);
    const clash = await rosterErrorOf(
      roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'ADMIN' }),
    );
    expect(clash.code).toBe('conflict');
    expect(clash.issues[0]).toMatchObject({ path: 'username', message: expect.stringContaining('Northwind') });
    expect(await roster.users.findByUsername(environment.id, 'admin', contoso.id)).toMatchObject({ id: inContoso.id });
    expect(await roster.users.findByUsername(environment.id, 'admin')).toBeUndefined();

    await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Operators' });
    await roster.groups.create({ environmentId: environment.id, tenantId: contoso.id, name: 'Operators' });
    expect(
      await failureOf(roster.groups.create({ environmentId: environment.id, tenantId: contoso.id, name: 'operators' })),
    ).toEqual({ code: 'conflict', paths: ['name'] });
  });

  it("lists a tenant's groups, and refuses a tenant of another environment", async ({ roster }) => {
    const { environment, northwind, contoso, defaultId } = await anIsv(roster);
    const other = await anIsv(roster);
    await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Operators' });
    await roster.groups.create({ environmentId: environment.id, tenantId: contoso.id, name: 'Operators' });
    await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Buyers' });
    await roster.groups.create({ environmentId: environment.id, name: 'Staff' });
    const names = async (tenantId?: string) =>
      (await roster.groups.list(environment.id, tenantId === undefined ? {} : { tenantId })).map((g) => [
        g.name,
        g.tenantId,
      ]);

    expect(await names(northwind.id)).toEqual([
      ['Buyers', northwind.id],
      ['Operators', northwind.id],
    ]);
    expect(await names(defaultId)).toEqual([['Staff', defaultId]]);
    expect(await names()).toHaveLength(4);
    expect(await failureOf(roster.groups.list(environment.id, { tenantId: other.northwind.id }))).toEqual({
      code: 'validation',
      paths: ['tenantId'],
    });
    expect(await failureOf(roster.groups.list(environment.id, { tenantId: 'nope' }))).toEqual({
      code: 'not-found',
      paths: ['tenantId'],
    });
  });

  it('refuses a tenant of another environment, and one that does not exist, naming tenantId', async ({ roster }) => {
    const { environment } = await anIsv(roster);
    const other = await anIsv(roster);
    expect(
      await failureOf(
        roster.users.createMany([
          { environmentId: environment.id, username: 'ok' },
          { environmentId: environment.id, tenantId: other.northwind.id, username: 'lost' },
        ]),
      ),
    ).toEqual({ code: 'conflict', paths: ['1.tenantId'] });
    expect((await roster.users.list({ environmentId: environment.id })).total).toBe(0);
    expect(
      await failureOf(roster.groups.create({ environmentId: environment.id, tenantId: 'nope', name: 'G' })),
    ).toEqual({ code: 'not-found', paths: ['tenantId'] });
  });

  it("counts each tenant's users from its client's point of view; the environment's counts are the sum", async ({
    roster,
  }) => {
    const { environment, northwind, contoso, defaultId } = await anIsv(roster);
    await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
    await roster.users.createMany([
      { environmentId: environment.id, username: 'own', email: 'own@example.com' },
      { environmentId: environment.id, username: 'client', email: 'c@northwind.example' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'n1', email: 'n1@northwind.example' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'n2', email: 'n2@example.com' },
      { environmentId: environment.id, tenantId: contoso.id, username: 'c1', email: 'c1@example.com' },
      {
        environmentId: environment.id,
        tenantId: contoso.id,
        username: 'c2',
        email: 'c2@contoso.example',
        isActive: false,
      },
    ]);
    const row = rowOf(await roster.usage(), environment.id);
    const byId = new Map(row.tenants.map((tenant) => [tenant.tenantId, tenant]));
    // Default tenant: the environment's rules (example.com is internal, northwind.example is not).
    expect(byId.get(defaultId)).toMatchObject({ name: 'Default', internal: 1, external: 1, named: 2 });
    // Northwind: its own rules (northwind.example internal, the ISV's example.com external).
    expect(byId.get(northwind.id)).toMatchObject({ name: 'Northwind', internal: 1, external: 1, named: 2 });
    // Contoso: no rules of its own, so the environment's.
    expect(byId.get(contoso.id)).toMatchObject({ internal: 1, external: 0, inactive: 1 });
    for (const key of ['internal', 'external', 'named', 'anonymous', 'inactive'] as const)
      expect(row[key]).toBe(row.tenants.reduce((sum, tenant) => sum + tenant[key], 0));

    const n1 = await roster.users.findByUsername(environment.id, 'n1', northwind.id);
    expect(await roster.users.classify(n1!.id)).toMatchObject({
      class: 'internal',
      reason: 'internal: northwind.example is listed for the tenant Northwind (own)',
    });
    const listed = await roster.users.list({
      environmentId: environment.id,
      tenantId: northwind.id,
      class: 'external',
    });
    expect(listed.items.map((user) => user.username)).toEqual(['n2']);

    // Back to the environment's rules: n1 is external from the ISV's point of view, n2 internal.
    await roster.tenants.setRules(northwind.id, null);
    const after = rowOf(await roster.usage(), environment.id).tenants.find(
      (tenant) => tenant.tenantId === northwind.id,
    );
    expect(after).toMatchObject({ internal: 1, external: 1 });
    expect((await roster.users.classify(n1!.id)).reason).toBe(
      "external: domain northwind.example is not in this environment's list",
    );
  });

  it("checks a tenant's own limits against its own counts", async ({ roster }) => {
    const { environment, northwind } = await anIsv(roster);
    await roster.tenants.setLimits(northwind.id, { model: 'named', namedLimit: 2, warnAt: 0.5 });
    await roster.users.createMany(
      ['a', 'b', 'c'].map((username) => ({
        environmentId: environment.id,
        tenantId: northwind.id,
        username,
        email: `${username}@northwind.example`,
      })),
    );
    const tenant = rowOf(await roster.usage(), environment.id).tenants.find((row) => row.tenantId === northwind.id);
    expect(tenant?.limits).toEqual([{ limit: 'named', used: 3, max: 2, remaining: -1, status: 'over' }]);
    expect(await failureOf(roster.tenants.setLimits(`${environment.id}.default`, null))).toEqual({
      code: 'validation',
      paths: ['id'],
    });
  });

  it('moves a user to another tenant unless its username is taken there or it is in a group of its tenant', async ({
    roster,
  }) => {
    const { environment, northwind, contoso } = await anIsv(roster);
    const ana = await roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'ana' });
    await roster.users.create({ environmentId: environment.id, tenantId: contoso.id, username: 'ana' });
    const taken = await rosterErrorOf(roster.users.update(ana.id, { tenantId: contoso.id }));
    expect(taken.code).toBe('conflict');
    expect(taken.issues[0]?.path).toBe('tenantId');

    const group = await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Ops' });
    await roster.groups.addUsers(group.id, [ana.id]);
    const other = await roster.tenants.create({ environmentId: environment.id, name: 'Fabrikam' });
    const grouped = await rosterErrorOf(roster.users.update(ana.id, { tenantId: other.id }));
    expect(grouped.issues[0]).toMatchObject({ path: 'tenantId', message: expect.stringContaining('a group') });

    await roster.groups.removeUsers(group.id, [ana.id]);
    const moved = await roster.users.update(ana.id, { tenantId: other.id });
    expect(moved.tenantId).toBe(other.id);
    const counts = await roster.tenants.list(environment.id);
    expect(counts.map((tenant) => [tenant.name, tenant.userCount])).toEqual([
      ['Default', 0],
      ['Contoso', 1],
      ['Fabrikam', 1],
      ['Northwind', 0],
    ]);
  });

  it("a group's members come from its own tenant", async ({ roster }) => {
    const { environment, northwind } = await anIsv(roster);
    const outsider = await roster.users.create({ environmentId: environment.id, username: 'out' });
    const group = await roster.groups.create({ environmentId: environment.id, tenantId: northwind.id, name: 'Ops' });
    expect(await failureOf(roster.groups.addUsers(group.id, [outsider.id]))).toEqual({
      code: 'validation',
      paths: ['userIds.0'],
    });
    expect(await roster.groups.members(group.id)).toEqual([]);
  });

  it('deletes an empty tenant, and one with users only when told how many go with it', async ({ roster }) => {
    const { environment, northwind, contoso } = await anIsv(roster);
    await roster.tenants.delete(contoso.id);
    await roster.users.createMany(
      ['a', 'b'].map((username) => ({ environmentId: environment.id, tenantId: northwind.id, username })),
    );
    const kept = await roster.users.create({ environmentId: environment.id, username: 'a' });
    const refused = await rosterErrorOf(roster.tenants.delete(northwind.id));
    expect(refused.issues[0]).toMatchObject({ path: 'deleteUsers', message: expect.stringContaining('2 users') });
    expect(await failureOf(roster.tenants.delete(northwind.id, { deleteUsers: 1 }))).toEqual({
      code: 'conflict',
      paths: ['deleteUsers'],
    });
    await roster.tenants.delete(northwind.id, { deleteUsers: 2 });
    const left = await roster.users.list({ environmentId: environment.id });
    expect(left.items.map((user) => user.id)).toEqual([kept.id]);
    expect((await roster.tenants.list(environment.id)).map((tenant) => tenant.name)).toEqual(['Default']);
    expect(await failureOf(roster.tenants.delete(`${environment.id}.default`))).toEqual({
      code: 'validation',
      paths: ['id'],
    });
  });

  it('a backup keeps tenants, and a restore gives the same users in the same tenants', async ({ roster }) => {
    const { environment, northwind } = await anIsv(roster);
    await roster.tenants.setRules(northwind.id, { mode: 'all-internal', domains: [] });
    const user = await roster.users.create({
      environmentId: environment.id,
      tenantId: northwind.id,
      username: 'n',
      email: 'n@gmail.example',
    });
    const before = await roster.usage();
    const file = await roster.backup({ compress: false });
    await roster.tenants.delete(northwind.id, { deleteUsers: 1 });
    await roster.restore(file);
    expect((await roster.users.get(user.id))?.tenantId).toBe(northwind.id);
    expect(await roster.usage()).toEqual(before);
  });

  it('restores a backup made before tenants (format 1) into default tenants', async ({ roster }) => {
    const environment = await roster.environments.create(anEnvironment());
    const user = await roster.users.create({ environmentId: environment.id, username: 'ana' });
    const group = await roster.groups.create({ environmentId: environment.id, name: 'Sales' });
    const document = JSON.parse(await (await roster.backup({ compress: false })).text());
    // As Roster wrote backups before tenants: format 1, no tenants table, groups without a tenant.
    document.version = 1;
    delete document.tables.tenants;
    for (const record of document.tables.groups) delete record.tenantId;
    await roster.tenants.create({ environmentId: environment.id, name: 'Gone after the restore' });
    await roster.restore(JSON.stringify(document));
    expect(
      (await roster.tenants.list(environment.id)).map((tenant) => [tenant.id, tenant.name, tenant.userCount]),
    ).toEqual([[`${environment.id}.default`, 'Default', 1]]);
    expect((await roster.groups.get(group.id))?.tenantId).toBe(`${environment.id}.default`);
    expect((await roster.users.get(user.id))?.tenantId).toBe(`${environment.id}.default`);
  });

  it("rewrites a tenant's tallies only when its counts move, not for a rename of its user", async () => {
    const name = uniqueDbName();
    const roster = await openTestRoster(new TestClock(), name);
    const { environment, northwind } = await anIsv(roster);
    const user = await roster.users.create({
      environmentId: environment.id,
      tenantId: northwind.id,
      username: 'n',
      email: 'n@northwind.example',
    });
    const stored = async () => {
      const tables = (await tablesOf(name)) as unknown as {
        environmentStates: EnvironmentStateRecord[];
        tenantTallies: TenantTallyRecord[];
      };
      const state = tables.environmentStates.find((record) => record.environmentId === environment.id)!;
      return { stamp: state.tenantTalliesStamp, tallies: tables.tenantTallies.map((record) => record.tallies) };
    };
    // The first write after a load stores the tenant's tallies once; a rename then moves nothing.
    await roster.users.update(user.id, { name: 'First' });
    const before = await stored();
    await roster.users.update(user.id, { name: 'Nadia North' });
    expect(await stored()).toEqual(before);
    // Another email domain moves the tenant's user to another tally: stored, under a new stamp.
    await roster.users.update(user.id, { email: 'n@elsewhere.example' });
    const moved = await stored();
    expect(moved.stamp).not.toBe(before.stamp);
    expect(moved.tallies.map((text) => JSON.parse(text))).toEqual([[['elsewhere.example', 1, 0, 1]]]);
    roster.close();
  });

  it("keeps each tenant's tallies in a record of its own, written only when its users change", async () => {
    const name = uniqueDbName();
    const roster = await openTestRoster(new TestClock(), name);
    const { environment, northwind, contoso } = await anIsv(roster);
    const [own] = await roster.users.createMany([
      { environmentId: environment.id, username: 'own', email: 'own@example.com' },
      { environmentId: environment.id, tenantId: northwind.id, username: 'n', email: 'n@northwind.example' },
      { environmentId: environment.id, tenantId: contoso.id, username: 'c', email: 'c@contoso.example' },
    ]);
    const before = (await tablesOf(name)) as unknown as {
      environmentStates: EnvironmentStateRecord[];
      tenantTallies: TenantTallyRecord[];
    };
    const state = before.environmentStates.find((record) => record.environmentId === environment.id)!;
    // The state record holds the default tenant's tallies only, with no tenant on any entry.
    expect(JSON.parse(state.tallies)).toEqual([['example.com', 1, 0, 1]]);
    expect(before.tenantTallies.map((record) => [record.tenantId, JSON.parse(record.tallies)])).toEqual(
      expect.arrayContaining([
        [northwind.id, [['northwind.example', 1, 0, 1]]],
        [contoso.id, [['contoso.example', 1, 0, 1]]],
      ]),
    );
    // An edit of a default-tenant user rewrites no tenant's record; deleting a tenant's users removes its record.
    await roster.users.update(own!.id, { email: 'own@elsewhere.example' });
    expect((await tablesOf(name)).tenantTallies).toEqual(before.tenantTallies);
    await roster.tenants.delete(contoso.id, { deleteUsers: 1 });
    const after = (await tablesOf(name)).tenantTallies as TenantTallyRecord[];
    expect(after.map((record) => record.tenantId)).toEqual([northwind.id]);
    const usage = await roster.usage();
    // A usage read keeps the tenants' tallies until a write stores some tenant's again.
    await roster.users.create({ environmentId: environment.id, tenantId: northwind.id, username: 'n2' });
    const grown = (await roster.usage()).environments[0]!.tenants.find((row) => row.tenantId === northwind.id);
    const earlier = usage.environments[0]!.tenants.find((row) => row.tenantId === northwind.id);
    expect(grown!.anonymous).toBe(earlier!.anonymous + 1);
    roster.close();
    // A reload counts every tenant from the stored tallies alone, as before it.
    const reopened = await openTestRoster(new TestClock(), name);
    const reloaded = await reopened.usage();
    reopened.close();
    expect(reloaded.environments[0]!.tenants).toEqual(
      usage.environments[0]!.tenants.map((row) =>
        row.tenantId === northwind.id ? { ...row, anonymous: row.anonymous + 1 } : row,
      ),
    );
    const again = await openTestRoster(new TestClock(), name);
    expect(await again.usage()).toEqual(reloaded);
    again.close();
  });
});
