/**
 * Deactivating or reactivating the selected users with a way back (the users list and the
 * dormant users): one call, then a toast that says how many and offers Undo, which changes back
 * exactly the users this changed.
 */
import type { Roster } from '../../../api';
import type { UserSelection } from '../../../state/selection.svelte';
import { toasts } from '../../../state/toasts.svelte';

export interface SetActiveOptions {
  /**
   * The selected users' environment: users already in the new state there are left as they
   * are on undo. Without it every selected user is taken to be changing, as dormant users
   * (active by definition) are when deactivated.
   */
  environmentId?: string;
  /** The change, when the caller wraps the call; by default setActiveMany on the selection. */
  run?: () => Promise<number>;
  /** What the toast says, given how many users changed. */
  message: (changed: number) => string;
}

export async function setActiveWithUndo(
  roster: Roster,
  selection: UserSelection,
  isActive: boolean,
  { environmentId, run, message }: SetActiveOptions,
): Promise<void> {
  const ids = selection.list();
  const before =
    environmentId === undefined
      ? undefined
      : new Set(await roster.users.listIds({ environmentId, isActive: !isActive }));
  const changing = before ? ids.filter((id) => before.has(id)) : ids;
  const changed = await (run ? run() : roster.users.setActiveMany(ids, isActive));
  selection.clear();
  if (changed === 0) {
    toasts.show(message(changed));
    return;
  }
  toasts.show(message(changed), { label: 'Undo', run: () => roster.users.setActiveMany(changing, !isActive) });
}

/** Deactivates the selected users, with Undo. */
export function deactivateWithUndo(roster: Roster, selection: UserSelection, options: SetActiveOptions) {
  return setActiveWithUndo(roster, selection, false, options);
}
