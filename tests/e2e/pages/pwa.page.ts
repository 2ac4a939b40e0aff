// Page object of the installable, offline app: the service worker, the manifest, the update
// prompt, the settings page, and recorders for every request and every CSP violation.
import type { BrowserContext, Locator, Request } from 'playwright-core';
import { baseUrl } from '../browser';
import { ConsolePage } from './console.page';

export interface RecordedRequest {
  url: string;
  /** Made by the service worker (its precache), not by the page. */
  fromServiceWorker: boolean;
}

export interface ServiceWorkerState {
  /** The page is controlled by a service worker. */
  controlled: boolean;
  /** The registration's active, waiting and installing workers' states, when present. */
  active: string | undefined;
  waiting: string | undefined;
  installing: string | undefined;
}

declare global {
  interface Window {
    /** Bound by recordCspViolations: reports one violation to the test. */
    __reportCspViolation?: (violation: string) => Promise<void>;
  }
}

/**
 * Records every request the context makes, the page's and the service worker's alike, from
 * now on (a new page of the context included).
 */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  context.on('request', (request: Request) =>
    requests.push({ url: request.url(), fromServiceWorker: request.serviceWorker() !== null }),
  );
  return requests;
}

/**
 * Records every Content-Security-Policy violation of every page of the context, from the first
 * script on: an init script listens for `securitypolicyviolation` and reports each through a
 * binding, so none is lost to a reload. Neither is subject to the page's CSP.
 */
export async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, violation: string) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
        void window.__reportCspViolation?.(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${where} ${event.sample}`.trim(),
        );
      },
      true,
    );
  });
  return violations;
}

/** The requests among `requests` that went to another origin than the app's. */
export function foreignRequests(requests: readonly RecordedRequest[]): string[] {
  const origin = new URL(baseUrl).origin;
  return requests
    .map((request) => request.url)
    .filter((url) => /^https?:|^wss?:/.test(url) && new URL(url).origin !== origin);
}

export class PwaPage extends ConsolePage {
  get updatePrompt(): Locator {
    return this.page.getByTestId('update-prompt');
  }

  get sectionLinks(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
  }

  async serviceWorker(): Promise<ServiceWorkerState> {
    return this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        controlled: navigator.serviceWorker.controller !== null,
        active: registration?.active?.state,
        waiting: registration?.waiting?.state,
        installing: registration?.installing?.state,
      };
    });
  }

  /** Waits until a service worker controls the page (the first visit's is claimed at once). */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  /** Asks the browser to look for a new service worker now, as it does on its own from time to time. */
  async checkForUpdate(): Promise<void> {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
  }

  /** Marks the page's current document, to tell later whether it was reloaded. */
  async mark(): Promise<void> {
    await this.page.evaluate(() => document.documentElement.setAttribute('data-e2e-mark', 'before'));
  }

  async isMarked(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.getAttribute('data-e2e-mark') === 'before');
  }

  /** Follows one of the navigation's section links, waits for the section's heading, and returns the link's address. */
  async openSection(link: Locator): Promise<string> {
    const target = (await link.getAttribute('href')) ?? '';
    await link.click();
    await this.page.waitForFunction((hash) => location.hash.startsWith(hash), target);
    await this.page.locator('main h1').first().waitFor();
    return target;
  }

  async openSettings(): Promise<void> {
    await this.sectionLinks.filter({ hasText: 'Settings' }).click();
    await this.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  }
}
