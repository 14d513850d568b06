import type { AliasGroup } from '../corpus/schema.ts';
import type { Lang } from '../types.ts';
import { findDates } from './dates.ts';
import { questionParts } from './segments.ts';
import { EN_LIGHT_VERBS, EN_STOPWORDS, KO_STOPWORDS, OUTCOME_WORDS, WHY_WORDS, isAffix, isPredicate, isProtectedWord, stripKorean } from './korean.ts';

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
}

const HANGUL = /[\uAC00-\uD7A3]/;
/** A bound noun (거, 것, 건, 걸, 듯) as the next word: the word before it is a verb form. */
const BOUND_NOUN_AFTER = /^\s+(거|것|건|걸|겁|듯)(?![가-힣])|^\s+(거|것|건)(야|임|지|예요|에요|인가|인데|가요|냐|니|죠|요|라|라며|라던데|같|인지)/;
/** Words: Hangul syllable runs, jamo runs, and Latin/digit runs (b200, 32b, 2.0, k-fold → k, fold). */
const WORD = /[\uAC00-\uD7A3]+|[\u3131-\u318E]+|[a-z0-9]+(?:\.[0-9]+)*/g;
const SEPARATORS = /[\s\-_.·/']/;

/**
 * Korean number words on digits, as digits: 26만 → 260000, 1만3천 → 13000, 5만2000 → 52000, 3천 → 3000
 * (so "26만 장" finds "260,000 GPUs"). Only right after a digit: 15년 만에 is not a number.
 */
const KOREAN_NUMBER = /(\d+(?:\.\d+)?)(만|천)(?:(\d+)(천)?)?/g;

function koreanNumber(match: string, a: string, unit: string, b?: string, thousand?: string): string {
  const head = Number(a) * (unit === '만' ? 10000 : 1000);
  if (b === undefined) return String(Math.round(head));
  // 1만3천, 1만3000: the rest only counts when it is smaller than the unit before it.
  const rest = Number(b) * (thousand ? 1000 : 1);
  return unit === '만' && rest < 10000 ? String(Math.round(head + rest)) : match;
}

/**
 * Large amounts as digits, so 10조1천억, 10.1조 and "10.1 trillion" meet: 조 = 10^12, 억 = 10^8,
 * trillion/tn, billion/bn, million/mn.
 */
const MONEY = /(\d+(?:\.\d+)?)\s*조(?:\s*(\d+(?:\.\d+)?)\s*억)?|(\d+(?:\.\d+)?)\s*억|\b(\d+(?:\.\d+)?)\s*(trillion|tn|billion|bn|million|mn)\b/g;
const SCALE: Record<string, number> = { trillion: 1e12, tn: 1e12, billion: 1e9, bn: 1e9, million: 1e6, mn: 1e6 };

function money(_: string, jo?: string, eok?: string, eokOnly?: string, en?: string, unit?: string): string {
  const value = jo !== undefined ? Number(jo) * 1e12 + Number(eok ?? 0) * 1e8 : eokOnly !== undefined ? Number(eokOnly) * 1e8 : Number(en) * SCALE[unit!]!;
  return String(Math.round(value));
}

/** NFKC, lower case, no control characters, thousands separators dropped (1,000 → 1000). */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, ' ')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(KOREAN_NUMBER, koreanNumber)
    .replace(MONEY, money)
    .replace(/\b(\d+(?:\.\d+)?)k\b/g, (_, n: string) => String(Math.round(Number(n) * 1000))) // 260k → 260000
    .replace(/(?<=[a-z])['’]s\b/g, '') // Lunit's → lunit
    .replace(LOANWORD_VARIANT, (v) => LOANWORD_VARIANTS[v]!);
}

/** Common spellings of loanwords, written as the corpus writes them (컨소시움 → 컨소시엄). */
const LOANWORD_VARIANTS: Record<string, string> = {
  컨소시움: '컨소시엄',
  콘소시엄: '컨소시엄',
  파운데이숀: '파운데이션',
  파운데이선: '파운데이션',
  엔비디야: '엔비디아',
  엔디비아: '엔비디아',
  센타: '센터',
  프로잭트: '프로젝트',
  프로젝투: '프로젝트',
  라이센스: '라이선스',
  벤치마크스: '벤치마크',
};
const LOANWORD_VARIANT = new RegExp(Object.keys(LOANWORD_VARIANTS).join('|'), 'g');

/** Light English stemming, the same for questions and facts: selected/selects/selection share a stem. */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (/([bdgmnpt])\1$/.test(w) && w !== word) w = w.slice(0, -1); // running → run, stopped → stop
  else if (w.length > 6 && w.endsWith('ion')) w = w.slice(0, -3);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1); // give and giving, rule and rules share giv, rul
  return w;
}

