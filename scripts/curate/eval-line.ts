/**
 * The eval's before/after line a curator sees after each change: dev and blind hit@1 (and
 * abstention) with the corpus before and after, and the dev questions whose answer changed (blind
 * questions are counted, never shown: they stay unseen).
 */
import { createEngine, type Engine } from '../../src/engine.ts';
import type { Corpus } from '../../src/corpus/load.ts';
import { BLIND_DIR, EVAL_DIR, loadEvalSet, type EvalQuestion } from '../lib/eval-set.ts';
import { score } from '../lib/metrics.ts';

export interface EvalChange {
  line: string;
  changed: { q: string; file: string; before: string; after: string }[];
  blindChanged: number;
}

const top = (e: Engine, q: string) => {
  const a = e.ask(q);
  return a.answered ? a.answers[0]!.factId : '(not found)';
};
const ranker = (e: Engine) => (q: string) => {
  const a = e.ask(q);
  return a.answered ? a.answers.map((x) => x.factId) : [];
};

export function evalChange(before: Corpus, after: Corpus, dirs = { dev: EVAL_DIR, blind: BLIND_DIR }): EvalChange {
  const curated = (c: Corpus): EvalQuestion[] => c.outOfScope.map((q) => ({ q, expect: [], kind: 'out-of-scope', file: 'corpus/out-of-scope.yaml' }));
  const dev = [...loadEvalSet(dirs.dev), ...curated(after)];
  const blind = loadEvalSet(dirs.blind);
  const [b, a] = [createEngine(before), createEngine(after)];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const fig = (set: EvalQuestion[], e: Engine) => score(set, ranker(e));
  const [db, da, bb, ba] = [fig(dev, b), fig(dev, a), fig(blind, b), fig(blind, a)];
  const changed = dev.flatMap((q) => {
    const [x, y] = [top(b, q.q), top(a, q.q)];
    return x === y ? [] : [{ q: q.q, file: q.file, before: x, after: y }];
  });
  const blindChanged = blind.filter((q) => top(b, q.q) !== top(a, q.q)).length;
  const line =
    `eval: dev hit@1 ${pct(db.hit1)} → ${pct(da.hit1)}, abstention ${pct(db.abstention)} → ${pct(da.abstention)}; ` +
    `blind hit@1 ${pct(bb.hit1)} → ${pct(ba.hit1)}; ${changed.length} dev answer${changed.length === 1 ? '' : 's'} changed, ${blindChanged} blind`;
  return { line, changed, blindChanged };
}
