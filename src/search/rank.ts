/**
 * Ranking, in stages: retrieve candidates (BM25 over statements, keywords, topic names and example
 * questions, plus facts with a close example), filter them by what the question names (filters.ts),
 * then score each by the named rules (rules.ts). Ties break by id, so answers are stable.
 */
import type { ParsedQuestion } from '../query/parse.ts';
import { coverageOf, type Coverage, type CoverageOptions } from './coverage.ts';
import { bagOf, type Classify } from './classifier.ts';
import type { ClosestExample, ExampleMatcher } from './examples.ts';
import type { FactEntry, FactIndex } from './fact-index.ts';
import { FILTERS, type FilterContext } from './filters.ts';
import { RULES, type RuleInput, type RuleKnobs } from './rules.ts';

export interface RankOptions {
  /** How many BM25 hits are scored. */
  candidates: number;
  /**
   * For a question naming no programme, how many of the home programme's best hits are scored too,
   * however the rest of the landscape ranks (its facts come first when one answers well).
   */
  homeCandidates: number;
  /** A fact whose closest example is at least this similar is scored even if BM25 missed it. */
  exampleRecall: number;
  rules: RuleKnobs;
  coverage: CoverageOptions;
}

export interface Ranked {
  id: string;
  entry: FactEntry;
  score: number;
  bm25: number;
  coverage: Coverage;
  example?: ClosestExample;
  /** Each rule's factor, in the order of RULES (named only by explain(): most candidates are never shown). */
  factors: number[];
  /** The filter that removed it, when one did. */
  filteredBy?: string;
}

/** What the filters make of a candidate (FILTERS). */
interface Verdict {
  failed: (typeof FILTERS)[number] | undefined;
  widens: boolean;
}

export interface Ranking {
  /** Candidates that passed every filter, best first. */
  kept: Ranked[];
  /** Candidates a filter removed, scored only when asked for (by explain()). */
  removed: Ranked[];
  /**
   * Candidates a filter removed that it widens to (silent on what it requires) and every other keeps,
   * best first: scored always, as they are few and the decision may answer with one.
   */
  widened: Ranked[];
}

