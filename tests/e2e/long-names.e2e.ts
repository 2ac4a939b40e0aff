// No page is wider than the window, whatever the data: a 255-character username and a
// 200-character name with no space to break at, and the longest group, role and
// environment names, on every page of the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

const artifacts = fileURLToPath(new URL('../../.e2e-artifacts/', import.meta.url));
const LONG_USERNAME = 'u'.repeat(255);
const LONG_EMAIL = `${'e'.repeat(64)}@${'d'.repeat(60)}.example.com`;
const LONG_NAME = 'N'.repeat(200);

describe('long names', () => {
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

  it('keeps every page within the window', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await app.createEnvironment('E'.repeat(100));
    const ids = await app.page.evaluate(
      async ({ username, name, email }) => {
        const environmentId = localStorage.getItem('roster.environmentId')!;
        const user = await window.roster.users.create({ environmentId, username, name, email });
        const group = await window.roster.groups.create({
          environmentId,
          name: 'G'.repeat(100),
          description: 'D'.repeat(1000),
        });
        const role = await window.roster.roles.create({
          environmentId,
          application: 'A'.repeat(100),
          name: 'R'.repeat(100),
        });
        await window.roster.groups.addUsers(group.id, [user.id]);
        await window.roster.roles.grantToUser(role.id, user.id);
        await window.roster.roles.grantToGroup(role.id, group.id);
        return { user: user.id, group: group.id, role: role.id };
      },
      { username: LONG_USERNAME, name: LONG_NAME, email: LONG_EMAIL },
    );
    const pages = [
      '#/',
      '#/users',
      `#/users/${ids.user}`,
      '#/groups',
      `#/groups/${ids.group}`,
      '#/roles',
      `#/roles/${ids.role}`,
      '#/environments',
      '#/settings',
      '#/import',
      '#/counts?class=internal',
    ];
    const wide: string[] = [];
    for (const hash of pages) {
      await app.goto(`/${hash}`);
      await app.page.locator('main h1').first().waitFor();
      await app.page.waitForTimeout(300);
      const width = await app.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 1280) wide.push(`${hash}: ${width} px`);
      if (hash.startsWith('#/users/'))
        await app.page.screenshot({ path: `${artifacts}long-names-user.png`, fullPage: true });
    }
    expect(wide).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
