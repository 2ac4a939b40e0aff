// The Tenants panel in a real browser: create two tenants, give one its client's domains, see
// each tenant's counts as users are added through the API, follow a count to the users behind
// it, rename a tenant, and delete one with its users after a confirmation that says how many;
// accessible in the light and dark themes.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Dialog } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots, launchBrowser } from './browser';
import { TenantsPage } from './pages/tenants.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('the Tenants panel', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: TenantsPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    app = new TenantsPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(docScreenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('creates two tenants through the panel and gives one its own domains', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await window.roster.environments.setRules(environmentId, { mode: 'domains', domains: ['example.com'] });
    });
    await app.openFromNav('Production EU');
    await expect.poll(() => app.summary.textContent()).toBe('1 tenant, 0 users');

    await app.createTenant('Northwind');
    await app.createTenant('Contoso');
    expect(await app.createForm.getByRole('status').textContent()).toBe('Created the tenant Contoso.');
    // Ready for the next one.
    expect(
      await app.createForm.getByRole('textbox', { name: 'Name' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await expect.poll(() => app.summary.textContent()).toBe('3 tenants, 0 users');

    const editor = await app.manage('Northwind');
    await editor.getByRole('radio', { name: /Only users whose email domain/ }).check();
    await editor.getByRole('button', { name: 'Add a domain' }).click();
    await editor.getByRole('textbox', { name: 'Domain 1' }).fill('northwind.example');
    await editor.getByRole('button', { name: 'Save rules' }).click();
    await editor.getByText('Rules saved.').waitFor();
    await expect.poll(() => app.cell('Northwind', 'rules')).toBe('Its own: northwind.example (client)');
    expect(await app.cell('Contoso', 'rules')).toBe("The environment's rules");

    await editor.getByRole('radio', { name: /^Internal and external limits/ }).check();
    await editor.getByRole('textbox', { name: /^Internal limit/ }).fill('1');
    await editor.getByRole('textbox', { name: /^External limit/ }).fill('5');
    await editor.getByRole('button', { name: 'Save limits' }).click();
    await editor.getByText('Limits saved.').waitFor();
  });

  it("counts each tenant's users by its own rules, live, and links to them", async () => {
    await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const tenants = await window.roster.tenants.list(environmentId);
      const id = (name: string) => tenants.find((tenant) => tenant.name === name)!.id;
      await window.roster.users.createMany([
        { environmentId, username: 'admin', email: 'admin@example.com' },
        { environmentId, tenantId: id('Northwind'), username: 'admin', email: 'admin@northwind.example' },
        { environmentId, tenantId: id('Northwind'), username: 'buyer', email: 'buyer@northwind.example' },
        { environmentId, tenantId: id('Northwind'), username: 'guest', email: 'guest@example.com' },
        { environmentId, tenantId: id('Contoso'), username: 'admin', email: 'admin@contoso.example' },
        { environmentId, tenantId: id('Contoso'), username: 'left', email: 'left@example.com', isActive: false },
      ]);
    });

    await expect.poll(() => app.summary.textContent()).toBe('3 tenants, 6 users');
    const counts = async (name: string) =>
      Promise.all((['users', 'internal', 'external', 'named', 'inactive'] as const).map((f) => app.cell(name, f)));
    expect(await counts('Default')).toEqual(['1', '1', '0', '1', '0']);
    // Northwind counts by its client's domains: example.com is external to it.
    expect(await counts('Northwind')).toEqual(['3', '2', '1', '3', '0']);
    expect(await counts('Contoso')).toEqual(['2', '0', '1', '1', '1']);
    await expect
      .poll(() => app.cell('Northwind', 'limits'))
      .toBe('Internal users: 2 of 1 — 1 over the limit.External users: 1 of 5 (20.0 %) — within the limit.');
    expect(await app.cell('Contoso', 'limits')).toBe('None of its own');

    const link = app.row('Northwind').getByRole('link', { name: '3', exact: true });
    const northwindId = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      return (await window.roster.tenants.list(environmentId)).find((tenant) => tenant.name === 'Northwind')!.id;
    });
    expect(await link.getAttribute('href')).toContain(`tenant=${encodeURIComponent(northwindId)}`);

    await expectNoSeriousA11yViolations(app.page, 'tenants panel, light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(app.page, 'tenants panel, dark');
    await app.panel.screenshot({ path: `${artifacts}tenants-dark.png` });
    await app.page.emulateMedia({ colorScheme: 'light' });
    await app.panel.screenshot({ path: `${docScreenshots}tenants.png` });
    await app.panel.screenshot({ path: `${artifacts}tenants.png` });

    // The count leads to the tenant's users, filtered by the Users section's tenant filter.
    await link.click();
    await app.userRow('buyer').waitFor();
    await expect.poll(() => app.page.locator('tr[data-user]').count()).toBe(3);
    expect(await app.userRow('left').count()).toBe(0);
    await app.page.goBack();
    await app.panel.getByRole('table').waitFor();
  });

  it("shows a client's own history: the peaks of its billing period and when its limits are reached", async () => {
    const editor = await app.manage('Northwind');
    const history = editor.getByTestId('tenant-history');
    await history.getByText("Northwind's history starts today", { exact: false }).waitFor();
    await expect
      .poll(() => history.getByTestId('tenant-peaks').textContent())
      .toMatch(/: internal 2 on [^;]+; external 1 on [^;]+; named 3 on [^;]+\.$/);
    // Two internal users against its own limit of one.
    expect(await history.getByTestId('tenant-forecasts').locator('[data-forecast="internal"]').textContent()).toBe(
      'The internal limit is already exceeded.',
    );
    await expectNoSeriousA11yViolations(app.page, 'tenant editor with its history, light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(app.page, 'tenant editor with its history, dark');
    await app.page.emulateMedia({ colorScheme: 'light' });
    await editor.screenshot({ path: `${artifacts}tenant-history.png` });
    await editor.getByRole('button', { name: 'Close' }).click();
  });

  it('renames a tenant', async () => {
    const editor = await app.manage('Contoso');
    await editor.getByRole('textbox', { name: /^Tenant name/ }).fill('Contoso Ltd');
    await editor.getByRole('textbox', { name: /^Tenant name/ }).press('Enter');
    await editor.getByText('Renamed to Contoso Ltd.').waitFor();
    await app.row('Contoso Ltd').waitFor();
    expect(await app.row('Contoso').count()).toBe(0);
  });

  it("asks before opening another tenant throws away what was typed in this one's editor", async () => {
    const editor = await app.manage('Northwind');
    const name = editor.getByRole('textbox', { name: /^Tenant name/ });
    await name.fill('Northwind Traders');
    /** Clicks Manage of a tenant, answering the question it raises; returns the question. */
    const switching = async (accept: boolean) => {
      const asked = new Promise<string>((resolve) =>
        app.page.once('dialog', (dialog: Dialog) => {
          resolve(dialog.message());
          void (accept ? dialog.accept() : dialog.dismiss());
        }),
      );
      await app.row('Contoso Ltd').getByRole('button', { name: 'Manage Contoso Ltd' }).click();
      return asked;
    };

    expect(await switching(false)).toBe('Close Northwind? The changes you have not saved will be lost.');
    expect(await editor.getByRole('heading', { level: 3 }).textContent()).toBe('Northwind');
    expect(await name.inputValue()).toBe('Northwind Traders');

    await switching(true);
    await expect.poll(() => editor.getByRole('heading', { level: 3 }).textContent()).toBe('Contoso Ltd');
    // Nothing typed in Contoso Ltd's editor: it closes without a question.
    await editor.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => editor.count()).toBe(0);
    expect(await app.row('Northwind').count()).toBe(1);
  });

  it('deletes a tenant with its users after a confirmation that names how many', async () => {
    const editor = await app.manage('Northwind');
    await editor.getByRole('button', { name: 'Delete tenant…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Delete Northwind and 3 users?' });
    await expect.poll(() => dialog.textContent()).toContain('Its 3 users go with it');
    await expectNoSeriousA11yViolations(app.page, 'delete tenant dialog');
    await app.page.screenshot({ path: `${artifacts}tenants-delete.png` });

    await dialog.getByRole('button', { name: 'Delete Northwind and 3 users' }).click();
    await expect.poll(() => app.status.textContent()).toBe('Deleted the tenant Northwind and its 3 users.');
    await expect.poll(() => app.row('Northwind').count()).toBe(0);
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.textContent)).toBe('Tenants');
    await expect.poll(() => app.summary.textContent()).toBe('2 tenants, 3 users');
    const left = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      return (await window.roster.users.list({ environmentId })).items.map((user) => user.username).sort();
    });
    expect(left).toEqual(['admin', 'admin', 'left']);
    expect(app.pageErrors).toEqual([]);
  });
});
