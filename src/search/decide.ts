/**
 * Answer or abstain. A question is answered only on evidence that covers the part of it that asks:
 * the best fact must cover enough of it (or read like one of the fact's example questions), and the
 * question must be one at all (not noise, a lone number, a stray English word or a message to the
 * bot itself). A question naming no programme is answered from the home programme's facts when one
 * of them answers well, and only then from the rest of the landscape (widening).
 */
import type { ParsedQuestion } from '../query/parse.ts';
import type { Intent } from '../query/intents.ts';
import type { FactIndex } from './fact-index.ts';
import type { Ranked, Ranking } from './rank.ts';
import { RULES } from './rules.ts';

export interface DecideOptions {
  /** The evidence (coverage, or closest-example similarity) the best fact needs to be the answer. */
  minEvidence: number;
  /** A question of three or more words is noise when at least this share of them is unknown. */
  noiseShare: number;
  /** A question at least this close to one a curator marked out of scope (corpus/out-of-scope.yaml) is refused. */
  curatedMatch: number;
  /**
   * Widening: the home programme's best fact answers a question naming no programme when its score
   * is at least this share of the best fact overall (1: only when it is the best anyway).
   */
  homeRatio: number;
  /**
   * A best fact that an evidence rule holds back (it lacks the count, date or party asked for) yields to
   * the first one that none holds back whose score is at least this share of its own (1: never).
   */
  gatedRatio: number;
  /**
   * A fact a filter removed only for what it is silent on (a year, an attribute its keywords name)
   * answers before the best kept one when its score is at least this many times that one's (Infinity:
   * only when no kept fact answers).
   */
  widenRatio: number;
  /**
   * A near-miss: the question reads at least this much more like one of the facts' near-misses
   * (questions about them no source answers) than like any example of the fact that would answer,
   * at least `nearMissFloor` like that near-miss, and asks for all it asks for. Infinity: never.
   */
  nearMissMargin: number;
  nearMissFloor: number;
}

/** The closest near-miss to a question: its similarity, its text, the fact it is about and what it asks for. */
export interface NearMiss {
  sim: number;
  text: string;
  about: string;
  asks: readonly Intent[];
}

export type Decision =
  | {
      answered: true;
      best: Ranked;
      /** Every candidate that passed the filters, the chosen tier's first. */
      ranked: Ranked[];
      tier: 'home' | 'all' | 'widened';
      /** For a question of several clauses that no one fact covers: the facts answering the other clauses. */
      parts?: Ranked[];
      /** The English words that only frame the question (framingWords) weighed less to find it. */
      framed?: true;
      /** The higher-scored fact it was preferred to, which lacks what the question asks for (gatedRatio). */
      over?: Ranked;
    }
  | { answered: false; reason: 'empty' | 'noise' | 'personal' | 'curated-out-of-scope' | 'near-miss' | 'no-evidence'; ranked: Ranked[] };

/**
 * How strongly a candidate answers: its coverage, or how closely the question reads like one of its
 * examples, times the factors of the rules marked `evidence` (a fact without the date asked for, or
 * without the thing asked about, does not answer, however well it covers the other words).
 */
export function evidence(r: Ranked, coverage = r.coverage.value): number {
  return Math.max(coverage, r.example?.sim ?? 0) * evidenceGates(r);
}

/** The product of the factors of the rules marked `evidence` (1 when none holds the fact back). */
export function evidenceGates(r: Ranked): number {
  let gates = 1;
  for (const i of EVIDENCE_RULES) gates *= r.factors[i]!;
  return gates;
}

/** The places of the rules marked `evidence` in RULES (and so in a candidate's factors). */
const EVIDENCE_RULES = RULES.flatMap((r, i) => (r.evidence ? [i] : []));

/**
 * When the best fact is held back by an evidence rule (it lacks the count or date asked for), the first
 * close one that is not: "lunit gpus how many" is the GPUs per team, not the Lunit budget that
 * outranks it on the name alone. Undefined when the best is not held back or none is close.
 */
export function ungated(list: readonly Ranked[], ratio: number): Ranked | undefined {
  const best = list[0];
  if (!best || evidenceGates(best) >= 1) return undefined;
  for (const r of list) {
    if (r.score < ratio * best.score) return undefined;
    if (evidenceGates(r) >= 1) return r;
  }
  return undefined;
}

/** Why a question is not one the corpus could answer, before looking at any fact; undefined when it is. */
export function refuse(q: ParsedQuestion, index: FactIndex, opts: DecideOptions): 'empty' | 'noise' | 'personal' | undefined {
  const content = q.asking.filter((u) => !u.framing);
  if (q.units.length === 0) return 'empty';
  if (content.length === 0 || q.code) return 'noise';
  // A number alone (1=1, 2026) asks nothing.
  if (content.every((u) => /^[\d.]+$/.test(u.tokens[0]!))) return 'noise';
  const unknown = content.filter((u) => !u.alias && !index.df.has(u.tokens[0]!)).length;
  if (content.length >= 3 && unknown / content.length >= opts.noiseShare) return 'noise';
  // A single stray word (clear, test, hello) with no question word asks about nothing unless it names a party, a programme or a topic.
  if (content.length === 1 && q.intents.length === 0 && !content[0]!.entity && !q.programme.by.startsWith('named') && !index.topicTerms.some((t) => t.terms.has(content[0]!.tokens[0]!))) return 'noise';
  // Addressed to the bot (너 누구야, are you ChatGPT?): answered only when it also names a programme or
  // one of its parties (a model it is compared with, ChatGPT, is not one).
  if (q.personal && q.programme.by !== 'named' && q.programme.by !== 'entity') return 'personal';
  return undefined;
}

