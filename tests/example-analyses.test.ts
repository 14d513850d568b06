/**
 * The examples' and statements' analyses stored by `npm run train` (src/search/example-analyses.ts): an index built
 * from them is the index a fresh analysis builds, they are set aside where they may no longer hold,
 * a broken file is named, and the shipped file is never stale.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, CorpusError, DEFAULT_CORPUS_DIR, defaultOptions, loadCorpus, type Corpus } from '../src/index.ts';
import { buildFactIndex } from '../src/search/fact-index.ts';
import { analysedWith, exampleAnalysesStale, storeExampleAnalyses } from '../src/search/example-analyses.ts';
import { fromBase64, toBase64 } from '../src/search/base64-arrays.ts';
import { fixtureCorpus, writeCorpus } from './helpers/tmp-corpus.ts';

const analyzerOf = (c: Corpus) => new Analyzer(c.aliases, c.lexicon);
const indexOf = (c: Corpus) => buildFactIndex(c, analyzerOf(c), defaultOptions.index);
/** The facts BM25 finds for a token (the examples field holds the stored tokens). */
const found = (c: Corpus, token: string) => indexOf(c).search([token], [{ limit: 5 }])[0]!.map((h) => h.id);
const without = (c: Corpus): Corpus => {
  const { exampleAnalyses: _, ...rest } = c;
  return rest;
};

/** What the index holds of each fact's examples, and what BM25 finds for every token. */
function indexView(c: Corpus) {
  const index = indexOf(c);
  const sorted = (s: Iterable<string>) => [...s].sort();
  const entries = [...index.entries].map(([id, e]) => ({ id, terms: sorted(e.terms), own: sorted(e.own), stated: sorted(e.stated), words: sorted(e.words), aliasParts: [...e.aliasParts], keywords: sorted(e.keywords), opening: sorted(e.opening), ordinals: e.ordinals, entities: sorted(e.entities), exampleWords: sorted(e.exampleWords), examples: e.examples.map((x) => ({ text: x.text, heads: x.heads, verbForms: sorted(x.verbForms) })), nearMisses: e.nearMisses.map((x) => ({ text: x.text, heads: x.heads, verbForms: sorted(x.verbForms) })) }));
  const tokens = sorted(index.df.keys());
  const hits = tokens.map((t) => index.search([t], [{ limit: 5 }])[0]!.map((h) => `${h.id}:${h.score.toFixed(9)}`));
  return { entries, df: tokens.map((t) => [t, index.df.get(t)]), hits };
}

const fixture = loadCorpus(fixtureCorpus('rules-corpus'));
const stored = storeExampleAnalyses(fixture, analyzerOf(fixture));

/** The stored analyses with the first token of `factId`'s examples field replaced by one no analysis gives. */
function tampered(c: Corpus, factId: string): Corpus {
  const file = storeExampleAnalyses(c, analyzerOf(c));
  const vocabulary = [...file.vocabulary, 'tampered-token'];
  const data = fromBase64(file.data, Int32Array);
  // Walk to the fact's field (the format of ExampleAnalysesFile.data) and replace its first token.
  let at = 0;
  const skipList = () => {
    const questions = data[at++]!;
    for (let i = 0; i < questions; i++) {
      const units = data[at++]!;
      for (let k = 0; k < units; k++) at += 2 + data[at + 1]!;
    }
  };
  for (const { id } of file.facts) {
    skipList(); // its examples
    if (id === factId) data[at + 1] = vocabulary.length - 1;
    at += 1 + data[at]!;
    skipList(); // its near-misses
  }
  return { ...c, exampleAnalyses: { ...file, vocabulary, data: toBase64(data) } };
}

