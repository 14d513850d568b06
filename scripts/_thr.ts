import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
import { kindOf } from './lib/metrics.ts';
const e = loadEngine('corpus');
const files = process.argv.slice(2);
const set = loadEvalSet().filter((q) => !files.length || files.includes(q.file));
const rows = set.map((q) => {
  const x = e.explain(q.q);
  const refused = !x.decision.answered && x.decision.reason !== 'no-evidence';
  // the candidate decide() would consider: first of ranked (tiering ignored here)
  const top = x.candidates.find((c) => !c.filteredBy);
  return { kind: kindOf(q), ok: top ? q.expect.includes(top.id) : false, ev: refused || !top ? -1 : top.evidence };
});
for (const t of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65]) {
  const ins = rows.filter((r) => r.kind === 'answer');
  const hit = ins.filter((r) => r.ok && r.ev >= t).length / ins.length;
  const oos = rows.filter((r) => r.kind === 'out-of-scope');
  const nm = rows.filter((r) => r.kind === 'near-miss');
  const abst = (xs: typeof rows) => xs.filter((r) => r.ev < t).length / xs.length;
  console.log(`t=${t} hit@1=${(hit * 100).toFixed(1)} oos=${(abst(oos) * 100).toFixed(1)} nm=${(abst(nm) * 100).toFixed(1)} (n=${ins.length}/${oos.length}/${nm.length})`);
}
