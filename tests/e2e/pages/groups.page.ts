// Page object of the Groups section: the list with its create form, and a group's page with
// its details, members and roles.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class GroupsPage extends ConsolePage {
  /** Opens the section through the navigation, as a person would. */
  async openGroups(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Groups' }).click();
    await this.page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
  }

  get createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create a group' });
  }

  createField(label: 'Name' | 'Description'): Locator {
    return this.createForm.getByRole('textbox', { name: label, exact: true });
  }

  async createGroup(name: string, description = ''): Promise<void> {
    await this.createField('Name').fill(name);
    await this.createField('Description').fill(description);
    await this.createField('Description').press('Enter');
  }

  groupRow(name: string): Locator {
    return this.page.locator(`tr[data-group="${name}"]`);
  }

  async openGroup(name: string): Promise<void> {
    await this.groupRow(name).getByRole('link', { name }).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  // The group page.

  get detailsForm(): Locator {
    return this.page.getByRole('form', { name: 'Details' });
  }

  get memberCount(): Locator {
    return this.page.getByTestId('group-member-count');
  }

  memberRow(username: string): Locator {
    return this.page.locator(`tr[data-member="${username}"]`);
  }

  get memberSearch(): Locator {
    return this.page.getByRole('searchbox', { name: 'Add members' });
  }

  /** Searches for a user by `search` and adds the match whose username is `username`. */
  async addMember(search: string, username: string): Promise<void> {
    await this.memberSearch.fill(search);
    await this.page.getByRole('button', { name: `Add ${username}`, exact: true }).click();
    await this.memberRow(username).waitFor();
  }

  get roleToGrant(): Locator {
    return this.page.getByRole('combobox', { name: 'Role to grant' });
  }

  get rolesPanel(): Locator {
    return this.page.getByRole('region', { name: /^Roles/ });
  }

  /** The open dialog titled `title`. */
  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }
}
