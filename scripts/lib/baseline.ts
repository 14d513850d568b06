import MiniSearch from 'minisearch';
import type { Corpus } from '../../src/corpus/load.ts';

/** MiniSearch with default options over the same facts: the yardstick in eval and bench. */
export function createBaseline(corpus: Corpus) {
  const index = new MiniSearch({ fields: ['ko', 'en', 'keywords'] });
  index.addAll(corpus.facts.map((f) => ({ id: f.id, ko: f.ko, en: f.en, keywords: f.keywords.join(' ') })));
  return {
    /** Fact ids, best first; empty when nothing matches (its only way to abstain). */
    rank: (q: string): string[] => index.search(q).map((r) => r.id as string),
  };
}
