/** What explain() returns: the parsed question, the decision, and every candidate's rules and closest example. */
import type { ThreadChoice } from '../answer/thread.ts';
import type { ParsedQuestion } from '../query/parse.ts';
import { evidence, type Decision, type NearMiss } from './decide.ts';
import type { Ranked, Ranking } from './rank.ts';
import { RULES } from './rules.ts';

export interface Explanation {
  units: string[][];
  question: Pick<ParsedQuestion, 'programme' | 'entities' | 'ordinals' | 'years' | 'versions' | 'attributes' | 'intents' | 'personal'> & { context: string[] };
  /** What was decided: the answer's fact and tier, or why not. */
  decision:
    | {
        answered: true;
        factId: string;
        tier: 'home' | 'all' | 'widened';
        /** Facts answering the question's other clauses. */
        parts?: string[];
        /** Found with the words that only frame an English question weighing less. */
        framed?: true;
        /** The higher-scored fact it was preferred to, which lacks what the question asks for. */
        over?: string;
      }
    | { answered: false; reason: string };
  /** In a thread: the learned choice among the facts the message's readings find (answer/thread-choice.ts), best first. */
  thread?: ThreadChoice;
  /** The closest near-miss (a question about a fact that no source answers), when one is close enough to count. */
  nearMiss?: { sim: number; text: string; about: string; asks: readonly string[] };
  /** `missing`: the question's words the fact lacks; `filteredBy`: the filter that removed it. */
  candidates: { id: string; coverage: number; matched: number; missing: string[]; unknown: number; bm25: number; rank: number; evidence: number; example?: { sim: number; text: string }; rules: { rule: string; factor: number }[]; filteredBy?: string }[];
}

export function explanation(q: ParsedQuestion, ranking: Ranking, decision: Decision, nearMiss?: NearMiss): Explanation {
  const row = (r: Ranked) => ({
    id: r.id,
    coverage: r.coverage.value,
    matched: r.coverage.matched,
    missing: r.coverage.missing,
    unknown: r.coverage.unknown,
    bm25: r.bm25,
    rank: r.score,
    evidence: evidence(r),
    ...(r.example ? { example: r.example } : {}),
    rules: r.factors.map((factor, i) => ({ rule: RULES[i]!.name, factor })),
    ...(r.filteredBy ? { filteredBy: r.filteredBy } : {}),
  });
  const shown = decision.answered ? decision.ranked : ranking.kept;
  return {
    units: q.units.map((u) => u.tokens),
    question: {
      programme: q.programme,
      entities: q.entities,
      ordinals: q.ordinals,
      years: q.years,
      versions: q.versions,
      attributes: q.attributes,
      intents: q.intents,
      personal: q.personal,
      context: q.units.filter((u) => u.context).map((u) => u.tokens[0]!),
    },
    decision: decision.answered
      ? { answered: true, factId: decision.best.id, tier: decision.tier, ...(decision.parts ? { parts: decision.parts.map((r) => r.id) } : {}), ...(decision.framed ? { framed: true as const } : {}), ...(decision.over ? { over: decision.over.id } : {}) }
      : { answered: false, reason: decision.reason },
    ...(nearMiss ? { nearMiss } : {}),
    // A widened answer is among the removed too: shown once, first.
    candidates: [...shown, ...ranking.removed.filter((r) => !shown.includes(r))].map(row),
  };
}
