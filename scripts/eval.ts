/**
 * `npm run eval`: answer quality on the dev sets (tests/eval/, tuned on) and the blind sets
 * (tests/eval-blind/, never tuned on), each beside MiniSearch with default options on the same
 * corpus and questions, and which answers changed against the previous commit.
 *   --misses        list the engine's misses on the dev sets, follow-ups included (never on the blind sets)
 *   --diff REF      compare with another commit than HEAD; --no-diff skips the comparison
 *   --opts JSON     knobs to try, merged into the engine's defaultOptions ('{"decide":{"minEvidence":0.6}}')
 *   --dev-only      leave the blind sets out (while tuning: look at them before and after, not during)
 * EVAL_DIR and BLIND_DIR point at other question folders; CORPUS_DIR at another corpus.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine, DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { mergeOptions } from './lib/options.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { createBaseline } from './lib/baseline.ts';
import { BLIND_DIR, curatedOutOfScope, EVAL_DIR, loadConversations, loadEvalSet, type EvalQuestion } from './lib/eval-set.ts';
import { scoreConversations, scoreMidThread } from './lib/followup-metrics.ts';
import { score, type Metrics } from './lib/metrics.ts';
import { loadPrevious } from './lib/previous.ts';

const { values } = parseArgs({
  options: { opts: { type: 'string' }, misses: { type: 'boolean', default: false }, diff: { type: 'string', default: 'HEAD' }, 'no-diff': { type: 'boolean', default: false }, 'dev-only': { type: 'boolean', default: false } },
});
const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
const corpus = loadCorpus(dir);
// --opts '{"decide":{"minEvidence":0.6}}': knobs to try, merged into the defaults (for tuning on dev sets).
const engine = loadEngine(dir, values.opts ? mergeOptions(JSON.parse(values.opts)) : undefined);
const baseline = createBaseline(corpus);
// Each question is asked once: the ranking and whether the answer says its outcome is not in the sources.
const answers = new Map<string, ReturnType<typeof engine.ask>>();
const asked = (q: string) => answers.get(q) ?? answers.set(q, engine.ask(q)).get(q)!;
const ids = (q: string) => {
  const a = asked(q);
  return a.answered ? a.answers.map((x) => x.factId) : [];
};
const withholds = (q: string) => asked(q).notice !== undefined;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows: [string, (m: Metrics) => string][] = [
  ['hit@1', (m) => pct(m.hit1)],
  ['hit@3', (m) => pct(m.hit3)],
  ['MRR', (m) => m.mrr.toFixed(3)],
  ['abstention, out of scope', (m) => `${pct(m.abstention)} (n=${m.outOfScope})`],
  ['abstention, near-miss', (m) => (m.nearMiss ? `${pct(m.nearMissAbstention)} (n=${m.nearMiss})` : '-')],
  ['  or "no outcome yet"', (m) => (m.nearMiss ? pct(m.nearMissWithheld) : '-')],
  ['false "not found"', (m) => pct(m.falseAbstention)],
  ['hit@1 Korean', (m) => `${pct(m.byLang.ko.hit1)} (n=${m.byLang.ko.n})`],
  ['hit@1 English', (m) => `${pct(m.byLang.en.hit1)} (n=${m.byLang.en.n})`],
  ['hit@1 mixed', (m) => (m.byLang.mixed.n ? `${pct(m.byLang.mixed.hit1)} (n=${m.byLang.mixed.n})` : '-')],
  ['abstention, corpus gaps', (m) => (m.gaps ? `${pct(m.gapAbstention)} (n=${m.gaps})` : '-')],
];

function report(title: string, set: EvalQuestion[]): Metrics {
  const ours = score(set, ids, withholds);
  const base = score(set, baseline.rank);
  console.log(`\n${title}: ${ours.inScope} in scope, ${ours.outOfScope} out of scope, ${ours.nearMiss} near-misses${ours.gaps ? `, ${ours.gaps} corpus gaps` : ''}`);
  console.log(`${'metric'.padEnd(28)}${'engine'.padEnd(20)}MiniSearch defaults`);
  for (const [name, f] of rows) console.log(`${name.padEnd(28)}${f(ours).padEnd(20)}${f(base)}`);
  console.log(`${'file'.padEnd(28)}${'n'.padStart(5)}${'hit@1'.padStart(9)}${'hit@3'.padStart(9)}${'abstain'.padStart(10)}${'near-miss'.padStart(11)}${'  MiniSearch hit@1'}`);
  for (const file of [...new Set(set.map((q) => q.file))]) {
    const part = set.filter((q) => q.file === file);
    const o = score(part, ids, withholds);
    const b = score(part, baseline.rank);
    const cell = (n: number, x: number) => (n ? pct(x) : '-');
    console.log(
      `${file.padEnd(28)}${String(part.length).padStart(5)}${pct(o.hit1).padStart(9)}${pct(o.hit3).padStart(9)}${cell(o.outOfScope, o.abstention).padStart(10)}${cell(o.nearMiss, o.nearMissAbstention).padStart(11)}${pct(b.hit1).padStart(19)}`,
    );
  }
  return ours;
}

const dev = [...loadEvalSet(process.env.EVAL_DIR || EVAL_DIR), ...curatedOutOfScope(corpus)];
const blind = loadEvalSet(process.env.BLIND_DIR || BLIND_DIR);
console.log(`corpus: ${corpus.facts.length} facts, ${corpus.sources.size} sources, ${corpus.facts.reduce((n, f) => n + f.examples.length, 0)} example questions`);
const devMetrics = report(`DEV (${path.relative(process.cwd(), process.env.EVAL_DIR || EVAL_DIR)}, tuned on)`, dev);
if (blind.length && !values['dev-only']) report(`BLIND (${path.relative(process.cwd(), process.env.BLIND_DIR || BLIND_DIR)}, never tuned on)`, blind);

// Follow-ups: conversations in threads (tests/eval*/followups*.yaml), scored turn by turn after the first.
for (const [title, dir] of [['dev', process.env.EVAL_DIR || EVAL_DIR], ['blind', process.env.BLIND_DIR || BLIND_DIR]] as const) {
  if (title === 'blind' && values['dev-only']) continue;
  const conversations = loadConversations(dir);
  if (conversations.length === 0) continue;
  const m = scoreConversations(conversations, engine);
  const kinds = Object.entries(m.byKind).map(([k, v]) => `${k} ${pct(v.hit1)} (n=${v.n})`).join(', ');
  const langs = Object.entries(m.byLang).map(([k, v]) => `${k} ${pct(v.hit1)} (n=${v.n})`).join(', ');
  console.log(`\nFOLLOW-UPS (${title}, ${conversations.length} conversations): hit@1 ${pct(m.hit1)} over ${m.turns} later turns; self-contained unchanged ${pct(m.unchanged)} (n=${m.selfContained})`);
  console.log(`  by kind: ${kinds}\n  by language: ${langs}`);
  if (values.misses && title === 'dev') {
    console.log('\nfollow-up misses (dev):');
    for (const x of m.misses) console.log(`- [${x.kind}] ${x.before} ${x.beforeRight ? '✓' : '✗'} → ${x.q}\n    expect ${x.expect.join(', ') || '(not found)'}; got ${x.got.join(', ') || '(not found)'}`);
  }
}

