/**
 * Coverage: the idf-weighted share of the question's units of meaning that a fact contains. It is
 * the evidence that a fact answers what was asked: a word the corpus never uses weighs like its
 * rarest term (it is what a question beyond the corpus asks about: 주가, weather), unless it is a
 * verb form (만드는, working), which frames the question more than it names its subject.
 */
import { framingWords } from '../analysis/english-pos.ts';
import { includes, type FactEntry, type FactIndex, type FactsWith } from './fact-index.ts';
import type { Unit } from '../analysis/analyzer.ts';
import type { ParsedQuestion } from '../query/parse.ts';

export interface CoverageOptions {
  /** Credit for a word found only inside a longer word of the fact (대표 in 국가대표). */
  partCredit: number;
  /** Credit for a word found only in the fact's example questions. */
  exampleCredit: number;
  /** Credit for a word found only in the fact's topic name or as a part of an example's word. */
  topicCredit: number;
  /** How much a word the corpus never uses weighs, relative to its rarest term. */
  unknownWeight: number;
  /** The same for an English word: the corpus says everything in English too, so an unknown English word is more often chat. */
  unknownLatinWeight: number;
  /** Each further unknown word weighs this much of the one before (a chatty question should not drown). */
  unknownDecay: number;
  /** How much a compound the corpus never uses whole weighs, relative to an unknown word. */
  compoundWeight: number;
  /** How much an unknown verb form weighs, relative to the rarest term. */
  predicateWeight: number;
  /** How much a known verb form weighs (가는): it frames more than it names. */
  knownPredicateWeight: number;
  /**
   * The most idf a verb form counts with: a casual form (났어, 들어감) is rare because facts are
   * written formally, not because it says much.
   */
  verbFormMaxIdf: number;
  /**
   * The most idf a word of everyday English counts with (see, keep, group, split): rare in the facts
   * because they are written formally, not because it says much about which fact is meant.
   */
  commonWordMaxIdf: number;
  /** How much a word of a preamble or aside weighs beside the part that asks. */
  contextWeight: number;
  /**
   * How much a round, year or version weighs: the filters already make a fact agree with it, so it
   * says which fact less than the words it qualifies (3차 평가: the 평가 matters). A number in a
   * claim put to be checked weighs the same: the fact may correct it.
   */
  constraintWeight: number;
  /**
   * How much an English word that only frames the question (a verb, an adjective: "supposed to
   * house", "its current name") weighs, where the decision reads the question that way.
   */
  framingWeight: number;
}

export interface Coverage {
  value: number;
  /** Units the fact has whole. */
  matched: number;
  /** The question's words the fact lacks. */
  missing: string[];
  /** How many of the missing words the corpus never uses (chat, or a subject beyond the corpus). */
  unknown: number;
}

/** Whether a fact covers a programme: its topic's, or one whose markers it names. */
export function coversProgramme(e: FactEntry, programme: string | undefined, markers: ReadonlyMap<string, string[]>): boolean {
  return programme !== undefined && (e.scope === programme || (markers.get(programme) ?? []).some((m) => e.own.has(m)));
}

export function coverage(q: ParsedQuestion, e: FactEntry, index: FactIndex, markers: ReadonlyMap<string, string[]>, o: CoverageOptions): Coverage {
  return coverageOf(q, index, markers, o)(e);
}

/**
 * A unit's part in coverage, with what the loop over facts reads of it: one shape for every unit
 * (units come in many shapes, and reading theirs for every fact is slow).
 */
interface Step {
  head: string;
  tokens: string[];
  /** The facts with each token (looked up once a question, for a known unit). */
  facts: FactsWith[];
  /** A word the corpus never uses: `weight` is its share of the total, whatever the fact. */
  unknown: boolean;
  weight: number;
  wholeKnown: boolean;
  entity: boolean;
  /** It counts only where the fact has it (a preamble's word, an instance). */
  onlyWhereHad: boolean;
}

function step(u: Unit, facts: FactsWith[], unknown: boolean, weight: number, wholeKnown: boolean): Step {
  return { head: u.tokens[0]!, tokens: u.tokens, facts, unknown, weight, wholeKnown, entity: !!u.entity, onlyWhereHad: !!(u.context || u.instance) };
}

/**
 * Coverage of one question, for any fact: what depends on the question alone (each unit's weight,
 * what its unknown words add to the total) is worked out once, not for every candidate. `framing`:
 * words read as only framing the question, which weigh `framingWeight` of their weight.
 */
