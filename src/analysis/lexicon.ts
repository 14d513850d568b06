/**
 * The lexicon (corpus/lexicon/*.yaml) compiled once into the sets and patterns the analysis chain and
 * the question parser look words up in. The word lists are data; this file only indexes them.
 */
import { stemEnglish } from './english.ts';
import { leadingClausePattern, reportedClausePattern } from './segments.ts';
import type { IntentName, LexiconData } from '../corpus/schema.ts';

export interface Lexicon {
  readonly data: LexiconData;
  korean: {
    /** Particles and endings by their last syllable, longest first: the first that fits is stripped. */
    suffixesEndingIn: Map<string, string[]>;
    /** Every piece that is only an ending (suffixes and bare endings). */
    affixes: Set<string>;
    endings: Set<string>;
    protected: Set<string>;
    /** The lengths of protected words, for checking a word's last n syllables. */
    protectedLengths: number[];
    nounsEndingInM: Set<string>;
    numerals: Map<string, string>;
    /** A counter, then a particle or nothing: 월에 → 월. */
    counter: RegExp;
  };
  stopwords: { ko: Set<string>; en: Set<string> };
  english: {
    lightVerbs: Set<string>;
    stemHomonyms: Set<string>;
    cardinals: Map<string, string>;
    ordinals: Map<string, string>;
    /** Chat abbreviations and negative contractions, each written out (arch → architecture, wasn't → was not). */
    abbreviations: { pattern: RegExp | undefined; map: Map<string, string> };
    /** The stems of everyday English words (common-english.yaml): see, keep, group. */
    commonStems: Set<string>;
  };
  spellings: { pattern: RegExp | undefined; map: Map<string, string> };
  questions: {
    intents: [IntentName, RegExp][];
    /** What makes a part ask: a question word proper or the rest of the lexicon's `asks`. */
    asks: RegExp;
    /** Question words proper (what, 언제): English ones as whole words. */
    questionWord: RegExp;
    outcome: Set<string>;
    why: Set<string>;
    gives: ['when' | 'count' | 'amount' | 'why', RegExp][];
    /** A message addressed to the bot itself; undefined when the lexicon lists none. */
    personal: RegExp | undefined;
    /** A claim put to be checked; undefined when the lexicon lists none. */
    claim: RegExp | undefined;
    /** Code or an injection attempt; undefined when the lexicon lists none. */
    code: RegExp | undefined;
    /** What an English question sets aside, up to the next punctuation or question word; undefined when the lexicon lists no words for it. */
    setAside: RegExp | undefined;
    /** An English scene-setting clause before a comma (segments.ts); undefined when the lexicon lists no words opening one. */
    leadingClause: RegExp | undefined;
    /** A clause reporting a claim at a message's start (someone said …, segments.ts); undefined when the lexicon lists none. */
    reportedClause: ReturnType<typeof reportedClausePattern>;
    /** The end of a text that the thing asked for comes right after (which, how many + a word); undefined when the lexicon lists none. */
    thingAsked: RegExp | undefined;
  };
  counters: { ko: Map<string, string>; en: Map<string, string>; uncounted: Set<string>; koCounted: RegExp };
  programmes: { home: string; markers: Map<string, string[]>; nameAttribute: string };
  followups: { sources: RegExp; english: RegExp; korean: RegExp; more: RegExp; markers: RegExp; pronouns: RegExp | undefined; other: RegExp | undefined; pointers: RegExp | undefined; asks: RegExp | undefined; chatter: RegExp | undefined };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (patterns: string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'));
const compiled = new WeakMap<LexiconData, Lexicon>();
/** The items by key, each list in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Indexes the lexicon's lists; the same data object is compiled once. */
/** Whole words, each to be replaced by what the record gives it: one pattern for them all. */
function writtenOut(words: Record<string, string>): { pattern: RegExp | undefined; map: Map<string, string> } {
  const keys = Object.keys(words);
  return { pattern: keys.length ? new RegExp(String.raw`\b(?:${keys.map(escape).join('|')})\b`, 'g') : undefined, map: new Map(Object.entries(words)) };
}

export function compileLexicon(data: LexiconData): Lexicon {
  const cached = compiled.get(data);
  if (cached) return cached;
  const k = data.korean;
  const suffixes = [...new Set([...k.particles, ...k.endings])].sort((a, b) => b.length - a.length);
  const spellings = Object.keys(data.spellings).sort((a, b) => b.length - a.length);
  const lexicon: Lexicon = {
    data,
    korean: {
      suffixesEndingIn: groupBy(suffixes, (s) => s.at(-1)!),
      affixes: new Set([...suffixes, ...k.bareEndings]),
      endings: new Set(k.endings),
      protected: new Set(k.protected),
      protectedLengths: [...new Set(k.protected.map((p) => p.length).filter((n) => n >= 2))],
      nounsEndingInM: new Set(k.nounsEndingInM),
      numerals: new Map(Object.entries(k.numerals)),
      counter: new RegExp(`^(${[...k.counters].sort((a, b) => b.length - a.length).map(escape).join('|')})(.*)$`),
    },
    stopwords: { ko: new Set(data.stopwords.ko), en: new Set(data.stopwords.en) },
    english: {
      lightVerbs: new Set(data.english.lightVerbs),
      stemHomonyms: new Set(data.english.stemHomonyms),
      cardinals: new Map(Object.entries(data.english.cardinals)),
      ordinals: new Map(Object.entries(data.english.ordinals)),
      // Negative contractions (wasn't, didnt) are written out the same way as chat abbreviations.
      abbreviations: writtenOut({ ...data.english.abbreviations, ...data.english.contractions }),
      commonStems: new Set(data['common-english'].words.map(stemEnglish)),
    },
    spellings: { pattern: spellings.length ? new RegExp(spellings.map(escape).join('|'), 'g') : undefined, map: new Map(Object.entries(data.spellings)) },
    questions: {
      intents: Object.entries(data.questions.intents).map(([name, ps]) => [name as IntentName, alternation(ps)]),
      // A question word proper asks, and so do the rest of `asks` (a question mark, a request, an auxiliary).
      asks: new RegExp(`${wordsPattern(data.questions.questionWords).source}|${alternation(data.questions.asks).source}`, 'i'),
      questionWord: wordsPattern(data.questions.questionWords),
      outcome: new Set(data.questions.framing.outcome),
      why: new Set(data.questions.framing.why),
      gives: Object.entries(data.questions.gives).map(([name, ps]) => [name as 'when', new RegExp(alternation(ps).source, 'i')]),
      personal: data.questions.personal.length ? alternation(data.questions.personal) : undefined,
      claim: data.questions.claims.length ? new RegExp(alternation(data.questions.claims).source, 'i') : undefined,
      code: data.questions.code.length ? alternation(data.questions.code) : undefined,
      setAside: setAsidePattern(data.questions.setAside),
      leadingClause: leadingClausePattern(data.questions.preambleOpeners.map(escape)),
      reportedClause: reportedClausePattern(data.questions.hearsay.reporters.map(escape), data.questions.hearsay.verbs.map(escape)),
      thingAsked: data.questions.thingAsked.length ? new RegExp(String.raw`\b(?:${data.questions.thingAsked.map(escape).join('|')})\s+(?:\S+\s+)?$`) : undefined,
    },
    counters: {
      ko: new Map(Object.entries(data.counters.ko)),
      en: new Map(Object.entries(data.counters.en)),
      uncounted: new Set(data.counters.uncounted),
      koCounted: new RegExp(`몇\\s*(${Object.keys(data.counters.ko).map(escape).join('|')})`),
    },
    followups: {
      sources: new RegExp(alternation(data.followups.sources).source, 'i'),
      english: new RegExp(alternation(data.followups.english).source, 'i'),
      korean: new RegExp(alternation(data.followups.korean).source, 'i'),
      more: new RegExp(alternation(data.followups.more).source, 'i'),
      markers: new RegExp(alternation(data.followups.markers).source, 'i'),
      pronouns: data.followups.pronouns.length ? new RegExp(alternation(data.followups.pronouns).source, 'i') : undefined,
      other: data.followups.other.length ? new RegExp(alternation(data.followups.other).source, 'i') : undefined,
      pointers: data.followups.pointers.length ? new RegExp(alternation(data.followups.pointers).source, 'i') : undefined,
      asks: data.followups.asks.length ? new RegExp(alternation(data.followups.asks).source, 'i') : undefined,
      // One word of a message: chatter words one after another (고마워요ㅎㅎ, ㅋㅋㅋ).
      chatter: data.followups.chatter.length ? new RegExp(`^(?:${alternation(data.followups.chatter).source})+$`, 'iu') : undefined,
    },
    programmes: {
      home: data.programmes.home,
      markers: new Map(Object.entries(data.programmes.programmes).map(([id, p]) => [id, p.markers.map((m) => `~${m}`)])),
      nameAttribute: `~${data.programmes.nameAttribute}`,
    },
  };
  compiled.set(data, lexicon);
  return lexicon;
}

/** Any of the words: a Latin one as a whole word (what, not whatever), a Hangul one anywhere (뭐 in 뭐야). */
function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => (/^[a-z]/i.test(w) ? String.raw`\b${escape(w)}\b` : escape(w))).join('|'), 'i');
}

/**
 * What an English question sets aside (beyond medical and bio, other than Lunit, not the hospitals):
 * one of the words, then up to the next punctuation or question word.
 */
function setAsidePattern(words: readonly string[]): RegExp | undefined {
  if (words.length === 0) return undefined;
  const lead = [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
  return new RegExp(String.raw`\b(?:${lead})\s+[^,?.;:()!—–]+?(?=\s*(?:[,?.;:()!—–]|$)|\s(?:what|which|who|whom|how|when|where|why|is|are|was|were|do|does|did|can|could|will)\b)`, 'gi');
}