// Self-contained questions asked mid-thread: each after the question before it in its file.
for (const [title, set] of [['dev', dev], ['blind', blind]] as const) {
  if (set.length === 0 || (title === 'blind' && values['dev-only'])) continue;
  const m = scoreMidThread(set, engine);
  console.log(`\nMID-THREAD (${title}, each question after the one before it): ${m.broken} of ${m.asked} right alone and wrong in the thread (${pct(m.broken / m.asked)}); ${m.fixed} the other way`);
  if (values.misses && title === 'dev') for (const x of m.misses) console.log(`- ${x.before} → ${x.q}\n    alone ${x.alone}; in the thread ${x.thread}`);
}

if (values.misses) {
  console.log('\nengine misses (dev sets):');
  for (const m of devMetrics.misses) console.log(`- [${m.file}] ${m.q}\n    expect ${m.expect.join(', ') || '(not found)'}; got ${m.got.join(', ') || '(not found)'}`);
}

if (!values['no-diff']) {
  const previous = await loadPrevious(path.join(import.meta.dirname, '..'), values.diff);
  if (typeof previous === 'string') console.log(`\nchanges: skipped (${previous})`);
  else {
    const top = (a: { answered: boolean; answers: { factId: string }[] }) => (a.answered ? a.answers[0]!.factId : '(not found)');
    const changed = (set: EvalQuestion[]) =>
      set.flatMap((q) => {
        const before = top(previous.ask(q.q));
        const now = top(engine.ask(q.q));
        if (before === now) return [];
        const right = (id: string) => (q.expect.length ? q.expect.includes(id) : id === '(not found)');
        return [{ q, before, now, mark: right(now) && !right(before) ? '+' : right(before) && !right(now) ? '-' : '~' }];
      });
    const d = changed(dev);
    const b = values['dev-only'] ? [] : changed(blind);
    const tally = (xs: { mark: string }[]) => `${xs.length} changed (${xs.filter((x) => x.mark === '+').length} fixed, ${xs.filter((x) => x.mark === '-').length} broken)`;
    console.log(`\nchanges against ${previous.ref}: dev ${tally(d)}; blind ${tally(b)} (blind questions are not listed)`);
    for (const x of d) console.log(`${x.mark} [${x.q.file}] ${x.q.q}\n    ${x.before} → ${x.now}`);
    previous.close();
  }
}
