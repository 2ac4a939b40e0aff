import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { toCsv } from '../../src/domain';
import { mapColumns, readUserRow } from '../../src/domain/import';
import {
  CsvReadError,
  detectDelimiter,
  readCsv,
  type CsvBatch,
  type CsvRecord,
  type ReadCsvOptions,
} from '../../src/import/read-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const blob = (...parts: (string | number[])[]) =>
  new Blob(parts.map((part) => (typeof part === 'string' ? utf8(part) : new Uint8Array(part))));

/** Every batch of a reading, and what they add up to. */
async function readAll(source: string | Blob, options?: ReadCsvOptions) {
  const batches: CsvBatch[] = [];
  for await (const batch of readCsv(source, options)) batches.push(batch);
  const last = batches.at(-1);
  if (!last) throw new Error('no batch');
  const records = batches.flatMap((batch) => batch.records);
  return { batches, last, header: last.header, records, rows: records.map((r) => [r.row, ...r.cells]) };
}

const cellsOf = (records: CsvRecord[]) => records.map((record) => record.cells);

describe('encodings', () => {
  const text = 'username,name\r\nzoe,Zoë Ørsted\r\n';

  it('reads UTF-8 with a byte order mark, which is not part of the first header', async () => {
    const { header, records, last } = await readAll(blob([0xef, 0xbb, 0xbf], text));
    expect(header).toEqual({ row: 1, cells: ['username', 'name'] });
    expect(cellsOf(records)).toEqual([['zoe', 'Zoë Ørsted']]);
    expect(last.encoding).toBe('utf-8');
  });

  it('reads UTF-8 without a byte order mark', async () => {
    const { records, last } = await readAll(blob(text));
    expect(cellsOf(records)).toEqual([['zoe', 'Zoë Ørsted']]);
    expect(last.encoding).toBe('utf-8');
  });

  it('reads UTF-16LE and UTF-16BE with a byte order mark ("Unicode text", tab-separated)', async () => {
    const tabbed = 'username\tname\r\nzoe\tZoë 😀\r\n';
    const le = Buffer.from(tabbed, 'utf16le');
    for (const [bytes, encoding] of [
      [[0xff, 0xfe, ...le], 'utf-16le'],
      [[0xfe, 0xff, ...Buffer.from(le).swap16()], 'utf-16be'],
    ] as const) {
      const { records, last } = await readAll(new Blob([new Uint8Array(bytes)]), { chunkBytes: 7 });
      expect(cellsOf(records)).toEqual([['zoe', 'Zoë 😀']]);
      expect(last).toMatchObject({ encoding, delimiter: '\t' });
    }
  });

  it('reads Windows-1252 accents, even when the first comes late', async () => {
    const file = blob(
      'username;name\r\n',
      'ann;Ann\r\n'.repeat(50),
      'jose;Jos',
      [0xe9],
      ' M',
      [0xfc],
      'ller ',
      [0x80],
      '\r\n',
    );
    const { records, last } = await readAll(file, { chunkBytes: 64 });
    expect(records.at(-1)).toEqual({ row: 52, cells: ['jose', 'José Müller €'] });
    expect(last.encoding).toBe('windows-1252');
  });

  it('stops with an error naming the row when UTF-8 text turns into other bytes', async () => {
    const file = blob('username\r\nzoë\r\n', 'ann\r\n'.repeat(10), [0xe9], '\r\n');
    const error = await readAll(file, { chunkBytes: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvReadError);
    expect(error).toMatchObject({
      code: 'encoding',
      message: expect.stringMatching(/^The file mixes encodings: .* It is in row 1[0-2] or after\.$/),
    });
  });

  it.each([1, 2, 3, 7])('reads multi-byte characters split between chunks of %i bytes', async (chunkBytes) => {
    const { records } = await readAll(blob('username,name\nzoë,"Ørsted, 😀 €"\n'), { chunkBytes });
    expect(cellsOf(records)).toEqual([['zoë', 'Ørsted, 😀 €']]);
  });

  it('reads text given as a string, without a byte order mark, and says it decoded nothing', async () => {
    const { header, records, last } = await readAll('\uFEFFusername\nzoë\n');
    expect(header.cells).toEqual(['username']);
    expect(cellsOf(records)).toEqual([['zoë']]);
    expect(last.encoding).toBeNull();
  });
});

describe('delimiters', () => {
  it.each([
    ['username,name;x', ','],
    ['username;name;email,x', ';'],
    ['username\tname\temail', '\t'],
    ['"a;b;c",name', ','],
    ['"say ""a;b;c""",name', ','],
    ['user"s;name;email,x', ';'],
    ['"a\nb";c', ';'],
    ['username', ','],
    ['a;b,c', ','],
  ] as const)('finds %j separated by %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });

  it('reads a semicolon file, keeping commas in cells', async () => {
    const { header, records, last } = await readAll('username;name\nann;Smith, Ann\n');
    expect(header.cells).toEqual(['username', 'name']);
    expect(cellsOf(records)).toEqual([['ann', 'Smith, Ann']]);
    expect(last.delimiter).toBe(';');
  });

  it('reads a tab-separated file', async () => {
    expect(cellsOf((await readAll('username\tname\nann\tAnn, Smith\n')).records)).toEqual([['ann', 'Ann, Smith']]);
  });
});

describe('records and row numbers', () => {
  it('counts rows as a spreadsheet shows them: a quoted cell over lines is one row', async () => {
    const { rows } = await readAll('username,name\r\nann,"Ann\r\nMarie"\r\nbob,"Bob ""the"" Builder"\r\ncid,Cid\r\n');
    expect(rows).toEqual([
      [2, 'ann', 'Ann\nMarie'],
      [3, 'bob', 'Bob "the" Builder'],
      [4, 'cid', 'Cid'],
    ]);
  });

  it('skips blank lines but keeps their numbers', async () => {
    const { rows } = await readAll('username\n\nann\n   \n,\nbob\n\n');
    expect(rows).toEqual([
      [3, 'ann'],
      [6, 'bob'],
    ]);
  });

  it('takes the first line that is not blank as the header', async () => {
    const { header, rows } = await readAll('\n\nusername\nann\n');
    expect(header).toEqual({ row: 3, cells: ['username'] });
    expect(rows).toEqual([[4, 'ann']]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends, also split between chunks', async (_name, eol) => {
    const text = ['username,name', 'ann,"A', 'B"', 'bob,Bob', ''].join(eol);
    for (const chunkBytes of [1, 2, 7, 1000]) {
      expect((await readAll(blob(text), { chunkBytes })).rows).toEqual([
        [2, 'ann', 'A\nB'],
        [3, 'bob', 'Bob'],
      ]);
    }
  });

  it('reads a file whose line ends are mixed', async () => {
    expect((await readAll('username\r\nann\nbob\rcid')).rows).toEqual([
      [2, 'ann'],
      [3, 'bob'],
      [4, 'cid'],
    ]);
  });

  it('keeps the empty cells of trailing delimiters', async () => {
    const { header, records } = await readAll('username,name,\nann,Ann,\n');
    expect(header.cells).toEqual(['username', 'name', '']);
    expect(cellsOf(records)).toEqual([['ann', 'Ann', '']]);
  });

  it('reads a header only as a file with no rows, in one last batch', async () => {
    const { batches } = await readAll(blob('username,name\r\n'));
    expect(batches).toEqual([
      {
        header: { row: 1, cells: ['username', 'name'] },
        records: [],
        delimiter: ',',
        encoding: 'utf-8',
        bytesRead: 15,
        totalBytes: 15,
        done: true,
      },
    ]);
  });

  it('reads a quoted header cell over lines as one header', async () => {
    const { header, rows } = await readAll('"user\nname";"e,mail"\nann;a@example.com\n', { chunkBytes: 3 });
    expect(header).toEqual({ row: 1, cells: ['user\nname', 'e,mail'] });
    expect(rows).toEqual([[2, 'ann', 'a@example.com']]);
  });

  it('reads a header without a line end', async () => {
    expect((await readAll('username')).header.cells).toEqual(['username']);
  });

  it('keeps duplicate headers as they are (columns decide which is read)', async () => {
    expect((await readAll('username,email,email\n')).header.cells).toEqual(['username', 'email', 'email']);
  });

  it.each(['', '\n\n  \n', '\uFEFF'])('rejects a file with no header (%j)', async (text) => {
    await expect(readAll(blob(text))).rejects.toMatchObject({
      code: 'empty',
      message: 'The file is empty: it has no header row.',
    });
  });

  it('rejects a quote that is never closed, naming its row', async () => {
    await expect(readAll('username,name\nann,Ann\nbob,"Bob\ncid,Cid\n')).rejects.toMatchObject({
      code: 'unclosed-quote',
      row: 3,
      message:
        'row 3: a quoted cell is never closed before the end of the file; write a quote inside a quoted cell as "".',
    });
  });

  it('stops at a record longer than the limit rather than read the file as one cell', async () => {
    const text = `username,name\nann,"${'x'.repeat(500)}`;
    await expect(readAll(text, { chunkBytes: 64, maxRecordChars: 200 })).rejects.toMatchObject({
      code: 'record-too-long',
      row: 2,
    });
  });

  it('reads a row with text after a closing quote with a problem, and goes on', async () => {
    const { records } = await readAll('username,name,x\nann,"Ann"x",Z\nbob,Bob,\n');
    expect(records[0]).toEqual({
      row: 2,
      cells: ['ann', 'Ann"x', 'Z'],
      problem: 'row 2: a quoted cell has text after its closing quote; write a quote inside a quoted cell as "".',
    });
    expect(records[1]).toEqual({ row: 3, cells: ['bob', 'Bob', ''] });
  });

  it('says why a cell with text after its closing quote runs to the end of the file', async () => {
    await expect(readAll('username,name\nann,"Ann"x\nbob,Bob\n')).rejects.toMatchObject({
      code: 'unclosed-quote',
      message:
        'row 2: a quoted cell has text after its closing quote, so it is never closed before the end of the file; ' +
        'write a quote inside a quoted cell as "".',
    });
  });
});

/** CSV text of records as a spreadsheet writes it: quotes where needed, a line end after each record. */
function writeCsv(records: string[][], delimiter: string, eol: string): string {
  const field = (cell: string) => (/[",;\t\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell);
  return records.map((cells) => cells.map(field).join(delimiter)).join(eol) + eol;
}

describe('chunk boundaries', () => {
  it('reads any records alike whatever the chunk size, quoted cells across chunks included', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', '😀', '"', ',', ';', '\t', '\n', '\r\n', ' ', 'x'),
      maxLength: 12,
    });
    const width = 3;
    const records = fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.integer({ min: 1, max: 40 }),
        async (rows, delimiter, eol, chunkBytes) => {
          const text = writeCsv([['username', 'name', 'email'], ...rows], delimiter, eol);
          const { records: read, last } = await readAll(blob(text), { chunkBytes, batchRecords: 3 });
          expect(last.delimiter).toBe(delimiter);
          // Line breaks in cells come back as \n; records of empty cells only are blank and skipped.
          const expected = rows
            .map((cells) => cells.map((c) => c.replace(/\r\n?/g, '\n')))
            .filter((cells) => cells.some((c) => c.trim() !== ''));
          expect(cellsOf(read)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('batches, progress and abort', () => {
  const file = blob(`username\n${Array.from({ length: 10 }, (_, i) => `user${i}`).join('\n')}\n`);

  it('gives records in batches of the size asked, the last one done', async () => {
    const { batches, records } = await readAll(file, { batchRecords: 4, chunkBytes: 8 });
    expect(batches.map((b) => [b.records.length, b.done])).toEqual([
      [4, false],
      [4, false],
      [2, true],
    ]);
    expect(records.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(batches.at(-1)?.bytesRead).toBe(file.size);
  });

  it('reports progress after each chunk up to the whole file', async () => {
    const seen: number[] = [];
    await readAll(file, { chunkBytes: 16, onProgress: (p) => seen.push(p.bytesRead / p.totalBytes) });
    expect(seen.length).toBe(Math.ceil(file.size / 16));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });

  it('throws an AbortError at once when aborted before it starts', async () => {
    await expect(readAll(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('throws an AbortError at the next chunk when aborted while reading', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const reading = readAll(file, {
      chunkBytes: 4,
      batchRecords: 1,
      signal: controller.signal,
      onProgress: () => ++chunks === 2 && controller.abort(),
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(chunks).toBe(2);
  });
});

describe('with the domain', () => {
  it('imports back what Roster exports', async () => {
    const header = [
      'environment',
      'username',
      'name',
      'email',
      'mobilePhone',
      'class',
      'active',
      'lastLogin',
      'createdAt',
      'externalId',
    ];
    const exported = toCsv(header, [
      [
        'Prod',
        'ann',
        'Ann\nMarie',
        'ann@example.com',
        '+44 20 7946 0000',
        'internal',
        'no',
        '2024-03-01T10:00:00.000Z',
        '2020-01-01T00:00:00.000Z',
        '=HYPERLINK()',
      ],
    ]);
    const { header: read, records } = await readAll(blob(exported), { chunkBytes: 7 });
    const { columns, errors } = mapColumns(read.cells);
    expect(errors).toEqual([]);
    const record = records[0];
    expect(record && readUserRow(record.row, record.cells, columns)).toEqual({
      input: {
        username: 'ann',
        name: 'Ann Marie',
        email: 'ann@example.com',
        mobilePhone: '+44 20 7946 0000',
        isActive: false,
        lastLogin: '2024-03-01T10:00:00.000Z',
        externalId: '=HYPERLINK()',
      },
      errors: [],
    });
  });

  it('reads the same records as Papa Parse on the whole text', async () => {
    const text = 'username,name\nann,"A, ""B"""\n"bob","Bob\nB"\n';
    const whole = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
    expect(cellsOf((await readAll(blob(text), { chunkBytes: 3 })).records)).toEqual(whole);
  });
});
