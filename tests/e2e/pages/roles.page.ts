// Page object of the Roles section and of a role's page.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class RolesPage extends ConsolePage {
  /** Opens the Roles section through the navigation, as a person would. */
  async openFromNav(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Roles' }).click();
    await this.heading('Roles').waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  get createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create a role' });
  }

  createField(label: 'Application' | 'Name'): Locator {
    return this.createForm.getByRole('textbox', { name: label, exact: true });
  }

  async createRole(application: string, name: string): Promise<void> {
    await this.createField('Application').fill(application);
    await this.createField('Name').fill(name);
    await this.createField('Name').press('Enter');
  }

  /** The table of one application's roles in the list. */
  application(name: string): Locator {
    return this.page.getByRole('table', { name: new RegExp(`^${name} \\d+ roles?$`) });
  }

  roleRow(application: string, name: string): Locator {
    return this.application(application).locator(`tr[data-role="${name}"]`);
  }

  /** Opens a role's page from its link in the list. */
  async openRole(application: string, name: string): Promise<void> {
    await this.roleRow(application, name).getByRole('link', { name }).click();
    await this.heading(`${application} / ${name}`).waitFor();
  }

  /** The environment the console has selected, as App.svelte stores it. */
  environmentId(): Promise<string> {
    return this.page.evaluate(() => localStorage.getItem('roster.environmentId') ?? '');
  }

  get holdersSummary(): Locator {
    return this.page.getByTestId('holders-summary');
  }

  holderRow(username: string): Locator {
    return this.page.getByRole('table', { name: 'Who holds it' }).locator(`tr[data-user="${username}"]`);
  }

  /** Finds a user in the "Grant directly" panel and grants the role to them. */
  async grantTo(search: string, username: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Find a user' }).fill(search);
    await this.page.getByRole('button', { name: `Grant to ${username}` }).click();
  }

  deleteDialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: `Delete ${title}?` });
  }
}
