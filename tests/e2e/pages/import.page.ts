// Page object of the import screen and of the backup in Settings.
import type { Download, Locator } from 'playwright-core';
import { ConsolePage } from './console.page';

export class ImportPage extends ConsolePage {
  get dryRun(): Locator {
    return this.page.locator('[data-dry-run]');
  }

  get result(): Locator {
    return this.page.locator('[data-import-result]');
  }

  /** Drops a file on the drop zone, as a person dragging it from their desktop would. */
  async dropFile(name: string, text: string): Promise<void> {
    await this.page.locator('[data-drop-zone]').waitFor();
    await this.page.evaluate(
      ({ name, text }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'text/csv' }));
        const zone = document.querySelector('[data-drop-zone]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name, text },
    );
  }

  /** The select that says what a column of the file is read as. */
  mapping(header: string): Locator {
    return this.page.locator(`tr[data-column="${header}"] select`);
  }

  /** Clicks what starts a download and returns the download. */
  async download(trigger: Locator): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), trigger.click()]);
    return download;
  }
}
