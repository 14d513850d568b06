/**
 * A message in a thread, read against the conversation's last turn: a follow-up ("그럼 KAIST는?",
 * "언제부터?") is the last question with a party or an attribute swapped in; an action ("출처 더",
 * "in English", "more") acts on the last answer; anything else is answered alone. The stage after
 * the engine's own (parse → rank → decide → compose), which it calls for each reading.
 */
import type { Analyzer, Unit } from '../analysis/analyzer.ts';
import type { Corpus } from '../corpus/load.ts';
import { onlyTalksBack, requestedAction, resolveFollowUp } from '../query/followup.ts';
import { withUnits, type ParseContext, type ParsedQuestion } from '../query/parse.ts';
import { evidence, refuse, type Decision, type DecideOptions } from '../search/decide.ts';
import type { ExampleMatcher } from '../search/examples.ts';
import type { FactEntry, FactIndex } from '../search/fact-index.ts';
import type { Ranking } from '../search/rank.ts';
import type { Answer, Turn } from '../types.ts';
import { createFollowUpAnswers, moreAbout } from './follow-up.ts';
import { notFound } from './not-found.ts';
import { candidatesOf, NOT_FOUND, scoreOf, SHORT_WORDS, type Candidate, type Covers, type Reading, type ReadingName, type TurnShape } from './thread-choice.ts';

/** A question run through ranking and the decision. */
export interface Run {
  q: ParsedQuestion;
  ranking: Ranking;
  decision: Decision;
}

export interface ThreadContext {
  corpus: Corpus;
  analyzer: Analyzer;
  index: FactIndex;
  parseCtx: ParseContext;
  parse(raw: string): ParsedQuestion;
  rank(q: ParsedQuestion): Ranking;
  run(q: ParsedQuestion): Run;
  answerRun(run: Run): Answer;
  outOfScope: ExampleMatcher;
  decide: DecideOptions;
  /** How many facts "more" adds beside the first (as an answer's related facts). */
  maxRelated: number;
  /** How much more evidence the message alone needs than its reading in the thread to be answered alone. */
  aloneMargin: number;
  /** The learned weights that choose a follow-up's answer among its readings' facts (thread-choice.ts); none: the rules' answer stands. */
  choice?: Float64Array;
  /** A question's coverage of any fact (search/coverage.ts), worked out once per question. */
  coverage(q: ParsedQuestion): (e: FactEntry) => number;
}

/** How a message was read in the thread: its answer, the run it came from when another reading's fact was chosen, and the choice. */
export interface ThreadReading {
  answer: Answer;
  run?: Run;
  choice?: ThreadChoice;
}

/** The learned choice among a follow-up's readings (explain()): each candidate's score, best first. */
export interface ThreadChoice {
  chosen: string;
  reading?: ReadingName;
  candidates: { id: string; reading?: ReadingName; score: number }[];
}

/** Runs `f` once, when first asked. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/** The actions on the last answer: the rules' reading of them stands. */
const ACTIONS = new Set(['sources', 'language', 'more']);

