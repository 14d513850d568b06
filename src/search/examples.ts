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
  // typed array for all heads, placed by a counting sort (no list or view per head). `byTotal` holds
  // the same postings with each head's items from the lightest total up (to a 16th), the order the
  // search for similar items (not wanted) walks them in, stopping at the first too heavy to be similar enough.
  const starts = new Int32Array(weights.length + 1);
  for (let id = 0; id < weights.length; id++) starts[id + 1] = starts[id]! + counts[id]!;
  const postings = new Int32Array(filled);
  const byTotal = new Int32Array(filled);
  let next = starts.slice(0, weights.length);
  for (let n = 0, k = 0; n < items.length; n++) for (; k < itemEnds[n]!; k++) postings[next[itemHeads[k]!]!++] = n;
  next = starts.slice(0, weights.length);
  // Beside each posting there, its item's total and heads in brief (bit id % 32 for head id): what
  // tells most items met there from those that could be similar enough, without a look at the item.
  const briefTotals = new Float32Array(filled);
  const briefHeads = new Int32Array(filled);
  for (const n of inOrderOfTotal(totals)) {
    const from = n === 0 ? 0 : itemEnds[n - 1]!;
    let brief = 0;
    for (let k = from; k < itemEnds[n]!; k++) brief |= 1 << (itemHeads[k]! & 31);
    for (let k = from; k < itemEnds[n]!; k++) {
      const j = next[itemHeads[k]!]!++;
      byTotal[j] = n;
      briefTotals[j] = totals[n]!;
      briefHeads[j] = brief;
    }
  }
  // Per owner, the heads its items have (ascending, ownerHeads[ownerHeadStart[o]] up to
  // ownerHeadStart[o + 1]) and where in `postings` each one's run of the owner's items starts: a
  // wanted owner's items having a head are found by bisecting its few heads, not a head's postings.
  // Two passes over the postings, heads in order: each owner's count of runs, then the runs.
  const ownerHeadStart = new Int32Array(owners.length + 1);
  const eachRun = (f: (o: number, id: number, j: number) => void) => {
    for (let id = 0; id < weights.length; id++) {
      for (let j = starts[id]!, last = -1; j < starts[id + 1]!; j++) {
        const o = ownerOf[postings[j]!]!;
        if (o !== last) f((last = o), id, j);
      }
    }
  };
  eachRun((o) => ownerHeadStart[o + 1]!++);
  for (let o = 0; o < owners.length; o++) ownerHeadStart[o + 1]! += ownerHeadStart[o]!;
  const ownerHeads = new Int32Array(ownerHeadStart[owners.length]!);
  const ownerRuns = new Int32Array(ownerHeads.length);
  next = ownerHeadStart.slice(0, owners.length);
  eachRun((o, id, j) => {
    ownerHeads[next[o]!] = id;
    ownerRuns[next[o]!++] = j;
  });
  const shared = new Float64Array(items.length);
  const touched = new Int32Array(items.length);
  // The place in the question of the head each item was met at first.
  const metAt = new Int32Array(items.length);
  // The question's heads, marked with the call's number, and their places in it; scratch space for an item's places.
  const headCall = new Int32Array(weights.length);
  const headPlace = new Int32Array(weights.length);
  const places = new Int32Array(items.reduce((most, item) => Math.max(most, item.heads.length), 0));
  // Per owner, its best item so far (-1: none yet), that item's similarity and order key, and the
  // smallest order key of its items counted: the order a walk of every posting would meet them in
  // (`closest` below), which decides between equals and orders the owners returned.
  const bestItem = new Int32Array(owners.length).fill(-1);
  const bestSim = new Float64Array(owners.length);
  const bestKey = new Float64Array(owners.length);
  const firstKey = new Float64Array(owners.length);
  // The owners a call wants, marked with the call's number (no clearing between calls).
  const wantedIn = new Int32Array(owners.length);
  // The items a call has summed whole, marked with the call's number.
  const seenIn = new Int32Array(items.length);
  const m: Matcher = { texts, owners, ownerIds, ownerStart, ownerOf, was, weight, byHead, headCall, headPlace, places, weights, totals, itemHeads, itemEnds, starts, postings, byTotal, briefTotals, briefHeads, bitWeights: new Float64Array(32), ownerHeadStart, ownerHeads, ownerRuns, shared, touched, metAt, seenIn, bestItem, bestSim, bestKey, firstKey, ownersMet: [], wantedIn, predicateWeight, call: 0 };
  return { closest: (q, wanted) => closestIn(m, q, wanted) };
}

