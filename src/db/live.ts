/**
 * Live queries: re-run a read whenever the data it read changes, in this tab or another
 * (Dexie propagates changes across tabs). The API exposes this so the UI never imports Dexie.
 */
import { liveQuery } from 'dexie';

export interface Subscription {
  unsubscribe(): void;
}

export interface Observable<T> {
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): Subscription;
}

/** Observes the result of an async read made through this database's tables. */
export function observe<T>(query: () => Promise<T>): Observable<T> {
  const observable = liveQuery(query);
  return {
    subscribe(next, error) {
      const subscription = observable.subscribe({ next, error: error ?? ((e: unknown) => console.error(e)) });
      return { unsubscribe: () => subscription.unsubscribe() };
    },
  };
}