export function coverageOf(q: ParsedQuestion, index: FactIndex, markers: ReadonlyMap<string, string[]>, o: CoverageOptions, framing?: ReadonlySet<string>): (e: FactEntry) => Coverage {
  const steps: Step[] = [];
  let unknown = 0;
  const everyday = (t: string) => index.commonStems.has(t) && !q.thingsAsked.includes(t);
  for (const u of q.units) {
    if (u.framing) continue;
    const light = framing?.has(u.tokens[0]!) ? o.framingWeight : 1;
    // A number in a claim put to be checked may be the one a fact corrects (22 members? it has 18).
    const constraint = /^#|^\d{4}$/.test(u.tokens[0]!) || (q.claim === true && /^\d/.test(u.tokens[0]!));
    let rarest = 0; // the weight of the unit's rarest token the corpus knows (0: it knows none)
    for (const t of u.tokens) if (index.df.has(t)) rarest = Math.max(rarest, everyday(t) ? Math.min(index.idf(t), o.commonWordMaxIdf) : index.idf(t));
    if (rarest === 0) {
      if (u.context) continue; // a preamble's unknown words (investor, caption) are who asks, not what
      const unknownWeight = /^[a-z]/.test(u.tokens[0]!) ? o.unknownLatinWeight : o.unknownWeight;
      const base = light * (constraint ? o.constraintWeight : 1) * index.unknownIdf * (u.predicate ? o.predicateWeight : unknownWeight);
      steps.push(step(u, [], true, base * o.unknownDecay ** unknown++, false));
      continue;
    }
    // A compound the corpus never uses whole (센터장) is as telling as an unknown word; the bigrams
    // of it that a fact has earn a (squared) share.
    const wholeKnown = index.df.has(u.tokens[0]!);
    const weight =
      light *
      (constraint ? o.constraintWeight : 1) *
      (wholeKnown ? (u.verbForm ? Math.min(rarest, o.verbFormMaxIdf) : rarest) : Math.max(rarest, index.unknownIdf * (u.predicate ? o.predicateWeight : o.compoundWeight))) *
      (u.verbForm ? o.knownPredicateWeight : 1) *
      (u.context ? o.contextWeight : 1);
    steps.push(step(u, u.tokens.map(index.factsWith), false, weight, wholeKnown));
  }

  return (e) => {
    // A fact of a programme's topics is about that programme even where it does not name it.
    const ownMarkers = markers.get(e.scope) ?? [];
    let total = 0;
    let got = 0;
    let matched = 0;
    const missing: string[] = [];
    for (const step of steps) {
      const { head, tokens, facts, weight, wholeKnown } = step;
      if (step.unknown) {
        missing.push(head);
        total += weight;
        continue;
      }
      // A programme-wide fact answers for each of its participants, whether or not its examples name one.
      let whole = credit(head, facts[0]!, e, ownMarkers, o);
      if (whole < 1 && step.entity && answersForParticipant(q, e, head, index, markers)) whole = 1;
      if (whole === 1) matched++;
      let share = whole;
      if (whole === 0) {
        // Its parts (the bigrams of a compound), in order.
        let parts = 0;
        for (let k = 1; k < tokens.length; k++) parts += credit(tokens[k]!, facts[k]!, e, ownMarkers, o);
        if (parts === 0) missing.push(head);
        if (tokens.length > 1) {
          const partShare = parts / (tokens.length - 1);
          share = wholeKnown ? partShare : partShare * partShare;
        }
      }
      // A preamble's words count only where the fact has them: "2026 AI budget: 10.1tn or 9.9tn?"
      // names its subject before the colon, "fact-checking a caption:" names only who asks.
      total += step.onlyWhereHad ? weight * share : weight;
      got += weight * share;
    }
    return { value: total === 0 ? 0 : got / total, matched, missing, unknown };
  };
}

/**
 * A fact's coverage with the words that only frame an English question (its verbs, adjectives and
 * adverbs the corpus knows) weighing `framingWeight`, or undefined when the fact lacks none of them:
 * the decision's second look (decide.ts). The question is tagged once, and only if asked.
 */
export function framedCoverageOf(q: ParsedQuestion, index: FactIndex, markers: ReadonlyMap<string, string[]>, o: CoverageOptions): (r: { entry: FactEntry; coverage: Coverage }) => number | undefined {
  let framing: Set<string> | undefined;
  // The question's coverage with them, worked out once for all the facts asked about.
  let framed: ((e: FactEntry) => Coverage) | undefined;
  return (r) => {
    if (!r.coverage.missing.some((t) => /^[a-z]/.test(t))) return undefined;
    framing ??= framingWords(q.text);
    if (!r.coverage.missing.some((t) => framing!.has(t) && index.df.has(t))) return undefined;
    framed ??= coverageOf(q, index, markers, o, framing);
    return framed(r.entry).value;
  };
}

/**
 * How much of a word a fact has: a word it says (or a marker of its programme) counts fully; one
 * found only inside a longer word of it, in its example questions or its topic's name, in part.
 */
function credit(t: string, facts: FactsWith, e: FactEntry, ownMarkers: readonly string[], o: CoverageOptions): number {
  // `terms` holds every token of the fact (its words, own tokens and example words too): most
  // words of a question are not among them, and one bit says so.
  if (!includes(facts.terms, e)) return ownMarkers.includes(t) ? 1 : includes(facts.aliasParts, e) ? o.partCredit : 0;
  return includes(facts.words, e) || ownMarkers.includes(t) ? 1 : includes(facts.own, e) ? o.partCredit : includes(facts.exampleWords, e) ? o.exampleCredit : o.topicCredit;
}

/**
 * A programme-wide fact that names no team (the schedule, GPUs per team, their supplier) answers for
 * each participant of its programme, unless the question asks for a team's own attribute (its CEO)
 * or an amount (KAIST's budget is not the programme's).
 */
export function answersForParticipant(q: ParsedQuestion, e: FactEntry, entity: string, index: FactIndex, markers: ReadonlyMap<string, string[]>): boolean {
  return q.attributes.length === 0 && !q.intents.includes('amount') && !index.namesParticipant.has(e.fact.id) && coversProgramme(e, index.participantOf.get(entity), markers);
}
