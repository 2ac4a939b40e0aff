/**
 * The section shown, from the URL's hash (`#/users`, `#/environments`): ordinary links,
 * so deep links, reload and back/forward keep the place.
 */
export type Section = 'users' | 'environments';

const SECTIONS: readonly Section[] = ['users', 'environments'];

function fromHash(hash: string): Section {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return SECTIONS.find((section) => section === name) ?? 'users';
}

class Route {
  section = $state<Section>(fromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.section = fromHash(location.hash)));
  }
}

/** The one route of the page. */
export const route = new Route();
