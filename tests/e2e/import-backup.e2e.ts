// Bringing users in and keeping them safe, as a person does it in a real browser: drop a
// spreadsheet on the import screen, fix how one column is read, read the dry run, import with
// the rows in error skipped and download those rows; then download a backup, delete everything
// and restore it from the welcome screen.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots as screenshots, launchBrowser } from './browser';
import { ImportPage } from './pages/import.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));
const USERS = 2500;

/** A spreadsheet's export: its own header names, semicolons, one bad email and one unknown group. */
function spreadsheet(): string {
  const lines = ['Login;Full name;Mail;Groups;Enabled'];
  for (let i = 1; i <= USERS; i++)
    lines.push(`user${i};User ${i};user${i}@${i % 4 ? 'gmail.com' : 'example.com'};Sales;yes`);
  lines.push('broken;Broken Row;broken@@example.com;;yes');
  lines.push('lost;Lost Row;lost@example.com;Nowhere;yes');
  return lines.join('\r\n');
}

describe('import and backup', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ImportPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    app = new ImportPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it(
    'imports a dropped spreadsheet after a dry run, ' + 'with a column mapped by hand and the rows in error skipped',
    async () => {
      await app.goto('/');
      await app.welcome.waitFor();
      await app.createEnvironment('Production EU');
      await app.page.evaluate(async () => {
        const environmentId = localStorage.getItem('roster.environmentId')!;
        await window.roster.environments.setRules(environmentId, { mode: 'domains', domains: ['example.com'] });
        await window.roster.groups.create({ environmentId, name: 'Sales' });
      });
      await app.page.getByRole('link', { name: 'Import users…' }).click();
      await app.page.getByRole('heading', { name: 'Import users into Production EU' }).waitFor();

      await app.dropFile('people.csv', spreadsheet());
      // "Login" is no name Roster knows: the mapping shows, and says what stops the import.
      await expect
        .poll(() => app.page.getByRole('alert').first().textContent())
        .toContain('No column is read as username');
      expect(await app.mapping('Full name').inputValue()).toBe('name');
      expect(await app.mapping('Enabled').inputValue()).toBe('isActive');
      await app.mapping('Login').selectOption('username');

      await app.dryRun.waitFor();
      await expect.poll(() => app.dryRun.textContent()).toContain('2,500 users created');
      expect(await app.dryRun.textContent()).toContain('2 rows in error');
      expect(await app.page.locator('[data-file-facts]').textContent()).toContain('semicolon-separated');
      // Nothing is written by the dry run.
      expect(await app.page.evaluate(async () => (await window.roster.usage()).production.named)).toBe(0);
      await app.page.screenshot({ path: `${screenshots}import.png`, fullPage: true });
      await expectNoSeriousA11yViolations(app.page, 'the import screen');
      await app.page.emulateMedia({ colorScheme: 'dark' });
      await expectNoSeriousA11yViolations(app.page, 'the import screen, dark');
      await app.page.emulateMedia({ colorScheme: 'light' });

      await app.page.getByRole('checkbox', { name: /Only the rows in error \(2\)/ }).check();
      const errors = app.page.locator('tr[data-row]');
      expect(await errors.count()).toBe(2);
      expect(await errors.first().textContent()).toContain("row 2502, Mail 'broken@@example.com'");
      expect(await errors.last().textContent()).toContain("no group is named 'Nowhere'");

      const download = await app.download(app.dryRun.getByRole('button', { name: 'Download the rows in error' }));
      expect(download.suggestedFilename()).toBe('people-rows-in-error.csv');
      const text = await readFile((await download.path())!, 'utf8');
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Login,Full name,Mail,Groups,Enabled,error');
      expect(text).toContain('lost,Lost Row,lost@example.com,Nowhere,yes,');

      await app.page.getByRole('radio', { name: /Skip the 2 rows in error/ }).check();
      await app.page.getByRole('button', { name: 'Import 2,500 users' }).click();
      await app.result.waitFor({ timeout: 30_000 });
      expect(await app.result.textContent()).toContain('2,500 users created');
      expect(await app.page.evaluate(async () => (await window.roster.usage()).production)).toMatchObject({
        internal: 625,
        external: 1875,
      });
      const sales = await app.page.evaluate(async () => {
        const environmentId = localStorage.getItem('roster.environmentId')!;
        return (await window.roster.groups.list(environmentId)).find((group) => group.name === 'Sales')!.memberCount;
      });
      expect(sales).toBe(USERS);
      expect(app.pageErrors).toEqual([]);
    },
  );

  it('downloads a backup, and restores it into an emptied database from the welcome screen', async () => {
    await app.goto('/#/settings');
    await app.page.getByRole('heading', { name: 'Backup' }).waitFor();
    const backup = await app.download(app.page.getByRole('button', { name: 'Download a backup' }));
    expect(backup.suggestedFilename()).toMatch(/^roster-backup-\d{4}-\d{2}-\d{2}\.json\.gz$/);
    const file = (await backup.path())!;
    await expect.poll(() => app.page.getByTestId('last-backup').textContent()).toContain('Last backup:');
    await expectNoSeriousA11yViolations(app.page, 'Settings with the backup');

    // Everything goes: the console falls back to its welcome screen.
    await app.page.evaluate(async () => {
      for (const environment of await window.roster.environments.list())
        await window.roster.environments.delete(environment.id);
    });
    await app.welcome.waitFor();

    await app.page.getByLabel('Restore from a backup').setInputFiles(file);
    const dialog = app.page.getByRole('dialog', { name: 'Replace all data with this backup?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Production EU: 2,500 users');
    await dialog.getByRole('button', { name: 'Replace with the backup' }).click();

    await app.page.locator('nav[aria-label="Sections"]').waitFor({ timeout: 30_000 });
    expect(await app.page.evaluate(async () => (await window.roster.usage()).production.named)).toBe(USERS);
    expect(app.pageErrors).toEqual([]);
  });
});
