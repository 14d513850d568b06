/** The near-copy check compares only texts of a close size sharing one of the rarest bigrams; it must find what comparing all would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigramDice } from '../scripts/lib/near-copy.ts';

describe('near-copies', () => {
  it('finds a reworded copy and not a different question', () => {
    const found = bigramDice.nearCopies([{ text: '루닛 컨소시엄 GPU 몇 장 받아?' }, { text: 'who supplies the GPUs?' }], ['루닛 컨소시엄 GPU 몇장 받아'], 0.85);
    expect(found.map((x) => x.text)).toEqual(['루닛 컨소시엄 GPU 몇 장 받아?']);
  });

  it('finds the same items as comparing every pair', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abcdeKLMN가나다라 '), maxLength: 16 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), fc.array(text, { maxLength: 12 }), fc.constantFrom(0.5, 0.85, 0.95), (items, others, t) => {
        const all = items.filter((x) => others.some((o) => bigramDice.dice(bigramDice.bigrams(x), bigramDice.bigrams(o)) >= t));
        expect(bigramDice.nearCopies(items.map((x) => ({ text: x })), others, t).map((x) => x.text)).toEqual(all);
      }),
      { numRuns: 500 },
    );
  });
});
