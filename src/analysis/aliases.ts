/**
 * Alias concepts: every term of an alias group (corpus/aliases/) found in a text becomes the
 * group's one token (`~lunit` for 루닛 and Lunit). Matching ignores spaces and hyphens inside a
 * term (K-Fold = k fold = kfold), the longest match wins, and Latin terms match whole words and
 * their plurals.
 */
import { stemEnglish } from './english.ts';
import { TypoIndex } from './typos.ts';

export interface AliasConcept {
  token: string;
  /** The group's place in the corpus: matches are reported in this order. */
  order: number;
  attribute: boolean;
  /** Tokens of the broader concepts a mention also counts for. */
  broader: string[];
  entity: boolean;
  framing: boolean;
}

export interface AliasGroupInput {
  id: string;
  terms: readonly string[];
  entity?: boolean;
  framing?: boolean;
  /** Something a question asks for (a licence, downloads): matched by its terms only, never by stem. */
  attribute?: boolean | 'keywords';
  broader?: readonly string[];
}

/** An alias term without separators, and where the text may have spaces inside it. */
interface Term {
  chars: string;
  /** For each character but the last: whether the text may have spaces between it and the next (`mayGap`). */
  gapAfter: boolean[];
  /** Latin or digit at its start or end: those ends must fall on a word boundary. */
  latinStart: boolean;
  latinEnd: boolean;
  /** It may take a plural ending (GPUs, B200s). */
  plural: boolean;
}

/**
 * The separators' code units: ASCII whitespace, no-break and ideographic spaces, the other spaces
 * \s matches above U+2000, and -_.·/'. A table by code unit (1: a separator), as every character of
 * every text is looked up.
 */
const SEPARATORS = new Uint8Array(65536);
for (const ch of ' \t\n\r\v\f\u00a0\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-_.·/\'') SEPARATORS[ch.charCodeAt(0)] = 1;
/** Whether a code unit is a separator (charCodeAt's NaN past the end reads as undefined: not one). */
const isSeparator = (code: number) => SEPARATORS[code] === 1;
const LATIN_OR_DIGIT = /[a-z0-9]/;
/** LATIN_OR_DIGIT for one code unit, without a string (false for NaN, past a text's end). */
const isLatinOrDigit = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
const isHangul = (code: number) => code >= 0xac00 && code <= 0xd7a3;

/**
 * Where compact's characters were, reused by every call: every text of a build and every question
 * passes here, and an array per text was a tenth of what a build allocates (a typed array per
 * text is worse: past 64 bytes it is a separate buffer for the collector to track).
 */
let positions = new Int32Array(1024);

/** Fills `positions` with where the text's characters other than separators are; returns how many. */
function keep(text: string): number {
  if (positions.length < text.length) positions = new Int32Array(2 * text.length);
  const at = positions;
  let k = 0;
  for (let i = 0; i < text.length; i++) if (!isSeparator(text.charCodeAt(i))) at[k++] = i;
  return k;
}

/**
 * Separators are optional inside a term: K-Fold = k fold = kfold, 엘리스 그룹 = 엘리스그룹. `at[k]`
 * is where the k-th character of `chars` is in `text`, valid until the next call.
 */
export function compact(text: string): { chars: string; at: Int32Array } {
  if (positions.length < text.length) positions = new Int32Array(2 * text.length);
  const at = positions;
  let chars = '';
  let from = 0; // where the run of kept characters since the last separator starts
  for (let i = 0, k = 0; i < text.length; i++) {
    if (!isSeparator(text.charCodeAt(i))) {
      at[k++] = i;
      continue;
    }
    if (i > from) chars += text.slice(from, i);
    from = i + 1;
  }
  if (from < text.length) chars += text.slice(from);
  return { chars, at };
}

/**
 * The term, with where the text may have spaces inside it: where the term has one, or anywhere but
 * between two Latin letters in a term longer than three (엘리스그룹 = 엘리스 그룹; wrap up stage is not
 * Upstage). Worked out once per term, as the walk asks at every step.
 */
function toTerm(norm: string): Term {
  const { chars, at } = compact(norm);
  const latin = (ch: string | undefined) => ch !== undefined && ch >= 'a' && ch <= 'z';
  const gapAfter: boolean[] = [];
  for (let k = 0; k < chars.length - 1; k++) gapAfter.push(at[k + 1]! - at[k]! > 1 || (chars.length > 3 && !(latin(chars[k]) && latin(chars[k + 1]))));
  const last = chars.at(-1);
  return {
    chars,
    gapAfter,
    latinStart: LATIN_OR_DIGIT.test(chars[0] ?? ''),
    latinEnd: LATIN_OR_DIGIT.test(last ?? ''),
    plural: latin(last) || (/\d/.test(last ?? '') && /[a-z]/.test(chars)),
  };
}

