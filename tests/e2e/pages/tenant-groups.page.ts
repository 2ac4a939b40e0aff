// Page object of tenants in the Groups section: the create form's Tenant, a group's tenant on the
// list and on its page, the member picker's matches, and the users table's Tenant column.
import type { Locator } from 'playwright-core';
import { GroupsPage } from './groups.page';

export class TenantGroupsPage extends GroupsPage {
  get createTenant(): Locator {
    return this.createForm.getByRole('combobox', { name: 'Tenant' });
  }

  /** The Tenant cell of a group's row on the list. */
  groupTenant(name: string): Locator {
    return this.groupRow(name).locator('[data-field="tenant"]');
  }

  /** The usernames the member picker offers, top to bottom. */
  async matchedUsernames(): Promise<string[]> {
    return this.page
      .locator('tr[data-match]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-match') ?? ''));
  }

  async openUsers(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
    await this.page.getByRole('table', { name: 'Users' }).waitFor();
  }

  /** Each row of the users table as "username: tenant". */
  async userTenants(): Promise<string[]> {
    return this.page
      .locator('tr[data-user]')
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            `${row.getAttribute('data-user')}: ${row.querySelector('[data-field="tenant"]')?.textContent ?? '-'}`,
        ),
      );
  }

  /** How many members a group has, asked of the API in the page (nothing on screen says it here). */
  async memberCountOf(name: string): Promise<number> {
    return this.page.evaluate(async (groupName) => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      const groups = await window.roster.groups.list(environmentId);
      return groups.find((group) => group.name === groupName)?.memberCount ?? -1;
    }, name);
  }
}
