import { loadEngine } from '../src/index.ts';
const e = loadEngine('corpus');
for (const q of process.argv.slice(2)) {
  const a = e.ask(q);
  const x = e.explain(q);
  console.log(`\n## ${q}\n   ${a.answered ? a.answers.map((i) => i.factId).join(', ') : 'NOT FOUND'} ${a.notice ? '[' + a.notice.kind + ']' : ''} ${JSON.stringify(x.decision)} prog=${JSON.stringify(x.question.programme)} intents=${x.question.intents}`);
  console.log('   units', JSON.stringify(x.units.map((u) => u[0])));
  for (const c of x.candidates.slice(0, 5)) console.log(`   ${c.id.padEnd(40)} s=${c.rank.toFixed(3)} cov=${c.coverage.toFixed(2)} ev=${c.evidence.toFixed(2)} ex=${c.example?.sim.toFixed(2) ?? '-'} ${c.filteredBy ?? ''} ${c.rules.filter((r) => r.factor !== 1).map((r) => r.rule + '=' + r.factor.toFixed(2)).join(' ')}`);
}