/** Whether the text may have spaces between the term's characters `k` and `k + 1` (see `toTerm`). */
function mayGap(term: Term, k: number): boolean {
  return term.gapAfter[k]!;
}

/**
 * Where a match of `term` at compact position `i` ends in `norm` (it starts at `at[i]`), or -1 for
 * none. Latin terms match whole words only (ai is not in said), and also in the plural (GPUs).
 */
function matchAt(norm: string, at: Int32Array, term: Term, i: number): number {
  const t = term.chars;
  // Spaces are optional inside a term (엘리스 그룹 = 엘리스그룹), but a short term does not reach
  // across a word boundary of the text (제마 is not in 언제 마지막), and no term crosses a line.
  // Most matches have no gap at all: then there is nothing to check between their characters.
  const gaps = at[i + t.length - 1]! - at[i]! > t.length - 1;
  for (let k = 0; gaps && k < t.length - 1; k++) {
    const from = at[i + k]!;
    const to = at[i + k + 1]!;
    if (to - from === 1) continue;
    for (let g = from + 1; g < to; g++) if (norm.charCodeAt(g) === 10) return -1;
    // Between two letters a space splits English words (wrap up stage is not Upstage): only where the term has one.
    if (!mayGap(term, k)) return -1;
  }
  const start = at[i]!;
  let end = at[i + t.length - 1]! + 1;
  // Code units, not one-character strings or a slice: this runs for every term spelled in every text.
  if (term.latinStart && start > 0 && isLatinOrDigit(norm.charCodeAt(start - 1))) return -1;
  // Plurals: GPUs, and model names ending in a digit (B200s, H100s).
  if (term.plural) end += pluralEnding(norm, end);
  if (term.latinEnd && isLatinOrDigit(norm.charCodeAt(end))) return -1;
  return end;
}

/** The length of a plural ending ('s, es or s, ending a word) at `i`, or 0 (charCodeAt past the end is NaN: no letter). */
function pluralEnding(norm: string, i: number): number {
  const a = norm.charCodeAt(i);
  const b = norm.charCodeAt(i + 1);
  if ((a === 0x27 || a === 0x65) && b === 0x73 && !isLatinOrDigit(norm.charCodeAt(i + 2))) return 2; // 's, es
  return a === 0x73 && !isLatinOrDigit(b) ? 1 : 0; // s
}

/**
 * The matches found in the text being read, in the order found (by start, as the walk goes): each
 * one's concept (by its order) and range. One set of typed arrays for every text, so a match that
 * a longer one or a repeat sets aside allocates nothing.
 */
class Hits {
  count = 0;
  concept = new Int32Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);

  push(concept: number, start: number, end: number): void {
    if (this.count === this.concept.length) {
      const grown = (a: Int32Array) => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.concept = grown(this.concept);
      this.start = grown(this.start);
      this.end = grown(this.end);
    }
    this.concept[this.count] = concept;
    this.start[this.count] = start;
    this.end[this.count++] = end;
  }

  /** Whether an earlier match of the same concept has the same range (two terms of a group can match the same place). */
  repeats(h: number): boolean {
    // Matches are found by start: those with the same start are just before it.
    for (let e = h - 1; e >= 0 && this.start[e] === this.start[h]; e--) {
      if (this.concept[e] === this.concept[h] && this.end[e] === this.end[h]) return true;
    }
    return false;
  }

  /**
   * An attribute's short Hangul term inside a longer word is a mention only right after another term
   * (루닛연봉), not in the middle of some other word (나이 in 토크나이저): attributes decide which facts
   * may answer, so they must be meant.
   */
  standsAlone(norm: string, h: number): boolean {
    const a = this.start[h]!;
    if (a === 0 || !isHangul(norm.charCodeAt(a - 1)) || this.end[h]! - a > 2 || !isHangul(norm.charCodeAt(a))) return true;
    for (let e = 0; e < this.count; e++) if (this.end[e] === a) return true;
    return false;
  }
}

/**
 * A concept met in a text and where: `ranges` holds each mention's start and end in turn (start0,
 * end0, start1, end1 …), flat, as every match of every text makes one.
 */
