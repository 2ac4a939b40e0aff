/**
 * A long list drawn a window at a time (the dormant users, the activity log): which rows are
 * in view for the scroll position, and the page of the API that holds them, read live. Pages
 * start on multiples of STEP, so that scrolling a few rows reuses the same query.
 */
import type { Observable } from '../../api';
import { LiveQuery } from '../../state/live.svelte';
import { virtualWindow, type VirtualWindow } from './virtual-window';

const STEP = 20;

export interface ListPage<T> {
  total: number;
  items: T[];
}

type Page<T> = ListPage<T> & { offset: number };

export class PagedList<T> {
  scrollTop = $state(0);
  readonly page: LiveQuery<Page<T>>;
  readonly view: VirtualWindow = $derived(this.#window());
  /** The rows in view, from the page read. */
  readonly rows: T[] = $derived(this.#rowsInView());
  readonly #start: number = $derived(Math.floor(this.view.first / STEP) * STEP);
  readonly #size: number = $derived(this.view.first - this.#start + this.view.count + STEP);

  /**
   * Must be constructed while a component initialises (it owns a live query). `read` is called
   * inside the query's effect: the reactive values it reads (filters) make it read again.
   */
  constructor(
    read: (offset: number, limit: number) => Observable<ListPage<T>>,
    readonly rowHeight: number,
    readonly viewport: number,
  ) {
    this.page = new LiveQuery<Page<T>>(
      () => {
        const offset = this.#start;
        const observable = read(offset, Math.max(this.#size, 1));
        return {
          subscribe: (next, error) => observable.subscribe((page) => next({ ...page, offset }), error),
        };
      },
      { total: 0, items: [], offset: 0 },
    );
  }

  /** Back to the top (a new query). */
  toTop(scroller: HTMLElement | undefined): void {
    this.scrollTop = 0;
    if (scroller) scroller.scrollTop = 0;
  }

  #window(): VirtualWindow {
    return virtualWindow(this.page.current.total, this.rowHeight, this.viewport, this.scrollTop);
  }

  #rowsInView(): T[] {
    const { items, offset } = this.page.current;
    return items.slice(this.view.first - offset, this.view.first - offset + this.view.count);
  }
}
