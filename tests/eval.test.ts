import { expect, it } from 'vitest';
import { loadEngine } from '../src/index.ts';
import { loadEvalSet } from '../scripts/lib/eval-set.ts';
import { score } from '../scripts/lib/metrics.ts';

const engine = loadEngine();
const set = loadEvalSet();

it('every expected fact id in the evaluation set exists', () => {
  const ids = new Set(engine.corpus.facts.map((f) => f.id));
  const unknown = set.flatMap((q) => q.expect.filter((id) => !ids.has(id)).map((id) => `${q.file}: ${q.q} → ${id}`));
  expect(unknown).toEqual([]);
});

// The target is 0.90 for both; these floors are what the engine reaches today on the full corpus
// and all question sets (npm run eval shows each set), so a change can only raise them.
const FLOOR = { hit1: 0.82, abstention: 0.85 };

it('answers in-scope questions right first and abstains on the rest, at or above the floors', () => {
  const m = score(set, (q) => {
    const a = engine.ask(q);
    return a.answered ? a.answers.map((x) => x.factId) : [];
  });
  expect(m.inScope).toBeGreaterThanOrEqual(100);
  expect(m.hit1).toBeGreaterThanOrEqual(FLOOR.hit1);
  expect(m.abstention).toBeGreaterThanOrEqual(FLOOR.abstention);
});

it('marks a plan as not yet an outcome when asked how it turned out', () => {
  const a = engine.ask('Did the KAIST consortium pass the final evaluation?');
  expect(a.answers[0]?.kind).toBe('plan');
  expect(a.notice?.kind).toBe('outcome-unknown');
});