export interface AliasMatch {
  c: AliasConcept;
  ranges: number[];
}

/** Whether another concept has a longer range overlapping [a, b) (plain loops: this runs for every range of every text). */
function longerElsewhere(found: AliasMatch[], c: AliasConcept, a: number, b: number): boolean {
  for (const o of found) {
    if (o.c === c) continue;
    const r = o.ranges;
    for (let k = 0; k < r.length; k += 2) if (r[k]! < b && a < r[k + 1]! && r[k + 1]! - r[k]! > b - a) return true;
  }
  return false;
}

/**
 * A trie over the terms' characters, so from each text position only the terms spelled there are
 * tried. Nodes are numbers (0 is the root, never a child: 0 also means "no node"). Its edges are one
 * open-addressing hash table keyed by (node, code unit): a step is a probe or two however many edges
 * a node has, with no allocation, as it runs for every position of every text; building it makes no
 * map per node.
 */
class Trie {
  /** The root's edges by code unit (0: none), an array read: every position of every text starts there. */
  private readonly first = new Int32Array(65536);
  /**
   * Slot s is table[2s] = the edge's key (its node and code unit, see `key`; 0: an empty slot, as the
   * root's edges are in `first`) and table[2s + 1] = the node it leads to. Key and target side by
   * side: a probe reads one cache line, where three arrays took three (the table is larger than the caches).
   */
  private readonly table: Int32Array;
  /** The slots less one (a power of two less one). */
  private readonly mask: number;
  /** 32 less the table's size in bits: a slot is the top bits of a product. */
  private readonly shift: number;
  /**
   * A bit per hash of a (node, code unit) key, four per slot, set for every edge: most steps of a
   * walk find no edge, and this table, a sixteenth of `table`'s size, stays in the cache to say so.
   */
  private readonly maybe: Int32Array;
  private readonly maybeShift: number;
  /**
   * The terms that end at each node, in the order given: node n's are ends[endsFrom[n]] up to
   * ends[endsFrom[n + 1]] (none at most nodes). Flat, so a step of the walk reads two numbers.
   */
  readonly ends: { c: AliasConcept; term: Term }[];
  readonly endsFrom: Int32Array;

  constructor(entries: readonly { c: AliasConcept; term: Term }[]) {
    // Each character of each term adds at most one edge: the table is kept at most half full.
    let edges = 0;
    for (const { term } of entries) edges += term.chars.length;
    const bits = Math.max(4, Math.ceil(Math.log2(2 * edges + 1)));
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.table = new Int32Array(2 << bits);
    this.maybeShift = this.shift - 2;
    this.maybe = new Int32Array(1 << (bits + 2 - 5));
    let nodes = 1;
    const endNodes = new Int32Array(entries.length);
    entries.forEach((entry, e) => {
      const chars = entry.term.chars;
      let node = 0;
      for (let k = 0; k < chars.length; k++) {
        const code = chars.charCodeAt(k);
        let child = this.next(node, code);
        if (child === 0) {
          child = nodes++;
          if (node === 0) this.first[code] = child;
          else {
            let s = this.slot(node, code);
            while (this.table[2 * s] !== 0) s = (s + 1) & this.mask;
            this.table[2 * s] = key(node, code);
            this.table[2 * s + 1] = child;
            const b = this.hash(node, code) >>> this.maybeShift;
            this.maybe[b >>> 5]! |= 1 << (b & 31);
          }
        }
        node = child;
      }
      endNodes[e] = node;
    });
    if (nodes > 0x10000) throw new Error(`alias terms make ${nodes} trie nodes; a key holds 65,536`);
    // Grouped by node, each node's in the order given (a counting sort).
    this.endsFrom = new Int32Array(nodes + 1);
    for (const node of endNodes) this.endsFrom[node + 1]!++;
    for (let n = 0; n < nodes; n++) this.endsFrom[n + 1]! += this.endsFrom[n]!;
    const place = this.endsFrom.slice(0, nodes);
    this.ends = new Array(entries.length);
    entries.forEach((entry, e) => (this.ends[place[endNodes[e]!]!++] = entry));
  }

  /** Fibonacci hashing: a slot and a bit of `maybe` are the top bits of this product. */
  private hash(node: number, code: number): number {
    return Math.imul(key(node, code), 0x9e3779b1);
  }

