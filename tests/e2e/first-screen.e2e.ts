// The foundation's whole path in a real browser: create an environment, add users through
// the form (with inline errors), see them listed and counted live, and find them after a reload.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('the first screen', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ConsolePage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    app = new ConsolePage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('welcomes a new database and creates the first environment', async () => {
    await app.goto('/');
    expect(await app.page.title()).toBe('Roster');
    await app.welcome.waitFor();
    await app.page.screenshot({ path: `${artifacts}welcome.png`, fullPage: true });
    await app.createEnvironment('Production EU');
    expect(await app.count('internal')).toBe('0');
    await expect.poll(() => app.usersTotal.textContent()).toBe('0');
  });

  it('adds a user through the form, lists it and counts it as internal', async () => {
    await app.addUser({ username: 'ana@example.com', name: 'Ana Lima' });
    await app.userRow('ana@example.com').waitFor();
    await expect.poll(() => app.count('internal')).toBe('1');
    expect(await app.usersTotal.textContent()).toBe('1');
    expect(await app.page.getByRole('form', { name: 'Add a user' }).getByRole('status').textContent()).toContain(
      'Added ana@example.com',
    );
  });

  it('shows the API error inline next to the field and keeps what was typed', async () => {
    await app.addUser({ username: 'bob', email: 'bob@@gmail' });
    const email = app.field('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await app.page.locator('#user-email-error').textContent()).toContain('valid email address');
    expect(await email.inputValue()).toBe('bob@@gmail');
    expect(await app.field('Username').inputValue()).toBe('bob');
    expect(await app.usersTotal.textContent()).toBe('1');
  });

  it('refuses a duplicate username in any case, inline', async () => {
    await app.addUser({ username: 'ANA@example.com' });
    await expect.poll(() => app.page.locator('#user-username-error').textContent()).toContain('already taken');
  });

  it('updates the counts live when the rules change through window.roster', async () => {
    await app.page.evaluate(async () => {
      const [environment] = await window.roster.environments.list();
      await window.roster.environments.setRules(environment!.id, { mode: 'domains', domains: ['example.com'] });
    });
    await app.addUser({ username: 'bob', email: 'bob@gmail.com' });
    await app.userRow('bob').waitFor();
    await expect.poll(() => app.count('external')).toBe('1');
    expect(await app.count('internal')).toBe('1');
    expect(await app.userRow('bob').textContent()).toContain('external');
    await app.page.screenshot({ path: `${artifacts}first-screen.png`, fullPage: true });
  });

  it('filters the list as you type', async () => {
    await app.page.getByRole('searchbox', { name: 'Search users' }).fill('gmail');
    await expect.poll(() => app.usersTotal.textContent()).toBe('1');
    expect(await app.userRow('ana@example.com').count()).toBe(0);
    await app.page.getByRole('searchbox', { name: 'Search users' }).fill('');
    await expect.poll(() => app.usersTotal.textContent()).toBe('2');
  });

  it('scrolls through thousands of users with only the rows in view in the page', async () => {
    await app.page.evaluate(async () => {
      const [environment] = await window.roster.environments.list();
      const users = Array.from({ length: 5000 }, (_, i) => ({
        environmentId: environment!.id,
        username: `bulk${String(i).padStart(4, '0')}`,
      }));
      await window.roster.users.createMany(users);
    });
    await expect.poll(() => app.usersTotal.textContent()).toBe((5002).toLocaleString());
    expect(await app.page.locator('tr[data-user]').count()).toBeLessThan(60);
    const list = app.page.getByRole('region', { name: 'Users list, scroll for more' });
    await list.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await app.userRow('bulk4999').waitFor();
    expect(await app.page.locator('tr[data-user]').count()).toBeLessThan(60);
    await app.page.screenshot({ path: `${artifacts}users-scrolled.png`, fullPage: true });
    await list.evaluate((element) => (element.scrollTop = 0));
    await app.userRow('ana@example.com').waitFor();
  });

  it('keeps the data after a reload, and threw no error on the way', async () => {
    await app.page.reload();
    await app.userRow('bob').waitFor();
    expect(await app.count('internal')).toBe('1');
    expect(await app.count('external')).toBe('1');
    expect(app.errors).toEqual([]);
  });

  it('edits the rules in the Environments section with a preview, and the counts follow', async () => {
    await app.page.getByRole('link', { name: 'Environments' }).click();
    await app.page.getByRole('heading', { name: 'Production EU', level: 1 }).waitFor();
    expect(app.page.url()).toContain('#/environments');
    expect(await app.page.getByRole('textbox', { name: 'Domain 1' }).inputValue()).toBe('example.com');

    await app.page.getByRole('button', { name: 'Add a domain' }).click();
    await app.page.getByRole('textbox', { name: 'Domain 2' }).fill('*.com');
    await expect.poll(() => app.page.locator('#rules-domain-1-error').textContent()).toContain('*.com');
    await app.page.getByRole('textbox', { name: 'Domain 2' }).fill('gmail.com');
    await expect
      .poll(() => app.page.getByTestId('rules-preview').textContent())
      .toBe('1 user would become internal: internal 2, external 0.');
    await app.page.screenshot({ path: `${artifacts}rules-editor.png`, fullPage: true });
    await app.page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => app.page.getByText('Rules saved.').count()).toBe(1);

    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Production EU', level: 1 }).waitFor();
    expect(await app.page.getByRole('textbox', { name: 'Domain 2' }).inputValue()).toBe('gmail.com');

    await app.page.getByRole('link', { name: 'Users' }).click();
    await expect.poll(() => app.count('internal')).toBe('2');
    expect(await app.count('external')).toBe('0');
    await app.page.goBack();
    await app.page.getByRole('heading', { name: 'Production EU', level: 1 }).waitFor();
    expect(app.errors).toEqual([]);
  });

  it('renames an environment, and deletes it after a confirmation that says what goes', async () => {
    await app.page.evaluate(() => window.roster.environments.create({ name: 'QA', kind: 'non-production' }));
    await app.page.goto(new URL('#/environments', app.page.url()).href);
    await app.page.getByRole('heading', { name: 'Production EU', level: 1 }).waitFor();

    const name = app.page.getByRole('form', { name: 'Settings' }).getByRole('textbox', { name: 'Name' });
    await name.fill('Production Europe');
    await app.page.getByRole('button', { name: 'Save settings' }).click();
    await app.page.getByRole('heading', { name: 'Production Europe', level: 1 }).waitFor();

    await app.page.getByRole('button', { name: 'Delete environment…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Delete Production Europe?' });
    await expect.poll(() => dialog.textContent()).toContain('Its 5,002 users, 0 groups and 0 roles go too.');
    await app.page.screenshot({ path: `${artifacts}delete-environment.png` });
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await app.page.getByRole('button', { name: 'Delete environment…' }).click();
    await dialog.getByRole('button', { name: 'Delete Production Europe' }).click();
    await app.page.getByRole('heading', { name: 'Users counted in QA' }).waitFor();
    expect(app.page.url()).toContain('#/users');
    expect(
      await app.page.evaluate(async () =>
        (await window.roster.environments.list()).map((environment) => environment.name),
      ),
    ).toEqual(['QA']);
    expect(app.errors).toEqual([]);
  });
});
