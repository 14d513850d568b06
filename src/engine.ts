/**
 * The engine: the wiring of its stages, each in its own module and testable alone.
 *   analysis (src/analysis)   one chain for facts, examples and questions, word lists from corpus/lexicon
 *   index (search/fact-index) BM25 over statements, keywords, topics and examples; per-fact terms
 *   parse (src/query)         the question as typed parts: programme, entities, rounds, what it asks
 *   rank (search/rank)        retrieve → filter (search/filters) → score by named rules (search/rules)
 *   decide (search/decide)    answer or abstain, home programme first, then the landscape
 *   compose (src/answer)      the answer, related facts, citations, notices for plans
 */
import { Analyzer, detectLang } from './analysis/analyzer.ts';
import type { Corpus } from './corpus/load.ts';
import { createComposer, type ComposeOptions } from './answer/compose.ts';
import { notFound, topicRefs } from './answer/not-found.ts';
import { createQuickFacts } from './answer/quick-fact.ts';
import { turnOf } from './query/followup.ts';
import { intents } from './query/intents.ts';
import { parseQuestion, type ParsedQuestion } from './query/parse.ts';
import { createThreadReader } from './answer/thread.ts';
import { weightsOf, type Candidate } from './answer/thread-choice.ts';
import { coverageOf, framedCoverageOf } from './search/coverage.ts';
import { createPartsReader } from './search/parts.ts';
import { decide, type DecideOptions, type NearMiss } from './search/decide.ts';
import { createClassifier } from './search/classifier.ts';
import { createExampleMatcher, createNearMissMatcher, createOutOfScopeMatcher } from './search/examples.ts';
import { explanation, type Explanation } from './search/explain.ts';
import { buildFactIndex, type IndexOptions } from './search/fact-index.ts';
import { createRanker, type Ranking, type RankOptions } from './search/rank.ts';
import type { Answer, Lang, QuickFact, TopicRef, Turn } from './types.ts';

export type { Explanation };

/** Every knob, in one place; measured with `npm run eval`. */
export const defaultOptions = {
  /** Questions are cut to this many characters before anything else. */
  maxQuestionChars: 1000,
  index: { boost: { statement: 1, keywords: 2, topic: 1.5, examples: 1 }, bm25: { k: 1.6, b: 0.75, d: 0.5 } } satisfies IndexOptions,
  rank: {
    candidates: 20,
    homeCandidates: 5,
    exampleRecall: 0.6,
    rules: { coverage: 2, bm25: 0.7, example: 1, keywords: 0.3, intentGiven: 0.25, intentUnmet: 0.7, who: 0.1, whoUnmet: 0.75, planOnOutcome: 0.8, lead: 0.3, definition: 0.8, programme: 0.3, classifier: 1 },
    coverage: { partCredit: 0.6, exampleCredit: 0.65, topicCredit: 0.5, unknownWeight: 0.7, unknownLatinWeight: 0.7, unknownDecay: 0.5, compoundWeight: 0.5, predicateWeight: 0.15, knownPredicateWeight: 0.4, verbFormMaxIdf: 2.5, commonWordMaxIdf: 3.5, contextWeight: 1, constraintWeight: 0.3, framingWeight: 0.4 },
  } satisfies RankOptions,
  decide: { minEvidence: 0.65, noiseShare: 0.6, curatedMatch: 0.85, homeRatio: 0.85, gatedRatio: 0.85, widenRatio: 1.5, nearMissMargin: 0.1, nearMissFloor: 0.5 } satisfies DecideOptions,
  compose: { maxRelated: 2, relatedCoverage: 0.5, relatedRatio: 0.35, minEvidence: 0.65, supersededRatio: 0.5 } satisfies ComposeOptions,
  /**
   * A follow-up's reading in the thread gives way to the message alone when that has this much more
   * evidence; `choose`: its answer is chosen among its readings' facts by the learned weights
   * (corpus/thread-choice.json) when the corpus has them.
   */
  thread: { aloneMargin: 0.25, choose: true },
  /** Today's date (YYYY-MM-DD), for plans past their due date; injectable in tests. */
  today: (): string => new Date().toISOString().slice(0, 10),
};
export type EngineOptions = typeof defaultOptions;

export interface Engine {
  /** Answers a question with the best fact, its citation and up to two related facts, or "not found". */
  ask(question: string): Answer;
  /**
   * The same, in a conversation: with its last turn (the last answer's `turn`), a follow-up ("그럼
   * KAIST는?", "언제부터?", "출처 더", "in English") is read against it; a self-contained question is not.
   */
  askInThread(question: string, previous: Turn | undefined): Answer;
  /** Every topic (and the timeline), for /fact lists and autocomplete. */
  topics(lang: Lang): TopicRef[];
  /** A fact by id, a topic by id or name, or the timeline; undefined when nothing matches. */
  fact(query: string, lang: Lang): QuickFact | undefined;
  detectLang(text: string): Lang;
  /**
   * Why: the parsed question (merged with the last turn when it is a follow-up), and each candidate
   * with every rule's factor and its closest example.
   */
  explain(question: string, previous?: Turn): Explanation;
  /**
   * A message in a thread as the rules answer it, and the facts its readings find with the features
   * the learned choice weighs (answer/thread-choice.ts; none when the rules' answer stands): what
   * `npm run train` learns from.
   */
  threadCandidates(question: string, previous: Turn): { answer: Answer; candidates?: Candidate[] };
  readonly corpus: Corpus;
}

