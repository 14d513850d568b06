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

it('answers at least 90% of in-scope questions right first, and abstains on at least 90% of the rest', () => {
  const m = score(set, (q) => {
    const a = engine.ask(q);
    return a.answered ? a.answers.map((x) => x.factId) : [];
  });
  expect(m.inScope).toBeGreaterThanOrEqual(100);
  expect(m.hit1).toBeGreaterThanOrEqual(0.9);
  expect(m.abstention).toBeGreaterThanOrEqual(0.9);
});

it('marks a plan as not yet an outcome when asked how it turned out', () => {
  const a = engine.ask('Did the KAIST consortium pass the final evaluation?');
  expect(a.answers[0]?.kind).toBe('plan');
  expect(a.notice?.kind).toBe('outcome-unknown');
});
