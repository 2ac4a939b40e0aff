/** Numbers and dates in the browser's locale. */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatDateTime(iso: string | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** The day only, for dense lists. */
export function formatDate(iso: string | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

const utcDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A history's YYYY-MM-DD day (a UTC day: the same day whatever the browser's time zone). */
export function formatDay(day: string): string {
  return utcDate.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A number field as typed: a number when it reads as one (spaces and commas between digits
 * allowed), else NaN, which the API refuses, naming the field.
 */
export function numberAsTyped(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.replace(/[\s,]/g, ''));
}
