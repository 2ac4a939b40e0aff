/**
 * Bytes of an imported file to text, a chunk at a time. The encodings are the ones spreadsheets
 * write: UTF-8 with or without a byte order mark ("CSV UTF-8"), UTF-16 with one ("Unicode
 * text"), and Windows-1252 ("CSV" on a Western Windows), which says nothing about itself and is
 * told from UTF-8 by bytes that UTF-8 cannot have.
 *
 * Without a byte order mark the text is read as UTF-8 until a character outside ASCII settles
 * it: a valid UTF-8 character commits to UTF-8, an invalid byte switches to Windows-1252 (which
 * reads ASCII alike, so the text already given out stays right). Text that is UTF-8 first and
 * not UTF-8 later is an error rather than a guess, since either reading would garble some of it.
 * The limit: Windows-1252 text whose first accents happen to spell a UTF-8 character (three
 * high bytes in a row such as "é€“") is taken for that mix; names rarely do it.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The bytes cannot be read in the file's encoding; `byteOffset` is where the chunk that failed starts. */
export class CsvEncodingError extends Error {
  override readonly name = 'CsvEncodingError';
  readonly byteOffset: number;
  constructor(message: string, byteOffset: number) {
    super(message);
    this.byteOffset = byteOffset;
  }
}

export interface EncodingSniff {
  encoding: CsvEncoding;
  /** Length of the byte order mark, which is not text. */
  bomBytes: number;
  /** False when no mark says it: UTF-8 for now, Windows-1252 if an invalid byte turns up. */
  certain: boolean;
}

/** The encoding a file's first bytes (at least 3 unless the file is shorter) declare. */
export function sniffEncoding(head: Uint8Array): EncodingSniff {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bomBytes: 3, certain: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, certain: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, certain: true };
  return { encoding: 'utf-8', bomBytes: 0, certain: false };
}

/** The length of the UTF-8 sequence a lead byte starts, 0 for a byte no sequence starts with. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether the first byte above ASCII in `bytes` starts a whole, valid UTF-8 character. */
export function startsWithValidUtf8(bytes: Uint8Array): boolean {
  const at = bytes.findIndex((byte) => byte >= 0x80);
  if (at < 0) return true;
  const length = sequenceLength(bytes[at] ?? 0);
  if (length === 0 || at + length > bytes.length) return false;
  try {
    // The fatal decoder knows the fine print (overlong forms, surrogates, above U+10FFFF).
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length));
    return true;
  } catch {
    return false;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The bytes above ASCII at the end of a chunk (at most 3): what a streaming UTF-8 decoder may be holding. */
function heldTail(bytes: Uint8Array): Uint8Array {
  let start = bytes.length;
  while (start > 0 && bytes.length - start < 3 && (bytes[start - 1] ?? 0) >= 0x80) start--;
  return bytes.slice(start);
}

const NON_ASCII = /[\u0080-\uffff]/;

function describe(encoding: CsvEncoding): string {
  return encoding === 'utf-8'
    ? 'UTF-8'
    : encoding === 'utf-16le'
      ? 'UTF-16 (little-endian)'
      : encoding === 'utf-16be'
        ? 'UTF-16 (big-endian)'
        : 'Windows-1252';
}

/** Windows-1252 for the bytes 0x80–0x9F (the five it leaves undefined stay as their C1 code points, as WHATWG says). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

/**
 * Node 20's TextDecoder('windows-1252') reads a whole buffer as Latin-1 (0x80 as U+0080, not €;
 * its streaming path is right). Browsers are right. Mapping the C1 range afterwards fixes the
 * one and leaves the other alone, since a correct decoder yields only the five undefined ones.
 */
function fixWindows1252(text: string): string {
  return C1.test(text) ? text.replace(C1_ALL, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c) : text;
}

function mixed(offset: number): CsvEncodingError {
  return new CsvEncodingError(
    'The file mixes encodings: it has UTF-8 text, ' +
      `then bytes that are not UTF-8 near byte ${offset.toLocaleString('en')}; save it again as CSV UTF-8.`,
    offset,
  );
}

/**
 * A streaming decoder: `decode(chunk)` for each chunk in order, then `decode(last, true)` (or
 * `decode(new Uint8Array(), true)`) to flush. A character split between chunks comes out whole
 * with the later chunk. The byte order mark is dropped.
 */
export class CsvTextDecoder {
  #encoding: CsvEncoding = 'utf-8';
  #certain = false;
  /** Whether a byte order mark named the encoding. */
  #marked = false;
  #decoder: TextDecoder | null = null;
  /** Bytes held before the encoding is sniffed (fewer than 3 so far). */
  #head: Uint8Array = new Uint8Array(0);
  /** Bytes given before the current chunk, for messages. */
  #offset = 0;
  /** While uncertain: the end of the previous chunk, which the UTF-8 decoder may still hold. */
  #tail: Uint8Array = new Uint8Array(0);

  /** The encoding as far as known; final once `decode(…, true)` has returned. */
  get encoding(): CsvEncoding {
    return this.#encoding;
  }

  decode(chunk: Uint8Array, final = false): string {
    let bytes = chunk;
    if (!this.#decoder) {
      bytes = concat(this.#head, chunk);
      if (bytes.length < 3 && !final) {
        this.#head = bytes;
        return '';
      }
      this.#head = new Uint8Array(0);
      const sniff = sniffEncoding(bytes);
      this.#encoding = sniff.encoding;
      this.#certain = sniff.certain;
      this.#marked = sniff.certain;
      this.#decoder = new TextDecoder(sniff.encoding, { fatal: true, ignoreBOM: true });
      this.#offset += sniff.bomBytes;
      bytes = bytes.subarray(sniff.bomBytes);
    }
    const offset = this.#offset;
    this.#offset += bytes.length;
    try {
      const text = this.#decoder.decode(bytes, { stream: !final });
      if (this.#encoding === 'windows-1252') return fixWindows1252(text);
      if (!this.#certain) {
        // A character beyond ASCII that decoded settles it: this is UTF-8.
        if (NON_ASCII.test(text)) this.#certain = true;
        // A tiny chunk may hold only part of what the decoder keeps back: look at the previous tail too.
        else this.#tail = heldTail(bytes.length >= 3 ? bytes : concat(this.#tail, bytes));
      }
      return text;
    } catch {
      if (!this.#certain) return this.#switchToWindows1252(concat(this.#tail, bytes), offset, final);
      if (this.#marked) {
        throw new CsvEncodingError(
          `The file is not valid ${describe(this.#encoding)} near byte ${offset.toLocaleString('en')}; ` +
            'save it again as CSV UTF-8.',
          offset,
        );
      }
      throw mixed(offset);
    }
  }

  /** All text before `bytes` was ASCII, which Windows-1252 reads alike: read on as Windows-1252. */
  #switchToWindows1252(bytes: Uint8Array, offset: number, final: boolean): string {
    if (startsWithValidUtf8(bytes)) throw mixed(offset);
    this.#encoding = 'windows-1252';
    this.#certain = true;
    this.#decoder = new TextDecoder('windows-1252');
    return fixWindows1252(this.#decoder.decode(bytes, { stream: !final }));
  }
}
