// @vitest-environment jsdom
// Tenants on the dashboard: each environment card with more than its default tenant breaks its
// counts down per tenant (every number a link to the users behind it, the table as CSV), and a
// tenant near or over its own limits has a banner that names it and its environment.
import { screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment, Roster, UsageReport } from '../../src/api';
import EnvironmentCards from '../../src/ui/features/dashboard/EnvironmentCards.svelte';
import TenantLimitBanners from '../../src/ui/features/dashboard/TenantLimitBanners.svelte';
import { tenantsCsv } from '../../src/ui/features/dashboard/tenant-breakdown';
import { renderWithRoster } from '../factories/render';
import { openTestRoster } from '../factories/roster';

describe('tenants on the dashboard', () => {
  let roster: Roster;
  let production: Environment;
  let northwindId: string;
  let usage: UsageReport;

  beforeEach(async () => {
    roster = await openTestRoster();
    production = await roster.environments.create({ name: 'Production EU', kind: 'production' });
    await roster.environments.setRules(production.id, { mode: 'domains', domains: ['roster.example'] });
    const environmentId = production.id;
    const northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
    northwindId = northwind.id;
    await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
    await roster.tenants.setLimits(northwind.id, { model: 'internal-external', internalLimit: 5, externalLimit: 1 });
    await roster.users.createMany([
      { environmentId, username: 'admin', email: 'admin@roster.example' },
      { environmentId, tenantId: northwind.id, username: 'admin', email: 'admin@northwind.example' },
      { environmentId, tenantId: northwind.id, username: 'guest1', email: 'guest1@gmail.com' },
      { environmentId, tenantId: northwind.id, username: 'guest2', email: 'guest2@gmail.com' },
      { environmentId, tenantId: northwind.id, username: 'gone', email: 'gone@gmail.com', isActive: false },
    ]);
    // An environment with only its default tenant looks as before.
    const test = await roster.environments.create({ name: 'Test', kind: 'non-production' });
    await roster.users.create({ environmentId: test.id, username: 'tess', email: 'tess@roster.example' });
    usage = await roster.usage();
  });

  afterEach(() => roster.close());

  it('breaks the counts down per tenant, each number a link to those users', () => {
    renderWithRoster(EnvironmentCards, { environments: usage.environments }, roster);

    const table = screen.getByRole('table', { name: 'Tenants of Production EU' });
    const columns = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(columns).toEqual(['Tenant', 'Internal', 'External', 'Named', 'Inactive']);
    const northwind = within(table).getByRole('row', { name: /^Northwind/ });
    expect(northwind).toHaveTextContent('Northwind1231');
    const external = within(northwind).getByRole('link', { name: '2 external users of Northwind in Production EU' });
    const link = new URLSearchParams(external.getAttribute('href')!.split('?')[1]);
    expect(Object.fromEntries(link)).toEqual({ environment: production.id, tenant: northwindId, class: 'external' });
    expect(within(table).getByRole('row', { name: /^Default/ })).toHaveTextContent('Default1010');
    expect(screen.getByRole('button', { name: 'Download CSV of the tenants of Production EU' })).toBeInTheDocument();

    expect(screen.queryByRole('table', { name: 'Tenants of Test' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('table')).toHaveLength(1);
  });

  it('writes the breakdown as CSV, one row per tenant, adding up to the environment', () => {
    const row = usage.environments.find((candidate) => candidate.name === 'Production EU')!;
    expect(tenantsCsv(row)).toBe(
      '\uFEFFenvironment,tenant,internal,external,named,anonymous,inactive\r\n' +
        'Production EU,Default,1,0,1,0,0\r\n' +
        'Production EU,Northwind,1,2,3,0,1\r\n',
    );
  });

  it("names the tenant and its environment in the banner of a tenant's own limit", () => {
    renderWithRoster(TenantLimitBanners, { environments: usage.environments }, roster);

    const banners = document.querySelectorAll<HTMLElement>('[data-tenant]');
    // Only the limit over (external: 2 of 1); internal (1 of 5) is within it and stays quiet.
    expect([...banners].map((banner) => [banner.dataset.tenant, banner.dataset.limit, banner.dataset.status])).toEqual([
      ['Northwind', 'external', 'over'],
    ]);
    expect(banners[0]).toHaveTextContent(
      "Tenant Northwind in Production EU. External users: 2 of 1 — 1 over the limit; Northwind's subscription " +
        'must be upgraded to stay compliant.',
    );
    const link = within(banners[0]!).getByRole('link', { name: 'Show the external users of Northwind' });
    expect(link.getAttribute('href')).toContain(`tenant=${encodeURIComponent(northwindId)}`);
  });
});