describe('stored example analyses', () => {
  it('build the same index as analysing the examples afresh (the shipped corpus)', () => {
    const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
    expect(corpus.exampleAnalyses, 'corpus/example-analyses.json is missing: npm run train').toBeDefined();
    expect(indexView(corpus)).toEqual(indexView(without(corpus)));
  });

  it('are read where they hold: a stored token shows in the index', () => {
    const id = fixture.facts.filter((f) => f.examples.length > 0).at(-1)!.id;
    const withTampered = tampered(fixture, id);
    expect(found(withTampered, 'tampered-token')).toEqual([id]);
    expect(found(without(fixture), 'tampered-token')).toEqual([]);
  });

  it("are set aside for a fact whose examples changed, and wholly when the aliases or lexicon changed", () => {
    const id = fixture.facts.filter((f) => f.examples.length > 0).at(-1)!.id;
    const withTampered = tampered(fixture, id);
    const edited = { ...withTampered, facts: withTampered.facts.map((f) => (f.id === id ? { ...f, examples: [...f.examples, 'one more way to ask'] } : f)) };
    expect(found(edited, 'tampered-token')).toEqual([]);
    expect(indexView(edited)).toEqual(indexView(without(edited)));
    // A near-miss added is an edit of the fact too.
    const nearMissAdded = { ...withTampered, facts: withTampered.facts.map((f) => (f.id === id ? { ...f, nearMisses: [...f.nearMisses, 'what no source says about it'] } : f)) };
    expect(found(nearMissAdded, 'tampered-token')).toEqual([]);
    expect(indexView(nearMissAdded)).toEqual(indexView(without(nearMissAdded)));
    const newAlias = { ...withTampered, aliases: [...withTampered.aliases, { id: 'newly-added', terms: ['brand new term'], entity: false, attribute: false, framing: false, tool: false, broader: [] }] };
    expect(analysedWith(newAlias)).not.toBe(analysedWith(fixture));
    expect(found(newAlias, 'tampered-token')).toEqual([]);
  });

  it("are read for a fact's statements where they hold, and set aside once they change", () => {
    const id = fixture.facts.at(-1)!.id;
    // The stored analyses with the first token of the fact's Korean statement replaced.
    const file = storeExampleAnalyses(fixture, analyzerOf(fixture));
    const vocabulary = [...file.vocabulary, 'tampered-token'];
    const texts = fromBase64(file.texts, Int32Array);
    let at = 0;
    for (const f of file.facts.slice(0, -1)) {
      for (let text = 0; text < 3; text++) {
        for (let u = texts[at++]!; u > 0; u--) at += 2 + texts[at + 1]!;
        at += 1 + texts[at]!;
        at += 1 + texts[at]!;
      }
      expect(f.id).not.toBe(id);
    }
    texts[at + 3] = vocabulary.length - 1; // its number of units, the first one's place and number of tokens, then its first token
    const withTampered: Corpus = { ...fixture, exampleAnalyses: { ...file, vocabulary, texts: toBase64(texts) } };
    expect(indexOf(withTampered).entries.get(id)!.stated.has('tampered-token')).toBe(true);
    const edited = { ...withTampered, facts: withTampered.facts.map((f) => (f.id === id ? { ...f, keywords: [...f.keywords, 'one more keyword'] } : f)) };
    expect(indexOf(edited).entries.get(id)!.stated.has('tampered-token')).toBe(false);
    expect(indexView(edited)).toEqual(indexView(without(edited)));
  });

  it('are set aside wholly when a sampled example reads otherwise now (the analysis code changed)', () => {
    // Every fact's stored field tampered, and each example's units too: the sample sees it.
    const file = storeExampleAnalyses(fixture, analyzerOf(fixture));
    const vocabulary = file.vocabulary.map((t) => `${t}-old`);
    const changed: Corpus = { ...fixture, exampleAnalyses: { ...file, vocabulary } };
    expect(indexView(changed)).toEqual(indexView(without(fixture)));
  });

  it('are stale once an example changes (npm run corpus:check says so; npm run train mends it)', () => {
    const dir = fixtureCorpus('rules-corpus');
    fs.writeFileSync(path.join(dir, 'example-analyses.json'), JSON.stringify(stored));
    expect(exampleAnalysesStale(loadCorpus(dir), analyzerOf(fixture))).toBe(false);
    const file = path.join(dir, 'facts/facts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"how many GPUs per team?"', '"how many GPUs per team?", "gpu count per team pls"'));
    const edited = loadCorpus(dir);
    expect(exampleAnalysesStale(edited, analyzerOf(edited))).toBe(true);
    // The classifier is not part of this fixture: only the analyses are checked.
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-corpus.ts', dir], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/example-analyses\.json differs from what analysing the example questions gives now: run npm run train/);
  });

  it('a broken file fails loading with the file and field named', () => {
    const dir = writeCorpus();
    expect(loadCorpus(dir).exampleAnalyses).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'example-analyses.json'), JSON.stringify({ ...stored, analysedWith: 'nope' }));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(/example-analyses\.json: field analysedWith: a sha256 hex digest; run npm run train/);
    fs.writeFileSync(path.join(dir, 'example-analyses.json'), '[');
    expect(() => loadCorpus(dir)).toThrow(/example-analyses\.json: not valid JSON/);
  });

  it('as shipped hold what analysing the examples gives today (else: npm run train)', () => {
    const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
    expect(exampleAnalysesStale(corpus, analyzerOf(corpus)), 'corpus/example-analyses.json is stale: run npm run train and commit it').toBe(false);
  });
});
