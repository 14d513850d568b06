/**
 * Constraints a fact must meet to answer at all, applied as filters (not penalties), the way a
 * search engine applies a filter clause: what the question names must agree. Each filter returns
 * true to keep a fact.
 */
import type { ParsedQuestion } from '../query/parse.ts';
import { answersForParticipant, coversProgramme } from './coverage.ts';
import type { FactEntry, FactIndex } from './fact-index.ts';

export interface FilterContext {
  index: FactIndex;
  markers: ReadonlyMap<string, string[]>;
  nameAttribute: string;
}

export interface Filter {
  name: string;
  /** What the filter requires, for explain(). */
  describe: string;
  keep(q: ParsedQuestion, e: FactEntry, ctx: FilterContext): boolean;
  /**
   * Widening: a fact the filter removed that may still answer when no fact it keeps does (one silent
   * on what the filter requires, rather than saying otherwise).
   */
  widen?(q: ParsedQuestion, e: FactEntry, ctx: FilterContext): boolean;
}

/**
 * Whether the filter removed a fact only for a year it does not give at all ("per-project cap in the
 * dec 2025 call?" where the cap's fact names no year). Not a round or a version: "2차 평가 1등?" is
 * never answered by a fact silent on rounds, which is another round's result as often as not.
 */
function silentOnYear(q: ParsedQuestion, e: FactEntry): boolean {
  return q.ordinals.every((t) => e.terms.has(t)) && q.versions.every((t) => e.terms.has(t)) && !namesAYear(e);
}

/** Whether any of a fact's terms is a year: worked out once a fact (it has hundreds of terms), when first asked. */
const yearNamed = new WeakMap<FactEntry, boolean>();
function namesAYear(e: FactEntry): boolean {
  let named = yearNamed.get(e);
  if (named === undefined) yearNamed.set(e, (named = [...e.terms].some((t) => /^\d{4}$/.test(t))));
  return named;
}

/** Whether the fact names several organisations, people or models the question does not: it gives names (참여기업 7곳 이름). */
function namesOthers(q: ParsedQuestion, e: FactEntry): boolean {
  let others = 0;
  for (const t of e.entities) if (!q.units.some((u) => u.tokens[0] === t) && ++others >= 2) return true;
  return false;
}

/** Whether the fact names the entity, or is a programme-wide fact of the programme it takes part in. */
function answersFor(q: ParsedQuestion, e: FactEntry, entity: string, ctx: FilterContext): boolean {
  return ctx.index.hasTerm(e, entity) || answersForParticipant(q, e, entity, ctx.index, ctx.markers);
}

/**
 * Whether the fact answers for the entity's maker or model, and names neither that maker's other
 * models (K-EXAONE's licence is not EXAONE 4.5's) nor a programme's participant the question does not
 * name (KAIST's labs in Lunit's consortium do not lead K-Fold).
 */
function answersForRelative(q: ParsedQuestion, e: FactEntry, entity: string, ctx: FilterContext): boolean {
  const { relatives, participantOf } = ctx.index;
  const namesOther = (r: string) => {
    for (const other of relatives.get(r) ?? []) if (other !== entity && e.own.has(other)) return true;
    for (const p of participantOf.keys()) if (p !== r && !q.entities.includes(p) && e.own.has(p)) return true;
    return false;
  };
  return (relatives.get(entity) ?? []).some((r) => answersFor(q, e, r, ctx) && !namesOther(r));
}

export const FILTERS: Filter[] = [
  {
    name: 'entity',
    describe: 'names every organisation, person or model the question names (or is a programme-wide fact of its programme)',
    keep: (q, e, ctx) => q.entities.every((t) => answersFor(q, e, t, ctx)),
    // When no fact that names it answers: one naming its maker, or its model ("KAIST K-Fold 팀도 256장?"
    // where the per-team GPU fact names KAIST's consortium, not its model).
    widen: (q, e, ctx) => q.entities.every((t) => answersFor(q, e, t, ctx) || answersForRelative(q, e, t, ctx)),
  },
  {
    name: 'round-year-version',
    describe: 'names the round, stage, year or version (K-EXAONE 3.0) the question names',
    keep: (q, e, { index }) => q.ordinals.every((t) => index.hasTerm(e, t)) && q.years.every((t) => index.hasTerm(e, t)) && q.versions.every((t) => index.hasTerm(e, t)),
    widen: silentOnYear,
  },
  {
    // "2차 평가 결과는?" is never answered with the first round's result; a plan for the round may answer.
    name: 'round-outcome',
    describe: 'for how a named round turned out: a result about that round, not another',
    keep: (q, e) => !q.intents.includes('outcome') || q.ordinals.length !== 1 || e.fact.kind === 'plan' || e.ordinals.length === 0 || e.ordinals[0] === q.ordinals[0],
  },
  {
    name: 'programme',
    describe: 'belongs to or names the programme the question names',
    keep: (q, e, ctx) => q.programme.by !== 'named' || coversProgramme(e, q.programme.id, ctx.markers),
  },
  {
    // A name is also given by quoting it (독자 파운데이션 모델 '솔라 WBL').
    name: 'attribute',
    describe: 'states the attribute asked for (a name, a licence, a CEO; names, by naming several), not just lists it as a keyword',
    keep: (q, e, ctx) => q.attributes.every((t) => e.stated.has(t) || (ctx.index.keywordAttributes.has(t) && e.keywords.has(t)) || (t === ctx.nameAttribute && (e.quotesName || namesOthers(q, e)))),
    // When no fact that states it answers: one whose curated keywords say it gives it (배점 for a fact of
    // 100점 만점 … 50점), which the statement gives by its figures rather than by the word.
    widen: (q, e) => q.attributes.every((t) => e.stated.has(t) || e.keywords.has(t)),
  },
];
