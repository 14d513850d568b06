/**
 * The examples field's tokens come from each example's own analysis when no pattern could read
 * across the join (Analyzer.joinedTokens): they must be what analysing the joined text gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../src/index.ts';

const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
const sorted = (tokens: readonly string[]) => [...tokens].sort();
const joined = (texts: readonly string[]) => sorted(analyzer.indexed(texts.join(' \n ')).tokens);
const fromParts = (texts: readonly string[]) => {
  const tokens = analyzer.joinedTokens(texts.map((t) => analyzer.indexed(t)));
  return tokens && sorted(tokens);
};

describe('joined tokens', () => {
  it("are the joined text's tokens for every fact's examples in the corpus, when given", () => {
    let given = 0;
    for (const f of corpus.facts) {
      const tokens = fromParts(f.examples);
      if (!tokens) continue;
      given++;
      expect(tokens, f.id).toEqual(joined(f.examples));
    }
    expect(given).toBeGreaterThan(corpus.facts.length / 2);
  });

  it('are not given where a pattern reads across the join or the shortcut for ordinals skips one', () => {
    expect(fromParts(['a preprint maybe', '2601.01739 is the paper?'])).toBeUndefined(); // maybe 2601: a date
    expect(fromParts(['2025', '년 9월에 뭐 해?'])).toBeUndefined();
    expect(fromParts(['첫', '단계 언제야?'])).toBeUndefined();
    expect(fromParts(['what happens in june.', '9 teams?'])).toBeUndefined(); // june. 9: a date
    expect(fromParts(['who made the first-', 'round cut?'])).toBeUndefined();
    expect(fromParts(['2단계 언제?', '두번째 단계 기간 알려줘'])).toBeUndefined(); // 두번째 is found only beside a digit
    expect(fromParts(['1차', '1 Epoch AI'])).toBeUndefined(); // 1차 is a round only when no number follows
    expect(fromParts(['in', 'won a spot Epoch AI'])).toBeUndefined(); // in won: the currency, not a selection
    const [head, tail] = corpus.aliases.flatMap((g) => g.terms).find((t) => /^[가-힣]{2,} [가-힣]{2,}$/.test(t))!.split(' ');
    expect(fromParts([`어디 ${head}`, `${tail} 말이야`])).toBeUndefined(); // an alias term split between them
    expect(fromParts(['루닛 GPU 몇 장?', '엘리스 B200 몇 장?'])).toEqual(joined(['루닛 GPU 몇 장?', '엘리스 B200 몇 장?']));
  });

  it('are the joined tokens for texts made of numbers, dates, ordinals and alias terms', () => {
    // Alias terms and their words apart, so a term may be split between two texts.
    const terms = corpus.aliases.flatMap((g) => g.terms).filter((_, i) => i % 7 === 0).flatMap((t) => [t, ...t.split(' ')]);
    const piece = fc.constantFrom(...terms, '2025', '년', '9월', '9', '일', '첫', '두', '번째', '단계', '차', 'stage', 'round', 'first', 'in', 'may', 'june', '12', '조', '억', '만', '.', ',', '-', '?', '몇', '장', '요', 'gpu', 'gpus', 'budget', 'june.', '2025.', 'first-', 'stage-', '9,');
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((ps) => ps.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 4 }), (texts) => {
        const tokens = fromParts(texts);
        if (tokens) expect(tokens).toEqual(joined(texts));
      }),
      { numRuns: 3000 },
    );
  });
});
