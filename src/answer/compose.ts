/**
 * An answer from a decision: the best fact (or the fact that superseded it), up to two related
 * facts, and a notice when the answer is a plan whose outcome the sources do not hold: asked how it
 * turned out, or past its due date.
 */
import type { Corpus } from '../corpus/load.ts';
import type { ParsedQuestion } from '../query/parse.ts';
import type { Decision } from '../search/decide.ts';
import type { FactIndex } from '../search/fact-index.ts';
import type { Answer, AnswerItem, Lang } from '../types.ts';
import { citer } from './cite.ts';
import { freshness } from './freshness.ts';

export interface ComposeOptions {
  /** Related facts: at most this many, each covering at least `relatedCoverage` of the question… */
  maxRelated: number;
  relatedCoverage: number;
  /** …and scoring at least this share of the best. */
  relatedRatio: number;
  /** The evidence a superseding fact needs to answer in place of the plan it superseded… */
  minEvidence: number;
  /**
   * …and the share of the plan's score it needs (0: any): a later fact that ranks far below the plan
   * answers something else ("2026 GPU 공모 마감 언제?" is the call's deadline, not who bid).
   */
  supersededRatio: number;
}

export function createComposer(corpus: Corpus, index: FactIndex, opts: ComposeOptions, today: () => string) {
  const { item } = citer(corpus);
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));

  return function compose(q: ParsedQuestion, decision: Extract<Decision, { answered: true }>): Answer {
    const { best, ranked } = decision;
    // A plan that a later fact superseded is answered by the later fact, the plan kept as history,
    // unless the question is about the plan itself (the later fact does not cover it or ranks far
    // below it, or the question asks what was planned at first).
    const chosen: string[] = [];
    const newer = best.entry.supersededBy;
    // Ranked for the same question, so its coverage is at hand.
    const later = newer === undefined ? undefined : ranked.find((r) => r.id === newer);
    if (newer && later && later.score >= opts.supersededRatio * best.score && later.coverage.value >= opts.minEvidence && !q.intents.includes('original')) chosen.push(newer, best.id);
    else chosen.push(best.id, ...(newer ? [newer] : []));
    // A question of several clauses: the facts answering the others come next.
    for (const r of decision.parts ?? []) if (!chosen.includes(r.id)) chosen.push(r.id);
    // Related facts: close enough to the best, those of the best answer's programme first (GPUs per
    // team beside the GPU supplier, before the national GPU plan).
    const close = ranked.filter((r) => r.id !== best.id && r.coverage.value >= opts.relatedCoverage && r.score >= opts.relatedRatio * best.score);
    const sameScope = (r: (typeof close)[number]) => r.entry.scope === best.entry.scope;
    for (const r of [...close.filter(sameScope), ...close.filter((r) => !sameScope(r))]) {
      if (chosen.length >= 1 + opts.maxRelated) break;
      if (!chosen.includes(r.id)) chosen.push(r.id);
    }
    const scoreOf = new Map([...ranked, ...(decision.parts ?? [])].map((r) => [r.id, r.score]));
    // Listed by score after the second (the JSON's contract), which is placed where it is on purpose
    // (the plan a later fact superseded, or another clause's answer): a related fact scoring above
    // one chosen before it (another programme's, after the answer's own) is left out, not moved up.
    const answers: AnswerItem[] = [];
    for (const a of chosen.slice(0, 1 + opts.maxRelated).map((id) => item(facts.get(id)!, q.lang, scoreOf.get(id) ?? best.score))) {
      if (answers.length < 2 || a.score <= answers.at(-1)!.score) answers.push(a);
    }
    const notice = freshness(facts.get(answers[0]!.factId)!, index.entries.get(answers[0]!.factId)!.supersededBy, q, index.knownUntil, today, q.lang);
    return { question: q.text, lang: q.lang, answered: true, answers, ...(notice ? { notice } : {}) };
  };
}

export type Composer = ReturnType<typeof createComposer>;
export type { Lang };
