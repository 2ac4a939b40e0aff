import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSV_BOM, neutraliseCsvText, toCsv, type CsvCell } from '../../src/domain';

/**
 * A strict RFC 4180 reader for the tests: CRLF records, every record ended by CRLF, quoted
 * fields with doubled quotes. It throws on anything else, so a malformed document fails.
 */
function parseCsv(text: string): string[][] {
  if (!text.startsWith(CSV_BOM)) throw new Error('no byte order mark');
  const records: string[][] = [];
  let fields: string[] = [];
  let i = CSV_BOM.length;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        value += text[i++];
      }
    }
    fields.push(value);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (fields.length) throw new Error('last record not ended by CRLF');
  return records;
}

describe('toCsv', () => {
  it('starts with a byte order mark and ends every record with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['username', 'email'], [])).toBe('\uFEFFusername,email\r\n');
  });

  it.each([
    { cell: 'plain', field: 'plain' },
    { cell: 'a,b', field: '"a,b"' },
    { cell: 'say "hi"', field: '"say ""hi"""' },
    { cell: 'two\nlines', field: '"two\nlines"' },
    { cell: 'two\r\nlines', field: '"two\r\nlines"' },
    { cell: 'semi;colon', field: 'semi;colon' },
    { cell: ' padded ', field: ' padded ' },
    { cell: 'Zoë Ñandú 例え', field: 'Zoë Ñandú 例え' },
    { cell: '', field: '' },
    { cell: null, field: '' },
    { cell: undefined, field: '' },
  ])('writes $cell as $field', ({ cell, field }) => {
    expect(toCsv(['x', 'y'], [[cell, 'end']])).toBe(`\uFEFFx,y\r\n${field},end\r\n`);
  });

  it.each([
    { cell: '=1+2', field: "'=1+2" },
    { cell: '+44 20 7946 0958', field: "'+44 20 7946 0958" },
    { cell: '-2+3', field: "'-2+3" },
    { cell: '@SUM(A1:A2)', field: "'@SUM(A1:A2)" },
    { cell: '\t=1', field: "'\t=1" },
    { cell: '\r=1', field: `"'\r=1"` },
    { cell: '=HYPERLINK("http://x","y")', field: `"'=HYPERLINK(""http://x"",""y"")"` },
    { cell: '=1,2', field: `"'=1,2"` },
    { cell: 'a=1', field: 'a=1' },
    { cell: ' =1', field: ' =1' },
    { cell: "'=1", field: "'=1" },
  ])('neutralises text $cell as $field', ({ cell, field }) => {
    expect(toCsv(['x', 'y'], [[cell, 'end']])).toBe(`\uFEFFx,y\r\n${field},end\r\n`);
  });

  it('neutralises the header like any other text', () => {
    expect(toCsv(['=cmd', 'ok'], [])).toBe("\uFEFF'=cmd,ok\r\n");
  });

  it.each([
    { cell: 42, field: '42' },
    { cell: -5, field: '-5' },
    { cell: -0, field: '0' },
    { cell: 0.25, field: '0.25' },
    { cell: -1.5e-7, field: '-1.5e-7' },
    { cell: Number.NaN, field: '' },
    { cell: Number.POSITIVE_INFINITY, field: '' },
    { cell: Number.NEGATIVE_INFINITY, field: '' },
  ])('writes the number $cell as $field, not neutralised', ({ cell, field }) => {
    expect(toCsv(['x', 'y'], [[cell, 'end']])).toBe(`\uFEFFx,y\r\n${field},end\r\n`);
  });

  it('pads a short row with empty fields', () => {
    expect(toCsv(['a', 'b', 'c'], [['1']])).toBe('\uFEFFa,b,c\r\n1,,\r\n');
  });

  it('refuses a row longer than the header, naming it', () => {
    expect(() => toCsv(['a'], [['1'], ['2', '3']])).toThrow(/Row 2 has 2 cells; the header has 1 columns/);
  });

  it('quotes a record of one empty field, so that it is not read as a blank line', () => {
    expect(toCsv(['name'], [[''], [null], ['x']])).toBe('\uFEFFname\r\n""\r\n""\r\nx\r\n');
  });

  it('takes rows from any iterable', () => {
    function* rows(): Generator<CsvCell[]> {
      yield ['1', 2];
    }
    expect(toCsv(['a', 'b'], rows())).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  const text = fc.oneof(
    fc.string({
      unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", ';', 'é', '😀'),
    }),
    fc.string(),
  );
  const cell: fc.Arbitrary<CsvCell> = fc.oneof(
    { arbitrary: text, weight: 5 },
    { arbitrary: fc.double(), weight: 2 },
    { arbitrary: fc.integer(), weight: 2 },
    { arbitrary: fc.constantFrom(null, undefined), weight: 1 },
  );
  const expected = (c: CsvCell): string =>
    c === null || c === undefined
      ? ''
      : typeof c === 'number'
        ? Number.isFinite(c)
          ? String(c === 0 ? 0 : c)
          : ''
        : neutraliseCsvText(c);

  it('reads back, by an RFC 4180 reader, every cell as written (text neutralised, numbers as numbers)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(
              fc.array(text, { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { maxLength: width }), { maxLength: 6 }),
              fc.constant(width),
            ),
          ),
        ([header, rows, width]) => {
          const parsed = parseCsv(toCsv(header, rows));
          expect(parsed).toEqual(
            [header, ...rows].map((row) => Array.from({ length: width }, (_, i) => expected(row[i]))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets a read-back text field start a formula, and reads back numbers as the same numbers', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (row) => {
        const [, fields] = parseCsv(
          toCsv(
            row.map(() => 'h'),
            [row],
          ),
        );
        row.forEach((c, i) => {
          const field = fields?.[i] ?? '';
          if (typeof c === 'string') expect(field).not.toMatch(/^[=+\-@\t\r]/);
          if (typeof c === 'number' && Number.isFinite(c)) expect(Number(field)).toBe(c === 0 ? 0 : c);
        });
      }),
      { numRuns: 500 },
    );
  });
});
