// Writes every evaluation miss with the facts' texts, for a person auditing the labels.
import fs from 'node:fs';
import { loadEngine } from '../../src/index.ts';
import { loadEvalSet } from './eval-set.ts';
const e = loadEngine();
const text = new Map(e.corpus.facts.map((f) => [f.id, f.ko.replace(/\s+/g, ' ').slice(0, 300)]));
const out: string[] = [];
for (const q of loadEvalSet()) {
  const a = e.ask(q.q);
  const got = a.answered ? a.answers[0]!.factId : undefined;
  const ok = q.expect.length === 0 ? !a.answered : got !== undefined && q.expect.includes(got);
  if (ok) continue;
  const cands = e.explain(q.q).candidates.slice(0, 3).map((c) => c.id);
  out.push(`## ${q.file}: ${q.q}\nexpect: ${q.expect.length ? q.expect.join(', ') : '(not found)'}\ngot: ${got ?? '(not found)'}; candidates: ${cands.join(', ')}`);
  for (const id of new Set([...q.expect, ...cands])) out.push(`- ${id}: ${text.get(id)}`);
  out.push('');
}
fs.writeFileSync(process.argv[2] ?? '/tmp/misses.md', out.join('\n'));
console.log(`${out.filter((l) => l.startsWith('## ')).length} misses written`);