/** A total to a 16th: the order of `byTotal`. */
const totalStep = (total: number) => Math.floor(total * 16);

/**
 * The items' numbers in order of their totals to a 16th, by a counting sort (a sort by comparator
 * took as long as the rest of the build): a walk up to a total meets every item up to it, and the
 * few a little over are summed and found less similar.
 */
function inOrderOfTotal(totals: Float64Array): Int32Array {
  let top = 0;
  for (const total of totals) top = Math.max(top, totalStep(total));
  const starts = new Int32Array(top + 2);
  for (const total of totals) starts[totalStep(total) + 1]!++;
  for (let s = 0; s <= top; s++) starts[s + 1]! += starts[s]!;
  const order = new Int32Array(totals.length);
  for (let n = 0; n < totals.length; n++) order[starts[totalStep(totals[n]!)]!++] = n;
  return order;
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
  headCall: Int32Array;
  headPlace: Int32Array;
  places: Int32Array;
  weights: number[];
  totals: Float64Array;
  itemHeads: Int32Array;
  itemEnds: Int32Array;
  starts: Int32Array;
  postings: Int32Array;
  byTotal: Int32Array;
  briefTotals: Float32Array;
  briefHeads: Int32Array;
  /** Scratch space: the weight of the question's heads on each bit of `briefHeads`. */
  bitWeights: Float64Array;
  ownerHeadStart: Int32Array;
  ownerHeads: Int32Array;
  ownerRuns: Int32Array;
  shared: Float64Array;
  touched: Int32Array;
  metAt: Int32Array;
  seenIn: Int32Array;
  bestItem: Int32Array;
  bestSim: Float64Array;
  bestKey: Float64Array;
  firstKey: Float64Array;
  /** The owners a call has counted an item of, in the order first counted. */
  ownersMet: number[];
  wantedIn: Int32Array;
  predicateWeight: number;
  call: number;
}

/**
 * Item n's share of the question: the weights of its heads the question has (marked for the call in
 * headCall, at their places in headPlace), summed in the question's order as a walk of every posting
 * sums them. Those places are left in `places`, first to last.
 */
function shareOf(m: Matcher, n: number, qWeights: readonly number[], call: number): number {
  const { itemHeads, itemEnds, headCall, headPlace, places } = m;
  let found = 0;
  for (let k = n === 0 ? 0 : itemEnds[n - 1]!, end = itemEnds[n]!; k < end; k++) {
    const id = itemHeads[k]!;
    if (headCall[id] !== call) continue;
    // In order as found: an item has a few heads.
    const place = headPlace[id]!;
    let i = found++;
    for (; i > 0 && places[i - 1]! > place; i--) places[i] = places[i - 1]!;
    places[i] = place;
  }
  let share = 0;
  for (let i = 0; i < found; i++) share += qWeights[places[i]!]!;
  return share;
}

/** Where in `postings` head `id`'s run of an owner's items starts, by bisecting the owner's heads (heads[from] up to heads[to]); -1: none has it. */
function runOf(heads: Int32Array, from: number, to: number, id: number, runs: Int32Array): number {
  for (let hi = to; from < hi; ) {
    const mid = (from + hi) >> 1;
    if (heads[mid]! < id) from = mid + 1;
    else hi = mid;
  }
  return from < to && heads[from] === id ? runs[from]! : -1;
}

