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
    // Each bigram gets a number and each text its sorted numbers, so two texts' shared bigrams are
    // counted by merging two short arrays. Candidates come by prefix filtering: Dice ≥ t needs the
    // two sizes within t/(2−t) of each other and so at least o = ⌈t·|a|/(2−t)⌉ shared bigrams, and
    // then one of `a`'s |a| − o + 1 rarest bigrams is shared (pigeonhole); only their texts are met.
    const ids = new Map<string, number>();
    const idsOf = (set: Set<string>, add: boolean) => {
      const out: number[] = [];
      for (const g of set) {
        let id = ids.get(g);
        if (id === undefined && add) ids.set(g, (id = ids.size));
        if (id !== undefined) out.push(id);
      }
      return Int32Array.from(out).sort();
    };
    // Numbered by size, so each bigram's texts are in order of size and those of a size close
    // enough to an item's are one run of it, found by binary search.
    const sets = others.map((o) => idsOf(bigrams(o), true)).sort((x, y) => x.length - y.length);
    const df = new Int32Array(ids.size);
    for (const set of sets) for (const g of set) df[g]!++;
    const postings: number[][] = Array.from({ length: ids.size }, () => []);
    sets.forEach((set, n) => set.forEach((g) => postings[g]!.push(n)));
    const ratio = threshold / (2 - threshold);
    // Texts without a bigram (a letter or none) share none: Dice calls two of them equal.
    const anyEmpty = sets.some((set) => set.length === 0);
    const shared = new Int32Array(sets.length);
    return items.filter((item) => {
      const all = bigrams(item.text);
      if (all.size === 0) return anyEmpty;
      const known = idsOf(all, false);
      const size = all.size;
      // Bigrams no other text has are shared with none: the rarest of all, first in the prefix. The
      // prefix is twice the least that prefix filtering needs, so a candidate must share several of
      // its bigrams before it is compared whole (common bigrams, as in English, meet thousands).
      const least = size - Math.ceil(ratio * size - 1e-9) + 1;
      const length = Math.min(size, 2 * least);
      const unknown = size - known.length;
      const rarest = [...known].sort((x, y) => df[x]! - df[y]!).slice(0, Math.max(0, length - unknown));
      const first = firstAtLeast(sets, (b) => b.length >= ratio * size);
      const last = firstAtLeast(sets, (b) => ratio * b.length > size);
      const met: number[] = [];
      for (const g of rarest) {
        const list = postings[g]!;
        for (let i = firstAtLeast(list, (n) => n >= first); i < list.length && list[i]! < last; i++) if (shared[list[i]!]!++ === 0) met.push(list[i]!);
      }
      let copy = false;
      for (const n of met) {
        const b = sets[n]!;
        const inPrefix = shared[n]!;
        shared[n] = 0;
        if (copy) continue;
        // At most every bigram past the prefix is shared too: too few in it, and it cannot reach t.
        const needed = Math.ceil((threshold * (size + b.length)) / 2 - 1e-9);
        if (inPrefix + (size - length) < needed) continue;
        if ((2 * sharedCount(known, b)) / (size + b.length) >= threshold) copy = true;
      }
      return copy;
    });
  },
};

/** The first place in `list` whose item passes `test`, which holds from some place on (list.length when none). */
function firstAtLeast<T>(list: ArrayLike<T>, test: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many numbers two sorted arrays share. */
function sharedCount(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else shared++, i++, j++;
  }
  return shared;
}
