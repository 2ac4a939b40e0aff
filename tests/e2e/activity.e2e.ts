// The Activity page in a real browser: a rename and a bulk deactivation show up in words with
// the name this browser was given; the filters narrow the list; a bulk change lists its users;
// the filtered entries export as CSV; a user's page shows its own history and links here.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './axe';
import { docScreenshots, launchBrowser } from './browser';
import { ActivityPage } from './pages/activity.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));

describe('activity', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ActivityPage;
  let anaId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    app = new ActivityPage(await context.newPage());
    await mkdir(artifacts, { recursive: true });
    await mkdir(docScreenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('records the name given to this browser in Settings with every change', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('Production EU');
    await app.goto('/#/settings');
    await app.page.getByRole('textbox', { name: "This browser's name" }).fill('Maria (IT desk)');
    await app.page.getByRole('button', { name: 'Save the name' }).click();
    await app.page.getByText('Changes made here are now recorded as made by Maria (IT desk).').waitFor();

    anaId = await app.page.evaluate(async () => {
      const roster = window.roster;
      const [environment] = await roster.environments.list();
      const environmentId = environment!.id;
      const ana = await roster.users.create({ environmentId, username: 'ana.lee', name: 'Ana' });
      const crowd = await roster.users.createMany(
        Array.from({ length: 1203 }, (_, i) => ({ environmentId, username: `user${String(i).padStart(4, '0')}` })),
      );
      await roster.users.update(ana.id, { name: 'Ana Lee' });
      await roster.users.setActiveMany(
        crowd.map((user) => user.id),
        false,
      );
      return ana.id;
    });
  });

  it('says a rename and a bulk deactivation in words, newest first, with who and where', async () => {
    await app.openFromNav();
    await expect.poll(() => app.total.textContent()).toBe('5');
    expect(await app.shownWords()).toEqual([
      'Deactivated 1,203 users',
      "Renamed ana.lee: name 'Ana' → 'Ana Lee'",
      'Created 1,203 users',
      'Created ana.lee',
      'Created environment Production EU',
    ]);
    const rename = app.row('Renamed ana.lee');
    expect(await rename.locator('.who').textContent()).toBe('Maria (IT desk)');
    expect(await rename.locator('.where').textContent()).toContain('Production EU');
    expect(await rename.locator('.changes').textContent()).toBe("name 'Ana' → 'Ana Lee'");
    await expectNoSeriousA11yViolations(app.page, 'activity');
    await app.page.screenshot({ path: `${docScreenshots}activity.png` });
    await app.page.screenshot({ path: `${artifacts}activity.png`, fullPage: true });
  });

  it('lists every user of the bulk deactivation', async () => {
    await app
      .row('Deactivated 1,203 users')
      .getByRole('button', { name: /^List the 1,203 users/ })
      .click();
    const dialog = app.page.getByRole('dialog', { name: 'Deactivated 1,203 users' });
    await dialog.getByText('Showing 100 of 1,203').waitFor();
    expect(await dialog.getByRole('link').first().textContent()).toBe('user0000');
    await dialog.getByRole('button', { name: 'Show 100 more' }).click();
    await dialog.getByText('Showing 200 of 1,203').waitFor();
    // Every name inside the dialog: the list scrolls down, never out sideways.
    const spill = await dialog.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return [...element.querySelectorAll('a')].filter((link) => link.getBoundingClientRect().right > box.right).length;
    });
    expect(spill).toBe(0);
    await expectNoSeriousA11yViolations(app.page, 'users of a bulk change');
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('filters by action and by text, keeps the filters in the address, and exports what they select', async () => {
    await app.filter('Action').selectOption({ label: 'Deactivated in bulk' });
    await expect.poll(() => app.shownWords()).toEqual(['Deactivated 1,203 users']);
    expect(app.page.url()).toContain('action=deactivate-many');
    await app.filter('Action').selectOption({ label: 'Any action' });
    await app.search.fill('ana lee');
    await expect.poll(() => app.shownWords()).toEqual(["Renamed ana.lee: name 'Ana' → 'Ana Lee'"]);

    const download = app.page.waitForEvent('download');
    await app.page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('at,by,environment,entity,entityId,action,what,changes,users');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `Maria (IT desk),Production EU,user,${anaId},update,` +
        "Renamed ana.lee: name 'Ana' → 'Ana Lee',name 'Ana' → 'Ana Lee',",
    );
  });

  it("shows a user's own history on its page, with a link to its entries here", async () => {
    await app.goto(`/#/users/${anaId}`);
    const history = app.page.getByRole('region', { name: 'History' });
    await history.getByText("Renamed ana.lee: name 'Ana' → 'Ana Lee'").waitFor();
    await history.getByRole('link', { name: 'Open in Activity' }).click();
    await app.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect.poll(() => app.shownWords()).toEqual(["Renamed ana.lee: name 'Ana' → 'Ana Lee'", 'Created ana.lee']);
    expect(app.errors.filter((error) => error.kind === 'page')).toEqual([]);
  });
});