/**
 * Counts item n (of owner o) with its similarity and the place in the question of its first head:
 * its owner's best is the most similar, among equals the one a walk of every posting in the
 * question's order meets first (by that place, then by the item's place in `items`).
 */
function count(m: Matcher, n: number, o: number, sim: number, first: number): void {
  const { bestItem, bestSim, bestKey, firstKey } = m;
  const key = first * m.texts.length + m.was[n]!;
  if (bestItem[o] === -1) {
    m.ownersMet.push(o);
    firstKey[o] = key;
  } else {
    firstKey[o] = Math.min(firstKey[o]!, key);
    if (!(sim > bestSim[o]! || (sim === bestSim[o] && key < bestKey[o]!))) return;
  }
  bestItem[o] = n;
  bestSim[o] = sim;
  bestKey[o] = key;
}

/**
 * ExampleMatcher.closest over a matcher's tables, read into locals first: an engine has several
 * matchers (examples, near-misses, out of scope), so V8 cannot fold one's closure variables into the
 * code, and reading them from a closure in the loops below took about a third more time (measured).
 *
 * Two walks: each wanted owner's items, each sharing a head counted whatever its similarity; then
 * the others', of which only those at least minSim similar count, found without summing every item
 * sharing a common word.
 */
function closestIn(m: Matcher, q: ParsedQuestion, wanted: Wanted = { facts: [], minSim: 0 }): Map<string, ClosestExample> {
  const { texts, owners, ownerIds, weight, byHead, headCall, headPlace, weights, bestItem, bestSim, ownersMet, firstKey, wantedIn, predicateWeight } = m;
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
    if (id !== undefined) (headCall[id] = call), (headPlace[id] = heads.length);
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
  for (const o of wantedOwners) bestOfWanted(m, o, ids, qWeights, qTotal);
  similarOthers(m, ids, qWeights, qTotal, minSim, call);
  ownersMet.sort((a, b) => firstKey[a]! - firstKey[b]!);
  // A similarity is compared for every fact met, a name looked up only for the few wanted.
  const best = new Map<string, ClosestExample>();
  const add = (o: number) => best.set(owners[o]!, { sim: bestSim[o]!, text: texts[bestItem[o]!]! });
  for (const o of ownersMet) if (bestSim[o]! >= minSim) add(o);
  // Wanted, met, but less similar than minSim: not added above.
  for (const o of wantedOwners) if (bestItem[o] !== -1 && !(bestSim[o]! >= minSim)) add(o);
  for (const o of ownersMet) bestItem[o] = -1;
  ownersMet.length = 0;
  return best;
}

/**
 * Owner o's best item and its smallest order key (count), of its items sharing a head with the
 * question: found through o's run of each head's postings, each item's share summed in the question's
 * order as a walk of every posting sums it.
 */
function bestOfWanted(m: Matcher, o: number, ids: readonly number[], qWeights: readonly number[], qTotal: number): void {
  const { ownerStart, was, totals, starts, postings, ownerHeadStart, ownerHeads, ownerRuns, shared, touched, metAt, bestItem, bestSim, bestKey, firstKey, ownersMet } = m;
  const itemCount = m.texts.length;
  const stopAt = ownerStart[o + 1]!;
  let met = 0;
  for (let h = 0; h < ids.length; h++) {
    const id = ids[h]!;
    if (id === -1) continue;
    let j = runOf(ownerHeads, ownerHeadStart[o]!, ownerHeadStart[o + 1]!, id, ownerRuns);
    if (j === -1) continue;
    const w = qWeights[h]!;
    for (const end = starts[id + 1]!; j < end; j++) {
      const n = postings[j]!;
      if (n >= stopAt) break;
      // Read once: V8 cannot tell these arrays apart, so a store to one would make it read again.
      const sum = shared[n]!;
      if (sum === 0) (metAt[met] = h), (touched[met++] = n);
      shared[n] = sum + w;
    }
  }
  if (met === 0) return;
  let best = -1;
  let most = 0;
  let bestAt = 0;
  let firstAt = Infinity;
  for (let i = 0; i < met; i++) {
    const n = touched[i]!;
    // At most 1: a head weighs less where it is a verb form, and the two sides may differ there.
    const sim = Math.min(1, (2 * shared[n]!) / (qTotal + totals[n]!));
    shared[n] = 0;
    // The walk's order: by the place of the item's first head in the question, then by its place in `items`.
    const key = metAt[i]! * itemCount + was[n]!;
    if (key < firstAt) firstAt = key;
    if (best === -1 || sim > most || (sim === most && key < bestAt)) (best = n), (most = sim), (bestAt = key);
  }
  ownersMet.push(o);
  bestItem[o] = best;
  bestSim[o] = most;
  bestKey[o] = bestAt;
  firstKey[o] = firstAt;
}

