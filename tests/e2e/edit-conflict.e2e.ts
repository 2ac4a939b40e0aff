// Two tabs edit the same user: the save based on the older version is refused with a message
// that says what the other tab changed, and the person chooses to overwrite it or to load it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { UserDetailsPage } from './pages/user-details.page';

describe('two tabs editing one user', () => {
  let browser: Browser;
  let context: BrowserContext;
  let first: UserDetailsPage;
  let second: UserDetailsPage;
  let anaId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    first = new UserDetailsPage(await context.newPage());
    await first.goto('/');
    await first.welcome.waitFor();
    await first.createEnvironment('Production EU');
    await first.addUser({ username: 'ana', name: 'Ana' });
    await first.userRow('ana').waitFor();
    anaId = await first.page.evaluate(async () => {
      const environmentId = (await window.roster.environments.list())[0]!.id;
      return (await window.roster.users.findByUsername(environmentId, 'ana'))!.id;
    });
    second = new UserDetailsPage(await context.newPage());
    for (const tab of [first, second]) {
      await tab.goto(`/#/users/${anaId}`);
      await tab.page.getByRole('heading', { name: 'Ana', level: 1 }).waitFor();
    }
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("refuses the older tab's save, says what the other tab changed, and writes nothing", async () => {
    await second.detail('Name').fill('Ana Lee');
    await second.save();
    await second.saved.waitFor();

    await first.detail('Email').fill('ana@example.com');
    await first.save();

    await first.conflict.waitFor();
    expect(await first.conflict.textContent()).toContain('Name: Changed since you read it; now "Ana Lee".');
    expect(await first.detail('Email').inputValue()).toBe('ana@example.com');
    expect(await first.stored(anaId)).toMatchObject({ name: 'Ana Lee' });
    expect((await first.stored(anaId))?.email).toBeUndefined();
  });

  it('overwrites the other tab’s version on request', async () => {
    await first.form.getByRole('button', { name: 'Overwrite with mine' }).click();

    await first.saved.waitFor();
    expect(await first.conflict.count()).toBe(0);
    expect(await first.stored(anaId)).toMatchObject({ name: 'Ana', email: 'ana@example.com' });
  });

  it('loads the newer version on request in the tab that is now behind', async () => {
    await second.detail('Mobile phone').fill('+351 21 000 0000');
    await second.save();
    await second.conflict.waitFor();
    expect(await second.conflict.textContent()).toContain('Email: Changed since you read it; now "ana@example.com".');

    await second.form.getByRole('button', { name: 'Load the newer version' }).click();

    expect(await second.conflict.count()).toBe(0);
    expect(await second.detail('Name').inputValue()).toBe('Ana');
    expect(await second.detail('Email').inputValue()).toBe('ana@example.com');
    expect(await second.detail('Mobile phone').inputValue()).toBe('');
    expect((await second.stored(anaId))?.mobilePhone).toBeUndefined();
    expect([...first.errors, ...second.errors]).toEqual([]);
  });
});