/**
 * `outOfScope`: how close the question is to the nearest one a curator marked out of scope (0–1).
 * `closestNearMiss`: the question's closest near-miss of any fact (asked only of an answer).
 * `answersParts`: for a question of several clauses that no one fact covers, a fact for each clause
 * (the first clause's first), or undefined (search/parts.ts). `framedCoverage`: a fact's coverage
 * with the words that only frame an English question weighing less, or undefined when it lacks none
 * of them.
 */
export function decide(
  q: ParsedQuestion,
  ranking: Ranking,
  index: FactIndex,
  home: string,
  opts: DecideOptions,
  outOfScope = 0,
  answersParts?: () => Ranked[] | undefined,
  framedCoverage?: (r: Ranked) => number | undefined,
  closestNearMiss?: () => NearMiss | undefined,
): Decision {
  const d = answerOrAbstain(q, ranking, index, home, opts, outOfScope, answersParts, framedCoverage);
  if (!d.answered) return d;
  // A question that reads more like a near-miss than like any question the answer's fact answers asks
  // what no source states ("솔라 오픈 2 학습 토큰 몇 T?" beside "솔라 오픈 2 몇 B?"): the fact holds its names, not its answer.
  // It speaks only to a question asking for what it asks for ("why did both choose from scratch?" is
  // no reason to refuse "are they fine-tuning or going from scratch?").
  // An answer of several facts, one for each clause (each covering its clause whole), is not weighed
  // against the whole question's near-misses.
  const nearMiss = closestNearMiss?.();
  if (nearMiss && !d.parts && nearMiss.sim >= opts.nearMissFloor && nearMiss.sim >= (d.best.example?.sim ?? 0) + opts.nearMissMargin && nearMiss.asks.every((i) => q.intents.includes(i))) {
    return { answered: false, reason: 'near-miss', ranked: ranking.kept };
  }
  return d;
}

function answerOrAbstain(
  q: ParsedQuestion,
  ranking: Ranking,
  index: FactIndex,
  home: string,
  opts: DecideOptions,
  outOfScope: number,
  answersParts?: () => Ranked[] | undefined,
  framedCoverage?: (r: Ranked) => number | undefined,
): Decision {
  const reason = refuse(q, index, opts) ?? (outOfScope >= opts.curatedMatch ? 'curated-out-of-scope' : undefined);
  if (reason) return { answered: false, reason, ranked: ranking.kept };
  // The home programme's facts first, but not one about another programme too (Lunit's bid in 독파모).
  const homeTier = ranking.kept.filter((r) => r.entry.scope === home && !r.entry.otherProgramme);
  const tiers: ['home' | 'all', Ranked[]][] = q.programme.by === 'home' ? [['home', homeTier], ['all', ranking.kept]] : [['all', ranking.kept]];
  const top = ranking.kept[0]?.score ?? 0;
  /** The first tier whose best fact answers on the evidence `evidenceOf` gives. */
  const answerBy = (evidenceOf: (r: Ranked) => number, framed = false): Decision | undefined => {
    for (const [tier, list] of tiers) {
      const first = list[0];
      if (!first || (tier === 'home' && first.score < opts.homeRatio * top)) continue;
      const best = ungated(list, opts.gatedRatio) ?? first;
      if (evidenceOf(best) >= opts.minEvidence) {
        const inTier = new Set(list.map((r) => r.id));
        const ranked = best === first ? list : [best, ...list.filter((r) => r !== best)];
        return { answered: true, best, ranked: [...ranked, ...ranking.kept.filter((r) => !inTier.has(r.id))], tier, ...(framed ? { framed } : {}), ...(best === first ? {} : { over: first }) };
      }
    }
    return undefined;
  };
  // A second look when none answers: what an English question lacks may be only words that frame it
  // ("how many chips is NAICC supposed to house?").
  const framed = (r: Ranked) => evidence(r, framedCoverage?.(r) ?? 0);
  // Widening: a fact a filter removed for being silent on what it requires ("per-project GPU cap in
  // the dec 2025 call?" where the cap's fact gives no year) answers when no fact that meets every
  // filter does, or when it far outscores the best that does (that one holds the year, not the answer).
  const wide = ranking.widened[0];
  const answersWidened = wide !== undefined && evidence(wide) >= opts.minEvidence;
  const asWidened = (r: Ranked): Decision => ({ answered: true, best: r, ranked: [r, ...ranking.kept], tier: 'widened' });
  const answered = answerBy(evidence) ?? (framedCoverage ? answerBy(framed, true) : undefined);
  if (answered) return answersWidened && wide.score >= opts.widenRatio * top ? asWidened(wide) : answered;
  if (answersWidened) return asWidened(wide);
  // No one fact covers it: a question of several clauses may still have a fact for each.
  const parts = answersParts?.();
  if (parts) return { answered: true, best: parts[0]!, ranked: ranking.kept, tier: 'all', ...(parts.length > 1 ? { parts: parts.slice(1) } : {}) };
  return { answered: false, reason: 'no-evidence', ranked: ranking.kept };
}
