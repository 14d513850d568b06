/** The closest-example matcher (search/examples.ts) on a few hand-made items: which facts it returns. */
import fc from 'fast-check';
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

describe('closest example against a plain reading of its definition', () => {
  it('each fact sharing a word with the question, its best similarity; the others than the wanted only from minSim', () => {
    const word = fc.constantFrom('gpu', 'team', 'budget', 'lunit', 'kaist', 'when');
    const items = fc.array(fc.record({ owner: fc.constantFrom('a', 'b', 'c', 'd', 'e'), heads: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(items, fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), fc.subarray(['a', 'b', 'c', 'd', 'e']), fc.double({ min: 0, max: 1, noNaN: true }), (its, q, wanted, minSim) => {
        const m = createQuestionMatcher(its.map((x) => ({ ...x, text: x.heads.join(' '), verbForms: new Set<string>() })), index, 0.4);
        const best = new Map<string, number>();
        for (const x of its) {
          const shared = x.heads.filter((h) => q.includes(h)).length;
          if (shared > 0) best.set(x.owner, Math.max(best.get(x.owner) ?? 0, Math.min(1, (2 * shared) / (q.length + x.heads.length))));
        }
        const expected = [...best].filter(([owner, sim]) => sim >= minSim || wanted.includes(owner)).sort();
        const got = [...m.closest(question(q.join(' ')), { facts: wanted, minSim })].map(([owner, c]) => [owner, c.sim]).sort();
        expect(got).toEqual(expected);
      }),
    );
  });
});
