/** The closest-example matcher (search/examples.ts) on a few hand-made items: which facts it returns. */
import { describe, expect, it } from 'vitest';
import type { ParsedQuestion } from '../src/query/parse.ts';
import { createQuestionMatcher } from '../src/search/examples.ts';

const index = { df: new Map([['gpu', 1], ['team', 1], ['budget', 1]]), idf: () => 1, unknownIdf: 1 };
const item = (owner: string, text: string) => ({ owner, text, heads: text.split(' '), verbForms: new Set<string>() });
const matcher = createQuestionMatcher([item('a', 'gpu team'), item('a', 'gpu'), item('b', 'gpu budget'), item('c', 'budget')], index, 0.4);
const question = (text: string) => ({ asking: text.split(' ').map((t) => ({ tokens: [t], alias: false })) }) as unknown as ParsedQuestion;

describe('closest example', () => {
  it("gives each fact's best example, of every fact sharing a unit by default", () => {
    const best = matcher.closest(question('gpu team'));
    expect(best.get('a')).toEqual({ sim: 1, text: 'gpu team' });
    expect(best.get('b')?.sim).toBeCloseTo(0.5);
    expect(best.has('c')).toBe(false);
  });

  it('gives the facts wanted whatever their similarity, and the others only from minSim', () => {
    const best = matcher.closest(question('gpu team'), { facts: ['b', 'c'], minSim: 0.8 });
    expect([...best.keys()].sort()).toEqual(['a', 'b']);
    // Nothing of one question is left over for the next.
    expect(matcher.closest(question('budget'), { facts: [], minSim: 0.8 }).get('c')).toEqual({ sim: 1, text: 'budget' });
  });
});

describe('similarity stays within 0 and 1', () => {
  it('a head that is a verb form in the example but not in the question does not lift it past 1', () => {
    const m = createQuestionMatcher([{ owner: 'a', text: 'gpu 줘', heads: ['gpu', '줘'], verbForms: new Set(['줘']) }], index, 0.4);
    expect(m.closest(question('gpu 줘')).get('a')?.sim).toBe(1);
  });
});
