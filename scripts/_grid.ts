import { createEngine, defaultOptions, loadCorpus, type EngineOptions } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
import { score } from './lib/metrics.ts';
const c = loadCorpus('corpus');
const all = loadEvalSet();
const old = all.filter((q) => !q.file.startsWith('dev1'));
const fresh = all.filter((q) => q.file.startsWith('dev1'));
const merge = (base: any, p: any): any => (p && typeof p === 'object' && !Array.isArray(p) ? Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(p)])].map((k) => [k, k in p ? merge(base[k], p[k]) : base[k]])) : p);
const grid: any[] = JSON.parse(process.argv[2]!);
for (const patch of grid) {
  const e = createEngine(c, merge(defaultOptions, patch) as EngineOptions);
  const r = (q: string) => { const a = e.ask(q); return a.answered ? a.answers.map((x) => x.factId) : []; };
  const o = score(old, r), f = score(fresh, r);
  console.log(`${JSON.stringify(patch).padEnd(70)} old ${(o.hit1 * 100).toFixed(1)}/${(o.abstention * 100).toFixed(1)}  fresh ${(f.hit1 * 100).toFixed(1)}/${(f.abstention * 100).toFixed(1)}/${(f.nearMissAbstention * 100).toFixed(1)}`);
}
