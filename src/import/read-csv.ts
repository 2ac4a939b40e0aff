/**
 * Reads an imported CSV file as records, a chunk at a time, for a Web Worker in the browser and
 * the calling thread in Node. A Blob is never held as one string: each chunk of bytes is
 * decoded (decode.ts), its line breaks made `\n`, and handed to Papa Parse's Parser together
 * with the incomplete record the previous chunk ended with; Papa returns the complete records
 * and where the incomplete one starts, which waits for the next chunk. So a quoted cell may span
 * any number of chunks, at the cost of reading that one record again with each chunk.
 *
 * Row numbers are the ones a spreadsheet shows: every record counts, blank ones too (which are
 * skipped), and a quoted cell spanning lines is one row. The header is the first record that is
 * not blank, row 1 in a file that starts with it.
 */
import Papa, { type ParseResult } from 'papaparse';
import { CsvEncodingError, CsvTextDecoder, type CsvEncoding } from './decode';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The spreadsheet's row number: the header is row 1 when the file starts with it. */
  row: number;
  cells: string[];
  /** A fault of the record's quoting, as a sentence naming the row; the cells are Papa Parse's lenient reading. */
  problem?: string;
}

export interface CsvBatch {
  header: CsvRecord;
  /** Up to `batchRecords` records after the header, in file order; blank ones are left out. */
  records: CsvRecord[];
  delimiter: CsvDelimiter;
  /**
   * How the bytes were read, as far as known so far (final in the batch that is `done`); null for
   * text given as a string.
   */
  encoding: CsvEncoding | null;
  /** Bytes (characters for a string) read so far and in all. */
  bytesRead: number;
  totalBytes: number;
  /** The last batch; it comes even when it has no records, as for a file with a header only. */
  done: boolean;
}

export interface CsvProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface ReadCsvOptions {
  /**
   * Bytes read and parsed at a time (characters for a string); 256 KiB by default, which read
   * 100k rows faster in Node than 64 KiB or 1 MiB (bench/csv-parse.mjs) and keeps each step short.
   */
  chunkBytes?: number;
  /** Records per batch; 5,000 by default. */
  batchRecords?: number;
  /**
   * A record longer than this is an error: a quote left open would otherwise swallow the file.
   * 1,000,000 by default.
   */
  maxRecordChars?: number;
  /** Stops the reading: the generator throws the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  onProgress?: (progress: CsvProgress) => void;
}

export type CsvReadErrorCode = 'empty' | 'encoding' | 'unclosed-quote' | 'record-too-long';

/** The file cannot be read on; the message is a sentence for the person importing. */
export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';
  readonly code: CsvReadErrorCode;
  readonly row: number | undefined;
  constructor(code: CsvReadErrorCode, message: string, row?: number) {
    super(message);
    this.code = code;
    this.row = row;
  }
}

interface TextPiece {
  text: string;
  bytesRead: number;
  final: boolean;
}

async function* blobText(
  blob: Blob,
  chunkBytes: number,
  signal: AbortSignal | undefined,
  decoder: CsvTextDecoder,
): AsyncGenerator<TextPiece> {
  for (let start = 0; ; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, blob.size);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    signal?.throwIfAborted();
    const final = end >= blob.size;
    yield { text: decoder.decode(bytes, final), bytesRead: end, final };
    if (final) return;
  }
}

function* stringText(text: string, chunkChars: number): Generator<TextPiece> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let start = 0; ; start += chunkChars) {
    const end = Math.min(start + chunkChars, body.length);
    yield { text: body.slice(start, end), bytesRead: end + text.length - body.length, final: end >= body.length };
    if (end >= body.length) return;
  }
}

const CELL_ENDS = new Set([',', ';', '\t', '\n']);

/**
 * The positions of the characters outside quoted cells, quoting as Papa Parse reads it: a quote
 * opens a cell only at the cell's start, and `""` inside one is a quote. The delimiter is not
 * known yet, so each of the candidates ends a cell.
 */
function* unquoted(text: string): Generator<number> {
  let quoted = false;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else {
      atCellStart = CELL_ENDS.has(c);
      yield i;
    }
  }
}

/**
 * The line of the first record that is not blank, or null when the text so far ends before it
 * does (and more is to come). A header cell may be quoted and hold a line break.
 */
export function firstLine(text: string, final: boolean): string | null {
  let start = 0;
  for (const i of unquoted(text)) {
    if (text[i] !== '\n') continue;
    if (text.slice(start, i).trim() !== '') return text.slice(start, i);
    start = i + 1;
  }
  return final ? text.slice(start) : null;
}

