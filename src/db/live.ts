/**
 * Live queries: re-run a read whenever the data it read changes, in this tab or another
 * (Dexie propagates changes across tabs). The API exposes this so the UI never imports Dexie.
 */
import { Dexie, liveQuery } from 'dexie';

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

/**
 * Awaits a promise that is not Dexie's without losing track of the live query that awaits
 * it: Dexie follows its own promises across awaits, not others.
 */
export function awaitInLiveQuery<T>(promise: Promise<T>): Promise<T> {
  return Dexie.Promise.resolve(promise) as unknown as Promise<T>;
}
