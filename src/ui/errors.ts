/** The one place where the UI turns an error into words for a person. */
import { RosterError } from '../api';

/** Messages per form field (the first issue of each path), for inline errors. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (error instanceof RosterError) {
    for (const issue of error.issues) if (issue.path && !(issue.path in errors)) errors[issue.path] = issue.message;
  }
  return errors;
}

/** A failure the UI has already put into words for a person. */
export class NoticeError extends Error {}

/** One sentence for a banner: what went wrong and, where it can, what to do. */
export function errorMessage(error: unknown): string {
  if (error instanceof NoticeError) return error.message;
  if (error instanceof RosterError) {
    const first = error.issues[0]?.message ?? error.message;
    if (error.code === 'validation') return `Check the highlighted fields. ${first}`;
    if (error.code === 'conflict') return first;
    return `${first} It may have been deleted in another tab.`;
  }
  const storage = storageFault(error);
  if (storage) return STORAGE_FAULTS[storage];
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}. Nothing was saved.`;
}

/** The messages of issues that do not belong to one of the form's fields. */
export function otherErrors(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof RosterError)) return error ? [errorMessage(error)] : [];
  const rest = error.issues.filter((issue) => !fields.includes(issue.path)).map((issue) => issue.message);
  return rest;
}

/**
 * What the browser's storage said, for a failure of IndexedDB itself. Every write runs in one
 * transaction (src/db/transaction.ts), so when a full disk or an abort stops it the data is as
 * before: the sentences say so, and what to do, instead of the browser's own text.
 */
export type StorageFault = 'quota' | 'aborted' | 'closed';

export const STORAGE_FAULTS: Readonly<Record<StorageFault, string>> = {
  quota:
    "The browser's storage is full: nothing was changed. Free some space on this device (files, or other " +
    "sites' data in the browser's settings), or keep fewer days of activity in Settings, and try again.",
  aborted: 'The browser stopped the change before it was saved: nothing was changed. Try again.',
  // Not "nothing was changed": a connection closes only once its running transaction is
  // done, so a write may have been saved just before the call's last read failed.
  closed:
    "Roster's connection to its data was closed (it was updated or deleted in another tab). " +
    'Reload the page to see what was saved.',
};

/**
 * The storage fault behind an error, if any. The browser names it on the error itself, Dexie
 * wraps it (`inner` of an AbortError, `failures` of a BulkError) and others give it as
 * `cause`: all are looked through, and a full disk wins over the abort it causes.
 */
export function storageFault(error: unknown): StorageFault | undefined {
  const names = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 4) return;
    const { name, inner, failures, cause } = value as Record<string, unknown>;
    if (typeof name === 'string') names.add(name);
    visit(inner, depth + 1);
    visit(cause, depth + 1);
    if (failures && typeof failures === 'object')
      for (const failure of Object.values(failures as object)) visit(failure, depth + 1);
  };
  visit(error, 0);
  if (names.has('QuotaExceededError')) return 'quota';
  // A write aborted as a whole (WriteAbortedError in src/db) kept nothing, whatever it met on the way.
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
    return 'aborted';
  if (names.has('DatabaseClosedError') || names.has('InvalidStateError')) return 'closed';
  if (names.has('AbortError')) return 'aborted';
  return undefined;
}
