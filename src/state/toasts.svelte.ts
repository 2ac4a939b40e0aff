/**
 * Short confirmations of what just happened ("3 users deactivated"), shown for a few
 * seconds in a polite live region so screen readers hear them too.
 */
export interface Toast {
  id: number;
  message: string;
}

const SHOWN_MS = 5000;
const MAX_SHOWN = 3;

class Toasts {
  items = $state<Toast[]>([]);
  #next = 0;

  show(message: string): void {
    const toast = { id: ++this.#next, message };
    // The latest few: a burst of actions must not cover the page.
    this.items = [...this.items, toast].slice(-MAX_SHOWN);
    setTimeout(() => this.dismiss(toast.id), SHOWN_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
