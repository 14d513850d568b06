/**
 * Training the question classifier of a corpus folder (src/search/classifier.ts) into its
 * classifier.json, and storing its examples' analyses for the index (src/search/example-analyses.ts)
 * in example-analyses.json: for `npm run train`, and for the curator after an edit that changes what
 * they are made of (an example, an alias, a lexicon word).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { train, trainingData } from '../../src/search/classifier.ts';
import { storeExampleAnalyses } from '../../src/search/example-analyses.ts';

/** Trains on the corpus under `dir`, writes its classifier.json and example-analyses.json, and returns the corpus read again with them. */
export function trainCorpus(dir: string): { corpus: Corpus; examples: number; weights: number; tokens: number; seconds: number } {
  const file = path.join(dir, 'classifier.json');
  const analysesFile = path.join(dir, 'example-analyses.json');
  // The files about to be replaced may be stale or broken: the corpus is read without them.
  fs.rmSync(file, { force: true });
  fs.rmSync(analysesFile, { force: true });
  const started = performance.now();
  const corpus = loadCorpus(dir);
  const data = trainingData(corpus, new Analyzer(corpus.aliases, corpus.lexicon));
  const trained = train(data);
  fs.writeFileSync(file, `${JSON.stringify(trained)}\n`);
  // A fresh analyzer, as the engine's index build has.
  fs.writeFileSync(analysesFile, `${JSON.stringify(storeExampleAnalyses(corpus, new Analyzer(corpus.aliases, corpus.lexicon)))}\n`);
  return { corpus: loadCorpus(dir), examples: data.length, weights: Buffer.from(trained.rows.weights, 'base64').length / 4, tokens: trained.vocabulary.length, seconds: (performance.now() - started) / 1000 };
}
