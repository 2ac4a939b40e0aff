// Page object of the Activity page: its filters, its rows and the dialog of a bulk change's users.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class ActivityPage extends ConsolePage {
  async openFromNav(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Activity' }).click();
    await this.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
  }

  get total(): Locator {
    return this.page.getByTestId('activity-total');
  }

  /** The words of the rows drawn, top to bottom. */
  async shownWords(): Promise<string[]> {
    return this.page.locator('li[data-entry] .words').allTextContents();
  }

  row(words: string): Locator {
    return this.page.locator('li[data-entry]', { has: this.page.locator('.words', { hasText: words }) });
  }

  filter(label: 'Environment' | 'About' | 'Action'): Locator {
    return this.page.getByRole('search', { name: 'Filter the activity' }).getByRole('combobox', { name: label });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }
}
