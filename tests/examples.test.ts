/**
 * Example questions (a fact's `examples:`) teach the engine how people word questions. They are
 * written from the sources and everyday speech, never from the evaluation sets: an example that is a
 * near-copy of an evaluation or blind question would let the score measure memory, not
 * understanding. The same holds for near-misses (`nearMisses:`, questions no source answers).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { loadEvalSet } from '../scripts/lib/eval-set.ts';
import { bigramDice } from '../scripts/lib/near-copy.ts';

const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
const FOUNDING = '00-edaily-2025-11-23';

describe('example questions', () => {
  it('every fact has at least 3, and every fact of the founding article at least 6', () => {
    const short = corpus.facts.filter((f) => f.examples.length < (f.sources.includes(FOUNDING) ? 6 : 3)).map((f) => `${f.id} (${f.examples.length})`);
    expect(short).toEqual([]);
  });

  it('no example or near-miss is a near-copy (character-bigram Dice ≥ 0.85) of an evaluation or blind question', () => {
    const questions = [...loadEvalSet(), ...loadEvalSet(path.join(import.meta.dirname, 'eval-blind'))];
    const copies = bigramDice.nearCopies(
      corpus.facts.flatMap((f) => [...f.examples, ...f.nearMisses].map((e) => ({ id: f.id, text: e }))),
      questions.map((q) => q.q),
      0.85,
    );
    // Only the example is named: the evaluation questions stay unseen by whoever fixes it.
    expect(copies.map((c) => `${c.id}: ${c.text}`)).toEqual([]);
    // ~23,000 examples against ~9,400 questions: a few seconds alone, longer beside other test files.
  }, 60_000);

  it('no near-miss (a question no source answers) is a near-copy of an example (one a fact answers)', () => {
    const copies = bigramDice.nearCopies(
      corpus.facts.flatMap((f) => f.nearMisses.map((e) => ({ id: f.id, text: e }))),
      corpus.facts.flatMap((f) => f.examples),
      0.85,
    );
    expect(copies.map((c) => `${c.id}: ${c.text}`)).toEqual([]);
  }, 60_000);

  it('no example is attached to two facts', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const f of corpus.facts) for (const e of f.examples) {
      const prev = owner.get(e);
      if (prev && prev !== f.id) twice.push(`${e} (${prev}, ${f.id})`);
      owner.set(e, f.id);
    }
    expect(twice).toEqual([]);
  });
});
