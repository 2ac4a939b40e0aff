import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { anEnvironment, someUsers } from '../factories/inputs';
import { it } from '../factories/roster';

/** An environment with the tenant Northwind, whose client owns northwind.example. */
async function withNorthwind(roster: Roster) {
  const environment = await roster.environments.create(anEnvironment({ name: 'Production EU' }));
  await roster.environments.setRules(environment.id, { mode: 'domains', domains: ['example.com'] });
  const northwind = await roster.tenants.create({ environmentId: environment.id, name: 'Northwind' });
  await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
  return { environment, northwind };
}

/** `count` users of the tenant with addresses at `domain` (internal or external by its rules). */
function usersAt(environmentId: string, tenantId: string, count: number, domain: string, prefix = 'user') {
  return someUsers(environmentId, count).map((user, index) => ({
    ...user,
    username: `${prefix}${index}`,
    email: `${prefix}${index}@${domain}`,
    tenantId,
  }));
}

const tenantOf = async (roster: Roster, tenantId: string) =>
  (await roster.history.get()).tenants.find((tenant) => tenant.tenantId === tenantId)!;

describe("a tenant's own history", () => {
  it("keeps each tenant's counts day by day (not the default tenant's), named after the tenant", async ({
    roster,
    clock,
  }) => {
    const { environment, northwind } = await withNorthwind(roster);
    await roster.users.createMany([
      ...usersAt(environment.id, northwind.id, 2, 'northwind.example'),
      ...usersAt(environment.id, northwind.id, 3, 'gmail.com', 'guest'),
    ]);
    await roster.history.record();
    clock.advanceDays(1);
    await roster.users.createMany(usersAt(environment.id, northwind.id, 1, 'gmail.com', 'late'));
    await roster.history.record();

    const history = await roster.history.get();
    expect(history.tenants.map((tenant) => tenant.name)).toEqual(['Northwind']);
    expect(history.tenants[0]!.points).toEqual([
      { day: '2026-03-31', internal: 2, external: 3, named: 5 },
      { day: '2026-04-01', internal: 2, external: 4, named: 6 },
    ]);
  });

  it("keeps a day's high after a clean-up within the day, and the period's peak never goes down", async ({
    roster,
    clock,
  }) => {
    const { environment, northwind } = await withNorthwind(roster);
    const guests = await roster.users.createMany(usersAt(environment.id, northwind.id, 4, 'gmail.com', 'guest'));
    // The console raises the day's highs after every change; the day's record comes later.
    await roster.history.recordPeak();
    await roster.users.setActiveMany(
      guests.slice(0, 3).map((user) => user.id),
      false,
    );
    await roster.history.record();

    let tenant = await tenantOf(roster, northwind.id);
    expect(tenant.points.at(-1)).toMatchObject({ external: 1 });
    expect(tenant.peaks?.external).toEqual({ value: 4, day: '2026-03-31' });

    clock.advanceDays(3);
    tenant = await tenantOf(roster, northwind.id);
    expect(tenant.peaks?.external).toEqual({ value: 4, day: '2026-03-31' });
  });

  it('counts the live numbers as today: a peak is seen before the next record', async ({ roster }) => {
    const { environment, northwind } = await withNorthwind(roster);
    await roster.history.record();
    await roster.users.createMany(usersAt(environment.id, northwind.id, 7, 'gmail.com'));

    const tenant = await tenantOf(roster, northwind.id);
    expect(tenant.points.at(-1)).toEqual({ day: '2026-03-31', internal: 0, external: 7, named: 7 });
    expect(tenant.peaks?.external).toEqual({ value: 7, day: '2026-03-31' });
  });

  it("forecasts each of the tenant's own limits, and none without limits", async ({ roster, clock }) => {
    const { environment, northwind } = await withNorthwind(roster);
    expect((await tenantOf(roster, northwind.id)).forecasts).toEqual([]);
    await roster.tenants.setLimits(northwind.id, {
      model: 'internal-external',
      internalLimit: 100,
      externalLimit: 40,
      warnAt: 0.8,
    });
    // Two guests a day for two weeks and a day (30): the limit of 40 is crossed some five days on.
    for (let day = 0; day < 15; day++) {
      await roster.users.createMany(usersAt(environment.id, northwind.id, 2, 'gmail.com', `d${day}-`));
      await roster.history.record();
      clock.advanceDays(1);
    }

    const tenant = await tenantOf(roster, northwind.id);
    expect(tenant.forecasts.map((forecast) => forecast.limit)).toEqual(['internal', 'external']);
    const external = tenant.forecasts[1]!;
    expect(external.forecast.kind).toBe('crossing');
    expect(external.sentence).toMatch(/^At this rate the external limit is reached around /);
    expect(tenant.forecasts[0]!.forecast.kind).not.toBe('crossing');
  });

  it("is deleted with its tenant, and other tenants' history stays", async ({ roster }) => {
    const { environment, northwind } = await withNorthwind(roster);
    const contoso = await roster.tenants.create({ environmentId: environment.id, name: 'Contoso' });
    await roster.users.createMany([
      ...usersAt(environment.id, northwind.id, 2, 'gmail.com'),
      ...usersAt(environment.id, contoso.id, 1, 'gmail.com'),
    ]);
    await roster.history.record();
    await roster.tenants.delete(northwind.id, { deleteUsers: 2 });

    const { tenants } = await roster.history.get();
    expect(tenants.map((tenant) => [tenant.name, tenant.points.length])).toEqual([['Contoso', 1]]);
    const backup = JSON.parse(await (await roster.backup({ compress: false })).text());
    expect(backup.tables.tenantSnapshots.map((record: { tenantId: string }) => record.tenantId)).toEqual([contoso.id]);
  });

  it('writes nothing when no tenant moved', async ({ roster }) => {
    const { environment, northwind } = await withNorthwind(roster);
    await roster.users.createMany(usersAt(environment.id, northwind.id, 2, 'gmail.com'));
    await roster.history.record();

    expect(await roster.history.recordPeak()).toBe(false);
    const before = JSON.parse(await (await roster.backup({ compress: false })).text());
    await roster.history.record();
    await roster.history.recordPeak();
    const after = JSON.parse(await (await roster.backup({ compress: false })).text());
    expect(after.tables.tenantSnapshots).toEqual(before.tables.tenantSnapshots);
    expect(before.tables.tenantSnapshots).toHaveLength(1);
  });

  it('restores a backup made before tenant history (format 2) with none', async ({ roster, clock }) => {
    const { environment, northwind } = await withNorthwind(roster);
    await roster.users.createMany(usersAt(environment.id, northwind.id, 2, 'gmail.com'));
    const document = JSON.parse(await (await roster.backup({ compress: false })).text());
    document.version = 2;
    delete document.tables.tenantSnapshots;
    await roster.history.record();
    clock.advanceDays(1);

    await roster.restore(JSON.stringify(document));
    // Only today's live counts: the day recorded after the backup was made is gone with the restore.
    expect((await tenantOf(roster, northwind.id)).points).toEqual([
      { day: '2026-04-01', internal: 0, external: 2, named: 2 },
    ]);
  });
});
