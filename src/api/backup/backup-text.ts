/**
 * Reading a backup file into its document ({ format, version, exportedAt, tables }). A backup of
 * a million users with a long activity log is more text than a JavaScript string may hold (about
 * 512 million characters in Chromium), so the file is not read as one string: Roster writes one
 * record per line (backup.ts), and a file in that layout is parsed line by line as it streams in.
 * A file in any other layout (formatted by hand or by another tool) is read whole, as JSON.
 */

import { SliceClock, yieldToEventLoop } from '../../index';

/** Why a file is refused; the caller words it ("This file cannot be restored: …"). */
export class BackupTextError extends Error {}

const NOT_JSON = 'it is not complete JSON (it may be cut short, or not a backup at all).';

/** The first line of a backup in Roster's layout: the head's fields, then the tables' opening. */
const TABLES_OPENING = ',"tables":{';

/** The lines of a text stream, without their line ends; a long line is joined once, not grown chunk by chunk. */
async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pieces: string[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      pieces.push(chunk.slice(start, end));
      yield pieces.join('');
      pieces = [];
      start = end + 1;
    }
    if (start < chunk.length) pieces.push(chunk.slice(start));
  }
  if (pieces.length) yield pieces.join('');
}

async function* textChunks(stream: ReadableStream<BufferSource>): AsyncGenerator<string> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupTextError(NOT_JSON);
  }
}

/** The document of a backup in Roster's layout, from its lines after the first. */
async function streamedDocument(head: string, lines: AsyncIterator<string>): Promise<unknown> {
  const document = parsed(`${head.slice(0, -TABLES_OPENING.length)}}`) as Record<string, unknown>;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new BackupTextError(NOT_JSON);
  const tables: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  let records: unknown[] | undefined;
  // Lines at hand come without a pause between them: the clock makes one every few milliseconds.
  const clock = new SliceClock(yieldToEventLoop);
  for (;;) {
    if (clock.due()) await clock.pause();
    const { done, value } = await lines.next();
    if (done) throw new BackupTextError(NOT_JSON);
    const line = value.endsWith('\r') ? value.slice(0, -1) : value;
    if (records === undefined) {
      if (line === '}}') break;
      const opening = /^("(?:[^"\\]|\\.)*"):\[$/.exec(line);
      if (!opening) throw new BackupTextError(NOT_JSON);
      const name = parsed(opening[1]!) as string;
      if (Object.hasOwn(tables, name)) throw new BackupTextError(`it lists the table ${name} twice.`);
      tables[name] = records = [];
    } else if (line === ']' || line === '],') {
      records = undefined;
    } else {
      records.push(parsed(line.endsWith(',') ? line.slice(0, -1) : line));
    }
  }
  for (;;) {
    const { done, value } = await lines.next();
    if (done) break;
    if (value.trim()) throw new BackupTextError(NOT_JSON);
  }
  return { ...document, tables };
}

/** The backup's document, from its (already decompressed) bytes. */
export async function backupDocument(stream: ReadableStream<BufferSource>): Promise<unknown> {
  const lines = linesOf(textChunks(stream));
  const first = await lines.next();
  if (first.done) throw new BackupTextError(NOT_JSON);
  const head = first.value.endsWith('\r') ? first.value.slice(0, -1) : first.value;
  if (head.startsWith('{') && head.endsWith(TABLES_OPENING)) return streamedDocument(head, lines);
  // Another layout: read whole. Such a file was not written by Roster, and is small enough to be one string.
  const pieces = [first.value];
  for await (const line of lines) pieces.push(line);
  return parsed(pieces.join('\n'));
}

/** Characters of a text field escaped per task: a bulk entry's ids can be tens of megabytes. */
const TEXT_SLICE = 1 << 20;

/**
 * A record as one line of JSON, as `JSON.stringify` writes it, with each long text field (the
 * ids and usernames of a bulk change's users, kept as JSON text) escaped a slice at a time
 * between pauses, so that no task of a backup escapes more than about a megabyte. The line is
 * the same text JSON.stringify writes.
 */
export async function recordLine(record: unknown): Promise<string> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return JSON.stringify(record);
  const entries = Object.entries(record);
  if (!entries.some(([, value]) => typeof value === 'string' && value.length > TEXT_SLICE))
    return JSON.stringify(record);
  const fields: string[] = [];
  for (const [key, value] of entries) {
    if (typeof value === 'string' && value.length > TEXT_SLICE) {
      const pieces: string[] = [];
      for (let start = 0, end = 0; start < value.length; start = end) {
        end = Math.min(start + TEXT_SLICE, value.length);
        // Never between the halves of a surrogate pair: each slice escapes as the whole text does.
        if (isHighSurrogate(value.charCodeAt(end - 1)) && end < value.length) end++;
        pieces.push(JSON.stringify(value.slice(start, end)).slice(1, -1));
        await yieldToEventLoop();
      }
      fields.push(`${JSON.stringify(key)}:"${pieces.join('')}"`);
    } else {
      const text = JSON.stringify(value);
      // JSON.stringify leaves out a field whose value it cannot write (undefined, a function).
      if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
    }
  }
  return `{${fields.join(',')}}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
