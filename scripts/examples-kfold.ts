/**
 * `npm run eval:examples`: the corpus's example questions asked as fresh questions, k-fold (see
 * lib/examples-kfold.ts). A measure to tune on beside the dev sets, and the way to pick the facts a
 * next round of examples should go to.
 *   --folds N     folds (default 10)
 *   --opts JSON   knobs to try, merged into the engine's defaultOptions (as for npm run eval)
 *   --facts N     list the N facts whose held-out examples are answered worst, with who answered instead
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { mergeOptions } from './lib/options.ts';
import { examplesKFold } from './lib/examples-kfold.ts';

const { values } = parseArgs({ options: { folds: { type: 'string', default: '10' }, opts: { type: 'string' }, facts: { type: 'string', default: '0' } } });
const corpus = loadCorpus(process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR);
const r = examplesKFold(corpus, Number(values.folds), values.opts ? mergeOptions(JSON.parse(values.opts)) : {});
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`examples asked as fresh questions (${values.folds}-fold): ${r.asked}`);
console.log(`own fact first  ${pct(r.hit1)}`);
console.log(`not found       ${pct(r.notFound)}`);
for (const [lang, l] of Object.entries(r.byLang).sort()) console.log(`${lang.padEnd(16)}${pct(l.hit1)} (n=${l.n})`);
const worst = [...r.facts].sort((a, b) => a.hits / a.n - b.hits / b.n || a.id.localeCompare(b.id)).slice(0, Number(values.facts));
for (const f of worst) {
  const instead = [...f.instead].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, n]) => `${id} (${n})`).join(', ');
  console.log(`${pct(f.hits / f.n).padStart(6)} of ${String(f.n).padStart(2)}  ${f.id}  not found ${f.notFound}${instead ? `; instead: ${instead}` : ''}`);
}
