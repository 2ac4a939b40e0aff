import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src/domain';

describe('foldForSearch', () => {
  it.each([
    ['Ñandú', 'nandu'],
    ['Müller', 'muller'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Ørsted', 'orsted'],
    ['ANA@Example.COM', 'ana@example.com'],
    ['José Ñúñez', 'jose nunez'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('leaves ASCII as it is but for case', () => {
    expect(foldForSearch('user_42+tag@mail.example')).toBe('user_42+tag@mail.example');
  });
});
