import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from './lib/eval-set.ts';
const e = loadEngine('corpus');
for (const q of loadEvalSet()) { const a = e.ask(q.q); const got = a.answered ? a.answers[0]!.factId : '-'; const ok = q.expect.length ? q.expect.includes(got) : got === '-'; console.log(`${ok ? 'OK ' : 'BAD'}\t${got}\t${q.file}\t${q.q}`); }
