/**
 * Rendering a component that reads the Roster (and the shared usage report) from the context,
 * as App provides them: `renderWithRoster(UserEditForm, { user }, roster)`.
 */
import { render } from '@testing-library/svelte';
import type { Component, MountOptions } from 'svelte';
import type { Roster, UsageReport } from '../../src/api';
import { rosterContext } from '../../src/state/roster-context.svelte';

export interface RosterRenderOptions {
  /** The usage report the sections read, fixed for the test (App's is live). */
  usage?: UsageReport;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as Svelte's own Component type allows
export function renderWithRoster<P extends Record<string, any>>(
  component: Component<P>,
  props: P,
  roster: Roster,
  options: RosterRenderOptions = {},
) {
  // A cast: TypeScript cannot resolve MountOptions' conditional props type for a generic P.
  const mountOptions = { props, context: rosterContext(roster, options.usage) } as Partial<MountOptions<P>>;
  return render(component, mountOptions);
}
