import MiniSearch from 'minisearch';
import { Analyzer, detectLang, type Unit } from './analysis/analyzer.ts';
import { fold, nameKey } from './analysis/normalize.ts';
import { intents as questionIntents, gives as givesOf, type Intent } from './query/intents.ts';
import { countedIn as countedOf } from './query/counted.ts';
import type { Corpus } from './corpus/load.ts';
import type { Fact } from './corpus/schema.ts';
import { TIMELINE_TOPIC } from './topic-search.ts';
import type { Answer, AnswerItem, Citation, Lang, QuickFact, TimelineEvent, TopicRef } from './types.ts';

/** Tuning knobs, in one place; measured with `npm run eval`. */
export const defaultOptions = {
  /** Questions are cut to this many characters before anything else. */
  maxQuestionChars: 1000,
  /** Field boosts for BM25: the curated keywords and the topic name say most about a fact. */
  boost: { keywords: 2, topic: 1.5, ko: 1, en: 1 },
  /** Coverage is multiplied by this when a fact lacks the kind of answer asked for (언제 → no date). */
  unmetIntentFactor: 0.7,
  /** How much BM25 (relative to the best hit) counts in the rank beside coverage. */
  bm25Weight: 0.7,
  /** The same, when the question asks what something is (뭐야, what is): the lead or glossary entry should win. */
  defineBonus: 0.8,
  /** Rank factor for a plan when the question asks how something turned out. */
  planOnOutcomeFactor: 0.8,
  /** Rank bonus for a fact whose curated keywords hold the question's words (times their share). */
  keywordBonus: 0.3,
  /** Rank bonus for facts of the programme a question names (see scopeOf). */
  scopeBonus: 0.15,
  /** Rank bonus for the specialized programme's facts when a question names no programme. */
  homeScopeBonus: 0.3,
  /** Concepts that name each programme in a question. */
  dokpamoMarkers: ['~dokpamo', '~elite-team'],
  specializedMarkers: ['~specialized-programme'],
  /** The attribute concept for a name (이름, called): a quoted name in the statement gives it. */
  nameToken: '~name',
  /** Rank bonus for a topic's lead fact when the question only names the topic. */
  leadBonus: 0.3,
  /** Rank bonus for a fact that gives what the question word asks for (언제 → a date, 몇 → a number). */
  intentBonus: 0.25,
  /** Rank factor for a fact that names no one beyond the question's own names when it asks who (누가, which team). */
  unmetWhoFactor: 0.9,
  /** Rank bonus for a fact that does name someone then. */
  whoBonus: 0.1,
  /** How much a word the corpus never uses counts toward coverage, relative to its rarest term. */
  unknownWeight: 0.7,
  /** How much a compound the corpus never uses whole weighs, relative to an unknown word. */
  compoundWeight: 0.5,
  /** How much a verb form weighs even when the corpus uses it (가는): it frames more than it names. */
  knownPredicateWeight: 0.4,
  /** How much a word from a preamble or an aside (저 기자인데요.) weighs beside the part that asks. */
  contextWeight: 0.1,
  /** Each further unknown word in a question weighs this much of the one before. */
  unknownDecay: 0.5,
  /** The same for a verb form the corpus never uses. */
  predicateWeight: 0.15,
  /** Coverage is multiplied by this when a fact's statement lacks the attribute asked for. */
  missingAttributeFactor: 0.7,
  /** Coverage is multiplied by this when a fact lacks a year or ordinal (2027, 3차) the question names. */
  missingNumberFactor: 0.8,
  /** Coverage is multiplied by this when a fact of another programme's (or no programme's) topic lacks the programme a question names. */
  missingProgrammeFactor: 0.75,
  /** Coverage is multiplied by this when a fact lacks an organisation or model the question names. */
  missingEntityFactor: 0.5,
  /** Coverage credit for a word found only inside a longer word of the fact (as a bigram). */
  partCredit: 0.6,
  /** Coverage credit for a word found only in the fact's topic name, not the fact itself. */
  topicCredit: 0.5,
  /** BM25 parameters: term saturation k (MiniSearch: 1.2), length normalisation b (0.7), floor d (0.5). */
  bm25: { k: 1.6, b: 0.75, d: 0.5 },
  /** How many BM25 hits are re-ranked by coverage. */
  candidates: 30,
  /** The idf-weighted share of the question a fact must cover to be given as the answer. */
  minCoverage: 0.65,
  /** Related facts: at most this many, each covering at least `relatedCoverage` of the question. */
  maxRelated: 2,
  relatedCoverage: 0.5,
  relatedRatio: 0.45,
};
export type EngineOptions = typeof defaultOptions;

