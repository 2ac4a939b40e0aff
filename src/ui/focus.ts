/**
 * Where the keyboard goes when the control it was on goes away (a deleted row, a revoked
 * grant) or the page changes: to a heading that stays, so that it is never lost on <body>.
 */

/** Focuses the page's title (`main h1`), as after a page load. */
export function focusPageTitle(): void {
  const title = document.querySelector<HTMLElement>('main h1');
  if (!title) return;
  title.tabIndex = -1;
  title.focus();
}

/**
 * After a delete: focuses `heading` (by default the page's title) once the confirmation
 * dialog has closed and given focus back to the control that is now gone.
 */
export function focusAfterDelete(heading?: HTMLElement): void {
  setTimeout(() => (heading ? heading.focus() : focusPageTitle()), 0);
}
