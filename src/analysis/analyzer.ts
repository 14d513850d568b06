/**
 * The one analysis chain for facts, examples and questions alike (so they always agree), in
 * Lucene's order: character filters (fold, numbers as digits, spellings), then the tokenizer that
 * finds alias concepts, dates and ordinals before splitting the rest into Hangul, Latin and digit
 * words, then token filters (Korean particles and endings, English stems, stopwords, Hangul
 * bigrams). Every word list comes from the lexicon (corpus/lexicon/).
 */
import type { AliasGroup, LexiconData } from '../corpus/schema.ts';
import type { Lang } from '../types.ts';
import { AliasIndex, type AliasConcept, type AliasMatch } from './aliases.ts';
import { findDates, MONTHS } from './dates.ts';
import { stemEnglish } from './english.ts';
import { jongseong, Korean } from './korean.ts';
import { compileLexicon, type Lexicon } from './lexicon.ts';
import { fold, numbersAsDigits, wonMaySpan } from './normalize.ts';
import { findOrdinals, ordinalPattern, ROUND_NOUNS, type OrdinalPattern } from './ordinals.ts';
import { questionParts, withoutSetAside, type Part } from './segments.ts';
import { leftOutOrSwapped, TypoIndex } from './typos.ts';

/**
 * One unit of meaning in a text: an alias concept (`~lunit`) or a word's stem with its Hangul
 * bigrams. Coverage (how much of a question a fact answers) is measured per unit.
 */
export interface Unit {
  tokens: string[];
  alias: boolean;
  /** A verb or adjective form (만드는, 떴어, working): if the corpus lacks it, it says little. */
  predicate?: boolean;
  /** A verb form even after stripping (가는): it frames the question even where the corpus uses it. */
  verbForm?: boolean;
  /** A named organisation, person or model (an alias group marked `entity`). */
  entity?: boolean;
  /** A word that frames the question (결과, result) rather than names its subject: not counted in coverage. */
  framing?: boolean;
  /** From a preamble or an aside beside the part that asks: it weighs less. */
  context?: boolean;
  /** Where it is first mentioned in the (normalised) text: units come aliases first, so this gives word order. */
  at?: number;
  /** A name given only as an instance of a kind (네이버 같은 대기업, companies like Samsung): it does not narrow the question. */
  instance?: boolean;
}

const HANGUL = /[\uAC00-\uD7A3]/;
/** A bound noun (거, 것, 건, 걸, 듯) as the next word: the word before it is a verb form. */
const BOUND_NOUN_AFTER = /^\s+(거|것|건|걸|겁|듯)(?![가-힣])|^\s+(거|것|건)(야|임|지|예요|에요|인가|인데|가요|냐|니|죠|요|라|라며|라던데|같|인지)/;
/**
 * A name given as an instance of a kind: 네이버 같은 대기업, 삼성이나 LG 같은 곳, 루닛처럼; companies like
 * Samsung (or LG), such as Naver. So is the second of two alternatives (on Lunit's side or KAIST's,
 * 루닛 컨소야 아니면 카이스트 컨소야?): a fact on either answers. Another name may sit between it and 같은 when joined to it by
 * 이나/랑/and (삼성이나 LG 같은), not otherwise (루닛 모델 같은 is about Lunit's model).
 */