export function createRanker(index: FactIndex, examples: ExampleMatcher, classify: Classify, filterCtx: FilterContext, home: string, counterWords: readonly string[], opts: RankOptions) {
  const knobs = RULES.map((r) => opts.rules[r.name]);
  const classifiedOf = new WeakMap<ParsedQuestion, ((factId: string) => number) | null>();
  // The home programme's facts, for its own list of BM25 hits (asked of each hit that would enter it).
  const homeFacts = new Set([...index.entries.values()].filter((e) => e.scope === home).map((e) => e.fact.id));
  const homeList = { limit: opts.homeCandidates, keep: (id: string) => homeFacts.has(id) };
  const counters = new RegExp(`^(?:${[...counterWords].join('|')})$`);
  /** Leads of topics the question only names ("K-Fold가 뭐야?", "AI 특화모델 프로젝트 설명좀"). */
  function namedTopicLeads(q: ParsedQuestion): Set<string> {
    const asked = q.units.filter((u) => !u.context);
    // A counter (몇 장) says what kind of number is wanted, not which topic.
    const naming = asked.filter((u) => !u.framing && !counters.test(u.tokens[0]!)).map((u) => u.tokens[0]!);
    const leads = new Set<string>();
    for (const t of index.topicTerms) {
      if (!naming.every((h) => t.terms.has(h))) continue;
      // Generic words (몇 팀 뽑는 공모) name a topic of another programme only when the question names a programme or a party.
      if (q.programme.by === 'home' && t.scope !== home && t.scope !== 'general') continue;
      // A lead gets the bonus only if it says what the question names itself, not just via its topic's name.
      const own = index.entries.get(t.lead)!.own;
      if (asked.every((u) => u.framing || own.has(u.tokens[0]!))) leads.add(t.lead);
    }
    return leads;
  }

  /** The first filter that removes a candidate, and whether it widens to it (and every other keeps it). */
  function verdictOf(q: ParsedQuestion, entry: FactEntry): Verdict {
    const failed = FILTERS.find((f) => !f.keep(q, entry, filterCtx));
    const widens = failed !== undefined && failed.widen?.(q, entry, filterCtx) === true && FILTERS.every((f) => f === failed || f.keep(q, entry, filterCtx));
    return { failed, widens };
  }

  return function rank(q: ParsedQuestion, withRemoved = false): Ranking {
    // A word the corpus knows whole is searched whole; only an unknown compound by its bigrams.
    const unique = new Set<string>();
    for (const u of q.units) {
      if (index.df.has(u.tokens[0]!)) unique.add(u.tokens[0]!);
      else for (const t of u.tokens) unique.add(t);
    }
    const tokens = [...unique];
    const [found = [], homeHits = []] = index.search(tokens, q.programme.by === 'home' ? [{ limit: opts.candidates }, homeList] : [{ limit: opts.candidates }]);
    // The hits by id, in order: the best overall, then the home programme's others.
    const bm25 = new Map<string, number>();
    for (const h of [...found, ...homeHits]) if (!bm25.has(h.id)) bm25.set(h.id, h.score);
    const top = found[0]?.score ?? homeHits[0]?.score ?? 1;
    // The filters first: a hit one removes (and that none widens to) is not scored, so the closest
    // example of its fact need not be looked for.
    const verdicts = new Map<string, Verdict>();
    for (const id of bm25.keys()) verdicts.set(id, verdictOf(q, index.entries.get(id)!));
    const scored = (id: string) => {
      const { failed, widens } = verdicts.get(id)!;
      return withRemoved || !failed || widens;
    };
    // The closest examples of the BM25 hits scored, and of the facts close enough to be scored anyway.
    const closest = examples.closest(q, { facts: [...bm25.keys()].filter(scored), minSim: opts.exampleRecall });
    const ids = [...bm25.keys()];
    for (const [id, c] of closest) if (c.sim >= opts.exampleRecall && !bm25.has(id)) ids.push(id);
    const leads = namedTopicLeads(q);
    const coverage = coverageOf(q, index, filterCtx.markers, opts.coverage);
    const keywordFacts = q.units.map((u) => index.factsWith(u.tokens[0]!).keywords);
    // Once a question: a question is ranked again for explain() or a clause.
    let classified = classifiedOf.get(q);
    if (classified === undefined) classifiedOf.set(q, (classified = classify(bagOf(q.units, q.intents)) ?? null));
    const kept: Ranked[] = [];
    const removed: Ranked[] = [];
    const widened: Ranked[] = [];
    for (const id of ids) {
      const entry = index.entries.get(id)!;
      const { failed, widens } = verdicts.get(id) ?? verdictOf(q, entry);
      if (failed && !withRemoved && !widens) continue;
      const cov = coverage(entry);
      const example = closest.get(id);
      const bm25Score = bm25.get(id) ?? 0;
      const input: RuleInput = { q, e: entry, coverage: cov, bm25Share: bm25Score / top, namedTopicLead: leads.has(id), classified: classified?.(id) ?? 0, keywordFacts };
      if (example) input.example = example;
      const factors: number[] = [];
      let score = 1;
      for (let i = 0; i < RULES.length; i++) {
        const factor = RULES[i]!.factor(input, knobs[i]!);
        factors.push(factor);
        score *= factor;
      }
      const ranked: Ranked = { id, entry, score, bm25: bm25Score, coverage: cov, factors };
      if (example) ranked.example = example;
      // Set, not spread into a copy: a key a spread's source lacks is slow to add (parse.ts).
      if (failed) ranked.filteredBy = failed.name;
      if (!failed) kept.push(ranked);
      else {
        if (withRemoved) removed.push(ranked);
        if (widens) widened.push(ranked);
      }
    }
    const order = (a: Ranked, b: Ranked) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return { kept: kept.sort(order), removed: removed.sort(order), widened: widened.sort(order) };
  };
}
