/**
 * The closest example question: each fact carries questions people ask for it (`examples:`), and a
 * question that reads like one of them leans to that fact, the way curated FAQ bots match
 * alternate questions. Similarity is the idf-weighted Dice coefficient of the two questions' units
 * (concepts and stems), found through an inverted index so only examples sharing a unit are scored.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { questionEntry, type FactIndex } from './fact-index.ts';
import type { ParsedQuestion } from '../query/parse.ts';
import { analyseExamples } from './example-analyses.ts';

export interface ClosestExample {
  sim: number;
  text: string;
}

export interface ExampleMatcher {
  /**
   * The best-matching example per fact (only facts with a shared unit), of the facts `wanted` (all
   * by default): a question meets a hundred facts' examples, the ranking needs a few.
   */
  closest(q: ParsedQuestion, wanted?: Wanted): Map<string, ClosestExample>;
}

/** The facts wanted: these, whatever their similarity, and any other at least `minSim` similar. */
export interface Wanted {
  facts: Iterable<string>;
  minSim: number;
}

/** One question to match against: whose it is (a fact id), its text and its units. */
export interface MatchItem {
  owner: string;
  text: string;
  heads: string[];
  /** The heads that are verb forms: they weigh less, as in the question. */
  verbForms: ReadonlySet<string>;
}

/** The closest of `items` to a question, per owner. */
export function createQuestionMatcher(items: readonly MatchItem[], index: Pick<FactIndex, 'df' | 'idf' | 'unknownIdf'>, predicateWeight: number): ExampleMatcher {
  // Nothing to match (a corpus without out-of-scope questions): no question need be looked at.
  if (items.length === 0) return { closest: () => new Map() };
  // Owners by number (as first met). Items are numbered owner by owner (a stable counting sort), so an
  // owner's are one run, ownerStart[o] up to ownerStart[o + 1]; `was`: each one's place in `items`,
  // which orders equals.
  const owners: string[] = [];
  const ownerIds = new Map<string, number>();
  const ownerStart = new Int32Array(items.length + 1);
  const ownerOfItem = items.map((item) => {
    let o = ownerIds.get(item.owner);
    if (o === undefined) ownerIds.set(item.owner, (o = owners.length)), owners.push(item.owner);
    ownerStart[o + 1]!++;
    return o;
  });
  for (let o = 0; o < owners.length; o++) ownerStart[o + 1]! += ownerStart[o]!;
  const was = new Int32Array(items.length);
  const ownerOf = new Int32Array(items.length);
  const slot = ownerStart.slice(0, owners.length);
  ownerOfItem.forEach((o, i) => {
    ownerOf[slot[o]!] = o;
    was[slot[o]!++] = i;
  });
  // Every item and every distinct head gets a number; postings and weights are typed arrays, so a
  // question allocates little. Each head's weight is found once (thousands of heads, against tens of
  // thousands of item heads); an unknown word weighs like the rarest term.
  const weight = (t: string) => (index.df.has(t) ? index.idf(t) : index.unknownIdf);
  const byHead = new Map<string, number>();
  const weights: number[] = [];
  const counts: number[] = [];
  const totals = new Float64Array(items.length);
  // Each item's distinct heads, by number, one item after another.
  const itemHeads = new Int32Array(items.reduce((n, item) => n + item.heads.length, 0));
  const itemEnds = new Int32Array(items.length);
  // Each item's text by number: the few returned are read from one array, not from items spread over the heap.
  const texts: string[] = new Array(items.length);
  let filled = 0;
  for (let n = 0; n < items.length; n++) {
    const { text, heads, verbForms } = items[was[n]!]!;
    texts[n] = text;
    // Most items have no verb form: their heads are not looked up in an empty set (tens of thousands of items a build).
    const verbs = verbForms.size > 0;
    let total = 0;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (heads.indexOf(h) < i) continue; // a repeated head counts once (items have a few heads)
      let id = byHead.get(h);
      if (id === undefined) {
        byHead.set(h, (id = weights.length));
        weights.push(weight(h));
        counts.push(0);
      }
      counts[id]!++;
      itemHeads[filled++] = id;
      total += weights[id]! * (verbs && verbForms.has(h) ? predicateWeight : 1);
    }
    totals[n] = total;
    itemEnds[n] = filled;
  }
  // A head's postings are postings[starts[id]] up to postings[starts[id + 1]], its items in order: one
  // typed array for all heads, placed by a counting sort (no list or view per head).
  const starts = new Int32Array(weights.length + 1);
  for (let id = 0; id < weights.length; id++) starts[id + 1] = starts[id]! + counts[id]!;
  const postings = new Int32Array(filled);
  const next = starts.slice(0, weights.length);
  for (let n = 0, k = 0; n < items.length; n++) for (; k < itemEnds[n]!; k++) postings[next[itemHeads[k]!]!++] = n;
  const shared = new Float64Array(items.length);
  const touched = new Int32Array(items.length);
  // The place in the question of the head each item was met at first.
  const metAt = new Int32Array(items.length);
  // Per owner, its best item so far (-1: none yet), that item's similarity and order key, and the
  // smallest order key of its items counted: the order a walk of every posting would meet them in
  // (`closest` below), which decides between equals and orders the owners returned.
  const bestItem = new Int32Array(owners.length).fill(-1);
  const bestSim = new Float64Array(owners.length);
  const bestKey = new Float64Array(owners.length);
  const firstKey = new Float64Array(owners.length);
  // The owners a call wants, marked with the call's number (no clearing between calls).
  const wantedIn = new Int32Array(owners.length);
  const m: Matcher = { texts, owners, ownerIds, ownerStart, ownerOf, was, weight, byHead, weights, totals, itemHeads, itemEnds, starts, postings, shared, touched, metAt, bestItem, bestSim, bestKey, firstKey, wantedIn, predicateWeight, call: 0 };
  return { closest: (q, wanted) => closestIn(m, q, wanted) };
}