const INSTANCE_AFTER = /^\s*(?:같은|처럼)(?![가-힣])|^(?:(?:이나|나|이랑|랑|하고|과|와)?\s*(?:,|\/|or|and)|(?:이나|나|이랑|랑|하고|과|와)\s)\s*[가-힣a-z0-9.-]{1,20}?\s*(?:같은|처럼)(?![가-힣])/;
const INSTANCE_BEFORE = /(?:(?<!\b(?:would|'d|i|we|you|they) )\blike|\bsuch as|\be\.g\.?|\bfor example|\bincluding|\bor|아니면)\s+(?:[a-z0-9.-]+\s*(?:,|or|and)\s+)?$/;
function isInstance(norm: string, a: number, b: number): boolean {
  if (INSTANCE_AFTER.test(norm.slice(b, b + 28))) return true;
  const before = norm.slice(Math.max(0, a - 40), a);
  // "what are salaries like for X" asks how things are for X.
  return INSTANCE_BEFORE.test(before) && !/\bwhat\b[^?.!]*\blike\s+(?:for\s+|at\s+|in\s+)?$/.test(before);
}
/** Whether every mention (flat start, end pairs) is a name given as an instance of a kind. */
function everyInstance(norm: string, ranges: readonly number[]): boolean {
  for (let r = 0; r < ranges.length; r += 2) if (!isInstance(norm, ranges[r]!, ranges[r + 1]!)) return false;
  return true;
}
/** 수 as the next word, as in 할 수 있다 (can). */
const CAN_AFTER = /^\s+수(?:가|는|도|도록)?(?:\s|있|없|$)/;
/**
 * Whether what follows a Hangul word (from `end` in `text`) makes it a verb form: a bound noun after
 * it (모인 거, 노리는 것, 달라진 게) modifies it; closed by ㄹ before 수 (들어갈 수, 받을 수 있어), it is a
 * verb's future form: "can".
 */
function verbBefore(word: string, text: string, end: number): boolean {
  if (!mayBeNounAfter(text, end)) return false;
  const after = text.slice(end);
  return BOUND_NOUN_AFTER.test(after) || (jongseong(word.at(-1)!) === 8 && CAN_AFTER.test(after));
}
/** The words BOUND_NOUN_AFTER and CAN_AFTER look for after the spaces (거 것 건 걸 겁 듯 수). */
const NOUNS_AFTER = new Set([...'거것건걸겁듯수'].map((ch) => ch.charCodeAt(0)));
/**
 * False when neither pattern can match from `end`: both need spaces, then one of NOUNS_AFTER. Runs for
 * most Hangul words, so no slice or regex for those followed by anything else; a character that may
 * be some other space (\s) leaves the answer to the patterns.
 */
function mayBeNounAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 0x20) return !isPlainNonSpace(text.charCodeAt(end));
  let i = end + 1;
  while (text.charCodeAt(i) === 0x20) i++;
  const code = text.charCodeAt(i);
  return isHangul(code) ? NOUNS_AFTER.has(code) : !isPlainNonSpace(code);
}
/** An ASCII character that is not a space (\s): it ends a run of spaces. */
const isPlainNonSpace = (code: number) => code < 0x80 && code !== 0x20 && !(code >= 0x09 && code <= 0x0d);
const MYEOT = '몇'.charCodeAt(0);
/** Whether any character in [a, b) is covered (no typed array view per test). */
function anyCovered(covered: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (covered[i]) return true;
  return false;
}
const SPACES = ' '.repeat(64);
/** `n` spaces. */
const spaces = (n: number) => (n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));
const isHangul = (code: number) => code >= 0xac00 && code <= 0xd7a3;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isLatinOrDigit = (code: number) => (code >= 0x61 && code <= 0x7a) || isDigit(code);

/**
 * Where the word at `i` ends (`i` when none starts there). Words are Hangul syllable runs and
 * Latin/digit runs with decimal parts (b200, 32b, 2.0); jamo runs (ㅋㅋ, ㄱㄱ) are chat noise.
 * Scanned by hand (what the pattern [가-힣]+ | [a-z0-9]+(\.[0-9]+)* matches): no match object per word.
 */
export function wordEnd(text: string, i: number): number {
  // charCodeAt is NaN past the end, which no class has.
  if (isHangul(text.charCodeAt(i))) {
    // 몇 opens a word of its own even when run on (총몇장, 전체몇명: 총 몇장), as after Latin (GPU몇장).
    for (i++; isHangul(text.charCodeAt(i)) && !(text.charCodeAt(i) === MYEOT && text.charCodeAt(i - 1) !== MYEOT); ) i++;
    return i;
  }
  if (!isLatinOrDigit(text.charCodeAt(i))) return i;
  while (isLatinOrDigit(text.charCodeAt(i))) i++;
  while (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) for (i++; isDigit(text.charCodeAt(i)); ) i++;
  return i;
}

/** Every bigram of a Hangul stem, plus the stem itself: 컨소시엄 → 컨소시엄 컨소 소시 시엄. */
function hangulTokens(stem: string): string[] {
  if (stem.length <= 2) return [stem];
  const out = [stem];
  for (let i = 0; i + 2 <= stem.length; i++) out.push(stem.slice(i, i + 2));
  return out;
}

/** A text's units and the text once normalised. */
export interface Analysis {
  units: Unit[];
  norm: string;
  /** Where in `norm` each alias concept is mentioned (AliasIndex.matches): how often (for BM25), and for aliasNameParts. */
  aliasMatches: readonly AliasMatch[];
}

/** An analysis with the tokens to index (see `Analyzer.indexed`). */
export interface Indexed extends Analysis {
  tokens: string[];
}

/**
 * Each unit's tokens, then each alias once more for every further mention (`mentions`: how often
 * each is mentioned, in the order met; a text's own are its alias matches, so it needs no map).
 */
