/** The k-fold leave-out over example questions (npm run eval:examples), on the fixture corpus. */
import { describe, expect, it } from 'vitest';
import { createEngine, loadCorpus } from '../src/index.ts';
import { examplesKFold, foldOf } from '../scripts/lib/examples-kfold.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

const corpus = loadCorpus(fixtureCorpus('rules-corpus'));

describe('examples asked as fresh questions', () => {
  it('asks every example once, from an engine built without its fold', () => {
    const r = examplesKFold(corpus, 3, { today: () => '2026-12-06' });
    const total = corpus.facts.reduce((n, f) => n + f.examples.length, 0);
    expect(r.asked).toBe(total);
    expect(r.facts.reduce((n, f) => n + f.n, 0)).toBe(total);
    expect(r.hit1).toBeGreaterThan(0.3);
    expect(r.hit1 + r.notFound).toBeLessThanOrEqual(1);
    for (const f of r.facts) expect(f.hits + f.notFound + [...f.instead.values()].reduce((a, b) => a + b, 0)).toBe(f.n);
  });

  it('an example is asked of an engine without it: one whose words nothing else has finds nothing', () => {
    const odd = '퀘이사 블라블라 몇 개?';
    const facts = corpus.facts.map((f) => (f.id === 'gpu-per-team' ? { ...f, examples: [...f.examples, odd] } : f));
    const withOdd = { ...corpus, facts };
    // Present, it answers its fact (it reads exactly like the example)...
    expect(createEngine(withOdd, { today: () => '2026-12-06' }).ask(odd).answered).toBe(true);
    // ...held out, nothing.
    const r = examplesKFold(withOdd, 3, { today: () => '2026-12-06' });
    const plain = examplesKFold(corpus, 3, { today: () => '2026-12-06' });
    const notFound = (x: typeof r) => x.facts.find((f) => f.id === 'gpu-per-team')!.notFound;
    expect(notFound(r)).toBe(notFound(plain) + 1);
  });

  it('folds by the text, whatever the order of the files', () => {
    expect(foldOf('루닛 사업비 얼마?', 10)).toBe(foldOf('루닛 사업비 얼마?', 10));
    const folds = new Set(corpus.facts.flatMap((f) => f.examples).map((e) => foldOf(e, 3)));
    expect([...folds].every((k) => k >= 0 && k < 3)).toBe(true);
  });
});
