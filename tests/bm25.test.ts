/**
 * The BM25 scorer against MiniSearch configured as the engine used it before (exact terms, OR, the
 * same fields, boosts and parameters): the same hits, in the same order, with the same scores to
 * the last bit, on the fixture corpus and on random ones.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { loadCorpus } from '../src/index.ts';
import { createBm25, type Bm25Doc } from '../src/search/bm25.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

type Field = 'statement' | 'keywords' | 'topic' | 'examples';
const FIELDS: Field[] = ['statement', 'keywords', 'topic', 'examples'];
const BOOST = { statement: 1, keywords: 2, topic: 1.5, examples: 1 };
const PARAMS = { k: 1.6, b: 0.75, d: 0.5 };

/** MiniSearch over the same tokens (each field given as its tokens joined by spaces). */
function reference(docs: Bm25Doc<Field>[]) {
  const ms = new MiniSearch({
    fields: FIELDS,
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (t) => t,
    searchOptions: { boost: BOOST, combineWith: 'OR', tokenize: (q) => q.split(' '), processTerm: (t) => t, bm25: PARAMS },
  });
  ms.addAll(docs.map((d) => ({ id: d.id, ...Object.fromEntries(FIELDS.map((f) => [f, d.fields[f].join(' ')])) })));
  return (terms: string[], limit: number) => (terms.length ? ms.search(terms.join(' ')).slice(0, limit).map((h) => ({ id: h.id as string, score: h.score })) : []);
}

describe('BM25', () => {
  it('scores the fixture corpus exactly as MiniSearch did', () => {
    const corpus = loadCorpus(fixtureCorpus('rules-corpus'));
    const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
    const tokens = (text: string) => analyzer.indexed(text).tokens;
    const docs = corpus.facts.map((f) => ({
      id: f.id,
      fields: { statement: [...tokens(f.ko), ...tokens(f.en)], keywords: tokens(f.keywords.join(' \n ')), topic: tokens(f.topic), examples: tokens(f.examples.join(' \n ')) },
    }));
    const ours = createBm25(FIELDS, docs, BOOST, PARAMS);
    const theirs = reference(docs);
    const questions = corpus.facts.flatMap((f) => [...f.examples, f.ko, f.en]);
    for (const q of questions) {
      const terms = [...new Set(analyzer.tokens(q))];
      for (const limit of [3, 20]) expect(ours.search(terms, limit), q).toEqual(theirs(terms, limit));
    }
    expect(ours.search([], 20)).toEqual([]);
    expect(ours.search(['never-indexed'], 20)).toEqual([]);
  });

  it('keeps tied documents in the order MiniSearch meets them: field by field, then by document', () => {
    const none = { statement: [], keywords: [], topic: [], examples: [] };
    const tied = (docs: Bm25Doc<Field>[]) => {
      const hits = createBm25(FIELDS, docs, BOOST, PARAMS).search(['a'], 3);
      expect(new Set(hits.map((h) => h.score)).size).toBe(1);
      expect(hits).toEqual(reference(docs)(['a'], 3));
      return hits.map((h) => h.id);
    };
    expect(tied([{ id: 'first', fields: { ...none, statement: ['a'] } }, { id: 'second', fields: { ...none, statement: ['a'] } }])).toEqual(['first', 'second']);
    expect(tied([{ id: 'in-examples', fields: { ...none, examples: ['a'] } }, { id: 'in-statement', fields: { ...none, statement: ['a'] } }])).toEqual(['in-statement', 'in-examples']);
  });

  it('scores random corpora exactly as MiniSearch does, ties and the limit included', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const field = fc.array(word, { maxLength: 6 });
    const doc = fc.record({ statement: field, keywords: field, topic: field, examples: field });
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 8 }), fc.uniqueArray(word, { maxLength: 4 }), fc.integer({ min: 1, max: 8 }), (fields, terms, limit) => {
        const docs = fields.map((f, i) => ({ id: `d${i}`, fields: f }));
        expect(createBm25(FIELDS, docs, BOOST, PARAMS).search(terms, limit)).toEqual(reference(docs)(terms, limit));
      }),
    );
  });

  it('gives several lists from one search, each as its own search would', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const field = fc.array(word, { maxLength: 6 });
    const doc = fc.record({ statement: field, keywords: field, topic: field, examples: field });
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 8 }), fc.uniqueArray(word, { maxLength: 4 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (fields, terms, limit, evenLimit) => {
        const bm25 = createBm25(FIELDS, fields.map((f, i) => ({ id: `d${i}`, fields: f })), BOOST, PARAMS);
        const even = (id: string) => Number(id.slice(1)) % 2 === 0;
        expect(bm25.searchEach(terms, [{ limit }, { limit: evenLimit, keep: even }])).toEqual([bm25.search(terms, limit), bm25.search(terms, evenLimit, even)]);
      }),
    );
  });
});