const ORDINAL_WORDS: Record<string, string> = { first: '1', '1st': '1', second: '2', '2nd': '2', third: '3', '3rd': '3', fourth: '4', '4th': '4', one: '1', two: '2', three: '3', four: '4' };
/** 1차, 2단계, 3번째, 첫 번째 | first round, 2nd evaluation (not "third in AI", "3rd floor") | stage 2, phase 2, round 2. */
const ORDINAL = /(?<![\d.-])(\d{1,2})\s*(?=차(?!\s*[0-9])|단계|번째|기(?![가-힣]))(?:차)?|\b((?:first|1st|second|2nd|third|3rd|fourth|4th)(?=[\s-]+(?:[a-z]+[\s-]+)?(?:stage|phase|round|evaluation|assessment|review|presentation|call|selection|cut|batch|allocation|result|team)s?\b)|(?<=(?:stage|phase|round)\s)(?:one|two|three|four))\b|(?:stage|phase|round)s?[\s-]*(\d{1,2})(?![\d.])|(?<![가-힣])(첫)(?:\s*번째|째)?(?=\s*[가-힣])/g;

const KOREAN_NUMERALS: Record<string, string> = { 두: '2', 세: '3', 다섯: '5', 여섯: '6', 일곱: '7', 여덟: '8', 아홉: '9', 열: '10' };

const NUMBER_WORDS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', first: '1', second: '2', third: '3', fourth: '4', fifth: '5' };

/** Words that are another word's stem but mean something else: "found" (find) is not "founded". */
const STEM_HOMONYMS = new Set(['found']);

const EN_STOP_STEMS = new Set([...EN_STOPWORDS].filter((w) => w.length > 3).map(stemEnglish));

/** A counter word after a number (월에, 장이, 곳이나) without its particle. */
function stripCounter(word: string): string {
  if (word.length > 1 && isProtectedWord(word)) return word;
  const m = /^(년|월|일|장|개|곳|명|팀|차|단계|억|조|만|원|달러|노드|종|건|배|주|시|점|위|등|번|살|회)(.*)$/.exec(word);
  return m && (m[2] === '' || isAffix(m[2]!)) ? m[1]! : word;
}

/** Endings and particles, or a verb's last syllables (던, 었던, 함), as left over after an alias. */
function isAffixLike(piece: string): boolean {
  return isAffix(piece) || isPredicate(piece) || /^[던든는은을를했된한할됐었였음임함]/.test(piece);
}

/**
 * A verb's past form as its 아/어 form, so tenses meet: 거쳤 → 거쳐, 만났 → 만나, 골랐 → 골라. Only
 * a past tense closes a syllable with ㅆ, so nouns are untouched; noun + 했/됐 is the noun.
 */
function presentForm(stem: string): string {
  // A noun + 했/됐/시켰 (해명했, 선정됐, 학습시켰) is the noun.
  if (stem.length > 3 && /시[켰켜]$/.test(stem)) return stem.slice(0, -2);
  if (stem.length > 2 && /[했됐]$/.test(stem)) return stem.slice(0, -1);
  if (!isPastVerb(stem)) return stem;
  return stem.slice(0, -1) + String.fromCharCode(stem.charCodeAt(stem.length - 1) - 20);
}

