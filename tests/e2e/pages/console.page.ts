// Page object of the first screen: environment set-up, the add-user form, the list and the counts.
import type { Locator } from 'playwright-core';
import { AppPage } from './app.page';

export type CountName = 'internal' | 'external' | 'named' | 'anonymous' | 'inactive';

export class ConsolePage extends AppPage {
  get welcome(): Locator {
    return this.page.getByRole('heading', { name: 'Welcome to Roster' });
  }

  async createEnvironment(name: string, kind: 'Production' | 'Non-production' = 'Production'): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await this.page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    // A production environment asks who counts as internal; the tests set their domains by the API.
    if (kind === 'Production') await this.page.getByRole('radio', { name: 'Every user is internal' }).check();
    await this.page.getByRole('button', { name: 'Create environment' }).click();
    await this.page.getByRole('heading', { name: `Users counted in ${name}` }).waitFor();
  }

  field(label: string): Locator {
    return this.page.getByRole('form', { name: 'Add a user' }).getByRole('textbox', { name: label, exact: true });
  }

  /** Opens the add-user form unless it is open already (it opens by itself in an empty environment). */
  async openUserForm(): Promise<void> {
    if (!(await this.page.getByRole('form', { name: 'Add a user' }).isVisible())) {
      await this.page.getByRole('button', { name: 'New user' }).click();
    }
  }

  async addUser(fields: { username: string; name?: string; email?: string; mobilePhone?: string }): Promise<void> {
    await this.openUserForm();
    await this.field('Username').fill(fields.username);
    await this.field('Name').fill(fields.name ?? '');
    await this.field('Email').fill(fields.email ?? '');
    await this.field('Mobile phone').fill(fields.mobilePhone ?? '');
    await this.field('Mobile phone').press('Enter');
  }

  /** The number shown for one count, as the page prints it. */
  async count(name: CountName): Promise<string> {
    return (await this.page.locator(`[data-count="${name}"] dd`).textContent())?.trim() ?? '';
  }

  get usersTotal(): Locator {
    return this.page.getByTestId('users-total');
  }

  userRow(username: string): Locator {
    return this.page.locator(`tr[data-user="${username}"]`);
  }
}
