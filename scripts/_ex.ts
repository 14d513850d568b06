import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
import { kindOf } from './lib/metrics.ts';
const e = loadEngine('corpus');
const files = process.argv.slice(2);
const set = loadEvalSet().filter((q) => files.includes(q.file) && kindOf(q) === 'answer');
let exTop = 0, engTop = 0, union = 0, exIn3 = 0;
for (const q of set) {
  const x = e.explain(q.q);
  const byEx = x.candidates.filter((c) => c.example).sort((a, b) => b.example!.sim - a.example!.sim);
  const kept = x.candidates.filter((c) => !c.filteredBy);
  const a = byEx[0] && q.expect.includes(byEx[0].id);
  const b = kept[0] && q.expect.includes(kept[0].id);
  if (a) exTop++; if (b) engTop++; if (a || b) union++;
  if (byEx.slice(0, 3).some((c) => q.expect.includes(c.id))) exIn3++;
}
console.log({ n: set.length, exampleTop1: exTop, exampleTop3: exIn3, engineTop1: engTop, either: union });
