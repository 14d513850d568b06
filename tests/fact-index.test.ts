/** The fact index's sets on the fixture corpus: what coverage relies on. */
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { loadCorpus } from '../src/index.ts';
import { defaultOptions } from '../src/engine.ts';
import { buildFactIndex } from '../src/search/fact-index.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

describe('fact index', () => {
  it("a fact's words, own tokens and example words are all among its terms (coverage looks there first)", () => {
    const corpus = loadCorpus(fixtureCorpus('rules-corpus'));
    const index = buildFactIndex(corpus, new Analyzer(corpus.aliases, corpus.lexicon), defaultOptions.index);
    for (const e of index.entries.values()) {
      for (const t of [...e.words, ...e.own, ...e.exampleWords, ...e.stated, ...e.keywords]) expect(e.terms.has(t), `${e.fact.id}: ${t}`).toBe(true);
    }
  });

  it('a fact gives a reason where its statement says one, or where its curated keywords say it gives one (이유, why there)', () => {
    const corpus = loadCorpus(fixtureCorpus('rules-corpus'));
    const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
    const fact = corpus.facts.find((f) => f.id === 'briefing-venue')!;
    const withKeyword = { ...corpus, facts: corpus.facts.map((f) => (f.id === fact.id ? { ...f, keywords: [...f.keywords, '이유'] } : f)) };
    expect(buildFactIndex(corpus, analyzer, defaultOptions.index).entries.get(fact.id)!.gives.has('why')).toBe(false);
    expect(buildFactIndex(withKeyword, analyzer, defaultOptions.index).entries.get(fact.id)!.gives.has('why')).toBe(true);
  });
});
