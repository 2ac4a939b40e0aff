/**
 * The state of a form that saves through the Users API: busy while it saves, the status line
 * after a success, and on failure the RosterError's issues, each at its field (the first bad
 * field taking the focus) or, for issues of no field of the form, above the buttons. What was
 * typed stays: the form's own values are the caller's.
 */
// The UI's one place that turns errors into words.
import { isVersionConflict, type VersionConflictError } from '../api';
import { fieldErrors, otherErrors } from '../ui/errors';
import { unsaved } from './unsaved.svelte';

export interface FormOptions {
  /** The fields the form shows, in their order on the page; without it, every issue with a path is a field's. */
  fields?: readonly string[];
  /** With it, the first field with an error takes the focus: its input's id is `<idPrefix>-<field>`. */
  idPrefix?: string;
}

export class FormState {
  /** The message of each field's first issue. */
  errors = $state<Record<string, string>>({});
  /** The messages that belong to no field of the form. */
  otherErrors = $state<string[]>([]);
  busy = $state(false);
  /** What the last save did ("Saved."); cleared when the next one starts. */
  status = $state('');
  /**
   * A save refused because what the form was opened on changed since (another tab, a bulk
   * action, an import): the form then offers to load the newer version or to overwrite it.
   */
  conflict = $state<VersionConflictError | undefined>();
  readonly #fields: readonly string[] | undefined;
  readonly #idPrefix: string | undefined;

  constructor(options: FormOptions = {}) {
    this.#fields = options.fields;
    this.#idPrefix = options.idPrefix;
  }

  errorFor(field: string): string | undefined {
    return this.errors[field];
  }

  /**
   * Handles a submit: runs `work` (which saves, and may return the status to show), then
   * clears the errors; or shows why it failed. Resolves to whether it succeeded.
   */
  async submit(event: Event, work: () => Promise<string | void>): Promise<boolean> {
    event.preventDefault();
    const form = formOf(event);
    this.busy = true;
    this.status = '';
    this.conflict = undefined;
    try {
      const status = await work();
      if (form) unsaved.saved(form);
      this.errors = {};
      this.otherErrors = [];
      if (status) this.status = status;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Saves an edit based on `version` (what the form was opened on): `send(version)`. When the
   * stored version moved only in fields the form does not show (a deactivation, the rules beside
   * an environment's settings), the edit is sent again on the stored version, since it overwrites
   * nothing that changed; any other conflict is kept in `conflict` for the person to decide.
   */
  submitVersion<V>(
    event: Event,
    version: V,
    send: (version: V) => Promise<string | void>,
    versionOf: (current: unknown) => V,
  ): Promise<boolean> {
    return this.submit(event, async () => {
      try {
        return await send(version);
      } catch (error) {
        if (!isVersionConflict(error) || !this.#outsideForm(error)) throw error;
        return send(versionOf(error.current));
      }
    });
  }

  /** Lets go of a conflict after the form loaded the newer version: nothing typed is left to save. */
  discard(event: Event): void {
    this.conflict = undefined;
    this.errors = {};
    this.otherErrors = [];
    this.status = '';
    const form = formOf(event);
    if (form) unsaved.saved(form);
  }

  /** Whether every field a conflict names is one the form does not show. */
  #outsideForm(conflict: VersionConflictError): boolean {
    const fields = this.#fields;
    return fields !== undefined && conflict.changed.length > 0 && conflict.changed.every((f) => !fields.includes(f));
  }

  /** Shows a failure: each issue at its field, the rest above the buttons; focus on the first bad field. */
  fail(error: unknown): void {
    if (isVersionConflict(error)) {
      // Not a field's fault: the form's conflict notice says what changed and offers the choice.
      this.conflict = error;
      this.errors = {};
      this.otherErrors = [];
      return;
    }
    this.errors = fieldErrors(error);
    const fields = this.#fields ?? Object.keys(this.errors);
    this.otherErrors = otherErrors(error, fields);
    const firstInvalid = fields.find((field) => this.errors[field]);
    if (firstInvalid && this.#idPrefix) document.getElementById(`${this.#idPrefix}-${firstInvalid}`)?.focus();
  }
}

/** The form an event is about: a submit's form, or the form of a button clicked inside one. */
function formOf(event: Event): HTMLFormElement | undefined {
  const target = event.currentTarget;
  if (target instanceof HTMLFormElement) return target;
  return (target instanceof Element && target.closest('form')) || undefined;
}
