// Page object of the Tenants panel of the Environments section.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export type TenantCount = 'users' | 'internal' | 'external' | 'named' | 'inactive' | 'rules' | 'limits';

export class TenantsPage extends ConsolePage {
  /** Opens the Environments section through the navigation, as a person would. */
  async openFromNav(environment: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Environments' }).click();
    await this.page.getByRole('heading', { name: environment, level: 1 }).waitFor();
    await this.panel.getByRole('table').waitFor();
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Tenants' });
  }

  get summary(): Locator {
    return this.page.getByTestId('tenants-summary');
  }

  get status(): Locator {
    return this.page.getByTestId('tenants-status');
  }

  get createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create a tenant' });
  }

  async createTenant(name: string): Promise<void> {
    await this.createForm.getByRole('textbox', { name: 'Name' }).fill(name);
    await this.createForm.getByRole('textbox', { name: 'Name' }).press('Enter');
    await this.row(name).waitFor();
  }

  row(name: string): Locator {
    return this.panel.locator(`tr[data-tenant="${name}"]`);
  }

  async cell(name: string, field: TenantCount): Promise<string> {
    return ((await this.row(name).locator(`[data-field="${field}"]`).textContent()) ?? '').trim();
  }

  /**
   * Opens a tenant's editor from its row: a region named after the tenant. It is returned by
   * its id, since a rename renames the region too.
   */
  async manage(name: string): Promise<Locator> {
    await this.row(name)
      .getByRole('button', { name: `Manage ${name}` })
      .click();
    await this.page.getByRole('region', { name, exact: true }).waitFor();
    return this.page.locator('#tenant-editor');
  }

  /** The environment the console has selected, as App.svelte stores it. */
  environmentId(): Promise<string> {
    return this.page.evaluate(() => localStorage.getItem('roster.environmentId') ?? '');
  }
}
