/**
 * A question parsed into typed parts before anything is scored, the way a search engine parses a
 * query into clauses: the programme it is about, the entities, rounds and years it names (which a
 * fact must agree with), what it asks for, its content words, and what was only context (a preamble
 * or an aside).
 */
import { detectLang, type Analyzer, type Unit } from '../analysis/analyzer.ts';
import type { Lexicon } from '../analysis/lexicon.ts';
import { fold } from '../analysis/normalize.ts';
import type { Lang } from '../types.ts';
import { countedIn, type Counted } from './counted.ts';
import { intents, type Intent } from './intents.ts';
import { isPersonal } from './personal.ts';

export interface ProgrammeScope {
  /** The programme the question is about, when it is known. */
  id?: string;
  /**
   * How it is known: `named` (특화, 독파모), `entity` (a participant it names: Lunit, LG), `home` (it
   * names no programme and no other party: the home programme first, then the landscape), `none`
   * (it names both programmes, or parties of none).
   */
  by: 'named' | 'entity' | 'home' | 'none';
}

export interface ParsedQuestion {
  /** The question as received, cut to the maximum length. */
  text: string;
  /** The text through the analyzer's character filters (lower case, numbers as digits, spellings). */
  norm: string;
  lang: Lang;
  /** Every unit: the asking part's first, then the context's (marked `context`). */
  units: Unit[];
  /** The units of the part that asks. */
  asking: Unit[];
  programme: ProgrammeScope;
  /** Named organisations, people and models in the asking part (alias tokens). */
  entities: string[];
  /** Rounds and stages (#n1 …), years (2026) and versions (3.0, 4.5) in the asking part: a fact must name them too. */
  ordinals: string[];
  years: string[];
  versions: string[];
  /** Attributes asked for (a name, a licence, a CEO): a fact's statement must give them. */
  attributes: string[];
  /**
   * Everyday English words that name the thing asked for (which professor, how many employees): they
   * keep their weight in coverage where other everyday words (see, keep, split) weigh less.
   */
  thingsAsked: string[];
  /** What kind of answer is wanted. */
  intents: Intent[];
  /** For 몇 장 / how many GPUs: what a fact must count. */
  counted?: Counted;
  /** Addressed to the bot itself (너 누구야, are you GPT?). */
  personal: boolean;
  /** Code or an injection attempt (SELECT * FROM …, <script>): noise, whatever words it shares with the corpus. */
  code?: boolean;
  /** A claim put to be checked (is it true KAIST has 22 members?): its numbers may be what a fact corrects. */
  claim?: boolean;
}

export interface ParseContext {
  analyzer: Analyzer;
  /** Alias concepts that name a participant of a programme (Lunit → specialized). */
  participantOf: ReadonlyMap<string, string>;
  attributeTokens: ReadonlySet<string>;
}


/** Parses a question (already cut to length). */
export function parseQuestion(text: string, ctx: ParseContext): ParsedQuestion {
  const lex = ctx.analyzer.lexicon;
  const norm = ctx.analyzer.normalize(text);
  return withUnits(
    { text, norm, lang: detectLang(text), intents: intents(norm, lex), counted: countedIn(fold(text), lex), personal: isPersonal(norm, lex), code: lex.questions.code?.test(norm) ? true : undefined, claim: lex.questions.claim?.test(norm) ? true : undefined },
    ctx.analyzer.questionUnits(text),
    ctx,
  );
}

/**
 * The parts read off the units (the programme, entities, rounds, attributes), for units parsed or
 * merged. `counted` and `code` are set only when the base has them.
 */
export function withUnits(base: Pick<ParsedQuestion, 'text' | 'norm' | 'lang' | 'intents' | 'counted' | 'personal' | 'code' | 'claim'>, units: Unit[], ctx: ParseContext): ParsedQuestion {
  const asking = units.filter((u) => !u.context);
  const heads = asking.map((u) => u.tokens[0]!);
  const entities = asking.filter((u) => u.entity && !u.instance).map((u) => u.tokens[0]!);
  // Each field named, not `{ ...base, units, … }`: on Node 20 every key added after a spread that
  // its source lacks takes a slow path (about 1 µs a key, 9 µs a question).
  const q: ParsedQuestion = {
    text: base.text,
    norm: base.norm,
    lang: base.lang,
    intents: base.intents,
    personal: base.personal,
    units,
    asking,
    programme: programmeOf(heads, entities, ctx.analyzer.lexicon.programmes, ctx.participantOf),
    entities,
    ordinals: heads.filter((t) => t.startsWith('#n')),
    years: heads.filter((t) => /^\d{4}$/.test(t) && Number(t) >= 2000 && Number(t) <= 2100),
    versions: heads.filter((t) => /^\d{1,2}\.\d{1,2}$/.test(t)),
    attributes: heads.filter((t) => ctx.attributeTokens.has(t)),
    thingsAsked: thingsAsked(base.norm, asking, ctx.analyzer.lexicon),
  };
  if (base.counted !== undefined) q.counted = base.counted;
  if (base.code !== undefined) q.code = base.code;
  if (base.claim !== undefined) q.claim = base.claim;
  return q;
}

/** The everyday English words of the part that asks that come right after which, what, how many… */
function thingsAsked(norm: string, asking: readonly Unit[], lex: Lexicon): string[] {
  const before = lex.questions.thingAsked;
  const out: string[] = [];
  if (!before) return out;
  for (const u of asking) {
    const t = u.tokens[0]!;
    if (u.at !== undefined && lex.english.commonStems.has(t) && before.test(norm.slice(Math.max(0, u.at - 40), u.at))) out.push(t);
  }
  return out;
}

/**
 * The programme a question is about: one it names; else the one its named participants belong to;
 * else, naming no other party, the home programme (first, before the rest of the landscape).
 */
function programmeOf(heads: string[], entities: string[], programmes: { home: string; markers: ReadonlyMap<string, string[]> }, participantOf: ReadonlyMap<string, string>): ProgrammeScope {
  const named = [...programmes.markers].filter(([, markers]) => markers.some((m) => heads.includes(m))).map(([id]) => id);
  if (named.length === 1) return { id: named[0]!, by: 'named' };
  if (named.length > 1) return { by: 'none' };
  const implied = new Set(entities.map((e) => participantOf.get(e) ?? ''));
  if (implied.size === 1 && !implied.has('')) return { id: [...implied][0]!, by: 'entity' };
  if (entities.length > 0) return { by: 'none' };
  return { id: programmes.home, by: 'home' };
}
