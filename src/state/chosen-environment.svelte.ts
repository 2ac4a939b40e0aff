/**
 * The environment every screen works in, as the person chose it in the header; remembered in
 * localStorage, so that a reload or the next visit opens the same one.
 */
import type { Environment } from '../api';

const STORED_KEY = 'roster.environmentId';

class ChosenEnvironment {
  /** The id chosen last; it may name an environment deleted since. */
  id = $state<string | undefined>(
    typeof localStorage === 'undefined' ? undefined : (localStorage.getItem(STORED_KEY) ?? undefined),
  );

  select(id: string): void {
    this.id = id;
    localStorage.setItem(STORED_KEY, id);
  }

  /**
   * Opens the environment an entity belongs to: a link to a user, group or role of another
   * environment (the dashboard lists users of every environment) opens it there, not "not found".
   */
  follow(environmentId: string | undefined): void {
    if (environmentId !== undefined && environmentId !== this.id) this.select(environmentId);
  }

  /**
   * The chosen environment among `environments`, or the first one when the choice is gone
   * (deleted, or a new database).
   */
  among(environments: readonly Environment[]): Environment | undefined {
    return environments.find((environment) => environment.id === this.id) ?? environments[0];
  }
}

/** The one chosen environment of the page. */
export const chosenEnvironment = new ChosenEnvironment();
