// Page object of the Users section and the user page: filters, selection bar, bulk actions.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class UsersPage extends ConsolePage {
  /** Loads the sample from the welcome screen; the dashboard shows when it is in. */
  async loadSampleData(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load sample data' }).click();
    await this.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: 60_000 });
  }

  async openSection(name: 'Dashboard' | 'Users' | 'Groups' | 'Roles' | 'Environments'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  }

  classChip(name: 'All' | 'Internal' | 'External' | 'Anonymous' | 'Inactive'): Locator {
    return this.page.getByRole('group', { name: 'Class' }).getByRole('button', { name, exact: true });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search users' });
  }

  filter(label: 'Status' | 'Group' | 'Sort by'): Locator {
    return this.page.getByRole('combobox', { name: label, exact: true });
  }

  /** The usernames of the rows drawn, top to bottom. */
  async visibleUsernames(): Promise<string[]> {
    return this.page
      .locator('tr[data-user]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user') ?? ''));
  }

  async total(): Promise<number> {
    return Number(((await this.usersTotal.textContent()) ?? '').replace(/\D/g, ''));
  }

  /** A count of the summary as a number. */
  async countValue(name: Parameters<ConsolePage['count']>[0]): Promise<number> {
    return Number((await this.count(name)).replace(/\D/g, ''));
  }

  get selectionBar(): Locator {
    return this.page.getByRole('region', { name: 'Selected users' });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** A panel of the user page, by its heading. */
  panel(title: 'Groups' | 'Effective roles'): Locator {
    return this.page
      .locator('section.panel')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }
}