function tokensOf(units: Iterable<Unit>, mentions: ReadonlyMap<string, number> | readonly AliasMatch[]): string[] {
  const tokens: string[] = [];
  for (const u of units) for (const t of u.tokens) tokens.push(t);
  if (Array.isArray(mentions)) {
    for (const { c, ranges } of mentions as readonly AliasMatch[]) for (let r = 2; r < ranges.length; r += 2) tokens.push(c.token);
  } else for (const [token, n] of mentions as ReadonlyMap<string, number>) for (let r = 1; r < n; r++) tokens.push(token);
  return tokens;
}

/** What a word (outside aliases, dates and ordinals) gives by its own letters, wherever it stands. */
interface WordReading {
  word: string;
  /** A syllable or two that, right after an alias, is only what is left of its word (던, 은, 했). */
  leftover: boolean;
  /** The alias concept an English word names by its stem (allocation → allocate). */
  stemAlias?: AliasConcept;
  /** Its tokens (none for a stopword or a stray particle). */
  tokens: string[];
  /** A verb or adjective form by its own letters (the word after it may also make it one). */
  predicate: boolean;
  /** Still a verb form once stripped, when it is a predicate. */
  verbForm: boolean;
  /** A word that frames the question (결과, why). */
  framing: boolean;
}

/** FNV-1a over text[start, end): a word's hash where it stands, without cutting it out. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Words read so far, looked up by their characters where they stand in the text: a Map needed a
 * string cut out of the text (and hashed) for each of a build's ~140k words, most of them met
 * before. Open addressing, kept at most half full.
 */
class WordTable {
  private hashes = new Int32Array(1 << 14);
  private readings: (WordReading | undefined)[] = new Array<WordReading | undefined>(1 << 14).fill(undefined);
  size = 0;

  /** The reading of the word text[start, end), if it was read before. */
  get(text: string, start: number, end: number): WordReading | undefined {
    const h = hashOf(text, start, end);
    const mask = this.hashes.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const r = this.readings[s];
      if (r === undefined) return undefined;
      if (this.hashes[s] === h && r.word.length === end - start && text.startsWith(r.word, start)) return r;
    }
  }

  /** Adds a word's reading (one not in the table). */
  add(r: WordReading): void {
    if (2 * (this.size + 1) > this.hashes.length) {
      const old = this.readings;
      this.hashes = new Int32Array(2 * this.hashes.length);
      this.readings = new Array<WordReading | undefined>(this.hashes.length).fill(undefined);
      this.size = 0;
      for (const x of old) if (x !== undefined) this.add(x);
    }
    const h = hashOf(r.word, 0, r.word.length);
    const mask = this.hashes.length - 1;
    let s = h & mask;
    while (this.readings[s] !== undefined) s = (s + 1) & mask;
    this.hashes[s] = h;
    this.readings[s] = r;
    this.size++;
  }
}

type AliasInput = Pick<AliasGroup, 'id' | 'terms'> & { entity?: boolean; framing?: boolean; attribute?: boolean | 'keywords'; broader?: string[] };

/** Whether a part's units name something: a party, or two words beyond question words and numbers. */
const namesSomething = (units: readonly Unit[]) => units.some((u) => u.entity) || units.filter((u) => !u.framing && !u.predicate && !/^[\d.]+$/.test(u.tokens[0]!)).length > 1;

/**
 * Which parts ask, given each part's units: a part that asks but names almost nothing (왜 숫자가
 * 다른 거예요, built on what?, which sector goes first?) asks about the part before it, and that one,
 * if it names nothing either, about the one before. Undefined when the whole text asks (every part,
 * or none names anything).
 */
function askingParts(parts: readonly Part[], unitsOf: (i: number) => Unit[]): boolean[] | undefined {
  const asks = parts.map((p) => p.asks);
  const asking = () => parts.flatMap((_, i) => (asks[i] ? unitsOf(i) : []));
  for (let first = asks.indexOf(true); first > 0 && !namesSomething(asking()); first--) asks[first - 1] = true;
  return asks.every(Boolean) || !namesSomething(asking()) ? undefined : asks;
}

export class Analyzer {
  readonly lexicon: Lexicon;
  readonly korean: Korean;
  private readonly aliases: AliasIndex;
  private readonly ordinals: OrdinalPattern;
  /** English stopwords' other forms (giving, tells). */
  private readonly enStopStems: Set<string>;
  /** A spelling to rewrite has a space in it, so it could span two joined texts. */
  private readonly spellingsSpanSpaces: boolean;
  /** A word a date or an ordinal before it may go on into. */
  private readonly monthOrRound = new RegExp(`^(?:${MONTHS.join('|')}|${ROUND_NOUNS})`);