  /** Where the probe for an edge starts. */
  private slot(node: number, code: number): number {
    return this.hash(node, code) >>> this.shift;
  }

  /** The node after `node` on this code unit, or 0 for none. */
  next(node: number, code: number): number {
    if (node === 0) return this.first[code]!;
    const h = this.hash(node, code);
    const b = h >>> this.maybeShift;
    if ((this.maybe[b >>> 5]! & (1 << (b & 31))) === 0) return 0;
    const k = key(node, code);
    for (let s = h >>> this.shift; ; s = (s + 1) & this.mask) {
      const found = this.table[2 * s]!;
      if (found === k) return this.table[2 * s + 1]!;
      if (found === 0) return 0;
    }
  }
}

/** An edge's key: its node (1 to 65,535) and code unit in 32 bits, never 0. */
const key = (node: number, code: number) => (node << 16) | code;

/** Two code units as one number, for the set of those that may have spaces between them. */
const pair = (a: number, b: number) => a * 65536 + b;

export class AliasIndex {
  private readonly concepts: AliasConcept[];
  private readonly trie: Trie;
  private readonly hits = new Hits();
  /** Single-word English alias terms by stem (allocate → allocat), to catch other forms. */
  private readonly byStem = new Map<string, AliasConcept>();
  /** Alias terms of one Latin word (five letters or more), for typos. */
  private readonly typos = new TypoIndex<AliasConcept>(5);
  private readonly broaderOf = new Map<string, string[]>();
  /** The length of the longest term (without separators). */
  private longest = 0;
  /** Every two code units that follow each other in some term with spaces allowed between them. */
  private readonly gapPairs = new Set<number>();

  /** `normalize` is the analysis chain's character filter, so terms and texts are read alike. */
  constructor(groups: readonly AliasGroupInput[], normalize: (text: string) => string) {
    this.concepts = groups.map((g, order) => ({
      token: `~${g.id}`,
      order,
      broader: (g.broader ?? []).map((b) => `~${b}`),
      entity: g.entity ?? false,
      framing: g.framing ?? false,
      attribute: Boolean(g.attribute),
    }));
    const entries: { c: AliasConcept; term: Term }[] = [];
    groups.forEach((g, i) => {
      const c = this.concepts[i]!;
      if (c.broader.length > 0) this.broaderOf.set(c.token, c.broader);
      const normalized = g.terms.map((t) => normalize(t));
      const terms = normalized
        .map(toTerm)
        .filter((t) => t.chars !== '')
        .sort((a, b) => b.chars.length - a.chars.length);
      for (const term of terms) {
        entries.push({ c, term });
        for (let k = 0; k + 1 < term.chars.length; k++) if (mayGap(term, k)) this.gapPairs.add(pair(term.chars.charCodeAt(k), term.chars.charCodeAt(k + 1)));
      }
      this.longest = Math.max(this.longest, terms[0]?.chars.length ?? 0);
      // An attribute is asked for in its own words: "download" is not "downloads" (a count).
      for (const term of g.attribute ? [] : normalized) {
        if (/^[a-z]{4,}$/.test(term) && !this.byStem.has(stemEnglish(term))) this.byStem.set(stemEnglish(term), c);
      }
      for (const term of g.attribute ? [] : normalized) this.typos.add(term, c);
    });
    this.trie = new Trie(entries);
  }

  /**
   * The concept a misspelt word most likely means (luint → Lunit, nvida → NVIDIA, buget → budget):
   * a term one typing slip away (a letter left out, added, changed or two swapped), when exactly one
   * concept's is. Attributes are asked for in their own words and are left out.
   */
  byTypo(word: string): AliasConcept | undefined {
    return this.typos.find(word);
  }

  /** The concept whose single-word English term has this word's stem (allocation → allocate). */
  byEnglishStem(word: string): AliasConcept | undefined {
    return this.byStem.get(stemEnglish(word));
  }

