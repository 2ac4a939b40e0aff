/**
 * Turns a live read of the Users API (`roster.observe(...)`) into reactive state. The factory
 * runs inside an effect, so the reactive values it reads synchronously (the selected
 * environment, a search box) re-subscribe when they change; the query itself re-runs
 * whenever its data changes, in this tab or another.
 */
import type { Observable } from '../api';

export class LiveQuery<T> {
  current = $state<T>() as T;
  error = $state<unknown>(undefined);
  loaded = $state(false);

  /** Must be constructed while a component initialises (it owns an effect). */
  constructor(factory: () => Observable<T> | undefined, initial: T) {
    this.current = initial;
    $effect(() => {
      const observable = factory();
      if (!observable) return;
      const subscription = observable.subscribe(
        (value) => {
          this.current = value;
          this.loaded = true;
          this.error = undefined;
        },
        (error) => (this.error = error),
      );
      return () => subscription.unsubscribe();
    });
  }
}
