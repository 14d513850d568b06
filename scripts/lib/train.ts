/**
 * Training the question classifier of a corpus folder (src/search/classifier.ts) into its
 * classifier.json, storing its examples' analyses for the index (src/search/example-analyses.ts)
 * in example-analyses.json, and learning the choice among a follow-up's readings
 * (src/answer/thread-choice.ts) into thread-choice.json: for `npm run train`, and for the curator
 * after an edit that changes what they are made of (an example, an alias, a lexicon word).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { train, trainingData } from '../../src/search/classifier.ts';
import { storeExampleAnalyses } from '../../src/search/example-analyses.ts';
import { trainChoice } from '../../src/answer/thread-choice.ts';
import { createEngine } from '../../src/engine.ts';
import { choiceSamples } from './choice-samples.ts';
import { EVAL_DIR, loadConversations } from './eval-set.ts';

/**
 * Trains on the corpus under `dir`, writes its classifier.json, example-analyses.json and (when the dev
 * follow-up conversations have turns about its facts) thread-choice.json, and returns the corpus read
 * again with them.
 */
export function trainCorpus(dir: string): { corpus: Corpus; examples: number; weights: number; tokens: number; turns: number; seconds: number } {
  const file = path.join(dir, 'classifier.json');
  const analysesFile = path.join(dir, 'example-analyses.json');
  // The files about to be replaced may be stale or broken: the corpus is read without them.
  fs.rmSync(file, { force: true });
  fs.rmSync(analysesFile, { force: true });
  fs.rmSync(path.join(dir, 'thread-choice.json'), { force: true });
  const started = performance.now();
  const corpus = loadCorpus(dir);
  const data = trainingData(corpus, new Analyzer(corpus.aliases, corpus.lexicon));
  const trained = train(data);
  fs.writeFileSync(file, `${JSON.stringify(trained)}\n`);
  // A fresh analyzer, as the engine's index build has.
  fs.writeFileSync(analysesFile, `${JSON.stringify(storeExampleAnalyses(corpus, new Analyzer(corpus.aliases, corpus.lexicon)))}\n`);
  const turns = trainThreadChoice(dir);
  return { corpus: loadCorpus(dir), examples: data.length, weights: Buffer.from(trained.rows.weights, 'base64').length / 4, tokens: trained.vocabulary.length, turns, seconds: (performance.now() - started) / 1000 };
}

/**
 * Learns the choice among a follow-up's readings for the corpus under `dir` into its thread-choice.json
 * (none when no dev follow-up turn is about its facts), from the conversations as the rules read them
 * with its files: after any change to what the engine finds. Returns how many turns it learned from.
 */
export function trainThreadChoice(dir: string): number {
  const file = path.join(dir, 'thread-choice.json');
  fs.rmSync(file, { force: true });
  const choice = trainChoice(choiceSamples(createEngine(loadCorpus(dir)), loadConversations(EVAL_DIR)));
  if (choice.samples > 0) fs.writeFileSync(file, `${JSON.stringify(choice)}\n`);
  return choice.samples;
}
