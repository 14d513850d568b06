/**
 * Questions of several clauses (src/search/parts.ts): each clause answered by the fact that answers it
 * best, read with the question's preamble, and not refused for reading like a near-miss of the whole.
 * The first cases are worded as in the dev set, where these rules were found.
 */
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../src/index.ts';
import { partsAnswered, type Clause } from '../src/search/parts.ts';
import type { Ranked } from '../src/search/rank.ts';

const engine = loadEngine();

describe('a question of several clauses', () => {
  it.each([
    ['our infra team wants to self-host A.X-K1. when did vllm add support, and what cluster did they test it on?', 'ax-k1-vllm-support'],
    ['L1-16B-A3B 아키텍처 디테일 좀 - experts 몇개, ctx length, tokenizer, license?', 'lunit-model-l1'],
  ])('reads each clause with the preamble that names its subject: %s', (q, first) => {
    expect(engine.explain(q).decision).toMatchObject({ answered: true, factId: first, parts: expect.any(Array) });
  });

  it('is not refused for reading like a near-miss of the whole when each clause has its fact', () => {
    expect(engine.explain('NC AI 테크리포트 언제 올렸고 T-Class 몇 등급 받았어?').decision).toMatchObject({ answered: true, factId: 'vaetki-tech-report', parts: ['vaetki-t-class-rating'] });
  });
});

describe('partsAnswered', () => {
  const ranked = (id: string) => ({ id }) as Ranked;
  const clause = (evidence: Record<string, number>): Clause => ({ candidates: Object.keys(evidence).map(ranked), evidence: (r) => evidence[r.id] ?? 0 });

  it("gives each clause the fact answering it best, not the first above the bar, and reuses a fact answering an earlier clause", () => {
    const parts = partsAnswered([clause({ near: 0.7, right: 1 }), clause({ other: 0.9, right: 0.8 })], 0.65);
    expect(parts?.map((r) => r.id)).toEqual(['right']);
    expect(partsAnswered([clause({ a: 0.7, b: 0.7 }), clause({ c: 0.9 })], 0.65)?.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('answers nothing when a clause has no fact at the bar', () => {
    expect(partsAnswered([clause({ a: 1 }), clause({ b: 0.6 })], 0.65)).toBeUndefined();
  });
});
