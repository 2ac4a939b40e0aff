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
  if (isQuotaError(error)) {
    return 'The browser has no storage space left for Roster. Nothing was saved; free some space and try again.';
  }
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}. Nothing was saved.`;
}

/** The messages of issues that do not belong to one of the form's fields. */
export function otherErrors(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof RosterError)) return error ? [errorMessage(error)] : [];
  const rest = error.issues.filter((issue) => !fields.includes(issue.path)).map((issue) => issue.message);
  return rest;
}

/** Out of storage space, as the browser says it directly or as Dexie wraps it (`inner`). */
function isQuotaError(error: unknown): boolean {
  const named = (value: unknown): string | undefined =>
    typeof value === 'object' && value !== null && 'name' in value
      ? String((value as { name: unknown }).name)
      : undefined;
  const inner =
    typeof error === 'object' && error !== null && 'inner' in error ? (error as { inner: unknown }).inner : undefined;
  return named(error) === 'QuotaExceededError' || named(inner) === 'QuotaExceededError';
}
