/**
 * CSV writing for exports: RFC 4180 fields and CRLF line ends, a UTF-8 byte order mark so
 * that spreadsheets read the text as UTF-8, and text that a spreadsheet would run as a
 * formula neutralised.
 */

export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\uFEFF';

/** The first characters that make a spreadsheet read a cell as a formula (or smuggle one in). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text as a spreadsheet may safely read it: text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'`, which spreadsheets take as "this is text". The text
 * changes (a phone number `+44…` is written `'+44…`), so an importer that wants the original
 * back removes one `'` before those characters.
 */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field. Numbers are written as numbers and not neutralised: `-5` is a number to a
 * spreadsheet, not a formula, and nothing but digits, a sign, a point and an exponent can
 * come out of one (String(-0) is `0`). A number that is not finite, null and undefined are empty fields.
 */
function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseCsvText(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function record(cells: readonly CsvCell[], width: number): string {
  const fields: string[] = [];
  for (let i = 0; i < width; i++) fields.push(field(cells[i]));
  // A record of one empty field would be a blank line, which readers skip: quote it.
  return fields.length === 1 && fields[0] === '' ? '""' : fields.join(',');
}

/**
 * CSV records, each ended by CRLF, for a document written a piece at a time (a Blob of
 * parts): the rows of one piece. A row shorter than `width` is padded with empty fields; a
 * longer one is a mistake of the caller and throws a RangeError rather than write values under
 * no column. `first` is the number of the first row, for that message.
 */
export function csvRecords(rows: Iterable<readonly CsvCell[]>, width: number, first = 1): string {
  const lines: string[] = [];
  let index = first - 1;
  for (const row of rows) {
    index++;
    if (row.length > width)
      throw new RangeError(`Row ${index} has ${row.length} cells; the header has ${width} columns.`);
    lines.push(record(row, width));
  }
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

/** A CSV document: the BOM, the header, then one record per row, every record (the last too) ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return `${CSV_BOM}${csvRecords([header], header.length, 0)}${csvRecords(rows, header.length)}`;
}
