// Tenants in a real browser, as a managed-service partner sees them: an environment with two
// clients (each with its own domains and limits, each with its own `admin`), their counts on the
// dashboard with a banner for the client over its limit, a click through to exactly that
// client's users, the Tenant filter, and the tenant on a user's page, where a move the API
// refuses is said next to the field.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots, launchBrowser } from './browser';
import { TenantCountsPage } from './pages/tenant-counts.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('tenants', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: TenantCountsPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
      acceptDownloads: true,
    });
    app = new TenantCountsPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(docScreenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** Checks the page with axe in the light theme and in the dark one. */
  async function axeBothThemes(what: string): Promise<void> {
    await expectNoSeriousA11yViolations(app.page, `${what}, light`);
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(app.page, `${what}, dark`);
    await app.page.emulateMedia({ colorScheme: 'light' });
  }

  /** A file the page downloads when `click` runs, as text. */
  async function downloaded(click: () => Promise<void>): Promise<string> {
    const download = app.page.waitForEvent('download');
    await click();
    return readFile((await (await download).path())!, 'utf8');
  }

  it('shows each tenant of an environment with its own counts on the dashboard', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.evaluate(async () => {
      const { roster } = window;
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await roster.environments.setRules(environmentId, { mode: 'domains', domains: ['roster.example'] });
      const northwind = await roster.tenants.create({ environmentId, name: 'Northwind' });
      await roster.tenants.setRules(northwind.id, { mode: 'domains', domains: ['northwind.example'] });
      await roster.tenants.setLimits(northwind.id, { model: 'internal-external', internalLimit: 5, externalLimit: 2 });
      const contoso = await roster.tenants.create({ environmentId, name: 'Contoso' });
      await roster.tenants.setRules(contoso.id, { mode: 'domains', domains: ['contoso.example'] });
      await roster.tenants.setLimits(contoso.id, { model: 'named', namedLimit: 10 });
      const inNorthwind = { environmentId, tenantId: northwind.id };
      const inContoso = { environmentId, tenantId: contoso.id };
      await roster.users.createMany([
        { environmentId, username: 'ana', email: 'ana@roster.example' },
        { ...inNorthwind, username: 'admin', name: 'Northwind admin', email: 'admin@northwind.example' },
        { ...inNorthwind, username: 'guest1', email: 'guest1@gmail.com' },
        { ...inNorthwind, username: 'guest2', email: 'guest2@gmail.com' },
        { ...inNorthwind, username: 'guest3', email: 'guest3@gmail.com' },
        { ...inContoso, username: 'admin', name: 'Contoso admin', email: 'admin@contoso.example' },
        { ...inContoso, username: 'carla', email: 'carla@contoso.example' },
        { ...inContoso, username: 'visitor', email: 'visitor@gmail.com' },
        { ...inContoso, username: 'former', email: 'former@contoso.example', isActive: false },
      ]);
    });
    await app.open();

    const counts = async (tenant: string) =>
      Promise.all(
        (['internal', 'external', 'named', 'inactive'] as const).map((count) =>
          app.tenantCount('Production EU', tenant, count).textContent(),
        ),
      );
    await expect.poll(() => counts('Northwind')).toEqual(['1', '3', '4', '0']);
    expect(await counts('Contoso')).toEqual(['2', '1', '3', '1']);
    expect(await counts('Default')).toEqual(['1', '0', '1', '0']);
  });

  it('says in a banner which tenant of which environment is over its own limit', async () => {
    const banner = app.tenantBanner('Northwind', 'external');
    await expect.poll(() => banner.getAttribute('data-status')).toBe('over');
    expect(await banner.textContent()).toContain(
      "Tenant Northwind in Production EU. External users: 3 of 2 — 1 over the limit; Northwind's subscription",
    );
    // Within their limits, the other limits stay quiet.
    expect(await app.tenantBanner('Northwind', 'internal').count()).toBe(0);
    expect(await app.tenantBanner('Contoso', 'named').count()).toBe(0);

    await axeBothThemes('dashboard with tenants');
    const card = app.page.locator('article[data-environment="Production EU"]');
    await app.page.locator('[data-tenant="Northwind"]').first().scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: `${docScreenshots}dashboard-tenants.png`, fullPage: true });
    await card.screenshot({ path: `${artifacts}dashboard-tenants-card.png` });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await card.screenshot({ path: `${artifacts}dashboard-tenants-card-dark.png` });
    await app.page.emulateMedia({ colorScheme: 'light' });
  });

  it('downloads the tenant breakdown as CSV', async () => {
    const csv = await downloaded(() =>
      app.page.getByRole('button', { name: 'Download CSV of the tenants of Production EU' }).click(),
    );
    expect(csv.slice(1).trimEnd().split('\r\n')).toEqual([
      'environment,tenant,internal,external,named,anonymous,inactive',
      'Production EU,Default,1,0,1,0,0',
      'Production EU,Contoso,2,1,3,0,1',
      'Production EU,Northwind,1,3,4,0,0',
    ]);
  });

  it("follows a tenant's number to exactly that tenant's users", async () => {
    await app.tenantCount('Production EU', 'Northwind', 'external').click();
    await app.page.getByRole('heading', { name: 'Users counted in Production EU' }).waitFor();
    await expect.poll(() => app.visibleUsernames()).toEqual(['guest1', 'guest2', 'guest3']);
    expect(app.page.url()).toContain('tenant=');
    expect(await app.tenantFilter.locator('option:checked').textContent()).toBe('Northwind');

    // The export takes the same tenant.
    const csv = await downloaded(() => app.page.getByRole('button', { name: 'Export CSV' }).click());
    const usernames = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect(usernames).toEqual(['guest1', 'guest2', 'guest3']);
  });

  it('filters the Users section by tenant', async () => {
    await app.page.getByRole('group', { name: 'Class' }).getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => app.visibleUsernames()).toEqual(['admin', 'guest1', 'guest2', 'guest3']);
    await app.tenantFilter.selectOption({ label: 'Contoso' });
    await expect.poll(() => app.visibleUsernames()).toEqual(['admin', 'carla', 'former', 'visitor']);
    await app.tenantFilter.selectOption({ label: 'Any tenant' });
    await expect.poll(() => app.usersTotal.textContent()).toBe('9');
    await app.tenantFilter.selectOption({ label: 'Contoso' });
    await expect.poll(() => app.visibleUsernames()).toEqual(['admin', 'carla', 'former', 'visitor']);
    await axeBothThemes('users filtered by tenant');
  });

  it("shows the tenant on a user's page, and why a move is refused, next to the field", async () => {
    await app.userRow('admin').getByRole('link', { name: 'admin' }).click();
    await app.page.getByRole('heading', { name: 'Contoso admin', level: 1 }).waitFor();
    expect(await app.page.getByTestId('user-tenant').textContent()).toContain('Contoso');
    const tenant = app.detailsForm.getByRole('combobox', { name: 'Tenant' });
    expect(await tenant.locator('option:checked').textContent()).toBe('Contoso');

    await tenant.selectOption({ label: 'Northwind' });
    await app.detailsForm.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    expect(await app.page.locator('#edit-tenantId-error').textContent()).toBe(
      'The username "admin" is already taken in the tenant it moves to.',
    );
    await axeBothThemes("a user's page with the tenant refused");

    await tenant.selectOption({ label: 'Default' });
    await app.detailsForm.getByRole('button', { name: 'Save details' }).click();
    await app.detailsForm.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => app.page.getByTestId('user-tenant').textContent()).toContain('Default');
    expect(app.pageErrors).toEqual([]);
  });
});
