/**
 * Dates in imported cells. ISO 8601 is always read. A spreadsheet's own way of writing a date
 * (8/19/2021, 19.08.2021 13:25, 8/19/2021 1:25:31 PM) depends on the locale that wrote the
 * file, which the file does not say: the person chooses the order for the whole import, and
 * without a choice such a date is an error rather than a guess that may be wrong for some rows
 * and right for others. A date or time without a zone is taken as UTC.
 */

/** `iso`: only ISO 8601; `mdy`: month first (8/19/2021); `dmy`: day first (19/08/2021). */
export type DateOrder = 'iso' | 'mdy' | 'dmy';

export type DateReading = { iso: string } | { error: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const LOCAL = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;
// Year first is never ambiguous: Google Workspace writes 2026/04/10 04:05:20.
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/** The instant, or why the parts are no date: the first part out of range, said in words. */
function instant(parts: Parts, cell: string): DateReading {
  const { year, month, day, hour, minute, second } = parts;
  const no = `'${cell}' is not a valid date`;
  if (month < 1 || month > 12) return { error: `${no}: there is no month ${month}.` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { error: `${no}: ${MONTHS[month - 1]} ${year} has ${days} days.` };
  if (hour > 23 || minute > 59 || second > 59) return { error: `${no}: the time is out of range.` };
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, parts.millisecond));
  date.setUTCFullYear(year);
  return { iso: new Date(date.getTime() - parts.offsetMinutes * 60_000).toISOString() };
}

function offsetOf(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

function readIso(match: RegExpExecArray, cell: string): DateReading {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  return instant(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
      millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
      offsetMinutes: offsetOf(zone),
    },
    cell,
  );
}

function readLocal(match: RegExpExecArray, cell: string, order: 'mdy' | 'dmy'): DateReading {
  const [, first, , second, year, hour, minute, seconds, half] = match;
  if ((year ?? '').length !== 4) return { error: `'${cell}' has a two-digit year; write the year with four digits.` };
  let h = Number(hour ?? 0);
  if (half) {
    if (h < 1 || h > 12) return { error: `'${cell}' is not a valid date: ${h} is not an hour of a 12-hour clock.` };
    h = (h % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  return instant(
    {
      year: Number(year),
      month: Number(order === 'mdy' ? first : second),
      day: Number(order === 'mdy' ? second : first),
      hour: h,
      minute: Number(minute ?? 0),
      second: Number(seconds ?? 0),
      millisecond: 0,
      offsetMinutes: 0,
    },
    cell,
  );
}

/**
 * A `lastLogin` cell as an ISO 8601 instant in UTC (`2024-03-01T10:00:00.000Z`).
 *
 * - ISO 8601 dates and date-times (`2024-03-01`, `2024-03-01T10:00:00Z`, `…+02:00`, a space for
 *   `T`) are read whatever the order; without a zone they are UTC.
 * - Day, month and a four-digit year separated by `/`, `.` or `-`, with an optional time
 *   (24-hour, or 12-hour with AM/PM), are read in the chosen order, as UTC; without an order
 *   (or with `iso`) they are an error that asks for one.
 * - A four-digit year first with `/` (2026/04/10 04:05:20, as Google Workspace writes it) is read
 *   whatever the order, as UTC.
 * - Dates that do not exist (2/30/2021) are errors.
 */
export function parseImportDate(cell: string, order?: DateOrder): DateReading {
  const text = cell.trim();
  const iso = ISO.exec(text);
  if (iso) return readIso(iso, text);
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    const [, year, month, day, hour, minute, second] = yearFirst;
    const parts = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour ?? 0) };
    return instant(
      { ...parts, minute: Number(minute ?? 0), second: Number(second ?? 0), millisecond: 0, offsetMinutes: 0 },
      text,
    );
  }
  const local = LOCAL.exec(text);
  if (local) {
    if (order === 'mdy' || order === 'dmy') return readLocal(local, text, order);
    if (order === 'iso')
      return { error: `'${text}' is not an ISO 8601 date such as 2021-08-19, and the date order chosen is ISO.` };
    return { error: `'${text}' is ambiguous: choose the date order (month first or day first).` };
  }
  return { error: `'${text}' is not a date; write it as 2021-08-19 or 2021-08-19T13:25:00Z.` };
}
