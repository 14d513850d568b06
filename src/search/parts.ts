/**
 * A question that asks two things ("몇 곳 지원했고 경쟁률은?", "when was X named, and why did the
 * earlier calls flop?") is often answered by two facts, neither covering the whole. It is answered
 * when each of its clauses is covered by one of the best few facts: the answer gives the first
 * clause's fact and lists the others next. Each clause is read as a question of its own
 * (its own names must agree, as filters.ts requires) and must be covered whole, so a near-miss
 * ("KAIST 총 사업비는? 루닛은 182억이라던데") is not answered with pieces of different facts.
 */
import type { Analyzer, Unit } from '../analysis/analyzer.ts';
import { fold } from '../analysis/normalize.ts';
import { clauses } from '../analysis/segments.ts';
import { countedIn } from '../query/counted.ts';
import { intents } from '../query/intents.ts';
import { withUnits, type ParseContext, type ParsedQuestion } from '../query/parse.ts';
import { coverageOf, type Coverage, type CoverageOptions } from './coverage.ts';
import type { FactIndex } from './fact-index.ts';
import { FILTERS, type FilterContext } from './filters.ts';
import type { Ranked, Ranking } from './rank.ts';
import { RULES, type RuleKnobs } from './rules.ts';

const EVIDENCE_RULES = RULES.filter((r) => r.evidence);

/** How many of the best kept (and of the best filtered-out) facts may answer a clause. */
const CANDIDATES = 4;

export interface PartsContext {
  analyzer: Analyzer;
  parse: ParseContext;
  filters: FilterContext;
  index: FactIndex;
  markers: ReadonlyMap<string, string[]>;
  coverage: CoverageOptions;
  rules: RuleKnobs;
  minEvidence: number;
}

/**
 * For a question of several clauses that no one fact covers: a fact for each clause (the first
 * clause's first), or undefined. Each clause is read as a question of its own, so a fact a filter
 * removed for the whole question may answer a clause whose own names it agrees with.
 */
export function createPartsReader(ctx: PartsContext) {
  /** `rankAll`: the question's ranking with the candidates a filter removed, asked for only when it has clauses. */
  return function answersParts(q: ParsedQuestion, rankAll: () => Ranking): Ranked[] | undefined {
    const texts = clauses(q.text);
    if (texts.length < 2) return undefined;
    const read = texts.map((t) => {
      const a = ctx.analyzer.analyze(t);
      return { text: t, norm: a.norm, heads: new Set(a.units.map((u) => u.tokens[0]!)) };
    });
    const own = clauseUnits(q, read.map((r) => r.heads));
    if (own.length < 2) return undefined;
    const lex = ctx.analyzer.lexicon;
    const asking = read.filter((r) => clauseUnits(q, [r.heads]).length > 0);
    const ranking = rankAll();
    // A preamble names the subject of every clause ("EXAONE 4.5 — how many languages and what context length?").
    const context = q.units.filter((u) => u.context);
    const parts = own.map((clause, i): Clause => {
      const units = [...clause, ...context];
      // Each clause asks its own thing (언제 in one, 얼마 or 몇 장 in the other); one with no question
      // word of its own ("how many researchers and engineers …" cut at "and") asks what the question does.
      const { text, norm } = asking[i]!;
      const own = intents(norm, lex);
      const counted = own.length ? countedIn(fold(text), lex) : q.counted;
      const sub = withUnits({ text: q.text, norm: q.norm, lang: q.lang, intents: own.length ? own : q.intents, counted, personal: q.personal, code: q.code }, units, ctx.parse);
      const keeps = (r: Ranked) => FILTERS.every((f) => f.keep(sub, r.entry, ctx.filters));
      const candidates = [...ranking.kept.slice(0, CANDIDATES), ...ranking.removed.slice(0, CANDIDATES)].filter(keeps).sort((a, b) => b.score - a.score);
      const coverage = coverageOf(sub, ctx.index, ctx.markers, ctx.coverage);
      // The evidence rules (a date asked for, someone asked for) weigh what the clause asks, not the whole question.
      const keywordFacts = sub.units.map((u) => ctx.index.factsWith(u.tokens[0]!).keywords);
      const gates = (r: Ranked, cov: Coverage) => EVIDENCE_RULES.reduce((g, rule) => g * rule.factor({ q: sub, e: r.entry, coverage: cov, bm25Share: 0, namedTopicLead: false, classified: 0, keywordFacts }, ctx.rules[rule.name]), 1);
      return {
        candidates,
        evidence: (r) => {
          const cov = coverage(r.entry);
          return cov.value * gates(r, cov);
        },
      };
    });
    return partsAnswered(parts, ctx.minEvidence);
  };
}

/** The asking units of each clause that names anything (a clause's units are those its own analysis finds). */
export function clauseUnits(q: ParsedQuestion, clauseHeads: Set<string>[]): Unit[][] {
  const content = q.asking.filter((u) => !u.framing);
  return clauseHeads.map((heads) => content.filter((u) => heads.has(u.tokens[0]!))).filter((units) => units.some((u) => !u.predicate));
}

export interface Clause {
  /** The facts that may answer it, best first. */
  candidates: Ranked[];
  /** How well a fact answers it (its coverage of the clause, gated like the whole question's evidence). */
  evidence(r: Ranked): number;
}

/**
 * The clause's candidate answering it best, with at least `min` evidence (the better scored of equals):
 * one that only clears the bar ("how many languages" of a fact without the count) yields to one that
 * answers it whole.
 */
function answering(c: Clause, min: number): Ranked | undefined {
  let best: Ranked | undefined;
  let most = min;
  for (const r of c.candidates) {
    const ev = c.evidence(r);
    if (ev > most || (ev === most && !best)) [best, most] = [r, ev];
  }
  return best;
}

/**
 * When every clause has a fact answering it with at least `min` evidence: those facts, one per
 * clause in the clause's order (the first clause's leads the answer; a fact answering an earlier
 * clause answers a later one too when it can); otherwise undefined.
 */
export function partsAnswered(clauses: Clause[], min: number): Ranked[] | undefined {
  if (clauses.length < 2) return undefined;
  const facts: Ranked[] = [];
  for (const c of clauses) {
    const answer = facts.find((r) => c.evidence(r) >= min) ?? answering(c, min);
    if (!answer) return undefined;
    if (!facts.includes(answer)) facts.push(answer);
  }
  return facts;
}
