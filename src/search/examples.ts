/**
 * The closest example question: each fact carries questions people ask for it (`examples:`), and a
 * question that reads like one of them leans to that fact, the way curated FAQ bots match
 * alternate questions. Similarity is the idf-weighted Dice coefficient of the two questions' units
 * (concepts and stems), found through an inverted index so only examples sharing a unit are scored.
 */
import type { FactIndex } from './fact-index.ts';
import type { ParsedQuestion } from '../query/parse.ts';

export interface ClosestExample {
  sim: number;
  text: string;
}

export interface ExampleMatcher {
  /** The best-matching example per fact (only facts with a shared unit). */
  closest(q: ParsedQuestion): Map<string, ClosestExample>;
}

export function createExampleMatcher(index: FactIndex, predicateWeight: number): ExampleMatcher {
  // Every example gets a number; postings and weights are typed arrays, so a question allocates little.
  const owner: string[] = [];
  const texts: string[] = [];
  const totals: number[] = [];
  const postings = new Map<string, number[]>();
  // An unknown word weighs like the rarest term.
  const weight = (t: string) => (index.df.has(t) ? index.idf(t) : index.unknownIdf);
  for (const [id, e] of index.entries) {
    for (const ex of e.examples) {
      const n = owner.length;
      owner.push(id);
      texts.push(ex.text);
      const heads = [...new Set(ex.heads)];
      totals.push(heads.reduce((s, t) => s + weight(t) * (ex.verbForms.has(t) ? predicateWeight : 1), 0));
      for (const h of heads) {
        const list = postings.get(h);
        if (list) list.push(n);
        else postings.set(h, [n]);
      }
    }
  }
  const shared = new Float64Array(owner.length);

  return {
    closest(q) {
      const heads = new Map<string, number>();
      for (const u of q.asking) {
        if (u.framing) continue;
        const t = u.tokens[0]!;
        if (!heads.has(t)) heads.set(t, weight(t) * (u.verbForm ? predicateWeight : 1));
      }
      const qTotal = [...heads.values()].reduce((s, w) => s + w, 0);
      const touched: number[] = [];
      for (const [t, w] of heads) {
        for (const n of postings.get(t) ?? []) {
          if (shared[n] === 0) touched.push(n);
          shared[n]! += w;
        }
      }
      const best = new Map<string, ClosestExample>();
      for (const n of touched) {
        const sim = (2 * shared[n]!) / (qTotal + totals[n]!);
        shared[n] = 0;
        const prev = best.get(owner[n]!);
        if (!prev || sim > prev.sim) best.set(owner[n]!, { sim, text: texts[n]! });
      }
      return best;
    },
  };
}
