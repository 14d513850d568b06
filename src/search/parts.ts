/**
 * A question that asks two things ("몇 곳 지원했고 경쟁률은?", "when was X named, and why did the
 * earlier calls flop?") is often answered by two facts, neither covering the whole. It is answered
 * when each of its clauses is covered by one of the best few facts: the answer gives the first
 * clause's fact and lists the others next. Each clause is read as a question of its own
 * (its own names must agree, as filters.ts requires) and must be covered whole, so a near-miss
 * ("KAIST 총 사업비는? 루닛은 182억이라던데") is not answered with pieces of different facts.
 */
import type { Unit } from '../analysis/analyzer.ts';
import type { ParsedQuestion } from '../query/parse.ts';
import type { Ranked } from './rank.ts';

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
 * When every clause has a fact answering it with at least `min` evidence: those facts, one per
 * clause in the clause's order (the first clause's leads the answer); otherwise undefined.
 */
export function partsAnswered(clauses: Clause[], min: number): Ranked[] | undefined {
  if (clauses.length < 2) return undefined;
  const facts: Ranked[] = [];
  for (const c of clauses) {
    const answer = facts.find((r) => c.evidence(r) >= min) ?? c.candidates.find((r) => c.evidence(r) >= min);
    if (!answer) return undefined;
    if (!facts.includes(answer)) facts.push(answer);
  }
  return facts;
}
