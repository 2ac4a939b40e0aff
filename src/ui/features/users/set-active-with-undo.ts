/**
 * Deactivating the selected users with a way back (the users list and the dormant users):
 * one call, then a toast that says how many and offers Undo, which reactivates exactly the
 * users this deactivated.
 */
import type { Roster } from '../../../api';
import type { UserSelection } from '../../../state/selection.svelte';
import { toasts } from '../../../state/toasts.svelte';

export interface DeactivateOptions {
  /**
   * The selected users' environment: users already inactive there stay so on undo. Without
   * it every selected user is taken to be active, as dormant users are by definition.
   */
  environmentId?: string;
  /** The deactivation, when the caller wraps the call; by default setActiveMany on the selection. */
  run?: () => Promise<number>;
  /** What the toast says, given how many users changed. */
  message: (changed: number) => string;
}

export async function deactivateWithUndo(
  roster: Roster,
  selection: UserSelection,
  { environmentId, run, message }: DeactivateOptions,
): Promise<void> {
  const ids = selection.list();
  const active =
    environmentId === undefined ? undefined : new Set(await roster.users.listIds({ environmentId, isActive: true }));
  const changing = active ? ids.filter((id) => active.has(id)) : ids;
  const changed = await (run ? run() : roster.users.setActiveMany(ids, false));
  selection.clear();
  toasts.show(message(changed), { label: 'Undo', run: () => roster.users.setActiveMany(changing, true) });
}
