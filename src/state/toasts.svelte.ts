/**
 * Short confirmations of what just happened ("3 users deactivated"), shown for a few
 * seconds in a polite live region so screen readers hear them too.
 */
/** A way back from what the toast reports, such as "Undo". */
export interface ToastAction {
  label: string;
  run: () => Promise<unknown>;
}

export interface Toast {
  id: number;
  message: string;
  action?: ToastAction;
}

const SHOWN_MS = 5000;
/** Long enough to read the message and change one's mind. */
const SHOWN_WITH_ACTION_MS = 10_000;
const MAX_SHOWN = 3;

class Toasts {
  items = $state<Toast[]>([]);
  #next = 0;

  show(message: string, action?: ToastAction): void {
    const toast: Toast = { id: ++this.#next, message, action };
    // The latest few: a burst of actions must not cover the page.
    this.items = [...this.items, toast].slice(-MAX_SHOWN);
    setTimeout(() => this.dismiss(toast.id), action ? SHOWN_WITH_ACTION_MS : SHOWN_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
