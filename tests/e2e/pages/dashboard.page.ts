// Page object of the dashboard: subscription form, limit banners, totals, dormant panel.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class DashboardPage extends ConsolePage {
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Dashboard', exact: true })
      .click();
    await this.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  }

  banner(limit: 'internal' | 'external' | 'named'): Locator {
    return this.page.locator(`[data-limit="${limit}"]`);
  }

  async status(limit: 'internal' | 'external' | 'named'): Promise<string | null> {
    return this.banner(limit).getAttribute('data-status');
  }

  get subscriptionForm(): Locator {
    return this.page.getByRole('form', { name: 'Subscription' });
  }

  get dormantPanel(): Locator {
    return this.page.getByRole('region', { name: 'Dormant users' });
  }

  total(name: 'internal' | 'external' | 'named'): Locator {
    return this.page.locator(`[data-total="${name}"] a`);
  }

  /** Creates users through window.roster in the selected environment. */
  async createUsers(users: { username: string; name?: string; email?: string; lastLogin?: string }[]): Promise<void> {
    await this.page.evaluate(async (inputs) => {
      const environmentId = localStorage.getItem('roster.environmentId')!;
      await window.roster.users.createMany(inputs.map((input) => ({ environmentId, ...input })));
    }, users);
  }
}
