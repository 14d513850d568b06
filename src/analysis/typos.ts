/**
 * Typing slips: a word one slip (a letter left out, added or changed, or two next to each other
 * swapped) from a known word, found through each word's forms with one letter left out (symmetric
 * deletion), so a lookup is a handful of map reads, not a scan of the words.
 */
export class TypoIndex<T> {
  private readonly byDeletion = new Map<string, { word: string; value: T }[]>();
  /**
   * Words added and not indexed yet: only questions look typos up (for words the corpus lacks), so
   * the index is built at the first lookup, not with the engine.
   */
  private pending: { word: string; value: T }[] = [];

  /** Words of at least `minLength` Latin letters can be found; shorter ones are too easily another word. */
  constructor(private readonly minLength: number) {}

  add(word: string, value: T): void {
    this.pending.push({ word, value });
  }

  private index(): void {
    for (const { word, value } of this.pending) {
      if (word.length < this.minLength || !/^[a-z]+$/.test(word)) continue;
      for (const d of [word, ...deletions(word)]) {
        const list = this.byDeletion.get(d);
        if (list) list.push({ word, value });
        else this.byDeletion.set(d, [{ word, value }]);
      }
    }
    this.pending = [];
  }

  /**
   * The value of the one known word (or words of one value) a slip away from `word`, or undefined.
   * `slip`: which slips count (any, by default).
   */
  find(word: string, slip: (typed: string, known: string) => boolean = oneSlip): T | undefined {
    if (word.length < this.minLength || !/^[a-z]+$/.test(word)) return undefined;
    if (this.pending.length > 0) this.index();
    const found = new Set<T>();
    for (const d of [word, ...deletions(word)]) for (const e of this.byDeletion.get(d) ?? []) if (slip(word, e.word)) found.add(e.value);
    return found.size === 1 ? [...found][0] : undefined;
  }
}

/** A word with each one of its letters left out. */
function deletions(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

/** Whether two different words are one typing slip apart: a letter left out, added or changed, or two next to each other swapped. */
export function oneSlip(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // added or left out
}

/**
 * Whether `typed` is `known` with a letter left out or two next to each other swapped: the slips
 * least often another real word (a changed letter makes formal of format, an added one plans of plan).
 */
export function leftOutOrSwapped(typed: string, known: string): boolean {
  return oneSlip(typed, known) && typed.length <= known.length && (typed.length < known.length || [...typed].sort().join('') === [...known].sort().join(''));
}
