import { describe, expect, it } from 'vitest';
import { CsvEncodingError, CsvTextDecoder, sniffEncoding, startsWithValidUtf8 } from '../../src/import/decode';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

/** Decodes in chunks of `size` bytes, then flushes. */
function decodeInChunks(data: Uint8Array, size: number): { text: string; encoding: string } {
  const decoder = new CsvTextDecoder();
  let text = '';
  for (let start = 0; start < data.length; start += size) text += decoder.decode(data.subarray(start, start + size));
  text += decoder.decode(new Uint8Array(0), true);
  return { text, encoding: decoder.encoding };
}

describe('sniffEncoding', () => {
  it('knows the byte order marks of UTF-8 and UTF-16', () => {
    expect(sniffEncoding(bytes([0xef, 0xbb, 0xbf], 'a'))).toEqual({ encoding: 'utf-8', bomBytes: 3, certain: true });
    expect(sniffEncoding(bytes([0xff, 0xfe, 0x61]))).toEqual({ encoding: 'utf-16le', bomBytes: 2, certain: true });
    expect(sniffEncoding(bytes([0xfe, 0xff, 0x00]))).toEqual({ encoding: 'utf-16be', bomBytes: 2, certain: true });
  });
  it('takes text without a mark as UTF-8 for now', () => {
    expect(sniffEncoding(bytes('abc'))).toEqual({ encoding: 'utf-8', bomBytes: 0, certain: false });
  });
});

describe('startsWithValidUtf8', () => {
  it.each([
    [bytes('abc'), true],
    [bytes('ab', 'é'), true],
    [bytes('ab', [0xe9], 'x'), false],
    [bytes('a', [0xc3]), false],
    [bytes([0xc0, 0xaf]), false],
    [bytes([0xed, 0xa0, 0x80]), false],
  ])('judges the first character above ASCII of %j', (data, valid) => {
    expect(startsWithValidUtf8(data)).toBe(valid);
  });
});

describe('CsvTextDecoder', () => {
  const text = 'username,name\nzoe,Zoë Ørsted 😀 €5\n';

  it.each([1, 2, 3, 5, 7, 64])('reads UTF-8 split into chunks of %i bytes', (size) => {
    expect(decodeInChunks(bytes(text), size)).toEqual({ text, encoding: 'utf-8' });
  });

  it.each([1, 2, 7])('drops the UTF-8 byte order mark, even split (chunks of %i)', (size) => {
    expect(decodeInChunks(bytes([0xef, 0xbb, 0xbf], text), size)).toEqual({ text, encoding: 'utf-8' });
  });

  it.each([1, 3, 7])('reads UTF-16LE and UTF-16BE with a byte order mark (chunks of %i)', (size) => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeInChunks(le, size)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeInChunks(be, size)).toEqual({ text, encoding: 'utf-16be' });
  });

  it.each([1, 2, 7, 1000])('reads bytes that are not UTF-8 as Windows-1252 (chunks of %i)', (size) => {
    // "José;Müller;€" in Windows-1252: é 0xE9, ü 0xFC, € 0x80.
    const data = bytes('name\n'.repeat(20), 'Jos', [0xe9], ';M', [0xfc], 'ller;', [0x80], '\n');
    expect(decodeInChunks(data, size)).toEqual({
      text: `${'name\n'.repeat(20)}José;Müller;€\n`,
      encoding: 'windows-1252',
    });
  });

  describe('reads the bytes 0x80 to 0x9F as Windows-1252 has them, not as Latin-1', () => {
    const data = bytes(
      'x',
      Array.from({ length: 32 }, (_, i) => 0x80 + i),
    );
    const text = 'x€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    it.each([1, 2, 1000])('in chunks of %i', (size) => {
      expect(decodeInChunks(data, size).text).toBe(text);
    });
    it('in one last chunk', () => {
      // Node 20's TextDecoder reads a whole buffer (not a stream) as Latin-1.
      expect(new CsvTextDecoder().decode(data, true)).toBe(text);
    });
  });

  it('reads Windows-1252 when the last byte is the first above ASCII', () => {
    expect(decodeInChunks(bytes('caf', [0xe9]), 2)).toEqual({ text: 'café', encoding: 'windows-1252' });
  });

  it('refuses UTF-8 text followed by bytes that are not UTF-8', () => {
    const data = bytes('Zoë\n', 'x'.repeat(50), [0xe9], '\n');
    expect(() => decodeInChunks(data, 16)).toThrow(CsvEncodingError);
    expect(() => decodeInChunks(data, 16)).toThrow(/mixes encodings: .* near byte 48/);
  });

  it('refuses, rather than guess, Windows-1252 whose first accents happen to spell a UTF-8 character', () => {
    // "é€“”" is E9 80 93 94: E9 80 93 is UTF-8 for U+9013, then 94 is not UTF-8. Rare in names (it
    // takes three high bytes in a row); documented as a limit of telling the two apart.
    expect(() => decodeInChunks(bytes('n\n', [0xe9, 0x80, 0x93, 0x94], '\n'), 2)).toThrow(/mixes encodings/);
  });

  it('refuses bytes that are not UTF-8 in a file marked as UTF-8', () => {
    expect(() => decodeInChunks(bytes([0xef, 0xbb, 0xbf], 'abc', [0xe9]), 4)).toThrow(/not valid UTF-8/);
  });

  it('refuses UTF-16 with a lone surrogate', () => {
    expect(() => decodeInChunks(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x61, 0x00]), 8)).toThrow(
      /not valid UTF-16/,
    );
  });
});