/** Builds the engine over a validated corpus. Pure and deterministic: same corpus, same answers. */
export function createEngine(corpus: Corpus, options: Partial<EngineOptions> = {}): Engine {
  const o = { ...defaultOptions, ...options };
  const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
  const { home, markers, nameAttribute } = analyzer.lexicon.programmes;
  const index = buildFactIndex(corpus, analyzer, o.index);
  analyzer.knowVocabulary((t) => index.factWords.has(t), index.factWords);
  const filterCtx = { index, markers, nameAttribute };
  const rank = createRanker(index, createExampleMatcher(index, o.rank.coverage.knownPredicateWeight), createClassifier(corpus.classifier), filterCtx, home, corpus.lexicon.korean.counters, o.rank);
  const compose = createComposer(corpus, index, o.compose, o.today);
  const parseCtx = { analyzer, participantOf: index.participantOf, attributeTokens: index.attributeTokens };
  const parse = (raw: string) => parseQuestion(String(raw ?? '').slice(0, o.maxQuestionChars), parseCtx);

  const outOfScope = createOutOfScopeMatcher(corpus.outOfScope, analyzer, index, o.rank.coverage.knownPredicateWeight);
  const nearMisses = createNearMissMatcher(index, o.rank.coverage.knownPredicateWeight);
  // What a near-miss asks for (a date, a count, who): read when one is first found, not for every near-miss at the build.
  const nearMissAsks = new Map<string, NearMiss['asks']>();
  /** The question's closest near-miss of any fact. */
  const closestNearMiss = (q: ParsedQuestion): NearMiss | undefined => {
    let best: NearMiss | undefined;
    for (const [about, { sim, text }] of nearMisses.closest(q, { facts: [], minSim: o.decide.nearMissFloor })) if (!best || sim > best.sim) best = { sim, text, about, asks: [] };
    if (best) {
      let asks = nearMissAsks.get(best.text);
      if (asks === undefined) nearMissAsks.set(best.text, (asks = intents(analyzer.normalize(best.text), analyzer.lexicon)));
      best.asks = asks;
    }
    return best;
  };
  const answersParts = createPartsReader({ analyzer, parse: parseCtx, filters: filterCtx, index, markers, coverage: o.rank.coverage, rules: o.rank.rules, minEvidence: o.decide.minEvidence });

  /** `withRemoved`: also score the candidates a filter removes (for explain()). */
  function run(q: ParsedQuestion, withRemoved = false) {
    const ranking = rank(q, withRemoved);
    // A clause of the question may be answered by a fact a filter removed for the whole (parts.ts).
    let all: Ranking | undefined;
    const withFiltered = () => (all ??= withRemoved ? ranking : rank(q, true));
    const parts = () => answersParts(q, withFiltered);
    return { q, ranking, decision: decide(q, ranking, index, home, o.decide, outOfScope.closest(q).get('out-of-scope')?.sim, parts, framedCoverageOf(q, index, markers, o.rank.coverage), () => closestNearMiss(q)) };
  }

  function answerRun({ q, decision }: ReturnType<typeof run>): Answer {
    if (!decision.answered) {
      // About something the corpus knows (a near-miss names it too): the topics it came close to.
      const knows = decision.reason === 'no-evidence' || decision.reason === 'near-miss';
      const near = knows ? [...new Set(decision.ranked.slice(0, 3).map((r) => r.entry.fact.topic))] : [];
      const a = notFound(corpus, q.text, q.lang, decision.reason === 'empty' ? 'empty' : 'out-of-scope', near);
      // A question about something the corpus knows that it could not answer is still what the next
      // message may lean on ("the 2027 budget?" — not found — "and 2026?"); noise, a message to the
      // bot, one about nothing it knows (오늘 날씨) or an empty one is not.
      if (knows && q.asking.some((u) => u.alias && !u.framing)) a.turn = turnOf(q, []);
      return a;
    }
    const a = compose(q, decision);
    // Set on the answer just made, not spread into a copy: a key a spread's source lacks is slow to add (parse.ts).
    a.turn = turnOf(q, a.answers.map((x) => x.factId));
    return a;
  }
  const choice = o.thread.choose && corpus.threadChoice ? weightsOf(corpus.threadChoice) : undefined;
  const thread = createThreadReader({ corpus, analyzer, index, parseCtx, parse, rank: (q) => rank(q), run, answerRun, outOfScope, decide: o.decide, maxRelated: o.compose.maxRelated, aloneMargin: o.thread.aloneMargin, ...(choice ? { choice } : {}), coverage: (q) => {
    const of = coverageOf(q, index, markers, o.rank.coverage);
    return (e) => of(e).value;
  } });
  const { askInThread } = thread;

  function explain(raw: string, previous?: Turn): Explanation {
    const parsed = parse(raw);
    const read = previous && thread.read(raw, previous);
    // The reading whose fact was chosen over the rules' (with its decision), else the rules' merged one.
    const { q, ranking, decision } = run(read?.run?.q ?? thread.merge(parsed, previous).merged?.q ?? parsed, true);
    const x = explanation(q, ranking, read?.run?.decision ?? decision, closestNearMiss(q));
    if (read?.choice) x.thread = read.choice;
    return x;
  }

  const fact = createQuickFacts(corpus, (q) => askInThread(q, undefined), o.maxQuestionChars);
  return { ask: (q) => askInThread(q, undefined), askInThread, topics: (lang) => topicRefs(corpus, lang), fact, detectLang, explain, threadCandidates: thread.candidates, corpus };
}