/** A matcher's tables (createQuestionMatcher); `call` numbers its calls. */
interface Matcher {
  texts: string[];
  owners: string[];
  ownerIds: Map<string, number>;
  ownerStart: Int32Array;
  ownerOf: Int32Array;
  was: Int32Array;
  weight: (t: string) => number;
  byHead: Map<string, number>;
  weights: number[];
  totals: Float64Array;
  itemHeads: Int32Array;
  itemEnds: Int32Array;
  starts: Int32Array;
  postings: Int32Array;
  shared: Float64Array;
  touched: Int32Array;
  metAt: Int32Array;
  bestItem: Int32Array;
  bestSim: Float64Array;
  bestKey: Float64Array;
  firstKey: Float64Array;
  wantedIn: Int32Array;
  predicateWeight: number;
  call: number;
}

/** Item n's share of a question (its heads' weights summed in the question's order) and the place of its first head there. */
function shareOf(n: number, ids: readonly number[], qWeights: readonly number[], itemHeads: Int32Array, itemEnds: Int32Array): [share: number, first: number] {
  let share = 0;
  let first = -1;
  for (let h = 0; h < ids.length; h++) {
    for (let k = n === 0 ? 0 : itemEnds[n - 1]!; k < itemEnds[n]!; k++) {
      if (itemHeads[k] !== ids[h]) continue;
      share += qWeights[h]!;
      if (first === -1) first = h;
    }
  }
  return [share, first];
}

/**
 * ExampleMatcher.closest over a matcher's tables, read into locals first: an engine has several
 * matchers (examples, near-misses, out of scope), so V8 cannot fold one's closure variables into the
 * code, and reading them from a closure in the loops below took about a third more time (measured).
 */
