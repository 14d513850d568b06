/** Rounded numbers: a fact stating 13,136 is found by "13k"; only roundings within 5%. */
import { describe, expect, it } from 'vitest';
import { roundedForms } from '../src/analysis/round-numbers.ts';
import { createEngine, loadCorpus } from '../src/index.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

describe('rounded numbers', () => {
  it('gives the roundings to one and two significant digits within 5%', () => {
    expect(roundedForms('13136')).toEqual(['13000']);
    expect(roundedForms('10080')).toEqual(['10000']);
    expect(roundedForms('3056')).toEqual(['3000', '3100']);
    expect(roundedForms('50000')).toEqual([]);
    expect(roundedForms('256')).toEqual([]); // too small to be rounded in a question
    expect(roundedForms('2026')).toEqual([]); // a year
  });

  it('a question with the rounded number covers the fact stating the exact one', () => {
    const engine = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06' });
    const budget = engine.explain('루닛 사업비 180억이야?').candidates.find((c) => c.id === 'lunit-budget')!;
    expect(budget.missing).toEqual([]);
    expect(engine.explain('루닛 사업비 150억이야?').candidates.find((c) => c.id === 'lunit-budget')!.missing).toEqual(['15000000000']);
  });
});
