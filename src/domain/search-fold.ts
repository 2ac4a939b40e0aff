/**
 * Text as search compares it: case and accents do not matter, as people type names without
 * them ("nandu" finds "Ñandú", "muller" finds "Müller", "lodz" finds "Łódź").
 */

// Any ASCII text, control characters included, needs no folding but lower case.
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}/gu;
/** Letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/**
 * Lower-cases text and removes its accents, for a substring search that ignores both. ASCII
 * text (most of it) only lower-cases, which keeps a million rows fast to fold.
 */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL, (letter) => LETTERS[letter] ?? letter);
}
