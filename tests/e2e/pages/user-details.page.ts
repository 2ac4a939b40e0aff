// Page object of a user's details form on the user page, as two tabs each see it.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class UserDetailsPage extends ConsolePage {
  get form(): Locator {
    return this.page.getByRole('form', { name: 'Details' });
  }

  detail(label: 'Username' | 'Name' | 'Email' | 'Mobile phone' | 'External id'): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Save details' }).click();
  }

  get saved(): Locator {
    return this.form.getByRole('status').filter({ hasText: 'Saved.' });
  }

  get conflict(): Locator {
    return this.form.getByRole('alert').filter({ hasText: 'Changed in another tab since you opened it.' });
  }

  /** The user as stored, read through the page's API. */
  stored(id: string): Promise<{ name?: string; email?: string; mobilePhone?: string } | undefined> {
    return this.page.evaluate((userId) => window.roster.users.get(userId), id);
  }
}
