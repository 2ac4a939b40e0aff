/**
 * The state of a form that saves through the Users API: busy while it saves, the status line
 * after a success, and on failure the RosterError's issues, each at its field (the first bad
 * field taking the focus) or, for issues of no field of the form, above the buttons. What was
 * typed stays: the form's own values are the caller's.
 */
// The UI's one place that turns errors into words.
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
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : undefined;
    this.busy = true;
    this.status = '';
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

  /** Shows a failure: each issue at its field, the rest above the buttons; focus on the first bad field. */
  fail(error: unknown): void {
    this.errors = fieldErrors(error);
    const fields = this.#fields ?? Object.keys(this.errors);
    this.otherErrors = otherErrors(error, fields);
    const firstInvalid = fields.find((field) => this.errors[field]);
    if (firstInvalid && this.#idPrefix) document.getElementById(`${this.#idPrefix}-${firstInvalid}`)?.focus();
  }
}
