// `npm run train`: trains the question classifier on the corpus's example questions and writes
// corpus/classifier.json (src/search/classifier.ts), stores the examples' analyses for the index in
// corpus/example-analyses.json (src/search/example-analyses.ts), and learns the choice among a
// follow-up's readings from the dev follow-up conversations into corpus/thread-choice.json
// (src/answer/thread-choice.ts). Run it after changing examples,
// aliases, the lexicon or the analysis: a test fails while either file was made from other data
// (`npm run curate` retrains by itself).
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { trainCorpus } from './lib/train.ts';

const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
const r = trainCorpus(dir);
console.log(`trained on ${r.examples} example questions of ${r.corpus.facts.length} facts in ${r.seconds.toFixed(1)} s: ${r.weights} weights kept over ${r.tokens} tokens → ${path.relative(process.cwd(), path.join(dir, 'classifier.json'))}; their analyses → ${path.relative(process.cwd(), path.join(dir, 'example-analyses.json'))}; the choice among follow-ups' readings, from ${r.turns} dev follow-up turns → ${r.turns > 0 ? path.relative(process.cwd(), path.join(dir, 'thread-choice.json')) : '(none: no turn about these facts)'}`);
