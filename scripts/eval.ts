/**
 * `npm run eval`: answer quality on tests/eval/*.yaml, this engine beside MiniSearch defaults on the
 * same corpus and questions. `--misses` lists what the engine got wrong.
 */
import { loadEngine, DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { createBaseline } from './lib/baseline.ts';
import { loadEvalSet } from './lib/eval-set.ts';
import { score, type Metrics } from './lib/metrics.ts';

const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
const set = loadEvalSet(process.env.EVAL_DIR || undefined);
const corpus = loadCorpus(dir);
const engine = loadEngine(dir);
const baseline = createBaseline(corpus);

const ours = score(set, (q) => {
  const a = engine.ask(q);
  return a.answered ? a.answers.map((x) => x.factId) : [];
});
const base = score(set, baseline.rank);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows: [string, (m: Metrics) => string][] = [
  ['hit@1', (m) => pct(m.hit1)],
  ['hit@3', (m) => pct(m.hit3)],
  ['MRR', (m) => m.mrr.toFixed(3)],
  ['abstention (out of scope)', (m) => pct(m.abstention)],
  ['false "not found" (in scope)', (m) => pct(m.falseAbstention)],
  ['hit@1 Korean', (m) => `${pct(m.ko.hit1)} (n=${m.ko.n})`],
  ['hit@1 English', (m) => `${pct(m.en.hit1)} (n=${m.en.n})`],
];
console.log(`corpus: ${corpus.facts.length} facts, ${corpus.sources.size} sources; questions: ${ours.inScope} in scope + ${ours.outOfScope} out of scope`);
console.log(`${'metric'.padEnd(30)}${'engine'.padEnd(18)}MiniSearch defaults`);
for (const [name, f] of rows) console.log(`${name.padEnd(30)}${f(ours).padEnd(18)}${f(base)}`);
// Per question file: the tuned sets beside the held-out one (written without looking at the engine).
console.log(`\n${'file'.padEnd(28)}${'n'.padStart(5)}${'hit@1'.padStart(9)}${'abstention'.padStart(12)}${'  MiniSearch hit@1'}`);
for (const file of [...new Set(set.map((q) => q.file))]) {
  const part = set.filter((q) => q.file === file);
  const o = score(part, (q) => {
    const a = engine.ask(q);
    return a.answered ? a.answers.map((x) => x.factId) : [];
  });
  const b = score(part, baseline.rank);
  console.log(`${file.padEnd(28)}${String(part.length).padStart(5)}${pct(o.hit1).padStart(9)}${(o.outOfScope ? pct(o.abstention) : '-').padStart(12)}${pct(b.hit1).padStart(19)}`);
}
if (process.argv.includes('--misses')) {
  console.log('\nengine misses:');
  for (const m of ours.misses) console.log(`- ${m.q}\n    expect ${m.expect.join(', ') || '(not found)'}; got ${m.got.join(', ') || '(not found)'}`);
}