  /**
   * Whether a term could match from the end of `a` into `b` once they are joined by spaces: one
   * spelled from a position of `a` into `b` (or to the end of `b`, on into a next text) that allows
   * spaces where `a` ends. Most pairs of texts fail the first test: no term has their last and
   * first characters in a row with spaces allowed between them.
   */
  mayRunOn(a: string, b: string): boolean {
    let last = a.length - 1;
    while (last >= 0 && isSeparator(a.charCodeAt(last))) last--;
    let first = 0;
    while (first < b.length && isSeparator(b.charCodeAt(first))) first++;
    if (last < 0 || first === b.length) return true;
    if (!this.gapPairs.has(pair(a.charCodeAt(last), b.charCodeAt(first)))) return false;
    const before = compact(a).chars;
    const text = before + compact(b).chars;
    for (let i = Math.max(0, before.length - this.longest); i < before.length; i++) {
      let node = this.trie.next(0, text.charCodeAt(i));
      for (let j = i + 1; node !== 0; j++) {
        if (j > before.length) {
          if (j === text.length) return true;
          for (let e = this.trie.endsFrom[node]!; e < this.trie.endsFrom[node + 1]!; e++) if (mayGap(this.trie.ends[e]!.term, before.length - 1 - i)) return true;
        }
        node = j < text.length ? this.trie.next(node, text.charCodeAt(j)) : 0;
      }
    }
    return false;
  }

  broader(token: string): string[] {
    return this.broaderOf.get(token) ?? [];
  }

  /**
   * Every concept mentioned in `norm`, with where, in the groups' order. The longest match wins: a
   * term inside a longer term of another group is not a mention of its own (대표 in 국가대표 AI).
   */
  matches(norm: string): AliasMatch[] {
    // The trie is walked over the text's characters other than separators, read where they are:
    // no compacted copy of the text is made.
    const n = keep(norm);
    const at = positions;
    const hits = this.hits;
    hits.count = 0;
    for (let i = 0; i < n; i++) {
      // A term starting with a Latin letter or a digit starts a word (matchAt): inside a Latin word
      // (most positions of an English text) no term can start, so none is walked.
      const code = norm.charCodeAt(at[i]!);
      if (isLatinOrDigit(code) && at[i]! > 0 && isLatinOrDigit(norm.charCodeAt(at[i]! - 1))) continue;
      let node = this.trie.next(0, code);
      for (let j = i + 1; node !== 0; j++) {
        for (let e = this.trie.endsFrom[node]!; e < this.trie.endsFrom[node + 1]!; e++) {
          const { c, term } = this.trie.ends[e]!;
          const end = matchAt(norm, at, term, i);
          if (end >= 0) hits.push(c.order, at[i]!, end);
        }
        node = j < n ? this.trie.next(node, norm.charCodeAt(at[j]!)) : 0;
      }
    }
    if (hits.count === 0) return [];
    // The concepts met, in the groups' order (so units come out the same whatever the text), each
    // with its ranges in the order found, without repeats.
    const orders = byOrder(hits);
    const found: AliasMatch[] = [];
    for (const order of orders) {
      const c = this.concepts[order]!;
      // Made by its first range: most concepts have one, and an array grown from empty has room for 16.
      let ranges: number[] | undefined;
      for (let h = 0; h < hits.count; h++) {
        if (hits.concept[h] !== order || hits.repeats(h) || (c.attribute && !hits.standsAlone(norm, h))) continue;
        if (ranges) ranges.push(hits.start[h]!, hits.end[h]!);
        else ranges = [hits.start[h]!, hits.end[h]!];
      }
      if (ranges) found.push({ c, ranges });
    }
    if (found.length < 2) return found;
    // Most concepts have no range inside a longer one: their entry is kept as it is, not copied.
    const longest: typeof found = [];
    for (const entry of found) {
      const { c, ranges } = entry;
      let kept: number[] | undefined; // made once a range is found inside a longer one
      for (let r = 0; r < ranges.length; r += 2) {
        const inside = longerElsewhere(found, c, ranges[r]!, ranges[r + 1]!);
        if (inside && !kept) kept = ranges.slice(0, r);
        else if (!inside && kept) kept.push(ranges[r]!, ranges[r + 1]!);
      }
      if (!kept) longest.push(entry);
      else if (kept.length > 0) longest.push({ c, ranges: kept });
    }
    return longest;
  }
}

/**
 * The concepts the hits name (by order), once each and ascending, sorted by insertion: a text names
 * a few, and Array.prototype.sort allocates its work space on every call.
 */
function byOrder(hits: Hits): number[] {
  const orders: number[] = [];
  for (let h = 0; h < hits.count; h++) {
    const order = hits.concept[h]!;
    let j = orders.length;
    while (j > 0 && orders[j - 1]! > order) j--;
    if (j > 0 && orders[j - 1] === order) continue;
    orders.push(order);
    for (let k = orders.length - 1; k > j; k--) orders[k] = orders[k - 1]!;
    orders[j] = order;
  }
  return orders;
}