export interface Engine {
  /** Answers a question with the best fact, its citation and up to two related facts, or "not found". */
  ask(question: string): Answer;
  /** Every topic (and the timeline), for /fact lists and autocomplete. */
  topics(lang: Lang): TopicRef[];
  /** A fact by id, a topic by id or name, or the timeline; undefined when nothing matches. */
  fact(query: string, lang: Lang): QuickFact | undefined;
  detectLang(text: string): Lang;
  /** Why: the question's units and the re-ranked candidates with their coverage (for curators and tuning). */
  explain(question: string): Explanation;
  readonly corpus: Corpus;
}

export interface Explanation {
  units: string[][];
  /** `missing`: the question's words the fact lacks. */
  candidates: { id: string; coverage: number; matched: number; missing: string[]; bm25: number; rank: number }[];
}

interface Doc {
  id: string;
  ko: string;
  en: string;
  keywords: string;
  topic: string;
}

const TIMELINE_NAMES = new Set([TIMELINE_TOPIC.id, ...TIMELINE_TOPIC.aliases].map(nameKey));

/** Builds the index over a validated corpus. Pure and deterministic: same corpus, same answers. */
export function createEngine(corpus: Corpus, options: Partial<EngineOptions> = {}): Engine {
  const opts = { ...defaultOptions, ...options };
  const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
  const lex = analyzer.lexicon;
  const intents = (q: string) => questionIntents(analyzer.normalize(q), lex);
  const satisfies = (text: string) => givesOf(text, lex);
  const countedIn = (q: string) => countedOf(fold(q), lex);
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));
  const topics = new Map(corpus.topics.map((t) => [t.id, t]));

  const docs: Doc[] = corpus.facts.map((f) => {
    const t = topics.get(f.topic);
    return {
      id: f.id,
      ko: f.ko,
      en: f.en,
      keywords: f.keywords.join(' \n '),
      topic: t ? [t.title.ko, t.title.en].join(' \n ') : f.topic,
    };
  });
  // Analyse each field once: MiniSearch indexes these tokens, coverage uses their union per fact.
  const fieldTokens = new Map<string, string[]>();
  const termsOf = new Map<string, Set<string>>();
  const ownTerms = new Map<string, Set<string>>();
  /** What the statements themselves say (keywords left out). */
  const statedTerms = new Map<string, Set<string>>();
  const ownWords = new Map<string, Set<string>>();
  /** The curated keywords' tokens: the ways people ask for this fact. */
  const keywordWords = new Map<string, Set<string>>();
  const df = new Map<string, number>();
  for (const d of docs) {
    const set = new Set<string>();
    for (const text of [d.ko, d.en, d.keywords, d.topic]) {
      const tokens = fieldTokens.get(text) ?? analyzer.indexTokens(text);
      fieldTokens.set(text, tokens);
      for (const t of tokens) set.add(t);
    }
    termsOf.set(d.id, set);
    ownTerms.set(d.id, new Set([d.ko, d.en, d.keywords].flatMap((text) => fieldTokens.get(text)!)));
    statedTerms.set(d.id, new Set([d.ko, d.en].flatMap((text) => fieldTokens.get(text)!)));
    // Whole words and concepts, as opposed to the bigrams inside longer words (대표 in 국가대표).
    ownWords.set(d.id, new Set([d.ko, d.en, d.keywords].flatMap((text) => analyzer.units(text).map((u) => u.tokens[0]!))));
    keywordWords.set(d.id, new Set(fieldTokens.get(d.keywords)!));
    for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const index = new MiniSearch<Doc>({
    fields: ['ko', 'en', 'keywords', 'topic'],
    tokenize: (text) => fieldTokens.get(text) ?? analyzer.indexTokens(text),
    processTerm: (term) => term,
    searchOptions: { boost: opts.boost, combineWith: 'OR', tokenize: (q) => q.split(' '), processTerm: (t) => t, bm25: opts.bm25 },
  });
  index.addAll(docs);
  // Each topic's lead fact (its first in the corpus) answers questions that only name the topic
  // ("K-Fold가 뭐야?", "AI 특화모델 프로젝트 설명좀").
  const leadOf = new Map<string, string>();
  for (const t of corpus.topics) if (t.lead && facts.has(t.lead)) leadOf.set(t.id, t.lead);
  for (const f of corpus.facts) if (!leadOf.has(f.topic)) leadOf.set(f.topic, f.id);
  // Which programme each fact belongs to, by its topic; see scopeOf() for the question's.
  const topicScope = new Map(corpus.topics.map((t) => [t.id, t.scope]));
  const factTopic = new Map(corpus.facts.map((f) => [f.id, f.topic]));
  const factScope = new Map(corpus.facts.map((f) => [f.id, topicScope.get(f.topic) ?? 'general']));
  const topicTerms = corpus.topics.map((t) => ({
    id: t.id,
    terms: new Set(analyzer.tokens([t.title.ko, t.title.en, ...t.aliases].join('\n'))),
  }));
  const participantOf = new Map(corpus.aliases.filter((g) => g.programme).map((g) => [`~${g.id}`, g.programme!]));
  const attributeTokens = new Set(corpus.aliases.filter((g) => g.attribute).map((g) => `~${g.id}`));
  const entityTokens = new Set(corpus.aliases.filter((g) => g.entity).map((g) => `~${g.id}`));
  const participantTokens = new Set(participantOf.keys());
  const namesParticipant = new Set([...termsOf].filter(([, set]) => [...set].some((t) => participantTokens.has(t))).map(([id]) => id));
  // What a fact's statement opens with: a definition starts with what it defines (소버린 AI는 …).
  const openingTerms = new Map(corpus.facts.map((f) => [f.id, new Set(analyzer.tokens(`${f.ko.slice(0, 20)}\n${f.en.slice(0, 40)}`))]));
  const gives = new Map(corpus.facts.map((f) => [f.id, satisfies(`${f.ko}\n${f.en}`)]));
  const quotesName = new Set(corpus.facts.filter((f) => /['‘"“][^'’"”]{2,40}['’"”]/.test(f.ko)).map((f) => f.id));
  const hasNumber = new Set(corpus.facts.filter((f) => /\d/.test(f.ko)).map((f) => f.id));
  const n = docs.length;
  const idf = (t: string) => {
    const k = df.get(t) ?? 0;
    return Math.log(1 + (n - k + 0.5) / (k + 0.5));
  };

  const unknownIdf = idf('\u0000never');

  /**
   * The idf-weighted share of the question's units that a fact contains. A word the corpus never
   * uses weighs like the rarest term (it is what a question beyond the corpus asks about: 주가,
   * weather), unless it is a verb form (만드는, working), which frames the question more than it
   * names its subject. A word weighs as its rarest token the corpus knows (지원할수 weighs as 지원).
   */
  function coverage(units: Unit[], factId: string): { cov: number; matched: number; missing: string[] } {
    const words = ownWords.get(factId)!;
    const own = ownTerms.get(factId)!;
    const all = termsOf.get(factId)!;
    // A word the fact says counts fully; one found only inside a longer word of it (대표 in 국가대표)
    // or only in its topic's name counts in part.
    // A fact in a programme's topics is about that programme even where it does not name it.
    const scope = factScope.get(factId);
    const has = (t: string) =>
      words.has(t) || (scope === 'specialized' && opts.specializedMarkers.includes(t)) || (scope === 'dokpamo' && opts.dokpamoMarkers.includes(t))
        ? 1
        : own.has(t)
          ? opts.partCredit
          : all.has(t)
            ? opts.topicCredit
            : 0;
    // A programme-wide fact that names no team (the schedule, GPUs per team, their supplier) still
    // answers for that programme's participants: its topic's programme, or one it names (the elite
    // teams' leads include Naver Cloud).
    const covers = (programme: string | undefined) =>
      programme !== undefined && (programme === scope || (programme === 'dokpamo' ? opts.dokpamoMarkers : opts.specializedMarkers).some((m) => own.has(m)));
    // Not when the question asks for one of the team's own attributes (its CEO, its licence).
    // The checks below judge what the question asks, not its preamble (a 특화는 256장이던데 aside).
    const asking = units.filter((u) => !u.context);
    const asksAttribute = asking.some((u) => attributeTokens.has(u.tokens[0]!));
    const excused = (u: Unit) => !asksAttribute && !namesParticipant.has(factId) && covers(participantOf.get(u.tokens[0]!));
    let total = 0;
    let got = 0;
    let matched = 0;
    let unknownSeen = 0;
    const missing: string[] = []; // the question's words the fact lacks (for explain())
    for (const u of units) {
      if (u.framing) continue;
      const known = u.tokens.filter((t) => df.has(t));
      if (known.length === 0) {
        missing.push(u.tokens[0]!);
        // Each further unknown word weighs less: one unknown noun (주가) sinks a short question,
        // but a chatty one (저 기자인데요…) should not drown what it asks about.
        const base = unknownIdf * (u.predicate ? opts.predicateWeight : opts.unknownWeight) * (u.context ? opts.contextWeight : 1);
        total += base * opts.unknownDecay ** unknownSeen++;
        continue;
      }
      // A compound the corpus never uses whole (센터장, 대표이사) is as telling as an unknown word;
      // the bigrams of it that a fact has earn a (squared) share.
      const wholeKnown = df.has(u.tokens[0]!);
      const weight =
        (wholeKnown ? Math.max(...known.map(idf)) : Math.max(...known.map(idf), unknownIdf * (u.predicate ? opts.predicateWeight : opts.compoundWeight))) *
        (u.verbForm ? opts.knownPredicateWeight : 1) *
        (u.context ? opts.contextWeight : 1);
      total += weight;
      const whole = u.entity && !all.has(u.tokens[0]!) && excused(u) ? 1 : has(u.tokens[0]!);
      if (whole === 1) matched++;
      if (whole === 0 && (u.tokens.length === 1 || u.tokens.slice(1).every((t) => has(t) === 0))) missing.push(u.tokens[0]!);
      if (whole > 0 || u.tokens.length === 1) got += weight * whole;
      else {
        const parts = u.tokens.slice(1);
        const share = parts.reduce((sum, t) => sum + has(t), 0) / parts.length;
        got += weight * (wholeKnown ? share : share * share);
      }
    }
    if (total === 0) return { cov: 0, matched, missing };
    // Never answer about a named organisation or model with a fact about others (Lunit's budget is not KAIST's).
    const otherEntity = asking.some((u) => u.entity && !all.has(u.tokens[0]!) && !excused(u));
    // A question asking for an attribute (a name, a licence, a score, a chief executive)
    // is answered only by a fact whose statement gives it, not one that merely lists it as a keyword.
    const stated = statedTerms.get(factId)!;
    // A name is also given by quoting it (독자 파운데이션 모델 '솔라 WBL').
    const attributeMissing = asking.some(
      (u) => attributeTokens.has(u.tokens[0]!) && !stated.has(u.tokens[0]!) && !(u.tokens[0] === opts.nameToken && quotesName.has(factId)),
    );
    // A year or an ordinal the question names must be the fact's: 2027's call is not 2025's.
    const wrongNumber = asking.some((u) => /^(\d{4}$|#n)/.test(u.tokens[0]!) && !all.has(u.tokens[0]!));
    // A question that names one programme is not answered by a fact of another topic that never names it.
    const wrongProgramme = asking.some(
      (u) =>
        ((opts.specializedMarkers.includes(u.tokens[0]!) && scope !== 'specialized') || (opts.dokpamoMarkers.includes(u.tokens[0]!) && scope !== 'dokpamo')) &&
        !own.has(u.tokens[0]!),
    );
    return {
      cov:
        (got / total) *
        (otherEntity ? opts.missingEntityFactor : 1) *
        (attributeMissing ? opts.missingAttributeFactor : 1) *
        (wrongNumber ? opts.missingNumberFactor : 1) *
        (wrongProgramme ? opts.missingProgrammeFactor : 1),
      matched,
      missing,
    };
  }

  /** The newest source date: what the corpus knows ends there. */
  const knownUntil = corpus.facts
    .flatMap((f) => f.sources.map((s) => corpus.sources.get(s)!.date))
    .reduce((a, b) => (a > b ? a : b), '0000-00-00');

  const supersededBy = new Map<string, string>();
  for (const f of corpus.facts) for (const old of f.supersedes) supersededBy.set(old, f.id);

  function cite(sourceId: string): Citation {
    const s = corpus.sources.get(sourceId)!;
    return {
      sourceId,
      title: s.title,
      publisher: s.publisher,
      ...(s.author ? { author: s.author } : {}),
      date: s.date,
      ...(s.dateNote ? { dateNote: s.dateNote } : {}),
      ...(s.url ? { url: s.url } : {}),
    };
  }

  function item(f: Fact, lang: Lang, score = 0): AnswerItem {
    return {
      factId: f.id,
      topic: f.topic,
      text: f[lang],
      score: Math.round(score * 1000) / 1000,
      asOf: f.asOf,
      kind: f.kind,
      sources: f.sources.map(cite),
    };
  }

  function topicRefs(lang: Lang): TopicRef[] {
    return [
      ...corpus.topics.map((t) => ({ id: t.id, title: t.title[lang] })),
      { id: TIMELINE_TOPIC.id, title: TIMELINE_TOPIC.title[lang] },
    ];
  }

  function notFound(question: string, lang: Lang, reason: 'empty' | 'out-of-scope', near: string[]): Answer {
    const refs = topicRefs(lang);
    const byId = new Map(refs.map((r) => [r.id, r]));
    const suggested = [...new Set([...near, 'programme', 'selection', 'schedule', 'gpu', 'timeline'])]
      .map((id) => byId.get(id))
      .filter((r): r is TopicRef => r !== undefined)
      .slice(0, 5);
    const hint =
      lang === 'ko'
        ? reason === 'empty'
          ? 'AI 특화 파운데이션 모델 프로젝트에 대해 궁금한 점을 물어봐 주세요. 예: "루닛 컨소시엄 참여 기관은?", "GPU 몇 장 지원돼?"'
          : '이 질문에 대한 답은 제가 가진 자료에 없어요. AI 특화 파운데이션 모델 프로젝트의 공모, 선정, 일정, GPU, 컨소시엄과 모델에 대해 답할 수 있어요.'
        : reason === 'empty'
          ? 'Ask me about the AI specialized foundation model programme, e.g. "Who is in the Lunit consortium?" or "How many GPUs does each team get?"'
          : "The sources I have don't answer that. I can answer about the AI specialized foundation model programme: its call, selection, schedule, GPUs, consortia and models.";
    return { question, lang, answered: false, answers: [], notFound: { reason, hint, suggestedTopics: suggested } };
  }

  /**
   * The programme a question is about: the one it names, or (naming neither) the specialized
   * programme, the bot's home. Questions naming both prefer neither.
   */
  function scopeOf(units: Unit[]): { scope?: 'specialized' | 'dokpamo'; named: boolean } {
    const names = new Set(units.map((u) => u.tokens[0]!));
    const dokpamo = opts.dokpamoMarkers.some((m) => names.has(m));
    const specialized = opts.specializedMarkers.some((m) => names.has(m));
    if (dokpamo && specialized) return { named: true };
    if (dokpamo) return { scope: 'dokpamo', named: true };
    return { scope: 'specialized', named: specialized };
  }

  /** BM25 candidates re-ranked by coverage, best first; ties broken by id so answers are stable. */
  function rank(units: Unit[], wants: Intent[] = [], question = '') {
    const terms = [...new Set(units.flatMap((u) => u.tokens))];
    const scope = scopeOf(units.filter((u) => !u.context));
    // "X가 뭐야?": the topic's lead fact or a glossary entry that opens with X (X는 …) answers a question that only names X.
    const defining = wants.includes('define');
    const hits = index.search(terms.join(' ')).slice(0, opts.candidates);
    const asked = new Set(units.map((u) => u.tokens[0]!));
    const counted = countedIn(question);
    const top = hits[0]?.score ?? 1;
    // A lead fact gets the bonus only if it says what the question names itself, not just via its topic's name.
    // A topic of the other programme is not "named" by generic words (몇 팀 뽑는 공모) when the question
    // names neither programme nor one of its teams or models.
    const named = topicTerms
      .filter((t) => units.every((u) => u.context || t.terms.has(u.tokens[0]!)))
      .filter((t) => scope.named || units.some((u) => u.entity) || topicScope.get(t.id) !== 'dokpamo')
      .map((t) => leadOf.get(t.id)!)
      .filter((id) => units.every((u) => u.framing || u.context || ownTerms.get(id)!.has(u.tokens[0]!)));
    return hits
      .map((h) => {
        const id = h.id as string;
        const raw = coverage(units, id);
        // A question asking for a date, a number or an amount is not answered by a fact without one
        // (any number will do for "how many": 몇 버전 is answered by 3.11), one asking 몇 장 / how many
        // GPUs by a fact without a number of them, and one asking what comes next by a past event or
        // a plan that has already played out.
        const unmet =
          wants.some((w) => (w === 'when' || w === 'count' || w === 'amount') && !gives.get(id)!.has(w) && !(w === 'count' && hasNumber.has(id))) ||
          (counted !== undefined && !counted.pattern.test(facts.get(id)![counted.field])) ||
          (wants.includes('upcoming') && (facts.get(id)!.kind !== 'plan' || supersededBy.has(id)));
        const cov = unmet ? raw.cov * opts.unmetIntentFactor : raw.cov;
        const { matched, missing } = raw;
        // The curated keywords say how people ask for a fact: a question worded that way, framing
        // words included (누가 통과), leans to it.
        const kw = keywordWords.get(id)!;
        const kwShare = units.length ? units.filter((u) => kw.has(u.tokens[0]!)).length / units.length : 0;
        // Asked who: a fact naming someone the question does not is the kind of answer wanted.
        const whoMet = wants.includes('who') && [...statedTerms.get(id)!].some((t) => entityTokens.has(t) && !asked.has(t));
        const bonus =
          (wants.includes('who') ? (whoMet ? 1 + opts.whoBonus : opts.unmetWhoFactor) : 1) *
          // Asked how something turned out: a reported result goes before a plan.
          (wants.includes('outcome') && facts.get(id)!.kind === 'plan' ? opts.planOnOutcomeFactor : 1) *
          (1 + opts.keywordBonus * kwShare) *
          (1 + opts.intentBonus * wants.filter((w) => w !== 'define' && gives.get(id)!.has(w)).length) *
          (named.includes(id) || (defining && factTopic.get(id) === 'glossary' && units.every((u) => u.framing || u.context || openingTerms.get(id)!.has(u.tokens[0]!)))
            ? 1 + (defining ? opts.defineBonus : opts.leadBonus)
            : 1) *
          (factScope.get(id) === scope.scope ? 1 + (scope.named ? opts.scopeBonus : opts.homeScopeBonus) : 1);
        return { id, cov, matched, missing, score: h.score, rank: cov * cov * (1 - opts.bm25Weight + (opts.bm25Weight * h.score) / top) * bonus };
      })
      .sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  function explain(raw: string): Explanation {
    const units = analyzer.questionUnits(String(raw ?? '').slice(0, opts.maxQuestionChars));
    return {
      units: units.map((u) => u.tokens),
      candidates: rank(units, intents(raw), raw).map((r) => ({ id: r.id, coverage: r.cov, matched: r.matched, missing: r.missing, bm25: r.score, rank: r.rank })),
    };
  }

  function ask(raw: string): Answer {
    const question = String(raw ?? '').slice(0, opts.maxQuestionChars);
    const lang = detectLang(question);
    const units = analyzer.questionUnits(question);
    if (units.length === 0) return notFound(question, lang, 'empty', []);
    const wants = intents(question);
    const ranked = rank(units, wants, question);
    if (ranked.length === 0) return notFound(question, lang, 'out-of-scope', []);

    const best = ranked[0]!;
    if (best.cov < opts.minCoverage) {
      return notFound(question, lang, 'out-of-scope', [...new Set(ranked.slice(0, 3).map((r) => facts.get(r.id)!.topic))]);
    }
    // A plan that a later fact superseded is answered by the later fact, the plan kept as history,
    // unless the question is about the plan itself (the later fact does not cover it, or it asks
    // what was planned at first).
    const chosen: string[] = [];
    const newer = supersededBy.get(best.id);
    const newerCov = newer ? coverage(units, newer).cov : 0;
    if (newer && newerCov >= opts.minCoverage && !wants.includes('original')) chosen.push(newer, best.id);
    else chosen.push(best.id, ...(newer ? [newer] : []));
    // Related facts: close enough to the best, those of the best answer's programme first (GPUs per
    // team beside the GPU supplier, before the national GPU plan).
    const close = ranked.slice(1).filter((r) => r.cov >= opts.relatedCoverage && r.rank >= opts.relatedRatio * best.rank);
    const sameScope = (id: string) => factScope.get(id) === factScope.get(best.id);
    for (const r of [...close.filter((r) => sameScope(r.id)), ...close.filter((r) => !sameScope(r.id))]) {
      if (chosen.length >= 1 + opts.maxRelated) break;
      if (!chosen.includes(r.id)) chosen.push(r.id);
    }
    const scoreOf = new Map(ranked.map((r) => [r.id, r.rank]));
    const answers = chosen.slice(0, 1 + opts.maxRelated).map((id) => item(facts.get(id)!, lang, scoreOf.get(id) ?? best.rank));
    if (wants.includes('outcome') && answers[0]!.kind === 'plan') {
      const text =
        lang === 'ko'
          ? `결과는 제가 가진 자료(가장 최근 ${knownUntil})에 아직 없어요. 아래는 결과가 아니라 계획·일정입니다.`
          : `The outcome is not in my sources yet (the newest is from ${knownUntil}). Below is the plan, not a result.`;
      return { question, lang, answered: true, answers, notice: { kind: 'outcome-unknown', text, knownUntil } };
    }
    return { question, lang, answered: true, answers };
  }

  function timeline(lang: Lang): TimelineEvent[] {
    return corpus.facts
      .filter((f) => f.event)
      .map((f) => ({ date: f.event!.date, text: f.event![lang], factId: f.id, source: cite(f.sources[0]!) }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.factId < b.factId ? -1 : 1));
  }

  function fact(query: string, lang: Lang): QuickFact | undefined {
    const raw = String(query ?? '').slice(0, opts.maxQuestionChars).trim().toLowerCase();
    const key = nameKey(raw);
    if (!key) return undefined;
    if (TIMELINE_NAMES.has(key)) return { type: 'timeline', lang, events: timeline(lang) };
    // Ids have hyphens, which the name key drops: compare ids in the same form.
    const f = facts.get(raw) ?? corpus.facts.find((x) => nameKey(x.id) === key);
    if (f) return { type: 'fact', lang, item: item(f, lang) };
    const topic = corpus.topics.find((t) => nameKey(t.id) === key || [t.title.ko, t.title.en, ...t.aliases].some((name) => nameKey(name) === key));
    if (topic) {
      const items = corpus.facts.filter((x) => x.topic === topic.id).map((x) => item(x, lang));
      return { type: 'topic', lang, topic: { id: topic.id, title: topic.title[lang] }, items };
    }
    const answer = ask(query);
    if (answer.answered) return { type: 'fact', lang: answer.lang, item: answer.answers[0]! };
    return undefined;
  }

  return { ask, topics: topicRefs, fact, detectLang, explain, corpus };
}
