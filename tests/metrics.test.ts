/** The eval's scoring: near-misses count as withheld when the answer says its outcome is not in the sources. */
import { expect, it } from 'vitest';
import type { EvalQuestion } from '../scripts/lib/eval-set.ts';
import { score } from '../scripts/lib/metrics.ts';

const item = (q: string, kind: EvalQuestion['kind'], expect: string[] = []): EvalQuestion => ({ q, kind, expect, file: 'f.yaml' });

it('counts a near-miss answered with "no outcome yet" as withheld, not as abstained', () => {
  const set = [item('not found', 'near-miss'), item('a plan, outcome unknown', 'near-miss'), item('answered', 'near-miss'), item('in scope', 'answer', ['a'])];
  const rank = (q: string) => (q === 'not found' ? [] : ['a']);
  const m = score(set, rank, (q) => q === 'a plan, outcome unknown');
  expect(m.nearMissAbstention).toBeCloseTo(1 / 3);
  expect(m.nearMissWithheld).toBeCloseTo(2 / 3);
  expect(m.hit1).toBe(1);
  expect(score(set, rank).nearMissWithheld).toBeCloseTo(1 / 3);
});
