// Bringing users in from an identity provider, as a person does it in a real browser: drop a
// Keycloak users file on the import screen, see the format Roster detected and its mapping,
// change how one attribute is read, import with the missing groups and roles created, and find
// the users with their groups and roles.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { launchBrowser } from './browser';
import { ImportPage } from './pages/import.page';

const KEYCLOAK = new URL('../fixtures/formats/keycloak-acme-users-0.json', import.meta.url);

describe('import from an identity provider', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ImportPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    app = new ImportPage(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('imports a dropped Keycloak users file with one mapping changed, groups and roles included', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.page.getByRole('link', { name: 'Import users…' }).click();
    await app.page.getByRole('heading', { name: 'Import users into Production EU' }).waitFor();

    await app.dropFile('acme-users-0.json', await readFile(KEYCLOAK, 'utf8'));
    const facts = app.page.locator('[data-file-facts]');
    await expect.poll(() => facts.textContent()).toContain('Keycloak users file');
    expect(await facts.textContent()).toContain('(detected)');
    expect(await app.mapping('firstName').inputValue()).toBe('givenName');
    expect(await app.mapping('roles').inputValue()).toBe('roles');
    expect(await app.mapping('id').inputValue()).toBe('externalId');

    // Keycloak's ids mean nothing here: the id attribute is not read.
    await app.mapping('id').selectOption('');
    await app.page.getByRole('checkbox', { name: /Create the groups and roles/ }).check();
    await app.dryRun.waitFor();
    await expect.poll(() => app.dryRun.textContent()).toContain('3 users created');
    expect(await app.dryRun.textContent()).toContain('New: group engineering/backend, group staff');
    expect(await app.page.locator('[data-import-notes]').textContent()).toContain(
      'Credentials, federated identities and attributes are never read.',
    );
    await expectNoSeriousA11yViolations(app.page, 'the import screen with a Keycloak file');

    await app.page.getByRole('button', { name: 'Import 3 users' }).click();
    await app.result.waitFor({ timeout: 30_000 });
    expect(await app.result.textContent()).toContain('3 users created');

    const stored = await app.page.evaluate(async () => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const { items } = await window.roster.users.list({ environmentId });
      const ana = items.find((user) => user.username === 'ana.lima')!;
      return { id: ana.id, externalId: ana.externalId ?? null, name: ana.name };
    });
    expect(stored).toEqual({ id: expect.any(String), externalId: null, name: 'Ana Lima' });

    await app.page.getByRole('link', { name: 'Show the users, newest first' }).click();
    await app.page.getByRole('link', { name: 'ana.lima', exact: true }).click();
    const groups = app.page.getByRole('region', { name: 'Groups' });
    await expect.poll(() => groups.textContent()).toContain('engineering/backend');
    expect(await groups.textContent()).toContain('staff');
    const roles = app.page.getByRole('region', { name: 'Effective roles' });
    await expect.poll(() => roles.textContent()).toMatch(/sales-app.*manager/);
    expect(await roles.textContent()).toMatch(/acme.*auditor/);
    expect(await roles.textContent()).not.toContain('default-roles-acme');
    expect(app.pageErrors).toEqual([]);
  });
});
