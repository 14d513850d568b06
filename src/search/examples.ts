/**
 * The closest example question: each fact carries questions people ask for it (`examples:`), and a
 * question that reads like one of them leans to that fact, the way curated FAQ bots match
 * alternate questions. Similarity is the idf-weighted Dice coefficient of the two questions' units
 * (concepts and stems), found through an inverted index so only examples sharing a unit are scored.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { FactIndex } from './fact-index.ts';
import type { ParsedQuestion } from '../query/parse.ts';

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
  // Every item gets a number; postings and weights are typed arrays, so a question allocates little.
  const totals = new Float64Array(items.length);
  // Each head's postings and weight, found once per distinct head (thousands, against tens of
  // thousands of item heads). An unknown word weighs like the rarest term.
  const lists = new Map<string, { list: number[]; weight: number }>();
  const weight = (t: string) => (index.df.has(t) ? index.idf(t) : index.unknownIdf);
  items.forEach((item, n) => {
    let total = 0;
    item.heads.forEach((h, i) => {
      if (item.heads.indexOf(h) < i) return; // a repeated head counts once (items have a few heads)
      let head = lists.get(h);
      if (head) head.list.push(n);
      else lists.set(h, (head = { list: [n], weight: weight(h) }));
      total += head.weight * (item.verbForms.has(h) ? predicateWeight : 1);
    });
    totals[n] = total;
  });
  // A question looks each of its heads up once: its postings and weight together. The postings are
  // views into one typed array: thousands of heads share one buffer rather than allocate one each.
  const postings = new Int32Array(items.reduce((n, item) => n + item.heads.length, 0));
  const byHead = new Map<string, { items: Int32Array; weight: number }>();
  let filled = 0;
  for (const [h, { list, weight }] of lists) {
    const start = filled;
    for (const n of list) postings[filled++] = n;
    byHead.set(h, { items: postings.subarray(start, filled), weight });
  }
  lists.clear(); // the closure below would keep it alive
  const none = new Int32Array(0);
  const shared = new Float64Array(items.length);
  const touched = new Int32Array(items.length);
  // Owners by number, and per owner its best item so far (-1: none yet) and that item's similarity.
  const owners = [...new Set(items.map((item) => item.owner))];
  const ownerIds = new Map(owners.map((owner, o) => [owner, o]));
  const ownerOf = Int32Array.from(items, (item) => ownerIds.get(item.owner)!);
  const bestItem = new Int32Array(owners.length).fill(-1);
  const bestSim = new Float64Array(owners.length);

  return {
    closest(q, wanted = { facts: [], minSim: 0 }) {
      // The question's distinct heads (a few), in order, with their weights and postings.
      const heads: string[] = [];
      const weights: number[] = [];
      const lists: Int32Array[] = [];
      let qTotal = 0;
      for (const u of q.asking) {
        if (u.framing) continue;
        const t = u.tokens[0]!;
        if (heads.includes(t)) continue;
        const head = byHead.get(t);
        const w = (head ? head.weight : weight(t)) * (u.verbForm ? predicateWeight : 1);
        heads.push(t);
        weights.push(w);
        lists.push(head ? head.items : none);
        qTotal += w;
      }
      let met = 0;
      for (let h = 0; h < lists.length; h++) {
        const list = lists[h]!;
        const w = weights[h]!;
        for (let j = 0; j < list.length; j++) {
          const n = list[j]!;
          if (shared[n] === 0) touched[met++] = n;
          shared[n]! += w;
        }
      }
      const ownersMet: number[] = [];
      for (let i = 0; i < met; i++) {
        const n = touched[i]!;
        // At most 1: a head weighs less where it is a verb form, and the two sides may differ there.
        const sim = Math.min(1, (2 * shared[n]!) / (qTotal + totals[n]!));
        shared[n] = 0;
        const o = ownerOf[n]!;
        if (bestItem[o] === -1) ownersMet.push(o);
        else if (!(sim > bestSim[o]!)) continue;
        bestItem[o] = n;
        bestSim[o] = sim;
      }
      // A similarity is compared for every fact met, a name looked up only for the few wanted.
      const best = new Map<string, ClosestExample>();
      const add = (o: number) => best.set(owners[o]!, { sim: bestSim[o]!, text: items[bestItem[o]!]!.text });
      for (const o of ownersMet) if (bestSim[o]! >= wanted.minSim) add(o);
      for (const id of wanted.facts) {
        const o = ownerIds.get(id);
        // Not added above: met, but less similar than minSim.
        if (o !== undefined && bestItem[o] !== -1 && !(bestSim[o]! >= wanted.minSim)) add(o);
      }
      for (const o of ownersMet) bestItem[o] = -1;
      return best;
    },
  };
}

/** The closest example question of each fact. */
export function createExampleMatcher(index: FactIndex, predicateWeight: number): ExampleMatcher {
  const items = [...index.entries].flatMap(([id, e]) => e.examples.map((ex) => ({ owner: id, text: ex.text, heads: ex.heads, verbForms: ex.verbForms })));
  return createQuestionMatcher(items, index, predicateWeight);
}

/** The questions curators marked out of scope, matched like example questions (owner `out-of-scope`). */
export function createOutOfScopeMatcher(questions: readonly string[], analyzer: Analyzer, index: FactIndex, predicateWeight: number): ExampleMatcher {
  const items = questions.map((text) => {
    const units = analyzer.units(text);
    return { owner: 'out-of-scope', text, heads: units.filter((u) => !u.framing).map((u) => u.tokens[0]!), verbForms: new Set(units.filter((u) => u.verbForm).map((u) => u.tokens[0]!)) };
  });
  return createQuestionMatcher(items, index, predicateWeight);
}
