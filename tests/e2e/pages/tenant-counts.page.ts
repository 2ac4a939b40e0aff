// Page object of the tenants where the console shows them: the breakdown in an environment's
// dashboard card, a tenant's limit banners, the Users section's Tenant filter and a user's page.
import type { Locator } from 'playwright-core';
import { DashboardPage } from './dashboard.page';

export class TenantCountsPage extends DashboardPage {
  /** The tenant breakdown of one environment's card. */
  breakdown(environment: string): Locator {
    return this.page.getByRole('table', { name: `Tenants of ${environment}` });
  }

  /** One tenant's row of the breakdown. */
  tenantRow(environment: string, tenant: string): Locator {
    return this.breakdown(environment).locator(`tr[data-tenant="${tenant}"]`);
  }

  /** One number of a tenant's row (its link). */
  tenantCount(environment: string, tenant: string, count: 'internal' | 'external' | 'named' | 'inactive'): Locator {
    return this.tenantRow(environment, tenant).locator(`[data-tenant-count="${count}"] a`);
  }

  /** The banners of one tenant's own limits. */
  tenantBanner(tenant: string, limit: 'internal' | 'external' | 'named'): Locator {
    return this.page.locator(`[data-tenant="${tenant}"][data-limit="${limit}"]`);
  }

  get tenantFilter(): Locator {
    return this.page.getByRole('combobox', { name: 'Tenant', exact: true });
  }

  /** The usernames of the rows drawn, top to bottom. */
  async visibleUsernames(): Promise<string[]> {
    return this.page
      .locator('tr[data-user]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user') ?? ''));
  }

  get detailsForm(): Locator {
    return this.page.getByRole('form', { name: 'Details' });
  }
}
