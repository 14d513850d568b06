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
  // Words of different weights, some verb forms on either side: the matcher walks only the heavy
  // words' postings whole, and must still find what comparing every example would.
  const idf: Record<string, number> = { gpu: 3, team: 1, budget: 2.5, lunit: 4, kaist: 0.5, when: 0.2 };
  const weighted = { df: new Map(Object.keys(idf).map((w) => [w, 1])), idf: (t: string) => idf[t]!, unknownIdf: 5 };
  const PW = 0.4;
  it('each fact sharing a word with the question, its best similarity; the others than the wanted only from minSim', () => {
    const word = fc.constantFrom(...Object.keys(idf));
    const head = fc.record({ w: word, verb: fc.boolean() });
    const heads = fc.uniqueArray(head, { minLength: 1, maxLength: 4, selector: (h) => h.w });
    const items = fc.array(fc.record({ owner: fc.constantFrom('a', 'b', 'c', 'd', 'e'), heads }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(items, heads, fc.subarray(['a', 'b', 'c', 'd', 'e']), fc.double({ min: 0, max: 1, noNaN: true }), (its, q, wanted, minSim) => {
        const m = createQuestionMatcher(
          its.map((x) => ({ owner: x.owner, text: x.heads.map((h) => h.w).join(' '), heads: x.heads.map((h) => h.w), verbForms: new Set(x.heads.filter((h) => h.verb).map((h) => h.w)) })),
          weighted,
          PW,
        );
        const weigh = (h: { w: string; verb: boolean }) => idf[h.w]! * (h.verb ? PW : 1);
        const qTotal = q.reduce((n, h) => n + weigh(h), 0);
        const best = new Map<string, number>();
        for (const x of its) {
          const shared = q.filter((h) => x.heads.some((i) => i.w === h.w));
          const sim = Math.min(1, (2 * shared.reduce((n, h) => n + weigh(h), 0)) / (qTotal + x.heads.reduce((n, h) => n + weigh(h), 0)));
          if (shared.length > 0) best.set(x.owner, Math.max(best.get(x.owner) ?? 0, sim));
        }
        const expected = [...best].filter(([owner, sim]) => sim >= minSim || wanted.includes(owner)).map(([o, sim]) => [o, sim.toFixed(9)]).sort();
        const asked = { asking: q.map((h) => ({ tokens: [h.w], alias: false, verbForm: h.verb })) } as unknown as ParsedQuestion;
        const got = [...m.closest(asked, { facts: wanted, minSim })].map(([owner, c]) => [owner, c.sim.toFixed(9)]).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
