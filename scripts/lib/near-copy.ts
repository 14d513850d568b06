/**
 * Near-copies by character bigrams (Dice's coefficient over the bigram sets of the texts' name keys:
 * case, width, spaces and punctuation ignored). Used to keep example questions apart from
 * evaluation questions.
 */
import { nameKey } from '../../src/analysis/normalize.ts';

function bigrams(text: string): Set<string> {
  const k = nameKey(text);
  const out = new Set<string>();
  for (let i = 0; i + 2 <= k.length; i++) out.add(k.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export const bigramDice = {
  bigrams,
  dice,
  /** The items whose text is at least `threshold` similar to any of `others`. */
  nearCopies<T extends { text: string }>(items: T[], others: string[], threshold: number): T[] {
    const sets = others.map(bigrams);
    return items.filter((item) => {
      const b = bigrams(item.text);
      return sets.some((o) => dice(b, o) >= threshold);
    });
  },
};
