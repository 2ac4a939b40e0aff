/**
 * The place shown, from the URL's hash: a section, for a detail page an id, and optional
 * parameters (`#/users`, `#/users/<id>`, `#/users?environment=<id>&class=external`).
 * Ordinary links, so deep links, reload and back/forward keep the place.
 */
import { unsaved } from './unsaved.svelte';
/* eslint-disable svelte/prefer-svelte-reactivity --
   parameters are replaced whole on each change, never mutated once stored. */
export type Section =
  'dashboard' | 'counts' | 'users' | 'import' | 'groups' | 'roles' | 'environments' | 'settings' | 'activity';

const SECTIONS: readonly Section[] = [
  'dashboard',
  'counts',
  'users',
  'import',
  'groups',
  'roles',
  'environments',
  'settings',
  'activity',
];

/** Where an empty hash leads. */
const START_SECTION: Section = 'dashboard';

interface Place {
  section: Section;
  /** The entity of a detail page (a user, group or role id). */
  id: string | undefined;
  params: URLSearchParams;
}

function parseHash(hash: string): Place {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, id] = path.split('/');
  const params = new URLSearchParams(query);
  const section = SECTIONS.find((candidate) => candidate === name);
  if (!section) return { section: START_SECTION, id: undefined, params };
  return { section, id: id ? decodeURIComponent(id) : undefined, params };
}

/** The link to a section or to one entity's page, with optional parameters. */
export function href(section: Section, id?: string, params?: Record<string, string | undefined>): string {
  const path = id === undefined ? `#/${section}` : `#/${section}/${encodeURIComponent(id)}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

class Route {
  section = $state<Section>(START_SECTION);
  id = $state<string | undefined>();
  params = $state.raw(new URLSearchParams());

  constructor() {
    this.#read();
    window.addEventListener('hashchange', (event) => {
      // A link or Back with changes not saved: asked first; staying puts the address back.
      if (!unsaved.confirmLeave()) {
        history.replaceState(history.state, '', new URL(event.oldURL).hash);
        return;
      }
      this.#read();
    });
  }

  /**
   * Goes to `next` at once, the address and the state together (not on the next hashchange), so
   * that a change made with it (another environment) never meets the place being left. Asks
   * first about unsaved changes; false when the person stays.
   */
  go(next: string): boolean {
    if (!unsaved.confirmLeave()) return false;
    location.hash = next;
    this.#read();
    return true;
  }

  /** Rewrites the current entry's parameters (filters as they change), without a new history step. */
  replaceParams(params: Record<string, string | undefined>): void {
    const next = href(this.section, this.id, params);
    if (next === location.hash) return;
    history.replaceState(history.state, '', next);
    this.params = parseHash(next).params;
  }

  #read(): void {
    const place = parseHash(location.hash);
    this.section = place.section;
    this.id = place.id;
    this.params = place.params;
  }
}

/** The one route of the page. */
export const route = new Route();
