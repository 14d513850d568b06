/**
 * The corpus's own example questions as fresh questions: k-fold leave-out. Each fold's examples are
 * taken out of the corpus, the engine is built without them, and each is asked; it counts when its
 * own fact answers first. Nothing here is an eval question, so it can be tuned on and used to find
 * the facts a fresh wording misses most (the targets of a round of examples), but a held-out example
 * is labelled with one fact where several may answer: compare runs, do not read it as hit@1. The
 * question classifier is trained again for each fold, without the fold's examples.
 */
import { Analyzer, createEngine, type Corpus, type EngineOptions } from '../../src/index.ts';
import { train, trainingData } from '../../src/search/classifier.ts';

export interface KFoldResult {
  asked: number;
  hit1: number;
  notFound: number;
  byLang: Record<string, { n: number; hit1: number }>;
  /** Per fact: its held-out examples, how many its own fact answered, how many found nothing, and who answered instead. */
  facts: { id: string; n: number; hits: number; notFound: number; instead: Map<string, number> }[];
}

/** The fold of an example: a hash of its text, so the folds do not depend on the order of the files. */
export function foldOf(text: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

export function examplesKFold(corpus: Corpus, folds = 10, options: Partial<EngineOptions> = {}): KFoldResult {
  const facts = new Map(corpus.facts.map((f) => [f.id, { id: f.id, n: 0, hits: 0, notFound: 0, instead: new Map<string, number>() }]));
  const byLang: KFoldResult['byLang'] = {};
  let asked = 0, hits = 0, notFound = 0;
  for (let k = 0; k < folds; k++) {
    const held: { q: string; id: string }[] = [];
    const kept = corpus.facts.map((f) => ({ ...f, examples: f.examples.filter((e) => (foldOf(e, folds) === k ? (held.push({ q: e, id: f.id }), false) : true)) }));
    if (held.length === 0) continue;
    // The classifier must not have learned the held-out examples: it is trained again on the fold's.
    const fold: Corpus = { ...corpus, facts: kept };
    if (corpus.classifier) fold.classifier = train(trainingData(fold, new Analyzer(corpus.aliases, corpus.lexicon)), corpus.classifier.options);
    const engine = createEngine(fold, options);
    for (const { q, id } of held) {
      const a = engine.ask(q);
      const got = a.answered ? a.answers[0]!.factId : undefined;
      const fact = facts.get(id)!;
      const lang = (byLang[!/[가-힣]/.test(q) ? 'en' : /[a-z]{3,}/i.test(q) ? 'mixed' : 'ko'] ??= { n: 0, hit1: 0 });
      asked++;
      fact.n++;
      lang.n++;
      if (got === id) (hits++, fact.hits++, lang.hit1++);
      else if (got === undefined) (notFound++, fact.notFound++);
      else fact.instead.set(got, (fact.instead.get(got) ?? 0) + 1);
    }
  }
  for (const l of Object.values(byLang)) l.hit1 = l.n ? l.hit1 / l.n : 0;
  return { asked, hit1: asked ? hits / asked : 0, notFound: asked ? notFound / asked : 0, byLang, facts: [...facts.values()].filter((f) => f.n > 0) };
}
