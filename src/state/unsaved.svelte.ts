/**
 * Changes typed into a form and not saved yet: following a link, going back or closing the tab
 * asks first, so that nothing typed is thrown away without a word. A form counts as changed
 * from its first input event until FormState saves it; a form marked `data-unsaved="ignore"`
 * (a picker that acts at once) never counts.
 */
class UnsavedChanges {
  readonly #changed = new Set<HTMLFormElement>();

  constructor() {
    if (typeof document === 'undefined') return;
    document.addEventListener(
      'input',
      (event) => {
        const form = event.target instanceof Element ? event.target.closest('form') : null;
        if (form && form.dataset.unsaved !== 'ignore') this.#changed.add(form);
      },
      true,
    );
    // A link to another place of the console asks before it is followed, so that staying
    // leaves the history as it was (Back and Forward are asked about by the route).
    document.addEventListener(
      'click',
      (event) => {
        const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
        if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        if (!this.confirmLeave()) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
      },
      true,
    );
    window.addEventListener('beforeunload', (event) => {
      // The browser asks in its own words; the text is not shown.
      if (this.any) event.preventDefault();
    });
  }

  /** Whether a form on the page holds changes not saved yet. */
  get any(): boolean {
    for (const form of this.#changed) if (!form.isConnected) this.#changed.delete(form);
    return this.#changed.size > 0;
  }

  /** A form's changes were saved. */
  saved(form: HTMLFormElement): void {
    this.#changed.delete(form);
  }

  /**
   * Asks before a part of the page that holds forms with changes not saved goes away (an editor
   * closed, or replaced by another); true to go on (those changes are then let go). Changes in
   * forms elsewhere on the page are not asked about: they stay.
   */
  confirmDiscard(region: Element | null, question: string): boolean {
    if (!region) return true;
    const inside = [...this.#changed].filter((form) => form.isConnected && region.contains(form));
    if (inside.length === 0) return true;
    const discard = window.confirm(question);
    if (discard) for (const form of inside) this.#changed.delete(form);
    return discard;
  }

  /** Asks before leaving while changes are not saved; true to go on (the changes are then let go). */
  confirmLeave(): boolean {
    if (!this.any) return true;
    const leave = window.confirm('Leave this page? The changes you have not saved will be lost.');
    if (leave) this.#changed.clear();
    return leave;
  }
}

/** The page's one record of unsaved changes. */
export const unsaved = new UnsavedChanges();
