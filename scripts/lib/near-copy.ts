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
    // Shared bigrams are counted through an inverted index (each bigram's texts), so an item meets
    // only the texts it shares a bigram with; Dice ≥ t also needs the two sizes within t/(2−t).
    const sets = others.map(bigrams);
    const postings = new Map<string, number[]>();
    sets.forEach((set, n) => set.forEach((g) => (postings.get(g) ?? postings.set(g, []).get(g)!).push(n)));
    const ratio = threshold / (2 - threshold);
    const shared = new Int32Array(sets.length);
    // Texts without a bigram (a letter or none) share none: Dice calls two of them equal.
    const anyEmpty = sets.some((set) => set.size === 0);
    return items.filter((item) => {
      const a = bigrams(item.text);
      if (a.size === 0) return anyEmpty;
      const met: number[] = [];
      for (const g of a) for (const n of postings.get(g) ?? []) if (shared[n]!++ === 0) met.push(n);
      let copy = false;
      for (const n of met) {
        const b = sets[n]!.size;
        if (!copy && Math.min(a.size, b) >= ratio * Math.max(a.size, b) && (2 * shared[n]!) / (a.size + b) >= threshold) copy = true;
        shared[n] = 0;
      }
      return copy;
    });
  },
};
