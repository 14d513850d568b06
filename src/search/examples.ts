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
  // An unknown word weighs like the rarest term; each example's own weight is summed once.
  const weight = (t: string) => (index.df.has(t) ? index.idf(t) : index.unknownIdf);
  const totals = new Map<string, number[]>();
  for (const [id, e] of index.entries) totals.set(id, e.examples.map((ex) => [...new Set(ex.heads)].reduce((s, t) => s + weight(t) * (ex.verbForms.has(t) ? predicateWeight : 1), 0)));

  return {
    closest(q) {
      const heads = new Map<string, number>();
      for (const u of q.asking) {
        if (u.framing) continue;
        const t = u.tokens[0]!;
        if (!heads.has(t)) heads.set(t, weight(t) * (u.verbForm ? predicateWeight : 1));
      }
      const qTotal = [...heads.values()].reduce((s, w) => s + w, 0);
      const shared = new Map<string, number>(); // `${id}\u0000${i}` → shared weight
      for (const [t, w] of heads) {
        for (const { id, i } of index.examplesByHead.get(t) ?? []) {
          const key = `${id}\u0000${i}`;
          shared.set(key, (shared.get(key) ?? 0) + w);
        }
      }
      const best = new Map<string, ClosestExample>();
      for (const [key, w] of shared) {
        const [id, i] = key.split('\u0000') as [string, string];
        const sim = (2 * w) / (qTotal + totals.get(id)![Number(i)]!);
        const prev = best.get(id);
        if (!prev || sim > prev.sim) best.set(id, { sim, text: index.entries.get(id)!.examples[Number(i)]!.text });
      }
      return best;
    },
  };
}
