/**
 * The Roster a page works with, and the one live usage report every section shares, handed
 * to components through Svelte's context rather than as a prop through every level. App sets
 * them once; any component below reads them while it initialises.
 */
import { getContext, setContext } from 'svelte';
import type { Roster, UsageReport } from '../api';
import { LiveQuery } from './live.svelte';

/** A live read as components see it (a LiveQuery, or a fixed value where nothing changes). */
export interface Live<T> {
  readonly current: T;
  readonly loaded: boolean;
  readonly error: unknown;
}

const ROSTER = Symbol('roster');
const USAGE = Symbol('usage');

/**
 * Makes `roster` and its live usage report (read once here for every section) the context of
 * the calling component's children. Call once, while the root component initialises.
 */
export function setRoster(roster: Roster): Live<UsageReport | undefined> {
  const usage = new LiveQuery<UsageReport | undefined>(() => roster.observe(() => roster.usage()), undefined);
  setContext(ROSTER, roster);
  setContext(USAGE, usage);
  return usage;
}

/** The Roster of the page; only while a component initialises. */
export function getRoster(): Roster {
  const roster = getContext<Roster | undefined>(ROSTER);
  if (!roster) throw new Error('No Roster in the context: mount the component under App, or with rosterContext().');
  return roster;
}

/** The shared live usage report (usage per environment, production totals, each limit). */
export function getUsage(): Live<UsageReport | undefined> {
  return (
    getContext<Live<UsageReport | undefined> | undefined>(USAGE) ?? {
      current: undefined,
      loaded: false,
      error: undefined,
    }
  );
}

/**
 * The same context as a Map, for mounting a component without App (`mount` or a test's
 * `render`): the usage is then the fixed report given.
 */
export function rosterContext(roster: Roster, usage?: UsageReport): Map<symbol, unknown> {
  const fixed: Live<UsageReport | undefined> = { current: usage, loaded: usage !== undefined, error: undefined };
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- context handed to mount(), read once, never changed.
  return new Map<symbol, unknown>([
    [ROSTER, roster],
    [USAGE, fixed],
  ]);
}
