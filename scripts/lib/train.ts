/**
 * Training the question classifier of a corpus folder (src/search/classifier.ts) into its
 * classifier.json: for `npm run train`, and for the curator after an edit that changes what the
 * classifier learns from (an example, an alias, a lexicon word).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { train, trainingData } from '../../src/search/classifier.ts';

/** Trains on the corpus under `dir`, writes its classifier.json, and returns the corpus read again with it. */
export function trainCorpus(dir: string): { corpus: Corpus; examples: number; weights: number; tokens: number; seconds: number } {
  const file = path.join(dir, 'classifier.json');
  // The file about to be replaced may be stale or broken: the corpus is read without it.
  fs.rmSync(file, { force: true });
  const started = performance.now();
  const corpus = loadCorpus(dir);
  const data = trainingData(corpus, new Analyzer(corpus.aliases, corpus.lexicon));
  const trained = train(data);
  fs.writeFileSync(file, `${JSON.stringify(trained)}\n`);
  return { corpus: loadCorpus(dir), examples: data.length, weights: Buffer.from(trained.rows.weights, 'base64').length / 4, tokens: trained.vocabulary.length, seconds: (performance.now() - started) / 1000 };
}
