// Page object for links to one entity: the environment switcher, and a detail page opened by its address.
import type { Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class EntityLinksPage extends ConsolePage {
  get environmentSwitcher(): Locator {
    return this.page.getByRole('combobox', { name: 'Environment' });
  }

  /** The id of the environment the console has chosen, as the switcher shows it. */
  chosenEnvironmentId(): Promise<string> {
    return this.environmentSwitcher.inputValue();
  }

  /** Opens an address of the console (`#/users/<id>`) as a link or a typed address would. */
  async open(hash: string): Promise<void> {
    await this.page.goto(new URL(hash, this.page.url()).href);
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 1, exact: true });
  }
}