/** A verb stem in the past tense (거쳤, 잡혔): its last syllable is closed by ㅆ. */
function isPastVerb(stem: string): boolean {
  const code = stem.charCodeAt(stem.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 === 20 && !(stem.length > 2 && /[했됐]$/.test(stem)) && !(stem.length > 3 && /시켰$/.test(stem));
}

/** Every bigram of a Hangul stem, plus the stem itself: 컨소시엄 → 컨소시엄 컨소 소시 시엄. */
function hangulTokens(stem: string): string[] {
  if (stem.length <= 2) return [stem];
  const out = [stem];
  for (let i = 0; i + 2 <= stem.length; i++) out.push(stem.slice(i, i + 2));
  return out;
}

interface AliasMatcher {
  token: string;
  /** Tokens of the broader concepts a mention also counts for. */
  broader: string[];
  entity: boolean;
  framing: boolean;
  /** The group's terms without separators (K-Fold → kfold), longest first. */
  terms: Term[];
}

/** Separators are optional inside a term: K-Fold = k fold = kfold, 엘리스 그룹 = 엘리스그룹. */
function compact(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (SEPARATORS.test(text[i]!)) continue;
    chars += text[i];
    at.push(i);
  }
  return { chars, at };
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

/**
 * Where `term` matches the text at compact position `i`, as a [start, end) range of `norm`. Latin
 * terms match whole words only (ai is not in said), and also in the plural (GPUs).
 */
function matchAt(norm: string, text: { chars: string; at: number[] }, term: Term, i: number): [number, number] | undefined {
  const t = term.chars;
  if (!text.chars.startsWith(t, i)) return undefined;
  // Spaces are optional inside a term (엘리스 그룹 = 엘리스그룹), but a short term does not reach
  // across a word boundary of the text (제마 is not in 언제 마지막), and no term crosses a line.
  for (let k = i; k < i + t.length - 1; k++) {
    if (text.at[k + 1]! - text.at[k]! === 1) continue;
    const gap = norm.slice(text.at[k]! + 1, text.at[k + 1]!);
    // Between two letters a space splits English words (wrap up stage is not Upstage): only where the term has one.
    const latinJoin = /[a-z]/.test(t[k - i]!) && /[a-z]/.test(t[k - i + 1]!);
    if (gap.includes('\n') || (!term.gaps.has(k - i) && (t.length <= 3 || latinJoin))) return undefined;
  }
  const start = text.at[i]!;
  let end = text.at[i + t.length - 1]! + 1;
  if (LATIN_OR_DIGIT.test(t[0]!) && start > 0 && LATIN_OR_DIGIT.test(norm[start - 1]!)) return undefined;
  const last = t.at(-1)!;
  // Plurals: GPUs, and model names ending in a digit (B200s, H100s).
  if (/[a-z]/.test(last) || (/\d/.test(last) && /[a-z]/.test(t))) {
    const plural = /^(?:'s|es|s)(?![a-z0-9])/.exec(norm.slice(end, end + 3));
    if (plural) end += plural[0].length;
  }
  if (LATIN_OR_DIGIT.test(last) && end < norm.length && LATIN_OR_DIGIT.test(norm[end]!)) return undefined;
  return [start, end];
}

/** Ranges without repeats (two terms of a group can match the same place). */
function dedupe(ranges: [number, number][]): [number, number][] {
  const seen = new Set<string>();
  return ranges.filter(([a, b]) => !seen.has(`${a}:${b}`) && seen.add(`${a}:${b}`));
}

/** An alias term without separators, and where its own separators were (after which character). */
interface Term {
  chars: string;
  gaps: Set<number>;
}

function toTerm(term: string): Term {
  const norm = normalize(term);
  const { chars, at } = compact(norm);
  const gaps = new Set<number>();
  for (let k = 0; k < at.length - 1; k++) if (at[k + 1]! - at[k]! > 1) gaps.add(k);
  return { chars, gaps };
}

/**
 * The one analyzer for facts and questions alike (so they always agree): normalisation, alias
 * concepts, Hangul/Latin/digit word splitting, particle and ending stripping, Hangul bigrams,
 * stopwords and light English stemming.
 */
export class Analyzer {
  private readonly matchers: AliasMatcher[];
  private readonly broaderOf = new Map<string, string[]>();
  /** Single-word English alias terms by stem (allocate → allocat), to catch other forms. */
  private readonly stemAliases = new Map<string, AliasMatcher>();
  /** Every term by its first two characters (one for one-character terms): a text position is only tried against terms that can start there. */
  private readonly byStart = new Map<string, { m: AliasMatcher; term: Term }[]>();

  constructor(aliases: readonly (Pick<AliasGroup, 'id' | 'terms'> & { entity?: boolean; framing?: boolean; broader?: string[] })[]) {
    this.matchers = aliases.map((g) => ({
      token: `~${g.id}`,
      broader: (g.broader ?? []).map((b) => `~${b}`),
      entity: g.entity ?? false,
      framing: g.framing ?? false,
      terms: g.terms
        .map(toTerm)
        .filter((t) => t.chars !== '')
        .sort((a, b) => b.chars.length - a.chars.length),
    }));
    for (const m of this.matchers) if (m.broader.length > 0) this.broaderOf.set(m.token, m.broader);
    for (const m of this.matchers) {
      for (const term of m.terms) {
        const key = term.chars.slice(0, 2);
        const list = this.byStart.get(key) ?? [];
        list.push({ m, term });
        this.byStart.set(key, list);
      }
    }
    this.matchers.forEach((m, i) => {
      for (const term of aliases[i]!.terms.map(normalize)) {
        if (/^[a-z]{4,}$/.test(term) && !this.stemAliases.has(stemEnglish(term))) this.stemAliases.set(stemEnglish(term), m);
      }
    });
  }

  /**
   * Every alias group mentioned in `norm`, with where. The longest match wins: a term inside a
   * longer term of another group is not a mention of its own (대표 in 국가대표 AI, 평가 in 최종평가).
   */
  private aliasMatches(norm: string): { m: AliasMatcher; ranges: [number, number][] }[] {
    const text = compact(norm);
    const byGroup = new Map<AliasMatcher, [number, number][]>();
    for (let i = 0; i < text.chars.length; i++) {
      for (const key of [text.chars.slice(i, i + 2), text.chars[i]!]) {
        for (const { m, term } of this.byStart.get(key) ?? []) {
          const range = matchAt(norm, text, term, i);
          if (range) byGroup.set(m, [...(byGroup.get(m) ?? []), range]);
        }
      }
    }
    // In the groups' order, so units come out the same whatever the text.
    const found = this.matchers.filter((m) => byGroup.has(m)).map((m) => ({ m, ranges: dedupe(byGroup.get(m)!) }));
    if (found.length < 2) return found;
    const all = found.flatMap(({ m, ranges }) => ranges.map(([a, b]) => ({ m, a, b })));
    return found
      .map(({ m, ranges }) => ({
        m,
        ranges: ranges.filter(([a, b]) => !all.some((o) => o.m !== m && o.a < b && a < o.b && o.b - o.a > b - a)),
      }))
      .filter((x) => x.ranges.length > 0);
  }

  /** The units of meaning in `text`, in order of appearance; aliases first. */
  units(text: string): Unit[] {
    return this.analyze(text).units;
  }

  /** Units, and how often each alias concept is mentioned (for BM25's term frequency). */
  analyze(text: string): { units: Unit[]; mentions: Map<string, number> } {
    const norm = normalize(text);
    const covered = new Uint8Array(norm.length);
    const units: Unit[] = [];
    const mentions = new Map<string, number>();
    const seen = new Set<string>();
    for (const { m, ranges } of this.aliasMatches(norm)) {
      mentions.set(m.token, ranges.length);
      for (const [a, b] of ranges) covered.fill(1, a, b);
      units.push(m.entity ? { tokens: [m.token], alias: true, entity: true } : m.framing ? { tokens: [m.token], alias: true, framing: true } : { tokens: [m.token], alias: true });
      seen.add(m.token);
    }
    // A narrower concept counts for its broader ones too (서면평가 is an evaluation).
    for (const u of [...units]) {
      for (const b of this.broaderOf.get(u.tokens[0]!) ?? []) {
        if (!seen.has(b)) units.push({ tokens: [b], alias: true });
        seen.add(b);
      }
    }
    for (const d of findDates(norm)) {
      if (covered.subarray(d.start, d.end).some(Boolean)) continue;
      covered.fill(1, d.start, d.end);
      if (!seen.has(d.tokens[0]!)) units.push({ tokens: d.tokens, alias: false });
      seen.add(d.tokens[0]!);
      if (d.year && !seen.has(d.year)) units.push({ tokens: [d.year], alias: false });
      if (d.year) seen.add(d.year);
    }
    // Ordinals: 1차, 2단계, 3번째, first, phase 1 all become #n1.. so rounds and stages line up.
    for (const m of norm.matchAll(ORDINAL)) {
      const n = m[1] ?? m[3] ?? (m[4] ? '1' : ORDINAL_WORDS[m[2]!]);
      const at = m.index + m[0].indexOf(m[1] ?? m[3] ?? m[4] ?? m[2]!);
      const len = (m[1] ?? m[3] ?? m[4] ?? m[2]!).length + (m[1] && /^\d+\s*차/.test(m[0]) ? m[0].length - m[1].length : 0);
      if (!n || covered.subarray(at, at + len).some(Boolean)) continue;
      covered.fill(1, at, at + len);
      const token = `#n${n}`;
      if (!seen.has(token)) units.push({ tokens: [token], alias: false });
      seen.add(token);
    }
    // What aliases, dates and ordinals did not cover, as words.
    let rest = '';
    for (let i = 0; i < norm.length; i++) rest += covered[i] ? ' ' : norm[i];
    for (const match of rest.matchAll(WORD)) {
      let word = match[0];
      // A counter after a number or 몇 keeps no particle: 7월에 → 월, 256장이 → 장, 몇 점이었어 → 점.
      if (HANGUL.test(word) && match.index > 0 && (/\d/.test(rest[match.index - 1]!) || /몇\s+$/.test(rest.slice(Math.max(0, match.index - 3), match.index)))) word = stripCounter(word);
      // A syllable or two glued to an alias is what is left of its word: 떨어졌던 → 던, not a word.
      if (HANGUL.test(word) && word.length <= 2 && match.index > 0 && covered[match.index - 1] && isAffixLike(word)) continue;
      const stemAlias = /^[a-z]/.test(word) && !STEM_HOMONYMS.has(word) ? this.stemAliases.get(stemEnglish(word)) : undefined;
      if (stemAlias) {
        // allocation finds allocate: English alias terms also match by stem.
        if (!seen.has(stemAlias.token)) units.push(stemAlias.entity ? { tokens: [stemAlias.token], alias: true, entity: true } : { tokens: [stemAlias.token], alias: true });
        seen.add(stemAlias.token);
        continue;
      }
      const tokens = this.wordTokens(word);
      if (tokens.length === 0 || seen.has(tokens[0]!)) continue;
      seen.add(tokens[0]!);
      // One unknown syllable (봄, 줌) is nearly always a verb form; content nouns of one syllable are in the corpus.
      // A word before a bound noun (모인 거, 노리는 것, 달라진 게) modifies it: a verb form.
      const beforeBoundNoun = BOUND_NOUN_AFTER.test(rest.slice(match.index + match[0].length));
      const predicate = HANGUL.test(word) ? word.length === 1 || isPredicate(word) || beforeBoundNoun : EN_LIGHT_VERBS.has(word) || /[a-z]{3}(ing|ed)$/.test(word);
      // Still a verb once stripped (가는, 만들어 → 만들), not a noun under 하다/되다 (선정됐어 → 선정).
      const removed = word.slice(tokens[0]!.length);
      const verbForm =
        predicate &&
        (!HANGUL.test(word) || // an English light verb (go, working) frames as a Korean verb form does
          tokens[0] === word ||
          isPredicate(tokens[0]!) ||
          isPastVerb(stripKorean(word)) || // 잡혔어 → 잡혀: a past tense, a verb
          (word.startsWith(tokens[0]!) && !/^(하|되|됐|했|됩|합|한|할|될|된|해|돼|시키|받|이)/.test(removed)));
      const framing = [OUTCOME_WORDS, WHY_WORDS].some((set) => set.has(tokens[0]!) || set.has(word));
      if (framing) units.push({ tokens, alias: false, framing: true });
      else units.push(predicate ? { tokens, alias: false, predicate, ...(verbForm ? { verbForm } : {}) } : { tokens, alias: false });
    }
    return { units, mentions };
  }

  /**
   * A question's units: those of the parts that ask, then the rest marked as context (a preamble's
   * 대학병원 연구지원팀 is who asks, not what).
   */
  questionUnits(text: string): Unit[] {
    const parts = questionParts(text);
    if (parts.length === 1) return this.units(text);
    const asking = parts.filter((p) => p.asks).flatMap((p) => this.units(p.text));
    // A part that asks but names almost nothing (왜 숫자가 다른 거예요) asks about the rest.
    if (!asking.some((u) => u.alias) && asking.filter((u) => !u.framing && !u.predicate).length <= 1) return this.units(text);
    const seen = new Set(asking.map((u) => u.tokens[0]!));
    const context: Unit[] = [];
    for (const u of parts.filter((p) => !p.asks).flatMap((p) => this.units(p.text))) {
      if (seen.has(u.tokens[0]!)) continue;
      seen.add(u.tokens[0]!);
      context.push({ ...u, context: true });
    }
    return [...asking, ...context];
  }

  /** All tokens of `text`, flattened (what MiniSearch searches). */
  tokens(text: string): string[] {
    return this.units(text).flatMap((u) => u.tokens);
  }

  /** Tokens for indexing: like `tokens`, but an alias counts once per mention, so BM25 sees how often a fact names it. */
  indexTokens(text: string): string[] {
    const { units, mentions } = this.analyze(text);
    const repeats = [...mentions].flatMap(([token, n]) => Array<string>(n - 1).fill(token));
    return [...units.flatMap((u) => u.tokens), ...repeats];
  }

  /** Words repeat across facts and questions: their tokens are worked out once. */
  private readonly wordCache = new Map<string, string[]>();

  private wordTokens(word: string): string[] {
    let tokens = this.wordCache.get(word);
    if (!tokens) {
      tokens = this.computeWordTokens(word);
      if (this.wordCache.size > 100_000) this.wordCache.clear();
      this.wordCache.set(word, tokens);
    }
    return tokens;
  }

  private computeWordTokens(word: string): string[] {
    if (HANGUL.test(word)) {
      if (isAffix(word)) return []; // a particle left over once an alias took its word
      let w = word;
      if (KOREAN_NUMERALS[w]) return [KOREAN_NUMERALS[w]!]; // 두 팀 = 2개 팀
      if (w.length > 1 && w.startsWith('몇')) w = w.slice(1); // 몇장 → 장: the counter says what is counted
      if (KO_STOPWORDS.has(w)) return []; // before the counter check: 원래 is not 원 + 래
      w = stripCounter(w); // 개야, 명이 → 개, 명
      if (KO_STOPWORDS.has(w) || isAffix(w)) return [];
      // 뜻이, 뭐가: a one-syllable particle on a stopword (stripKorean keeps two-syllable words whole).
      if (w.length === 2 && '이가은는을를도만의에로와과'.includes(w[1]!) && KO_STOPWORDS.has(w[0]!)) return [];
      const stem = presentForm(stripKorean(w));
      if (KO_STOPWORDS.has(stem)) return [];
      return hangulTokens(stem);
    }
    if (/^[a-z]/.test(word)) {
      if (word.length === 1 || EN_STOPWORDS.has(word)) return []; // a stray letter (what's → s) says nothing
      if (EN_STOP_STEMS.has(stemEnglish(word))) return []; // giving, tells: other forms of stopwords
      if (NUMBER_WORDS[word]) return [NUMBER_WORDS[word]!]; // phase one = stage 1
      const stem = stemEnglish(word.replace(/'s$/, ''));
      return stem ? [stem] : [];
    }
    return [word]; // digits, jamo
  }
}

/**
 * The language to answer in: English when the question has more Latin words than Hangul words
 * ("What is 독파모?"), Korean otherwise (GPU몇장 is Korean).
 */
export function detectLang(text: string): Lang {
  const norm = normalize(text);
  const hangulWords = norm.match(/[\uAC00-\uD7A3\u3131-\u318E]+/g)?.length ?? 0;
  const latinWords = norm.match(/[a-z]{2,}/g)?.length ?? 0;
  if (hangulWords === 0) return latinWords > 0 ? 'en' : 'ko';
  return latinWords > hangulWords ? 'en' : 'ko';
}

/** What kind of answer a question wants, from its question words: a date, a count or an amount. */
export type Intent = 'when' | 'count' | 'amount' | 'outcome' | 'define' | 'who' | 'why' | 'original' | 'upcoming';

const INTENTS: [Intent, RegExp][] = [
  ['when', /언제|며칠|몇\s*월|몇\s*일|날짜|일정|기간|까지\s*야|when\b|what date|which date|how long|deadline|until/],
  ['count', /몇(?!\s*(월|일|시))|how many|number of|얼마나(?!\s*(걸|오래|자주|빨리|잘|좋))|개수/],
  ['amount', /얼마(?!나)|how much|금액|비용|사업비|돈|cost|price|원\s*이야|달러/],
  ['define', /뭐야|뭐임|뭔데|뭐지|무엇|뭔가요|뭡니까|이란|(?<![가-힣])란\s*\?|어떤\s*(곳|회사|모델|사업|기관)|설명|소개|what\s+(is|are|was)\b|what's|who\s+(is|are)\b|explain|tell me about|overview|what\s+does\b.*\bmean|meaning|definition|stand\s+for|뜻|의미가|정의|약자|줄임말|stands? for|abbreviation/],
  // Which organisation or person: 누가, 어디야 (of a team or a ministry), 어느 팀, who, which company.
  ['who', /누구|누가|어디(?!서|에서|에\s*(써|쓰|올라))|어느\s*(팀|곳|기업|회사|기관|부처|대학|병원|나라)|어떤\s*(팀|회사|기업|기관|곳)들|\bwho\b|\bwhich\s+(team|compan|firm|organi[sz]|ministr|universit|hospital|cloud|operator)/],
  ['why', /왜|이유|까닭|어째서|무슨\s*근거|\bwhy\b|\breasons?\b|how come/],
  // The original plan, not what became of it: 처음엔, 원래, 당초, initially.
  ['original', /처음엔|처음에는|처음\s*계획|계획으?론|계획상|원래|당초|애초|\binitially\b|\boriginally\b|at first|\boriginal plan/],
  // What comes next: only a plan or a schedule can say.
  ['upcoming', /다음\s*(번|차례|평가|단계|방한|방문|공모|발표|일정|행사|모델)|앞으로|향후|\bnext\b|\bupcoming\b/],
  ['outcome', /결과|통과|합격|붙었|떨어졌|탈락했|성적|점수|누가\s*(이겼|됐|남았)|어떻게\s*됐|result|outcome|\bpass(ed)?\b|\bwon\b|who won|how did .* (do|go)|score/],
];

export function intents(text: string): Intent[] {
  const norm = normalize(text);
  return INTENTS.filter(([, re]) => re.test(norm)).map(([i]) => i);
}

/** Which of those a fact's text can satisfy: does it give a date, a number, an amount of money? */
export function satisfies(text: string): Set<Intent> {
  const out = new Set<Intent>();
  if (/\d{4}-\d{2}|\d{4}년|\d{1,2}월|\d{1,2}일|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d/i.test(text)) out.add('when');
  // A count is a number with a counter (18개, 256장, 2 teams), not a year or a date.
  if (
    /\d+\s*(개|곳|장|팀|명|종|건|노드|배|%|개사|개팀|개 기관|b\b|t\b)|\b\d+\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]{3,}|(?<![가-힣])(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(개|곳|팀|명|장|종|가지)|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+[a-z]{3,}/i.test(text)
  )
    out.add('count');
  if (/\d[\d.,]*\s*(억|조|만|천)?\s*(원|달러)|krw|usd|\$\s*\d|\bwon\b/i.test(text)) out.add('amount');
  // A reason: 때문, 탓, 위해, because, due to.
  if (/때문|탓|이유|위해|위한|취지|목적|미달|판단|봤다|\bjudged\b|\bcredited\b|\bbecause\b|\bdue to\b|\bowing to\b|\breasons?\b|in order to|\bso that\b|\baimed? (at|to)\b/i.test(text)) out.add('why');
  return out;
}
