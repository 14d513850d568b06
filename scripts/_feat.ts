import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
import { kindOf } from './lib/metrics.ts';
const e = loadEngine('corpus');
const files = process.argv.slice(2);
const set = loadEvalSet().filter((q) => !files.length || files.includes(q.file));
const rows: any[] = [];
for (const q of set) {
  const x = e.explain(q.q);
  if (!x.decision.answered && x.decision.reason !== 'no-evidence') continue;
  const top = x.candidates.find((c) => !c.filteredBy);
  if (!top) continue;
  const k = kindOf(q);
  const label = k === 'answer' ? (q.expect.includes(top.id) ? 'OK' : 'WRONG') : k === 'gap' ? 'GAP' : 'NEG';
  const unmet = top.rules.find((r) => r.rule === 'intentUnmet')!.factor;
  rows.push({ label, cov: top.coverage, ex: top.example?.sim ?? 0, unmet, nmiss: top.missing.length, ev: top.evidence, q: q.q });
}
const bucket = (v: number) => Math.min(9, Math.floor(v * 10));
for (const f of ['cov', 'ex', 'ev']) {
  console.log(`\n${f}: bucket OK WRONG NEG`);
  for (let b = 0; b < 10; b++) {
    const c = (l: string) => rows.filter((r) => r.label === l && bucket(r[f]) === b).length;
    console.log(`  ${(b / 10).toFixed(1)}  ${c('OK')}  ${c('WRONG')}  ${c('NEG')}`);
  }
}
// 2D: cov vs ex for OK vs NEG
console.log('\nNEG items with ev >= 0.5:');
for (const r of rows.filter((r) => r.label === 'NEG' && r.ev >= 0.5)) console.log(`  ev=${r.ev.toFixed(2)} cov=${r.cov.toFixed(2)} ex=${r.ex.toFixed(2)} unmet=${r.unmet} ${r.q}`);
import fs from 'node:fs';
fs.writeFileSync('/tmp/feat.json', JSON.stringify(rows));
