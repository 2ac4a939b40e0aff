/**
 * Each environment's counts from the tallies of its state record, kept while neither the tallies
 * nor the rules change. Every usage read reads the state records (another tab may have written),
 * and the live views read usage after every write: with thousands of email domains, decoding and
 * classifying the same tallies again cost more than the write itself.
 */
import { countTallies, type ClassificationRules, type EnvironmentCounts } from '../domain';
import { decodeTallies } from '../index';

interface Kept {
  tallies: string;
  rules: string;
  counts: EnvironmentCounts;
}

export class TallyCounts {
  readonly #kept = new Map<string, Kept>();

  /** The counts of `tallies` (a state record's packed text; none for an empty environment) under `rules`. */
  countsOf(environmentId: string, tallies: string | undefined, rules: ClassificationRules): EnvironmentCounts {
    const text = tallies ?? '[]';
    const rulesText = JSON.stringify(rules);
    const kept = this.#kept.get(environmentId);
    if (kept && kept.tallies === text && kept.rules === rulesText) return { ...kept.counts };
    const counts = countTallies(decodeTallies(text), rules);
    this.#kept.set(environmentId, { tallies: text, rules: rulesText, counts });
    return { ...counts };
  }

  /** Forgets environments no longer listed (deleted ones). */
  keepOnly(environmentIds: ReadonlySet<string>): void {
    for (const id of this.#kept.keys()) if (!environmentIds.has(id)) this.#kept.delete(id);
  }
}
