import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
const e = loadEngine('corpus');
const files = process.argv.slice(2);
const set = loadEvalSet().filter((q) => files.includes(q.file));
let n = 0;
for (const q of set) {
  const a = e.ask(q.q);
  const got = a.answered ? a.answers[0]!.factId : '(none)';
  const ok = q.expect.length ? q.expect.includes(got) : !a.answered;
  if (ok) continue;
  n++;
  const x = e.explain(q.q);
  const exp = x.candidates.find((c) => q.expect.includes(c.id));
  const top = x.candidates[0];
  const f = (c: any) => c ? `${c.id} s=${c.rank.toFixed(2)} cov=${c.coverage.toFixed(2)} ev=${c.evidence.toFixed(2)} ex=${c.example?.sim.toFixed(2) ?? '-'}${c.filteredBy ? ' FILTER:' + c.filteredBy : ''} miss=[${c.missing.join(',')}]` : '-';
  console.log(`\n[${q.file}] ${q.q}\n  want ${q.expect.join(',') || 'ABSTAIN'} (${q.kind ?? ''}) got ${got} ${JSON.stringify(x.decision.answered ? '' : x.decision.reason)} prog=${x.question.programme.by}/${x.question.programme.id ?? ''} int=${x.question.intents}\n  units ${JSON.stringify(x.units.map((u) => u[0]))} ctx=${x.question.context}\n  top: ${f(top)}\n  exp: ${f(exp)}`);
}
console.log('\nmisses', n, 'of', set.length);
