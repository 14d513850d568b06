import { loadCorpus, createEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
const c = loadCorpus('corpus');
const e = createEngine(c);
const qs = loadEvalSet().map((q) => q.q);
for (const q of qs) e.ask(q);
const t = performance.now();
for (let r = 0; r < 3; r++) for (const q of qs) e.ask(q);
console.log('per q µs', ((performance.now() - t) * 1000 / (3 * qs.length)).toFixed(0));