/**
 * Counts the items of owners not wanted that are at least minSim similar (every item sharing a head
 * when minSim ≤ 0), without summing every item sharing a common word. With the question's heads from
 * the lightest up, an item whose heaviest shared head is the k-th shares at most the first k's weight
 * P_k, so is similar enough only if 2·P_k ≥ minSim · qTotal (a lighter head is no such item's
 * heaviest) and its own total is at most 2·P_k / minSim − qTotal (sim ≤ 2 · share / (qTotal + total)).
 * So each head's postings are walked from the lightest item up to that total (and the few a little
 * over, in `byTotal`'s steps), and each item met is summed whole once (in the question's order). The
 * margins keep rounding on the safe side.
 */
function similarOthers(m: Matcher, ids: readonly number[], qWeights: readonly number[], qTotal: number, minSim: number, call: number): void {
  const { ownerOf, totals, starts, byTotal, briefTotals, briefHeads, bitWeights, seenIn, wantedIn } = m;
  const any = !(minSim > 0);
  bitWeights.fill(0);
  let bits = 0;
  for (let h = 0; h < ids.length; h++) if (ids[h] !== -1) (bits |= 1 << (ids[h]! & 31)), (bitWeights[ids[h]! & 31]! += qWeights[h]!);
  let prefix = 0;
  for (const h of [...ids.keys()].filter((h) => ids[h] !== -1).sort((a, b) => qWeights[a]! - qWeights[b]!)) {
    prefix += qWeights[h]!;
    if (!any && 2 * prefix < minSim * qTotal * 0.999) continue;
    const maxTotal = any ? Infinity : (2 * prefix * 1.001) / minSim - qTotal;
    const id = ids[h]!;
    // The first item too heavy, by bisection: a head's postings here are in order of their totals.
    const last = totalStep(maxTotal);
    let stop = starts[id + 1]!;
    for (let lo = starts[id]!; lo < stop; ) {
      const mid = (lo + stop) >> 1;
      if (totalStep(totals[byTotal[mid]!]!) > last) stop = mid;
      else lo = mid + 1;
    }
    for (let j = starts[id]!; j < stop; j++) {
      // At most the weight of the question's heads on the bits its item's heads have: too little
      // to reach minSim with that item's total (in single precision here: the margin covers it).
      if (!any) {
        let most = 0;
        for (let on = briefHeads[j]! & bits; on !== 0; on &= on - 1) most += bitWeights[31 - Math.clz32(on & -on)]!;
        if (2 * most < minSim * (qTotal + briefTotals[j]!) * 0.999) continue;
      }
      const n = byTotal[j]!;
      const o = ownerOf[n]!;
      if (wantedIn[o] === call || seenIn[n] === call) continue;
      seenIn[n] = call;
      const sim = Math.min(1, (2 * shareOf(m, n, qWeights, call)) / (qTotal + totals[n]!));
      if (sim >= minSim) count(m, n, o, sim, m.places[0]!);
    }
  }
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
