/**
 * The place shown, from the URL's hash: a section and, for a detail page, an id
 * (`#/users`, `#/users/<id>`, `#/groups/<id>`). Ordinary links, so deep links, reload and
 * back/forward keep the place.
 */
export type Section = 'users' | 'groups' | 'roles' | 'environments';

const SECTIONS: readonly Section[] = ['users', 'groups', 'roles', 'environments'];

interface Place {
  section: Section;
  /** The entity of a detail page (a user, group or role id). */
  id: string | undefined;
}

export function parseHash(hash: string): Place {
  const [name, id] = hash.replace(/^#\/?/, '').split('/');
  const section = SECTIONS.find((candidate) => candidate === name);
  if (!section) return { section: 'users', id: undefined };
  return { section, id: id ? decodeURIComponent(id) : undefined };
}

/** The link to a section or to one entity's page. */
export function href(section: Section, id?: string): string {
  return id === undefined ? `#/${section}` : `#/${section}/${encodeURIComponent(id)}`;
}

class Route {
  section = $state<Section>('users');
  id = $state<string | undefined>();

  constructor() {
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
  }

  #read(): void {
    const place = parseHash(location.hash);
    this.section = place.section;
    this.id = place.id;
  }
}

/** The one route of the page. */
export const route = new Route();
