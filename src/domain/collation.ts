/** The order in which people read names and usernames, as a key compared by plain string order. */

const ASCII = /^[\x20-\x7e]*$/;
const DIGIT_RUNS = /\d+/g;

/** A run of digits as its length (one char) then its digits, without leading zeros: 9 < 10 < 100. */
function numberKey(digits: string): string {
  const value = digits.replace(/^0+(?=\d)/, '');
  return String.fromCharCode(0x30 + Math.min(value.length, 0x4e)) + value;
}

/**
 * A key that sorts, by plain comparison, the way a person reads names: case and accents
 * ignored, numbers by value (user9 before user10). Comparing keys is far cheaper than a
 * collator over a million names. Give it the lower-cased text.
 */
export function collationKey(lowerCased: string): string {
  if (ASCII.test(lowerCased)) return /\d/.test(lowerCased) ? lowerCased.replace(DIGIT_RUNS, numberKey) : lowerCased;
  return lowerCased.normalize('NFD').replace(/\p{M}/gu, '').replace(DIGIT_RUNS, numberKey);
}

/** Compares two lower-cased usernames in reading order, then by code units so the order is total. */
export function compareUsernameKeys(a: string, b: string): number {
  const x = collationKey(a);
  const y = collationKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts items by username in reading order, computing each key once (not once per comparison). */
export function sortByUsername<T>(items: readonly T[], usernameOf: (item: T) => string): T[] {
  const keyed = items.map((item) => {
    const lower = usernameOf(item).toLowerCase();
    return { item, key: collationKey(lower), lower };
  });
  keyed.sort((a, b) =>
    a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0,
  );
  return keyed.map((entry) => entry.item);
}
