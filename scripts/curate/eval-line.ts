/**
 * The eval's before/after line a curator sees after each change: dev and blind hit@1 (and
 * abstention) with the corpus before and after, and the dev questions whose answer changed (blind
 * questions are counted, never shown: they stay unseen).
 */
import { createEngine, type Engine } from '../../src/engine.ts';
import type { Corpus } from '../../src/corpus/load.ts';
import { BLIND_DIR, curatedOutOfScope, EVAL_DIR, loadEvalSet, type EvalQuestion } from '../lib/eval-set.ts';
import { score } from '../lib/metrics.ts';

export interface EvalChange {
  line: string;
  changed: { q: string; file: string; before: string; after: string }[];
  blindChanged: number;
}

/**
 * Each engine's ranking of each question, asked once and kept as long as the engine lives: in a
 * session the engine after one change is the one before the next, so only the new one is asked.
 */
const answers = new WeakMap<Engine, Map<string, string[]>>();
function ranker(e: Engine): (q: string) => string[] {
  let seen = answers.get(e);
  if (!seen) answers.set(e, (seen = new Map()));
  const memo = seen;
  return (q) => {
    let ids = memo.get(q);
    if (!ids) {
      const a = e.ask(q);
      memo.set(q, (ids = a.answered ? a.answers.map((x) => x.factId) : []));
    }
    return ids;
  };
}

/** The sets do not change during a session: read once per folder. */
const sets = new Map<string, EvalQuestion[]>();
const evalSet = (dir: string) => sets.get(dir) ?? sets.set(dir, loadEvalSet(dir)).get(dir)!;

/** The line for a change from `before` to `after` (each a corpus, or an engine already built on it). */
export function evalChange(before: Corpus | Engine, after: Corpus | Engine, dirs = { dev: EVAL_DIR, blind: BLIND_DIR }): EvalChange {
  const engine = (c: Corpus | Engine) => ('ask' in c ? c : createEngine(c));
  const corpusAfter = 'ask' in after ? after.corpus : after;
  const dev = [...evalSet(dirs.dev), ...curatedOutOfScope(corpusAfter)];
  const blind = evalSet(dirs.blind);
  const [b, a] = [ranker(engine(before)), ranker(engine(after))];
  const top = (rank: (q: string) => string[], q: string) => rank(q)[0] ?? '(not found)';
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const [db, da, bb, ba] = [score(dev, b), score(dev, a), score(blind, b), score(blind, a)];
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