  constructor(aliases: readonly AliasInput[], lexicon: LexiconData) {
    this.lexicon = compileLexicon(lexicon);
    this.korean = new Korean(this.lexicon.korean);
    this.ordinals = ordinalPattern(this.lexicon.english, this.lexicon.korean.numerals);
    this.enStopStems = new Set([...this.lexicon.stopwords.en].filter((w) => w.length > 3).map(stemEnglish));
    this.aliases = new AliasIndex(aliases, (t) => this.normalize(t));
    this.spellingsSpanSpaces = [...this.lexicon.spellings.map.keys()].some((k) => /\s/.test(k));
    for (const w of this.lexicon.stopwords.en) this.stopwordTypos.add(w, true);
  }

  /**
   * The last text normalised and what it gave: a question is normalised when it is parsed and again
   * when it is analysed (and a clause or a near-miss found may be the same text again).
   */
  private lastText?: string;
  private lastNorm = '';

  /** The character filters: fold, numbers as digits, possessives off, loanword spellings as the corpus writes them, chat abbreviations and negative contractions written out. */
  normalize(text: string): string {
    if (text !== this.lastText) {
      this.lastNorm = this.filterCharacters(text);
      this.lastText = text;
    }
    return this.lastNorm;
  }

  private filterCharacters(text: string): string {
    // Links say nothing a question asks (and their ids read as words); Lunit's → lunit. Each pattern
    // is tried only on a text with its fixed part: most have neither.
    let s = fold(text);
    if (s.includes('http') || s.includes('www.')) s = s.replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ');
    s = numbersAsDigits(s);
    // Lunit's → lunit; wasn’t → wasn't, written out below with the abbreviations (else wasn reads as a
    // word the corpus never uses, and won't as won).
    if (s.includes("'") || s.includes('’')) s = s.replace(/(?<=[a-z])['’]s\b/g, '').replace(/(?<=[a-z]n)’(?=t\b)/g, "'");
    const { pattern, map } = this.lexicon.spellings;
    if (pattern) s = s.replace(pattern, (v) => map.get(v)!);
    const abbreviations = this.lexicon.english.abbreviations;
    return abbreviations.pattern ? s.replace(abbreviations.pattern, (v) => abbreviations.map.get(v)!) : s;
  }

  /** The units of meaning in `text`, in order of appearance; aliases first. */
  units(text: string): Unit[] {
    return this.analyze(text).units;
  }

  /** Which characters of the text analysed aliases, dates and ordinals took (1). */
  private covered = new Uint8Array(1024);

  /** Units, where each alias concept is mentioned (for BM25's term frequency), and the normalised text. */
  analyze(text: string): Analysis {
    const norm = this.normalize(text);
    // One buffer for every text (analysis is never re-entered): a typed array per text is garbage.
    if (this.covered.length < norm.length) this.covered = new Uint8Array(2 * norm.length);
    const covered = this.covered;
    covered.fill(0, 0, norm.length);
    const units: Unit[] = [];
    const seen = new Set<string>();
    const aliasMatches = this.aliases.matches(norm);
    for (const { c, ranges } of aliasMatches) {
      let at = ranges[0]!;
      for (let r = 0; r < ranges.length; r += 2) {
        covered.fill(1, ranges[r]!, ranges[r + 1]!);
        at = Math.min(at, ranges[r]!);
      }
      if (c.entity && everyInstance(norm, ranges)) units.push({ tokens: [c.token], alias: true, entity: true, at, instance: true });
      else units.push(c.entity ? { tokens: [c.token], alias: true, entity: true, at } : c.framing ? { tokens: [c.token], alias: true, framing: true, at } : { tokens: [c.token], alias: true, at });
      seen.add(c.token);
    }
    // A narrower concept counts for its broader ones too (서면평가 is an evaluation).
    for (let i = 0, n = units.length; i < n; i++) {
      const u = units[i]!;
      for (const b of this.aliases.broader(u.tokens[0]!)) {
        if (!seen.has(b)) units.push({ tokens: [b], alias: true, ...(u.at !== undefined ? { at: u.at } : {}) });
        seen.add(b);
      }
    }
    for (const d of findDates(norm)) {
      if (anyCovered(covered, d.start, d.end)) continue;
      covered.fill(1, d.start, d.end);
      if (!seen.has(d.tokens[0]!)) units.push({ tokens: d.tokens, alias: false, at: d.start });
      seen.add(d.tokens[0]!);
      if (d.year && !seen.has(d.year)) units.push({ tokens: [d.year], alias: false, at: d.start });
      if (d.year) seen.add(d.year);
    }
    for (const o of findOrdinals(norm, this.ordinals, this.lexicon.english, this.lexicon.korean.numerals)) {
      if (anyCovered(covered, o.start, o.end)) continue;
      covered.fill(1, o.start, o.end);
      if (!seen.has(o.token)) units.push({ tokens: [o.token], alias: false, at: o.start });
      seen.add(o.token);
    }
    // What aliases, dates and ordinals did not cover (a space for each character they did), as words:
    // built a run of covered characters at a time, not a string per character.
    let rest = '';
    let from = 0;
    for (let i = 0; i < norm.length; i++) {
      if (!covered[i]) continue;
      let end = i + 1;
      while (end < norm.length && covered[end]) end++;
      rest += norm.slice(from, i) + spaces(end - i);
      from = end;
      i = end;
    }
    rest += norm.slice(from);
    for (let at = 0, end = 0; at < rest.length; at = Math.max(end, at + 1)) {
      end = wordEnd(rest, at);
      if (end === at) continue;
      const unit = this.wordUnit(at, end, rest, covered);
      if (!unit || seen.has(unit.tokens[0]!)) continue;
      seen.add(unit.tokens[0]!);
      units.push(unit);
    }
    return { units, norm, aliasMatches };
  }

  /**
   * One word of the text outside aliases, dates and ordinals, at `at`, as a unit (undefined when it
   * says nothing). `at` is in each literal, last as in every unit: set afterwards, it took a store of its own.
   */
  private wordUnit(at: number, end: number, rest: string, covered: Uint8Array): Unit | undefined {
    const hangul = isHangul(rest.charCodeAt(at)); // a word is all Hangul or all Latin and digits, stripped or not
    // A counter after a number or 몇 keeps no particle: 7월에 → 월, 256장이 → 장, 몇 점이었어 → 점.
    // (몇 within the three characters before: the pattern is tried only then.) Other words are
    // looked up where they stand.
    const w =
      hangul && at > 0 && (isDigit(rest.charCodeAt(at - 1)) || ((rest.charCodeAt(at - 2) === MYEOT || rest.charCodeAt(at - 3) === MYEOT) && /몇\s+$/.test(rest.slice(Math.max(0, at - 3), at))))
        ? this.wordOf(this.korean.stripCounter(rest.slice(at, end)))
        : (this.words.get(rest, at, end) ?? this.read(rest.slice(at, end)));
    const word = w.word;
    // A syllable or two glued to an alias is what is left of its word: 떨어졌던 → 던, not a word.
    if (w.leftover && at > 0 && covered[at - 1]) return undefined;
    // allocation finds allocate: English alias terms also match by stem.
    if (w.stemAlias) return w.stemAlias.entity ? { tokens: [w.stemAlias.token], alias: true, entity: true, at } : { tokens: [w.stemAlias.token], alias: true, at };
    const tokens = w.tokens;
    if (tokens.length === 0) return undefined;
    // A word the corpus never uses, one typing slip from an alias term (luint, nvida), is that term;
    // one slip from a stopword (whcih, abuot), that stopword.
    const unknown = this.vocabulary !== undefined && !hangul && tokens.length === 1 && !this.vocabulary(tokens[0]!);
    const named = unknown ? this.aliases.byTypo(word) : undefined;
    if (named) return named.entity ? { tokens: [named.token], alias: true, entity: true, at } : { tokens: [named.token], alias: true, at };
    if (unknown && this.stopwordTypos.find(word)) return undefined;
    // A letter left out of a word the corpus uses, or two swapped (suport, hardwre, rigth), that word.
    const fixed = unknown ? this.vocabularyTypos.find(tokens[0]!, leftOutOrSwapped) : undefined;
    if (fixed !== undefined) return { tokens: [fixed], alias: false, at };
    if (w.framing) return { tokens, alias: false, framing: true, at };
    // What follows is read only for a Hangul word not already a predicate.
    const predicate = w.predicate || (hangul && verbBefore(word, rest, end));
    // Literal objects, not spread ones: this runs for every word of every text.
    if (!predicate) return { tokens, alias: false, at };
    return w.verbForm ? { tokens, alias: false, predicate, verbForm: true, at } : { tokens, alias: false, predicate, at };
  }

  /** The broader concepts a concept's mention also counts for (SK Telecom's: SK Group). */
  broader(token: string): string[] {
    return this.aliases.broader(token);
  }

  /** The corpus's words, once indexed: question words outside them may be typos of names. */
  private vocabulary?: (token: string) => boolean;
  /** English stopwords of five letters or more, for typos of them (whcih). */
  private readonly stopwordTypos = new TypoIndex<true>(5);

  /** Tells the analyzer which tokens the corpus uses (after indexing it), so questions' misspelt names and words are read as those. */
  knowVocabulary(has: (token: string) => boolean, tokens: Iterable<string> = []): void {
    this.vocabulary = has;
    for (const t of tokens) this.vocabularyTypos.add(t, t);
  }
  /** The corpus's Latin tokens of five letters or more, for typos of them. */
  private readonly vocabularyTypos = new TypoIndex<string>(5);

  /** Words repeat across facts, examples and questions: what each gives wherever it stands is worked out once. */
  private words = new WordTable();

  private wordOf(word: string): WordReading {
    return this.words.get(word, 0, word.length) ?? this.read(word);
  }

  /** Reads a word not in the table, and keeps the reading. */
  private read(word: string): WordReading {
    const w = this.readWord(word);
    if (this.words.size > 100_000) this.words = new WordTable();
    this.words.add(w);
    return w;
  }

  private readWord(word: string): WordReading {
    const k = this.korean;
    // A word is all Hangul or all Latin and digits (wordEnd): its first character says which.
    const hangul = isHangul(word.charCodeAt(0));
    const hangulPredicate = hangul && k.isPredicate(word);
    const leftover = hangul && word.length <= 2 && (k.isAffix(word) || hangulPredicate || /^[던든는은을를했된한할됐었였음임함하어아]/.test(word));
    const stemAlias = /^[a-z]/.test(word) && !this.lexicon.english.stemHomonyms.has(word) ? this.aliases.byEnglishStem(word) : undefined;
    const tokens = stemAlias ? [] : this.computeWordTokens(word);
    // One unknown syllable (봄, 줌) is nearly always a verb form; content nouns of one syllable are in the corpus.
    const predicate = hangul ? word.length === 1 || hangulPredicate : this.lexicon.english.lightVerbs.has(word) || /[a-z]{3}(ing|ed)$/.test(word);
    // Still a verb once stripped (가는, 만들어 → 만들), not a noun under 하다/되다 (선정됐어 → 선정).
    const removed = tokens.length > 0 ? word.slice(tokens[0]!.length) : '';
    const verbForm =
      tokens.length > 0 &&
      (!hangul || // an English light verb (go, working) frames as a Korean verb form does
        tokens[0] === word ||
        k.isPredicate(tokens[0]!) ||
        k.isPastVerb(k.strip(word)) || // 잡혔어 → 잡혀: a past tense, a verb
        (word.startsWith(tokens[0]!) && !/^(하|되|됐|했|됩|합|한|할|될|된|해|돼|시키|받|이)/.test(removed)));
    const q = this.lexicon.questions;
    const framing = tokens.length > 0 && [q.outcome, q.why].some((set) => set.has(tokens[0]!) || set.has(word));
    const reading: WordReading = { word, leftover, tokens, predicate, verbForm, framing };
    if (stemAlias) reading.stemAlias = stemAlias;
    return reading;
  }

  /**
   * An example question's units, read as a question is: without its preamble (보고서 쓰는 중인데, for
   * a memo:) or what it sets aside, which say who asks, not what the fact answers. `whole`: the
   * text's own analysis, kept when it has neither (most examples).
   */
  exampleUnits(text: string, whole: Analysis): Unit[] {
    const { setAside } = this.lexicon.questions;
    if (withoutSetAside(text, setAside) !== text) return this.questionUnits(text).filter((u) => !u.context);
    const parts = questionParts(text, this.lexicon.questions);
    if (parts.length === 1) return whole.units;
    // Only the parts that ask are analysed again (a sixth of ten thousand examples have a preamble);
    // what else questionUnits would need of the others, the whole text's analysis has.
    const unitsOf = new Map<number, Unit[]>();
    const partUnits = (i: number) => unitsOf.get(i) ?? unitsOf.set(i, this.units(parts[i]!.text)).get(i)!;
    // As in a question: a part that asks but names almost nothing asks about the one before it.
    const asks = askingParts(parts, partUnits);
    if (!asks) return whole.units;
    const seen = new Set<string>();
    const units: Unit[] = [];
    parts.forEach((_, i) => {
      if (asks[i]) for (const u of partUnits(i)) if (!seen.has(u.tokens[0]!)) (seen.add(u.tokens[0]!), units.push(u));
    });
    // One that asks about "their roadmap" names its subject in the preamble.
    const pronouns = this.lexicon.followups.pronouns;
    if (pronouns !== undefined && !units.some((u) => u.entity) && parts.some((p, i) => asks[i] && pronouns.test(this.normalize(p.text)))) return [...units, ...whole.units.filter((u) => u.entity && !seen.has(u.tokens[0]!))];
    return units;
  }

  /**
   * A question's units: those of the parts that ask, then the rest marked as context (a preamble's
   * 대학병원 연구지원팀 is who asks, not what).
   */
  questionUnits(question: string): Unit[] {
    const text = withoutSetAside(question, this.lexicon.questions.setAside);
    const parts = questionParts(text, this.lexicon.questions);
    if (parts.length === 1) return this.units(text);
    // Each part's units, placed at the part's offset so `at` keeps the word order of the whole text.
    let cursor = 0;
    const unitsOf = parts.map((p) => {
      const offset = Math.max(0, text.indexOf(p.text, cursor));
      cursor = offset + p.text.length;
      return this.units(p.text).map((u) => (u.at === undefined ? u : { ...u, at: u.at + offset }));
    });
    const asks = askingParts(parts, (i) => unitsOf[i]!);
    if (!asks) return this.units(text);
    const asking = parts.flatMap((_, i) => (asks[i] ? unitsOf[i]! : []));
    const seen = new Set(asking.map((u) => u.tokens[0]!));
    // A part that asks about "their roadmap" or "거기 예산" names its subject in the context: the names there are asked about.
    const pronouns = this.lexicon.followups.pronouns;
    const refersBack = pronouns !== undefined && !asking.some((u) => u.entity) && parts.some((p, i) => asks[i] && pronouns.test(this.normalize(p.text)));
    const context: Unit[] = [];
    for (const u of parts.flatMap((_, i) => (asks[i] ? [] : unitsOf[i]!))) {
      if (seen.has(u.tokens[0]!)) continue;
      seen.add(u.tokens[0]!);
      // Marked in place (the unit was made for this text): a key a spread's source lacks is slow to add (parse.ts).
      if (!(refersBack && u.entity)) u.context = true;
      context.push(u);
    }
    return [...asking, ...context];
  }

  /**
   * The words inside the alias names an analysed text mentions: Hangul words with their bigrams
   * (국가AI컴퓨팅센터 → 국가, 컴퓨팅센터, 센터 …), and English words that are not everyday English, as a
   * question reads them (Kyung Hee University Hospital → kyung, hee): a question may name a thing by a
   * part of its name (해남 센터, the kyung hee hospitals).
   */
  aliasNameParts({ norm, aliasMatches }: Pick<Analysis, 'norm' | 'aliasMatches'>): Set<string> {
    const parts = new Set<string>();
    for (const { ranges } of aliasMatches) {
      for (let r = 0; r < ranges.length; r += 2) {
        const name = norm.slice(ranges[r], ranges[r + 1]);
        let found = this.nameParts.get(name);
        if (found === undefined) this.nameParts.set(name, (found = this.namePartsOf(name)));
        for (const t of found) parts.add(t);
      }
    }
    return parts;
  }
  /** The parts of each alias name as mentioned: the same few hundred names recur across the corpus's facts. */
  private nameParts = new Map<string, string[]>();
  private namePartsOf(name: string): string[] {
    const parts: string[] = [];
    const common = this.lexicon.english.commonStems;
    for (const w of name.match(/[가-힣]{2,}/g) ?? []) for (const t of hangulTokens(w)) parts.push(t);
    for (const w of name.match(/[a-z]{3,}/g) ?? []) for (const t of this.computeWordTokens(w)) if (!common.has(t)) parts.push(t);
    return parts;
  }

  /** All tokens of `text`, flattened (what BM25 searches). */
  tokens(text: string): string[] {
    return this.units(text).flatMap((u) => u.tokens);
  }

  /**
   * Units and the tokens to index: like `tokens`, but an alias counts once per mention, so BM25 sees
   * how often a fact names it.
   */
  indexed(text: string): Indexed {
    const { units, norm, aliasMatches } = this.analyze(text);
    return { units, norm, aliasMatches, tokens: tokensOf(units, aliasMatches) };
  }

  /**
   * The tokens `indexed` gives for the texts joined by ' \n ' (in another order, which BM25 does not
   * see), from each text's own analysis: the joined text has each unit once (a unit's tokens follow
   * from its first) and each alias as often as all texts mention it. Undefined when a pattern could
   * read across a join: then analyse the joined text.
   */
  joinedTokens(parts: readonly Analysis[]): string[] | undefined {
    for (let i = 0; i < parts.length; i++) {
      const norm = parts[i]!.norm;
      // Ordinals are not looked for in a text without a digit, a Latin letter or 첫 (ordinals.ts), but
      // a joined text may have one elsewhere and find 두 번째 here.
      if (norm.includes('번째') && !/[0-9a-z첫]/.test(norm)) return undefined;
      if (i + 1 < parts.length && this.mayRunOn(norm, parts[i + 1]!.norm)) return undefined;
    }
    const units = new Map<string, Unit>();
    const mentions = new Map<string, number>();
    for (const p of parts) {
      for (const u of p.units) if (!units.has(u.tokens[0]!)) units.set(u.tokens[0]!, u);
      for (const { c, ranges } of p.aliasMatches) mentions.set(c.token, (mentions.get(c.token) ?? 0) + ranges.length / 2);
    }
    return tokensOf(units.values(), mentions);
  }

  /** Whether some pattern could read from the end of normalised text `a` across spaces into `b`. */
  private mayRunOn(a: string, b: string): boolean {
    const last = a.trimEnd().at(-1);
    const next = b.trimStart();
    if (last === undefined || next === '' || this.spellingsSpanSpaces) return true;
    // A number goes on into a counter or a unit (2025 년, 3 차, 5 조), 첫 and 두 into 번째.
    if (/[0-9첫째]/.test(last) || next[0] === '번') return true;
    // 1차 is a round unless a number follows (1차 1…: 차 then reads as a word).
    if (last === '차' && /[0-9]/.test(next[0]!)) return true;
    if (/[a-z.,/-]/.test(last)) {
      // A word or - . , / goes on into a number (june 9, stage 2, 2025. 3), into a month or a round
      // (in june, first round), and an ordinal into the next word too (first dokpamo team).
      if (/[0-9]/.test(next[0]!) || this.monthOrRound.test(next)) return true;
      if (/[a-z]/.test(next[0]!) && this.lexicon.english.ordinals.has(/[a-z0-9]*(?=[^a-z0-9]*$)/.exec(a)![0])) return true;
    }
    // "in" | "won …": the currency (after a digit, above).
    if (wonMaySpan(a, b)) return true;
    // An alias term with the two characters in a row, spaces allowed between them.
    return this.aliases.mayRunOn(a, b);
  }

  private computeWordTokens(word: string): string[] {
    const k = this.korean;
    const stop = this.lexicon.stopwords;
    if (HANGUL.test(word)) {
      if (k.isAffix(word)) return []; // a particle left over once an alias took its word
      let w = word;
      const numeral = k.numeral(w);
      if (numeral) return [numeral]; // 두 팀 = 2개 팀
      if (w.length > 1 && w.startsWith('몇')) w = k.countedAfterCounter(w.slice(1)); // 몇장 → 장: the counter says what is counted; 몇개기관 → 기관
      if (stop.ko.has(w)) return []; // before the counter check: 원래 is not 원 + 래
      w = k.stripCounter(w); // 개야, 명이 → 개, 명
      if (stop.ko.has(w) || k.isAffix(w)) return [];
      // 뜻이, 뭐가: a one-syllable particle on a stopword (stripping keeps two-syllable words whole).
      if (w.length === 2 && '이가은는을를도만의에로와과'.includes(w[1]!) && stop.ko.has(w[0]!)) return [];
      const stem = k.presentForm(k.strip(w));
      if (stop.ko.has(stem)) return [];
      return hangulTokens(stem);
    }
    if (/^[a-z]/.test(word)) {
      if (word.length === 1 || stop.en.has(word)) return []; // a stray letter (what's → s) says nothing
      if (this.enStopStems.has(stemEnglish(word))) return []; // giving, tells: other forms of stopwords
      const number = this.lexicon.english.cardinals.get(word) ?? this.lexicon.english.ordinals.get(word);
      if (number && /^[a-z]+$/.test(word)) return [number]; // phase one = stage 1
      const stem = stemEnglish(word.replace(/'s$/, ''));
      return stem ? [stem] : [];
    }
    return [word]; // digits
  }
}

/**
 * The language to answer in: English when the question has more Latin words than Hangul words
 * ("What is 독파모?"), Korean otherwise (GPU몇장 is Korean).
 */
export function detectLang(text: string): Lang {
  const norm = fold(text);
  const hangulWords = norm.match(/[\uAC00-\uD7A3\u3131-\u318E]+/g)?.length ?? 0;
  const latinWords = norm.match(/[a-z]{2,}/g)?.length ?? 0;
  if (hangulWords === 0) return latinWords > 0 ? 'en' : 'ko';
  // A Korean particle on an English word (budget은, GPU를) is Korean grammar, however many English words.
  if (/[a-z0-9][\uAC00-\uD7A3]/.test(norm)) return 'ko';
  return latinWords > hangulWords ? 'en' : 'ko';
}