function closestIn(m: Matcher, q: ParsedQuestion, wanted: Wanted = { facts: [], minSim: 0 }): Map<string, ClosestExample> {
  const { texts, owners, ownerIds, ownerStart, ownerOf, was, weight, byHead, weights, totals, itemHeads, itemEnds, starts, postings, shared, touched, metAt, bestItem, bestSim, bestKey, firstKey, wantedIn, predicateWeight } = m;
  const call = ++m.call;
  const { minSim } = wanted;
  // The question's distinct heads (a few), in order, with their weights and numbers (-1: no item has it).
  const heads: string[] = [];
  const qWeights: number[] = [];
  const ids: number[] = [];
  let qTotal = 0;
  for (const u of q.asking) {
    if (u.framing) continue;
    const t = u.tokens[0]!;
    if (heads.includes(t)) continue;
    const id = byHead.get(t);
    const w = (id !== undefined ? weights[id]! : weight(t)) * (u.verbForm ? predicateWeight : 1);
    heads.push(t);
    qWeights.push(w);
    ids.push(id ?? -1);
    qTotal += w;
  }
  const wantedOwners: number[] = [];
  for (const id of wanted.facts) {
    const o = ownerIds.get(id);
    if (o !== undefined && wantedIn[o] !== call) (wantedIn[o] = call), wantedOwners.push(o);
  }
  // The lightest heads (common words, with the longest postings) that together weigh too little for
  // an item not wanted that shares only them to reach minSim (sim ≤ 2 · share / qTotal): their
  // postings are walked only among the wanted owners' items (the margin keeps rounding on the safe side).
  const light = new Set<number>();
  let lightWeight = 0;
  for (const h of [...ids.keys()].filter((h) => ids[h] !== -1).sort((a, b) => qWeights[a]! - qWeights[b]!)) {
    if (2 * (lightWeight + qWeights[h]!) >= minSim * qTotal * 0.999) break;
    lightWeight += qWeights[h]!;
    light.add(h);
  }
  const someLight = light.size > 0;
  const itemCount = texts.length;
  // Every head in the question's order, so the shares of the items of owners wanted, and of every item
  // when no head is light, are summed as in a walk of every posting, to the last bit.
  let met = 0;
  for (let h = 0; h < ids.length; h++) {
    const id = ids[h]!;
    if (id === -1) continue;
    const w = qWeights[h]!;
    const end = starts[id + 1]!;
    const isLight = light.has(h);
    // All of its postings, or a light head's among each wanted owner's items.
    for (let r = 0, runs = isLight ? wantedOwners.length : 1; r < runs; r++) {
      let j = starts[id]!;
      let stop = end;
      if (isLight) {
        // A head's postings are in order and an owner's items a run: its first item by bisection.
        const o = wantedOwners[r]!;
        for (let hi = end; j < hi; ) {
          const mid = (j + hi) >> 1;
          if (postings[mid]! < ownerStart[o]!) j = mid + 1;
          else hi = mid;
        }
        stop = j;
        while (stop < end && postings[stop]! < ownerStart[o + 1]!) stop++;
      }
      for (; j < stop; j++) {
        const n = postings[j]!;
        // Read once: V8 cannot tell these arrays apart, so a store to one would make it read again.
        const sum = shared[n]!;
        if (sum === 0) (metAt[met] = h), (touched[met++] = n);
        shared[n] = sum + w;
      }
    }
  }
  const ownersMet: number[] = [];
  for (let i = 0; i < met; i++) {
    const n = touched[i]!;
    let share = shared[n]!;
    shared[n] = 0;
    const o = ownerOf[n]!;
    // The place in the question of the item's first head there.
    let first = metAt[i]!;
    if (wantedIn[o] !== call && someLight) {
      // Not wanted, and its light heads not walked: counted only if it could reach minSim with all
      // of them, and then summed whole.
      if (2 * (share + lightWeight) < minSim * (qTotal + totals[n]!) * 0.999) continue;
      [share, first] = shareOf(n, ids, qWeights, itemHeads, itemEnds);
    }
    // At most 1: a head weighs less where it is a verb form, and the two sides may differ there.
    const sim = Math.min(1, (2 * share) / (qTotal + totals[n]!));
    // A fact not wanted counts only from minSim: its examples below it need no bookkeeping.
    if (sim < minSim && wantedIn[o] !== call) continue;
    // The walk's order: by the place of that head, then by the item's place in `items`.
    const key = first * itemCount + was[n]!;
    if (bestItem[o] === -1) {
      ownersMet.push(o);
      firstKey[o] = key;
    } else {
      firstKey[o] = Math.min(firstKey[o]!, key);
      // The most similar; among equals, the one met first.
      if (!(sim > bestSim[o]! || (sim === bestSim[o] && key < bestKey[o]!))) continue;
    }
    bestItem[o] = n;
    bestSim[o] = sim;
    bestKey[o] = key;
  }
  ownersMet.sort((a, b) => firstKey[a]! - firstKey[b]!);
  // A similarity is compared for every fact met, a name looked up only for the few wanted.
  const best = new Map<string, ClosestExample>();
  const add = (o: number) => best.set(owners[o]!, { sim: bestSim[o]!, text: texts[bestItem[o]!]! });
  for (const o of ownersMet) if (bestSim[o]! >= minSim) add(o);
  // Wanted, met, but less similar than minSim: not added above.
  for (const o of wantedOwners) if (bestItem[o] !== -1 && !(bestSim[o]! >= minSim)) add(o);
  for (const o of ownersMet) bestItem[o] = -1;
  return best;
}

/** The closest of each fact's questions of one kind (`examples` or `nearMisses`), per fact. */
function createFactQuestionMatcher(index: FactIndex, kind: 'examples' | 'nearMisses', predicateWeight: number): ExampleMatcher {
  const items = [...index.entries].flatMap(([id, e]) => e[kind].map((ex) => ({ owner: id, text: ex.text, heads: ex.heads, verbForms: ex.verbForms })));
  return createQuestionMatcher(items, index, predicateWeight);
}

/** The closest example question of each fact. */
export const createExampleMatcher = (index: FactIndex, predicateWeight: number) => createFactQuestionMatcher(index, 'examples', predicateWeight);

/** The closest near-miss (a question about a fact that no source answers) of each fact. */
export const createNearMissMatcher = (index: FactIndex, predicateWeight: number) => createFactQuestionMatcher(index, 'nearMisses', predicateWeight);

/** The questions curators marked out of scope, matched like example questions (owner `out-of-scope`). */
export function createOutOfScopeMatcher(questions: readonly string[], analyzer: Analyzer, index: FactIndex, predicateWeight: number): ExampleMatcher {
  const units = analyseExamples(analyzer, questions).units;
  return createQuestionMatcher(questions.map((text, i) => ({ owner: 'out-of-scope', ...questionEntry(text, units[i]!) })), index, predicateWeight);
}
