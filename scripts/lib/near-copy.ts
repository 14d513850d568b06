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
    // Dice ≥ t needs the smaller set to hold at least t/(2−t) of the larger's bigrams: only texts of
    // a close size are compared (others sorted by size, the window found by binary search).
    const sets = others.map(bigrams).sort((a, b) => a.size - b.size);
    const ratio = threshold / (2 - threshold);
    const firstAtLeast = (n: number) => {
      let lo = 0;
      let hi = sets.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sets[mid]!.size < n) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return items.filter((item) => {
      const b = bigrams(item.text);
      for (let i = firstAtLeast(Math.ceil(b.size * ratio)); i < sets.length && sets[i]!.size * ratio <= b.size; i++) {
        if (dice(b, sets[i]!) >= threshold) return true;
      }
      return false;
    });
  },
};
