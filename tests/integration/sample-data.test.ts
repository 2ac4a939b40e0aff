/**
 * The one-click sample: what it creates through the Users API, that every licence class and
 * feature has something to show, that it is reproducible from its seed, and that it refuses
 * a database that already holds data.
 */
import { describe, expect } from 'vitest';
import type { Roster } from '../../src/api';
import { loadSampleData } from '../../src/app/sample-data';
import { it, openTestRoster, TestClock } from '../factories/roster';

const SMALL = 200;

async function usernamesOf(roster: Roster): Promise<string[]> {
  const names: string[] = [];
  for (const environment of await roster.environments.list()) {
    const page = await roster.users.list({ environmentId: environment.id, limit: 10_000 });
    names.push(...page.items.map((user) => `${environment.name}:${user.username}`));
  }
  return names;
}

async function environmentNamed(roster: Roster, name: string) {
  const environment = (await roster.environments.list()).find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no environment named ${name}`);
  return environment;
}

describe('loadSampleData', () => {
  it('creates the environments with their kinds, versions and domain rules', async ({ roster, clock }) => {
    const summary = await loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL });

    const environments = await roster.environments.list();
    expect(environments.map((e) => [e.name, e.kind, e.platformVersion])).toEqual([
      ['Legacy Portal', 'production', '11.6.2'],
      ['Production EU', 'production', '11.14.0'],
      ['Production US', 'production', '11.14.0'],
      ['Staging', 'non-production', '11.15.0'],
    ]);
    const rules = await roster.environments.getRules((await environmentNamed(roster, 'Production EU')).id);
    expect(rules.mode).toBe('domains');
    expect(rules.domains).toEqual(
      expect.arrayContaining([
        { domain: 'northwind.example', relation: 'own' },
        { domain: 'northwind-group.example', relation: 'parent' },
        { domain: 'contoso.example', relation: 'affiliate' },
        { domain: '*.clients.northwind.example', relation: 'client' },
      ]),
    );
    expect(summary).toEqual({ environments: 4, users: SMALL * 2 + SMALL / 10 + SMALL / 5, groups: 20, roles: 28 });
    expect((await usernamesOf(roster)).length).toBe(summary.users);
  });

  it('shows every licence class: internal, external, anonymous and inactive users', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL });

    const report = await roster.usage();
    const eu = report.environments.find((row) => row.name === 'Production EU');
    expect(eu?.internal).toBeGreaterThan(0);
    expect(eu?.external).toBeGreaterThan(0);
    expect(eu?.anonymous).toBeGreaterThan(0);
    expect(eu?.inactive).toBeGreaterThan(0);
    expect(eu?.splitShown).toBe(true);
    expect(report.environments.find((row) => row.name === 'Legacy Portal')?.splitShown).toBe(false);
    expect(report.production.internal).toBeGreaterThan(report.production.external);
  });

  it('has dormant users at the default 90 days', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL });

    const dormant = await roster.users.dormant({ days: 90, now: clock.now() });
    expect(dormant.length).toBeGreaterThan(0);
    expect(dormant.every((user) => user.isActive)).toBe(true);
  });

  it('fills groups and lets members inherit roles from them', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL });
    const eu = await environmentNamed(roster, 'Production EU');

    const groups = await roster.groups.list(eu.id);
    expect(groups.map((g) => g.name)).toEqual(['Administrators', 'Finance', 'Partners', 'Sales', 'Support']);
    expect(groups.every((g) => g.memberCount > 0)).toBe(true);

    const sales = groups.find((g) => g.name === 'Sales');
    const members = await roster.groups.members(sales?.id ?? '');
    const active = members.find((user) => user.isActive);
    const effective = await roster.roles.effective(active?.id ?? '');
    expect(effective.some((entry) => entry.inheritedFrom.some((g) => g.name === 'Sales'))).toBe(true);

    const withDirectRole = await Promise.all(members.map((user) => roster.roles.effective(user.id)));
    expect(withDirectRole.some((entries) => entries.some((entry) => entry.direct))).toBe(true);
  });

  it('gives the same users for the same seed, and others for another seed', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), seed: 7, usersPerProduction: SMALL });
    const same = await openTestRoster(new TestClock());
    const other = await openTestRoster(new TestClock());
    try {
      await loadSampleData(same, { now: clock.now(), seed: 7, usersPerProduction: SMALL });
      await loadSampleData(other, { now: clock.now(), seed: 8, usersPerProduction: SMALL });
      expect(await usernamesOf(same)).toEqual(await usernamesOf(roster));
      expect(await usernamesOf(other)).not.toEqual(await usernamesOf(roster));
    } finally {
      same.close();
      other.close();
    }
  });

  it('refuses a database that already has an environment, and writes nothing', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL });
    const before = { usernames: await usernamesOf(roster), audit: await roster.audit.recent(1_000) };

    await expect(loadSampleData(roster, { now: clock.now(), usersPerProduction: SMALL })).rejects.toThrow(
      /empty database/,
    );

    expect(await usernamesOf(roster)).toEqual(before.usernames);
    expect(await roster.audit.recent(1_000)).toEqual(before.audit);
  });

  it('refuses even a single hand-made environment', async ({ roster }) => {
    await roster.environments.create({ name: 'QA', kind: 'non-production' });
    await expect(loadSampleData(roster)).rejects.toThrow(/empty database/);
    expect((await roster.environments.list()).map((e) => e.name)).toEqual(['QA']);
  });

  it('loads the default size', async ({ roster, clock }) => {
    const summary = await loadSampleData(roster, { now: clock.now() });

    expect(summary).toEqual({ environments: 4, users: 5_750, groups: 20, roles: 28 });
    const report = await roster.usage();
    expect(report.production.named).toBeGreaterThan(4_000);
    expect(report.production.external).toBeGreaterThan(0);
  }, 30_000);
});

describe('the sample subscription', () => {
  it('leaves internal users within their limit and external users near theirs', async ({ roster, clock }) => {
    await loadSampleData(roster, { now: clock.now(), usersPerProduction: 400 });

    const { limits } = await roster.usage();
    expect(limits.map((limit) => [limit.limit, limit.status])).toEqual([
      ['internal', 'ok'],
      ['external', 'near'],
    ]);
    expect((await roster.subscription.get())?.periodStart).toMatch(/^\d{4}-\d{2}-01$/);
  });
});