export function createThreadReader(ctx: ThreadContext) {
  const { corpus, analyzer, index, parseCtx } = ctx;
  const followUps = createFollowUpAnswers(corpus);
  const markers = new Set([...analyzer.lexicon.programmes.markers.values()].flat());
  const concepts = { broader: (t: string) => analyzer.broader(t), tools: index.toolTokens };

  /**
   * The question merged with the last turn, when it swaps a team or an attribute into it: its first
   * reading that finds an answer (or the last).
   */
  function merge(asked: ParsedQuestion, previous: Turn | undefined) {
    const q = previous ? theOther(asked, previous) : asked;
    const topic = previous && index.entries.get(previous.factIds[0] ?? '')?.fact.topic;
    const r = previous && resolveFollowUp(q, previous, analyzer.lexicon, index.topicTerms.find((t) => t.id === topic)?.terms, concepts);
    if (!r || (r.kind !== 'entity-swap' && r.kind !== 'attribute-swap')) return { r, merged: undefined, readings: [] };
    const base = { text: q.text, norm: q.norm, lang: q.lang, intents: r.intents, counted: r.counted, personal: false };
    const readings = r.readings.map((units) => once(() => ctx.run(withUnits(base, units, parseCtx))));
    let merged = readings[0]!();
    for (const next of readings.slice(1)) if (!merged.decision.answered) merged = next();
    return { r, merged, readings };
  }
  type Merge = ReturnType<typeof merge>;

  /**
   * "How about the other consortium?": the message with the other party named, when the last turn
   * named one of a programme's two (Lunit → KAIST); as it is otherwise.
   */
  function theOther(q: ParsedQuestion, previous: Turn): ParsedQuestion {
    const other = analyzer.lexicon.followups.other;
    if (!other?.test(q.text) || q.entities.length > 0) return q;
    const named = previous.units.filter((u) => u.entity && index.participantOf.has(u.tokens[0]!)).map((u) => u.tokens[0]!);
    if (named.length !== 1) return q;
    const programme = index.participantOf.get(named[0]!);
    const others = [...index.participantOf].filter(([t, p]) => p === programme && t !== named[0]).map(([t]) => t);
    const name = others.length === 1 ? corpus.aliases.find((g) => `~${g.id}` === others[0])?.terms[0] : undefined;
    // Read as if it named it: "how about KAIST?".
    return name ? ctx.parse(q.text.replace(other, name)) : q;
  }

  /**
   * A message that alone is addressed to the bot (are you an LLM?), is curated as out of scope or
   * is only words the corpus never uses (banana) or only talks back (thanks, nice, 고마워요 ㅎㅎ): no
   * thread makes it a question about the last answer. (An action on that answer, 한글로 or sources?,
   * is read before this.) Asking only how it turned out (결과 나왔음?, results out yet?) is a question
   * about the last one.
   */
  function notAQuestion(q: ParsedQuestion): boolean {
    if (onlyTalksBack(q.text, analyzer.lexicon)) return true;
    const why = refuse(q, index, ctx.decide);
    if (why === 'personal') return true;
    if (why === 'noise' && !q.intents.includes('outcome') && q.asking.every((u) => u.framing || (!u.alias && !index.df.has(u.tokens[0]!)))) return true;
    return (ctx.outOfScope.closest(q).get('out-of-scope')?.sim ?? 0) >= ctx.decide.curatedMatch;
  }

  /**
   * The question read against the last turn, when it is a follow-up; undefined when it stands alone.
   * `alone`, `aloneRun`: the message's own answer and its run, worked out once whoever asks first.
   */
  function followUp(q: ParsedQuestion, previous: Turn, { r, merged }: Merge, alone: () => Answer, aloneRun: () => Run): Answer | undefined {
    if (!r) return undefined;
    // An action needs a last answer to act on.
    if (ACTIONS.has(r.kind) && previous.factIds.length === 0) return undefined;
    if (r.kind === 'sources') return followUps.again(q.text, previous, 'sources', previous.lang);
    if (r.kind === 'language') return followUps.again(q.text, previous, 'language', r.lang);
    if (r.kind === 'more') {
      // More of the last answer's article and topic (moreAbout), in the order the last question ranks
      // them with what the message names beside the request ("more on the budget").
      const focus = q.asking.filter((u) => !u.framing && !u.predicate && !previous.units.some((p) => p.tokens[0] === u.tokens[0]));
      const last = withUnits({ text: q.text, norm: q.norm, lang: previous.lang, intents: previous.intents as ParsedQuestion['intents'], personal: false }, [...focus, ...(previous.units as ParsedQuestion['units'])], parseCtx);
      const ranked = ctx.rank(last).kept.map((x) => x.entry.fact);
      const answered = index.entries.get(previous.factIds[0] ?? '')?.fact;
      return followUps.more(q.text, previous, moreAbout(answered, ranked, corpus.facts, new Set(previous.factIds), 1 + ctx.maxRelated));
    }
    if (notAQuestion(q)) return undefined;
    // A fallback reading waits for the message alone to find nothing, and so does any reading after a
    // question left unanswered: a message that finds an answer alone is a question of its own.
    if (previous.factIds.length === 0 && alone().answered) return undefined;
    // A whole question that names no programme or party, in a thread about one, is read in the thread
    // when alone it finds nothing, or when the thread's reading finds a fact on more evidence.
    // Any other reading in the thread gives way to the message alone only when that answers on clearly
    // more evidence: "그럼 KAIST 모델 이름은?" names all it asks, and the thread's words only dilute it.
    if (r.fallback || merged!.decision.answered) {
      const own = aloneRun().decision;
      const margin = r.fallback ? 0 : ctx.aloneMargin;
      if (own.answered && (!merged!.decision.answered || evidence(own.best) >= evidence(merged!.decision.best) + margin)) return undefined;
    }
    const a = ctx.answerRun(notTheLastAgain(merged!, previous, aloneRun));
    if (!a.answered) return undefined;
    // A merged reading that leaves the thread's programme, where the message alone stays in it, misread
    // it: "GPU 몇 장 받아?" after the specialised programme's first development phase asks for that
    // programme's GPUs, not for the government's first batch.
    const scope = (x: Answer) => (x.answered ? index.entries.get(x.answers[0]!.factId)?.scope : undefined);
    const thread = index.entries.get(previous.factIds[0] ?? '')?.scope;
    if (thread !== undefined && scope(a) !== thread && scope(alone()) === thread) return undefined;
    return { ...a, followUp: { kind: r.kind } };
  }

  /**
   * "안에 뭐 들어감?" after the centre's equity asks something else of the same subject: when the thread's
   * reading finds the last answer again, the next fact it finds on enough evidence that says more of what
   * the message itself asks (its own coverage) answers instead.
   */
  function notTheLastAgain(run: Run, previous: Turn, aloneRun: () => Run): Run {
    const { decision } = run;
    if (!decision.answered || decision.best.id !== previous.factIds[0]) return run;
    const own = new Map(aloneRun().ranking.kept.map((x) => [x.id, x.coverage.value]));
    const ownOf = (id: string) => own.get(id) ?? 0;
    const other = decision.ranked.find((x) => x !== decision.best && evidence(x) >= ctx.decide.minEvidence && ownOf(x.id) > ownOf(decision.best.id));
    return other ? { ...run, decision: { ...decision, best: other, ranked: [other, ...decision.ranked.filter((x) => x !== other)] } } : run;
  }

  /**
   * The readings of a message the learned choice weighs, when it leans on an answered turn: the message
   * alone, the rules' merged readings, and the message with the last question's subject (its parties
   * and programme), with all of its words, and with the parties and keywords of the last answer; and
   * the message alone among the facts of the last answer's topic and article, and of its programme.
   * Undefined when the rules' answer stands as it is: after a turn that answered nothing, an action on
   * the last answer, "not found" for what is not a question (noise, a message to the bot, one that only
   * talks back), or a whole question the rules do not merge that is neither short nor points back.
   */
  function readingsOf(q: ParsedQuestion, previous: Turn, { r, readings }: Merge, answer: Answer, aloneRun: () => Run): { readings: Reading[]; shape: TurnShape; covers: Covers } | undefined {
    if (previous.factIds.length === 0 || (answer.followUp && ACTIONS.has(answer.followUp.kind))) return undefined;
    // Found nothing: weighed (against "not found") only when it is a question at all, though one that
    // alone would be refused as naming nothing may ask of the thread ("누가 됐어?": who won it).
    if (!answer.answered && notAQuestion(q)) return undefined;
    const swap = r && (r.kind === 'entity-swap' || r.kind === 'attribute-swap') ? r : undefined;
    const shape: TurnShape = {
      resolution: swap ? (swap.kind === 'attribute-swap' && swap.fallback ? 'attribute-swap-fallback' : swap.kind) : 'none',
      short: q.norm.trim().split(/\s+/).length <= SHORT_WORDS,
      pronoun: analyzer.lexicon.followups.pronouns?.test(q.norm) ?? false,
      names: q.entities.length > 0,
    };
    if (shape.resolution === 'none' && !shape.short && !shape.pronoun) return undefined;
    const all: Reading[] = [{ name: 'alone', run: aloneRun() }];
    readings.slice(0, 2).forEach((run, i) => all.push({ name: i === 0 ? 'merged' : 'merged2', run: run() }));
    const own = new Set(q.asking.map((u) => u.tokens[0]!));
    const theirs = (previous.units as Unit[]).filter((u) => !own.has(u.tokens[0]!) && !u.framing && !u.predicate);
    const subject = theirs.filter((u) => u.entity || markers.has(u.tokens[0]!));
    const base = { text: q.text, norm: q.norm, lang: q.lang, intents: q.intents.length ? q.intents : (previous.intents as ParsedQuestion['intents']), counted: q.counted, personal: false };
    if (subject.length) all.push({ name: 'subject', run: ctx.run(withUnits(base, [...q.asking, ...subject], parseCtx)) });
    if (theirs.length) all.push({ name: 'all', run: ctx.run(withUnits(base, [...q.asking, ...theirs], parseCtx)) });
    // The parties the last answer names, which the last question may not have ("when is it released?"
    // after "what is the model called?"): as a preamble's words, counted only where a fact has them.
    const lastEntry = index.entries.get(previous.factIds[0]!);
    const parties = [...(lastEntry?.entities ?? [])].filter((t) => !own.has(t)).map((t): Unit => ({ tokens: [t], alias: true, entity: true, context: true }));
    if (parties.length) all.push({ name: 'answer', run: ctx.run(withUnits(base, [...q.asking, ...parties], parseCtx)) });
    // And with the last answer's curated keywords, the same way: what it is about beside its parties
    // ("자격 제한은?" after what Elice's 512 B200s were first meant for: who was eligible for them).
    const keywords = [...(lastEntry?.keywords ?? [])].filter((t) => !own.has(t) && !lastEntry!.entities.has(t) && index.df.has(t)).map((t): Unit => ({ tokens: [t], alias: t.startsWith('~'), context: true }));
    if (keywords.length) all.push({ name: 'keywords', run: ctx.run(withUnits(base, [...q.asking, ...keywords], parseCtx)) });
    // And the message alone among the facts of the last answer's topic or article (the rest of the
    // story it asks about), and among its programme's.
    if (lastEntry) {
      const alone = aloneRun();
      const among = (name: ReadingName, keep: (e: FactEntry) => boolean) => {
        const ranked = alone.ranking.kept.filter((r) => r.entry !== lastEntry && keep(r.entry));
        if (ranked.length) all.push({ name, run: { ...alone, decision: { answered: false, reason: 'no-evidence', ranked } } });
      };
      among('near', (e) => e.fact.topic === lastEntry.fact.topic || e.fact.sources.some((s) => lastEntry.fact.sources.includes(s)));
      among('scope', (e) => e.scope === lastEntry.scope);
    }
    // How much of the message and of the last question each candidate covers, whichever reading found it.
    const last = withUnits({ ...base, intents: previous.intents as ParsedQuestion['intents'] }, previous.units as ParsedQuestion['units'], parseCtx);
    return { readings: all, shape, covers: { own: ctx.coverage(q), last: ctx.coverage(last) } };
  }

  /** The rules' answer, or the fact the learned choice weighs highest among the readings' (thread-choice.ts). */
  function choose(q: ParsedQuestion, previous: Turn, merging: Merge, answer: Answer, aloneRun: () => Run): ThreadReading {
    const weights = ctx.choice;
    const read = weights && readingsOf(q, previous, merging, answer, aloneRun);
    if (!read) return { answer };
    const rulesPick = answer.answered ? answer.answers[0]!.factId : undefined;
    const scored = candidatesOf(read.readings, previous, rulesPick, read.shape, index, read.covers)
      .map((c) => ({ c, score: scoreOf(c, weights) }))
      .sort((a, b) => b.score - a.score);
    const choice: ThreadChoice = { chosen: scored[0]!.c.id, reading: scored[0]!.c.reading?.name, candidates: scored.slice(0, 5).map(({ c, score }) => ({ id: c.id, reading: c.reading?.name, score })) };
    const best = scored[0]!.c;
    if (best.id === rulesPick || best.id === NOT_FOUND || !best.reading || !best.ranked) return { answer, choice };
    const { run } = best.reading;
    const decision: Decision = { answered: true, best: best.ranked, ranked: [best.ranked, ...run.decision.ranked.filter((x) => x !== best.ranked)], tier: run.decision.answered ? run.decision.tier : 'home' };
    const chosen: Run = { ...run, decision };
    const a = ctx.answerRun(chosen);
    if (best.reading.name !== 'alone') a.followUp = { kind: merging.r?.kind === 'entity-swap' && best.reading.name.startsWith('merged') ? 'entity-swap' : 'attribute-swap' };
    return { answer: a, run: chosen, choice };
  }

  /** The message read by the rules: against the last turn when it leans on it, else alone. */
  function byRules(raw: string, previous: Turn | undefined) {
    const q = ctx.parse(raw);
    let ran: Run | undefined;
    let said: Answer | undefined;
    const aloneRun = () => (ran ??= ctx.run(q));
    const alone = () => (said ??= ctx.answerRun(aloneRun()));
    const merging = previous && merge(q, previous);
    const followed = previous && followUp(q, previous, merging!, alone, aloneRun);
    if (followed?.answered) return { q, merging, answer: followed, aloneRun };
    // A request to act on a last answer when there is none ("한국어로", "sources?", "can you put that in
    // english"): nothing to act on, not a question about its words. (An action on an answer whose
    // facts a corpus reload removed finds nothing either.)
    if (!previous?.factIds.length && requestedAction(q, analyzer.lexicon, (t) => analyzer.broader(t))) return { q, answer: notFound(corpus, q.text, q.lang, 'nothing-to-act-on', []), aloneRun };
    return { q, merging, answer: alone(), aloneRun };
  }

  /** The message read against the last turn, its answer chosen among its readings' facts when there are weights to choose with. */
  function read(raw: string, previous: Turn | undefined): ThreadReading {
    const { q, merging, answer, aloneRun } = byRules(raw, previous);
    return previous && merging ? choose(q, previous, merging, answer, aloneRun) : { answer };
  }

  /**
   * The rules' answer to a message in a thread and the candidates the learned choice weighs for it
   * (none when the rules' answer stands), whether or not there are weights: what `npm run train` learns from.
   */
  function candidates(raw: string, previous: Turn): { answer: Answer; candidates?: Candidate[] } {
    const { q, merging, answer, aloneRun } = byRules(raw, previous);
    const found = merging && readingsOf(q, previous, merging, answer, aloneRun);
    return found ? { answer, candidates: candidatesOf(found.readings, previous, answer.answered ? answer.answers[0]!.factId : undefined, found.shape, index, found.covers) } : { answer };
  }

  return {
    merge,
    read,
    candidates,
    askInThread: (raw: string, previous: Turn | undefined): Answer => read(raw, previous).answer,
  };
}
