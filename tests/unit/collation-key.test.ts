/** collationKey: strings that sort, by plain comparison, the way a person reads names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collationKey, compareUsernameKeys, sortByUsername } from '../../src/domain';

/** Sorts lower-cased strings by their collation keys. */
const byKey = (values: readonly string[]) =>
  [...values].sort((a, b) => (collationKey(a) < collationKey(b) ? -1 : collationKey(a) > collationKey(b) ? 1 : 0));

/** collationKey as it was first written, with regular expressions: the reference for the faster loop. */
function referenceKey(lowerCased: string): string {
  const numberKey = (digits: string) => {
    const value = digits.replace(/^0+(?=\d)/, '');
    return String.fromCharCode(0x30 + Math.min(value.length, 0x4e)) + value;
  };
  if (/^[\x20-\x7e]*$/.test(lowerCased)) return lowerCased.replace(/\d+/g, numberKey);
  return lowerCased.normalize('NFD').replace(/\p{M}/gu, '').replace(/\d+/g, numberKey);
}

describe('collationKey', () => {
  it('gives the key the regular-expression definition gives, for any text', () => {
    // Digits, zeros, accents and a combining accent, mixed: where the key does its work.
    const digitHeavy = fc
      .array(fc.constantFrom('a', '0', '1', '9', 'é', ' ', '.', '\u0301', '-'), { maxLength: 24 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), digitHeavy), (text) => {
        expect(collationKey(text)).toBe(referenceKey(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['', '0', '00', '007', 'a0', 'x000y', '9', 'a1b22c333', 'é01', 'user0010', '1'.repeat(90)])
      expect(collationKey(text)).toBe(referenceKey(text));
  });

  it('sorts numbers by value: user9 before user10', () => {
    expect(collationKey('user9') < collationKey('user10')).toBe(true);
    expect(byKey(['user10', 'user9', 'user100', 'user1', 'user11', 'user2'])).toEqual([
      'user1',
      'user2',
      'user9',
      'user10',
      'user11',
      'user100',
    ]);
  });

  it('sorts every number in a string by value, not only the last', () => {
    expect(byKey(['a10b2', 'a9b10', 'a10b10', 'a9b2'])).toEqual(['a9b2', 'a9b10', 'a10b2', 'a10b10']);
  });

  it('sorts numbers of up to 12 digits by value', () => {
    expect(collationKey('id99999999999') < collationKey('id100000000000')).toBe(true);
  });

  it('ignores accents: émile sorts between adam and zoe', () => {
    expect(byKey(['zoe', 'émile', 'adam'])).toEqual(['adam', 'émile', 'zoe']);
    expect(collationKey('adam') < collationKey('émile')).toBe(true);
    expect(collationKey('émile') < collationKey('zoe')).toBe(true);
  });

  it('gives an accented string the key of its unaccented form', () => {
    expect(collationKey('émile')).toBe(collationKey('emile'));
    expect(collationKey('zoë')).toBe(collationKey('zoe'));
    expect(collationKey('ñandú')).toBe(collationKey('nandu'));
    expect(collationKey('françois')).toBe(collationKey('francois'));
  });

  it('sorts accented and unaccented names together', () => {
    expect(byKey(['éve', 'eva', 'álvaro', 'bruno', 'élodie', 'zoë', 'adèle'])).toEqual([
      'adèle',
      'álvaro',
      'bruno',
      'élodie',
      'eva',
      'éve',
      'zoë',
    ]);
  });

  it.for(['ana', 'bob smith', 'o-brien', 'eve.smith@example.com', 'a_b+c', '', '~tilde', '!#$%&()*'])(
    'leaves plain ASCII without digits unchanged: %j',
    (plain) => {
      expect(collationKey(plain)).toBe(plain);
    },
  );

  it('keeps the order of plain ASCII strings', () => {
    const plain = ['ana', 'ana-maria', 'anabela', 'bob', 'bob.smith', 'z'];
    expect(byKey([...plain].reverse())).toEqual([...plain].sort());
  });

  it('sorts a digit-free prefix before the same prefix with a number', () => {
    expect(byKey(['user1', 'user', 'usera'])).toEqual(['user', 'user1', 'usera']);
  });
});

describe('sortByUsername', () => {
  it('sorts like compareUsernameKeys, keeping the items', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 40 }), (names) => {
        const items = names.map((username, index) => ({ username, index }));
        const sorted = sortByUsername(items, (item) => item.username);
        const expected = [...items].sort((a, b) =>
          compareUsernameKeys(a.username.toLowerCase(), b.username.toLowerCase()),
        );
        expect(sorted.map((item) => item.username.toLowerCase())).toEqual(
          expected.map((item) => item.username.toLowerCase()),
        );
        expect(new Set(sorted)).toEqual(new Set(items));
      }),
    );
  });

  it('puts user9 before user10 and ignores case and accents', () => {
    expect(sortByUsername(['user10', 'Émile', 'user9', 'adam'], (name) => name)).toEqual([
      'adam',
      'Émile',
      'user9',
      'user10',
    ]);
  });
});
