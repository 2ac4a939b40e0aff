/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The service worker as the page sees it: registered once at start (a no-op in `vite dev`
 * and in tests, where vite-plugin-pwa serves a stub), and whether a new version of Roster is
 * installed and waiting. A new version never takes over by itself: it waits until the person
 * presses Reload, so an open form is never lost to an automatic reload. Another tab that
 * accepts the update makes it take over here too; this page then still runs the old code
 * and keeps asking for a reload, without reloading.
 */
import { registerSW } from 'virtual:pwa-register';

/** How often an open page asks the server for a new version (an update check is one small request). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

class Pwa {
  /** A new version is installed and waits for the person's consent (or took over in another tab). */
  updateWaiting = $state(false);
  /** The app's files are cached: it now starts without a network. */
  offlineReady = $state(false);
  /** Why registration failed, if it did (the app still works while online). */
  registerError = $state<string | undefined>();

  #registered = false;
  #accepted = false;
  #registration: ServiceWorkerRegistration | undefined;
  #activateWaiting: (() => Promise<void>) | undefined;

  /** Registers the service worker once the page has loaded; later calls do nothing. */
  register(): void {
    if (this.#registered || !('serviceWorker' in navigator)) return;
    this.#registered = true;
    this.#activateWaiting = registerSW({
      onNeedRefresh: () => (this.updateWaiting = true),
      onOfflineReady: () => (this.offlineReady = true),
      // A new version took over the page without a word from the person here (they accepted
      // it in another tab): no reload, which could lose an open form; keep asking instead.
      // When they accepted it here, reload() reloads.
      onNeedReload: () => {
        if (!this.#accepted) this.updateWaiting = true;
      },
      onRegisteredSW: (_url, registration) => {
        this.#registration = registration;
        if (registration) setInterval(() => this.checkForUpdate(), UPDATE_CHECK_MS);
      },
      onRegisterError: (error: unknown) =>
        (this.registerError = error instanceof Error ? error.message : String(error)),
    });
  }

  /** Asks the server whether a new version exists; offline, it quietly finds none. */
  async checkForUpdate(): Promise<void> {
    if (!navigator.onLine) return;
    await this.#registration?.update().catch(() => undefined);
  }

  /**
   * The person agreed: the waiting version takes over and the page reloads into it. With no
   * version waiting (another tab already switched to it), a plain reload is enough.
   */
  async reload(): Promise<void> {
    this.#accepted = true;
    const registration = this.#registration;
    if (registration?.installing) await installed(registration.installing);
    if (!registration?.waiting || !this.#activateWaiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    await this.#activateWaiting();
  }

  /**
   * Hides the prompt; it comes back on the next page load. The new version takes over by
   * itself only once every Roster tab is closed.
   */
  dismiss(): void {
    this.updateWaiting = false;
  }
}

/** Resolves once `worker` has finished installing (or failed to). */
function installed(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (worker.state === 'installing') return;
      worker.removeEventListener('statechange', done);
      resolve();
    };
    worker.addEventListener('statechange', done);
    done();
  });
}

/** The one service worker state of the page. */
export const pwa = new Pwa();
