// Accessibility of the main screens, checked with axe-core (WCAG 2.x A and AA rules):
// a serious or critical violation fails the test. See axe.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, runAxe } from './axe';
import { launchBrowser } from './browser';
import { ConsolePage } from './pages/console.page';

describe('accessibility', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ConsolePage;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    app = new ConsolePage(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('has no serious violation on the welcome screen of an empty database', async () => {
    await app.goto('/');
    await app.welcome.waitFor();
    await expectNoSeriousA11yViolations(app.page, 'welcome screen');
  });

  it('has no serious violation in the users section with an environment and two users', async () => {
    if (!(await app.welcome.isVisible())) {
      await app.goto('/');
      await app.welcome.waitFor();
    }
    await app.createEnvironment('Production EU');
    await app.addUser({ username: 'ana@example.com', name: 'Ana Lima', email: 'ana@example.com' });
    await app.userRow('ana@example.com').waitFor();
    await app.addUser({ username: 'bob', name: 'Bob Stone', email: 'bob@gmail.com' });
    await app.userRow('bob').waitFor();
    await expect.poll(() => app.usersTotal.textContent()).toBe('2');
    await expectNoSeriousA11yViolations(app.page, 'users section');
  });

  it('has no serious violation in the environments section and its rules editor', async () => {
    await app.page.getByRole('link', { name: 'Environments' }).click();
    await app.page.getByRole('heading', { name: 'Production EU', level: 1 }).waitFor();
    expect(app.page.url()).toContain('#/environments');
    await expectNoSeriousA11yViolations(app.page, 'environments section');

    // The rules editor with domains listed, a preview, and an inline error on a bad entry.
    await app.page.getByRole('radio', { name: 'Only users whose email domain is listed below' }).check();
    await app.page.getByRole('button', { name: 'Add a domain' }).click();
    await app.page.getByRole('textbox', { name: 'Domain 1' }).fill('example.com');
    await expect.poll(() => app.page.getByTestId('rules-preview').textContent()).toContain('would become external');
    await expectNoSeriousA11yViolations(app.page, 'rules editor with a domain');

    await app.page.getByRole('button', { name: 'Add a domain' }).click();
    await app.page.getByRole('textbox', { name: 'Domain 2' }).fill('*.com');
    await app.page.locator('#rules-domain-1-error').waitFor();
    await expectNoSeriousA11yViolations(app.page, 'rules editor with an invalid domain');
  });
});

// The helper itself, on pages served here (no app): it fails on a serious violation, passes a
// clean page, and works under a Content-Security-Policy that forbids inline scripts and eval.
describe('expectNoSeriousA11yViolations', () => {
  const origin = 'http://a11y-fixture.test';
  const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:";
  const image = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  /** Serves `body` at `path` of the fixture origin with the strict CSP, and opens it. */
  async function open(path: string, body: string): Promise<void> {
    await page.route(`${origin}${path}`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': csp },
        body:
          '<!doctype html><html lang="en"><head><title>Fixture</title></head>' +
          `<body><main>${body}</main></body></html>`,
      }),
    );
    await page.goto(`${origin}${path}`);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('is run under a CSP that blocks an added script tag', async () => {
    await open('/clean', '<h1>Clean</h1><p>Nothing wrong here.</p>');
    await expect(page.addScriptTag({ content: 'window.injected = true;' })).rejects.toThrow();
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    consoleErrors.length = 0;
  });

  it('passes a clean page under the strict CSP, without tripping it', async () => {
    await open('/clean-again', '<h1>Clean</h1><p>Nothing wrong here.</p>');
    await expectNoSeriousA11yViolations(page, 'clean fixture');
    expect(consoleErrors).toEqual([]);
  });

  it('fails on a serious or critical violation, naming the rule, its impact and the element', async () => {
    await open('/broken', `<h1>Broken</h1><img src="${image}" id="no-alt"><button id="empty-button"></button>`);
    const failure = expectNoSeriousA11yViolations(page, 'broken fixture');
    await expect(failure).rejects.toThrow(/\[critical\] image-alt: Images must have alternative text/);
    await expect(failure).rejects.toThrow(/#no-alt/);
    await expect(failure).rejects.toThrow(/\[critical\] button-name: .*\n.*\n\s+- #empty-button/);
    await expect(failure).rejects.toThrow(/broken fixture \(http:\/\/a11y-fixture\.test\/broken\)/);
    expect(consoleErrors.filter((message) => /Content Security Policy/.test(message))).toEqual([]);
  });

  it('does not fail on moderate or minor violations', async () => {
    // A deprecated ARIA role breaks WCAG 4.1.2 (level A), with a "minor" impact.
    await open('/minor', '<h1>Minor</h1><div role="directory">Staff</div>');
    const { violations } = await runAxe(page);
    expect(violations.map((violation) => [violation.id, violation.impact])).toEqual([
      ['aria-deprecated-role', 'minor'],
    ]);
    await expectNoSeriousA11yViolations(page, 'minor fixture');
  });
});
