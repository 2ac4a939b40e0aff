/** The usage read's kept counts (src/api/tally-counts.ts): reused only while tallies and rules are the same. */
import { describe, expect, test } from 'vitest';
import { TallyCounts } from '../../src/api/tally-counts';
import type { ClassificationRules } from '../../src/domain';

const OWN: ClassificationRules = { mode: 'domains', domains: [{ domain: 'acme.example', relation: 'own' }] };
const TALLIES = JSON.stringify([
  ['acme.example', 1, 0, 3],
  ['other.example', 1, 0, 2],
  ['other.example', 0, 0, 4],
]);

describe('TallyCounts', () => {
  test('counts the tallies under the rules', () => {
    const counts = new TallyCounts().countsOf('env', TALLIES, OWN).counts;
    expect(counts).toEqual({ internal: 3, external: 2, named: 5, anonymous: 0, inactive: 4 });
  });

  test('a rule change counts again, though the tallies are the same', () => {
    const kept = new TallyCounts();
    kept.countsOf('env', TALLIES, OWN);
    const allInternal = kept.countsOf('env', TALLIES, { mode: 'all-internal', domains: [] }).counts;
    expect(allInternal).toMatchObject({ internal: 5, external: 0 });
  });

  test('new tallies count again; no tallies count as an empty environment', () => {
    const kept = new TallyCounts();
    kept.countsOf('env', TALLIES, OWN);
    expect(kept.countsOf('env', JSON.stringify([['acme.example', 1, 0, 1]]), OWN).counts).toMatchObject({
      internal: 1,
    });
    expect(kept.countsOf('env', undefined, OWN).counts).toMatchObject({ internal: 0, named: 0 });
  });

  test('what it returns is a copy: changing it leaves the kept counts as they were', () => {
    const kept = new TallyCounts();
    kept.countsOf('env', TALLIES, OWN).counts.internal = 99;
    expect(kept.countsOf('env', TALLIES, OWN).counts.internal).toBe(3);
  });
});
