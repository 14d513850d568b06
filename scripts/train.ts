// `npm run train`: trains the question classifier on the corpus's example questions and writes
// corpus/classifier.json (src/search/classifier.ts). Run it after changing examples, aliases or the
// lexicon: a test fails while the file was trained on other data (`npm run curate` retrains by itself).
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { trainCorpus } from './lib/train.ts';

const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
const r = trainCorpus(dir);
console.log(`trained on ${r.examples} example questions of ${r.corpus.facts.length} facts in ${r.seconds.toFixed(1)} s: ${r.weights} weights kept over ${r.tokens} tokens → ${path.relative(process.cwd(), path.join(dir, 'classifier.json'))}`);
