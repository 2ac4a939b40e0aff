// Base page object for the end-to-end tests: opens a path of the app and
// records what went wrong in the page (console errors and uncaught errors).
import type { Page, Response } from 'playwright-core';
import { baseUrl } from '../browser';

export interface RecordedError {
  /** 'console' for console.error messages, 'page' for uncaught exceptions. */
  kind: 'console' | 'page';
  message: string;
}

export class AppPage {
  /** Console errors and page errors, in the order they happened. */
  readonly errors: RecordedError[] = [];

  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push({ kind: 'console', message: msg.text() });
    });
    page.on('pageerror', (err) => {
      this.errors.push({ kind: 'page', message: err.stack ?? err.message });
    });
  }

  /** Uncaught exceptions only. */
  get pageErrors(): RecordedError[] {
    return this.errors.filter((e) => e.kind === 'page');
  }

  /** Opens `path` (relative to the base URL) and waits for the load event. */
  async goto(path = '/'): Promise<Response | null> {
    return this.page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
  }
}