/**
 * The delimiter a header line uses: the most frequent of `,` `;` and tab outside quotes; comma on
 * a tie or when none is there.
 */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const i of unquoted(line)) {
    const c = line[i];
    if (c === ',' || c === ';' || c === '\t') counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  return counts['\t'] > counts[','] && counts['\t'] > counts[';'] ? '\t' : ',';
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * The records of a CSV file or text, in batches (see CsvBatch), the header in each. Throws
 * CsvReadError when the file cannot be read on (no header, bytes not in its encoding, a quote
 * never closed) and the signal's reason when aborted; a record with faulty quotes comes with a
 * `problem` instead, so that one bad row does not stop the others.
 */
export async function* readCsv(
  source: string | Blob,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvBatch, void, undefined> {
  const { chunkBytes = 1 << 18, batchRecords = 5000, maxRecordChars = 1_000_000, signal, onProgress } = options;
  if (!(chunkBytes >= 1) || !(batchRecords >= 1))
    throw new RangeError('chunkBytes and batchRecords must be at least 1.');
  signal?.throwIfAborted();
  const decoder = new CsvTextDecoder();
  const isText = typeof source === 'string';
  const totalBytes = isText ? source.length : source.size;
  const pieces = isText ? stringText(source, chunkBytes) : blobText(source, chunkBytes, signal, decoder);

  let pending = '';
  let heldCr = false;
  let row = 0;
  let parser: InstanceType<typeof Papa.Parser> | null = null;
  let delimiter: CsvDelimiter = ',';
  let header: CsvRecord | null = null;
  let records: CsvRecord[] = [];
  let bytesRead = 0;
  const batch = (slice: CsvRecord[], done: boolean): CsvBatch => ({
    header: header ?? { row: 0, cells: [] },
    records: slice,
    delimiter,
    encoding: isText ? null : decoder.encoding,
    bytesRead,
    totalBytes,
    done,
  });

  try {
    for await (const piece of pieces) {
      signal?.throwIfAborted();
      bytesRead = piece.bytesRead;
      // Line breaks become \n, so that CRLF, LF, CR and a mix of them read alike. A CR at the end
      // of a piece waits: it may be the first half of a CRLF.
      let text: string = heldCr ? `\r${piece.text}` : piece.text;
      heldCr = !piece.final && text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      pending += text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;

      if (!parser) {
        const line = firstLine(pending, piece.final);
        if (line === null) {
          onProgress?.({ bytesRead, totalBytes });
          if (pending.length > maxRecordChars)
            throw new CsvReadError(
              'record-too-long',
              `The header row is longer than ${maxRecordChars.toLocaleString('en')} characters; check the quotes.`,
              1,
            );
          continue;
        }
        delimiter = detectDelimiter(line);
        parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
      }

      const result: ParseResult<string[]> = parser.parse(pending, 0, !piece.final);
      pending = piece.final ? '' : pending.slice(result.meta.cursor);
      const problems = new Map<number, string>();
      for (const error of result.errors) {
        const at = row + (error.row ?? 0) + 1;
        if (error.code === 'MissingQuotes') {
          // Papa reads a quote followed by text as part of the cell and looks for a later one to close it.
          const what = problems.has(error.row ?? 0)
            ? 'a quoted cell has text after its closing quote, so it'
            : 'a quoted cell';
          throw new CsvReadError(
            'unclosed-quote',
            `row ${at}: ${what} is never closed before the end of the file; write a quote inside a quoted cell as "".`,
            at,
          );
        }
        problems.set(
          error.row ?? 0,
          `row ${at}: a quoted cell has text after its closing quote; write a quote inside a quoted cell as "".`,
        );
      }
      result.data.forEach((cells, index) => {
        row++;
        if (isBlank(cells)) return;
        const record: CsvRecord = { row, cells };
        const problem = problems.get(index);
        if (problem) record.problem = problem;
        if (header) records.push(record);
        else header = record;
      });
      if (pending.length > maxRecordChars) {
        throw new CsvReadError(
          'record-too-long',
          `row ${row + 1} is longer than ${maxRecordChars.toLocaleString('en')} characters: ` +
            'a quoted cell is probably never closed; check the quotes.',
          row + 1,
        );
      }
      onProgress?.({ bytesRead, totalBytes });
      while (records.length >= batchRecords && !piece.final) {
        const slice = records.slice(0, batchRecords);
        records = records.slice(batchRecords);
        signal?.throwIfAborted();
        yield batch(slice, false);
      }
      if (piece.final) {
        if (!header) throw new CsvReadError('empty', 'The file is empty: it has no header row.');
        for (let start = 0; start < records.length || start === 0; start += batchRecords) {
          signal?.throwIfAborted();
          const done = start + batchRecords >= records.length;
          yield batch(records.slice(start, start + batchRecords), done);
        }
        return;
      }
    }
  } catch (error) {
    // The bad byte is in the chunk that failed, so in the first row not yet read whole or later.
    if (error instanceof CsvEncodingError)
      throw new CsvReadError('encoding', `${error.message} It is in row ${row + 1} or after.`, row + 1);
    throw error;
  }
}
