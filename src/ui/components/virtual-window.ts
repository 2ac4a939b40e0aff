/**
 * Which rows of a long list to draw for a scroll position. Only those rows are in the DOM.
 * Browsers cap an element's height (Firefox near 17.9M px), so past MAX_SCROLL_PX the
 * scrollbar maps proportionally onto the whole list instead of one pixel per pixel.
 */

export const MAX_SCROLL_PX = 16_000_000;

export interface VirtualWindow {
  /** Index of the first row to draw. */
  first: number;
  /** How many rows to draw. */
  count: number;
  /** Where the first drawn row sits, in px from the top of the viewport (negative when partly scrolled out). */
  offset: number;
  /** Height of the scrollable area, in px. */
  spacer: number;
}

export function virtualWindow(
  total: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  overscan = 5,
): VirtualWindow {
  const full = total * rowHeight;
  const spacer = Math.min(full, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, spacer - viewport);
  const fullMax = Math.max(0, full - viewport);
  const top = maxScroll > 0 ? (Math.min(Math.max(scrollTop, 0), maxScroll) / maxScroll) * fullMax : 0;
  const firstVisible = Math.floor(top / rowHeight);
  const first = Math.max(0, firstVisible - overscan);
  const count = Math.max(0, Math.min(total - first, Math.ceil(viewport / rowHeight) + 1 + 2 * overscan));
  return { first, count, offset: first * rowHeight - top, spacer };
}
