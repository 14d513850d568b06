/**
 * Korean morphology, lightly: strips the particles and verb endings people attach to words
 * (컨소시엄에는 → 컨소시엄, 선정됐어 → 선정) so the stem can match the corpus. No dictionary: the
 * lexicon's suffix list, longest first, and its protected nouns that merely look like stem +
 * particle (평가, 결과).
 */
import type { Lexicon } from './lexicon.ts';

/** The index of a Hangul syllable's final consonant (0 = none, 16 = ㅁ, 20 = ㅆ; -1 if not Hangul). */
export function jongseong(syllable: string): number {
  const code = syllable.charCodeAt(0) - 0xac00;
  return code >= 0 && code < 11172 ? code % 28 : -1;
}

export class Korean {
  private readonly stemCache = new Map<string, string>();

  /** Protected words of two syllables or more by each pair of adjacent syllables in them. */
  private readonly protectedWith = new Map<string, string[]>();
  /** The last syllables of protected words: a word ending otherwise is none and ends none (most words). */
  private readonly protectedLast = new Set<number>();
  /** `suffixesEndingIn` by the code of the last syllable: no one-syllable string made per lookup. */
  private readonly suffixesEndingIn = new Map<number, string[]>();

  constructor(private readonly lex: Lexicon['korean']) {
    for (const p of lex.protected) if (p !== '') this.protectedLast.add(p.charCodeAt(p.length - 1));
    for (const [last, suffixes] of lex.suffixesEndingIn) this.suffixesEndingIn.set(last.charCodeAt(0), suffixes);
    for (const p of lex.protected) {
      for (const pair of new Set(Array.from({ length: p.length - 1 }, (_, i) => p.slice(i, i + 2)))) {
        const list = this.protectedWith.get(pair);
        if (list) list.push(p);
        else this.protectedWith.set(pair, [p]);
      }
    }
  }

  /** True when a piece of a word is only a particle or ending (what is left of 루닛은 once 루닛 is an alias). */
  isAffix(piece: string): boolean {
    return this.lex.affixes.has(piece) || this.lex.affixes.has(this.strip(piece));
  }

  /** True for a noun that only looks like stem + particle (평가, 결과, 개요), compounds included. */
  isProtected(word: string): boolean {
    if (!this.protectedLast.has(word.charCodeAt(word.length - 1))) return false;
    if (this.lex.protected.has(word)) return true;
    for (const n of this.lex.protectedLengths) if (word.length >= n && this.lex.protected.has(word.slice(-n))) return true;
    return false;
  }

  /** True when a Hangul word looks like a verb or adjective form (it ends in a verb ending): such words carry little of what is asked. */
  isPredicate(word: string): boolean {
    if (this.isProtected(word)) return false;
    // Any past-tense form: a syllable closed by ㅆ before a final ending (골랐어, 떴어, 났어, 올렸고);
    // before the endings, as 고 alone also ends nouns (최고, 공고).
    const last = word.at(-1)!;
    const prev = word.at(-2);
    if (prev !== undefined && jongseong(prev) === 20 && '어아음지다나냐니고'.includes(last)) return true;
    for (let n = Math.min(5, word.length - 1); n >= 1; n--) if (this.lex.endings.has(word.slice(-n))) return n >= 2 || /[어아야지죠요니냐나대래데음임함까게]$/.test(word);
    if (/[었았였했됐겠](?:어|지|음|다|나|냐|니)?$/.test(word)) return true;
    // A stem ending in a past-tense syllable (거쳤, 만났, 냈): no noun ends like that.
    if (jongseong(last) === 20) return true;
    // Casual nominalised verbs (들어감, 대줌) and verb forms before a noun or clause (엮는, 넣은, 치면, 짜도).
    if (word.length >= 2 && jongseong(last) === 16 && !this.lex.nounsEndingInM.has(word)) return true;
    return word.length >= 2 && '는은던면도'.includes(last);
  }

  /** A verb stem in the past tense (거쳤, 잡혔): its last syllable is closed by ㅆ. */
  isPastVerb(stem: string): boolean {
    return jongseong(stem.at(-1) ?? '') === 20 && !(stem.length > 2 && /[했됐]$/.test(stem)) && !(stem.length > 3 && /시켰$/.test(stem));
  }

  /**
   * A verb's past form as its 아/어 form, so tenses meet: 거쳤 → 거쳐, 만났 → 만나, 골랐 → 골라. Only
   * a past tense closes a syllable with ㅆ, so nouns are untouched; noun + 했/됐/시켰 is the noun.
   */
  presentForm(stem: string): string {
    if (stem.length > 3 && /시[켰켜]$/.test(stem)) return stem.slice(0, -2);
    if (stem.length > 2 && /[했됐]$/.test(stem)) return stem.slice(0, -1);
    if (!this.isPastVerb(stem)) return stem;
    return stem.slice(0, -1) + String.fromCharCode(stem.charCodeAt(stem.length - 1) - 20);
  }

  /** A native numeral as digits (두 → 2), or undefined. */
  numeral(word: string): string | undefined {
    return this.lex.numerals.get(word);
  }

  /** After 몇, a counter run into the noun it counts (개기관이야 of 몇개기관이야): the noun. */
  countedAfterCounter(word: string): string {
    const m = this.lex.counter.exec(word);
    return m && m[2] !== '' && !this.isAffix(m[2]!) && m[2]!.length >= 2 ? m[2]! : word;
  }

  /** A counter word after a number (월에, 장이, 곳이나) without its particle. */
  stripCounter(word: string): string {
    if (word.length > 1 && this.isProtected(word)) return word;
    const m = this.lex.counter.exec(word);
    return m && (m[2] === '' || this.isAffix(m[2]!)) ? m[1]! : word;
  }

  /**
   * The stem of a Hangul word: particles and endings stripped (repeatedly: 선정됐나요 → 선정), never
   * below one syllable and never inside a protected word.
   */
  strip(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      stem = this.computeStrip(word);
      if (this.stemCache.size > 100_000) this.stemCache.clear();
      this.stemCache.set(word, stem);
    }
    return stem;
  }

  private computeStrip(word: string): string {
    let stem = word;
    for (let guard = 0; guard < 3; guard++) {
      if (this.isProtected(stem)) break;
      const current = stem;
      const suffix = this.suffixesEndingIn.get(current.charCodeAt(current.length - 1))?.find((s) => current.endsWith(s) && current.length - s.length >= 1 && !this.cutsProtected(current, current.length - s.length));
      if (!suffix) break;
      const rest = stem.slice(0, -suffix.length);
      // A one-syllable particle on a two-syllable word is too often part of the noun (경쟁률 is fine,
      // but 국가 or 다리 are not stem + particle).
      if (suffix.length === 1 && rest.length === 1) break;
      stem = rest;
    }
    return stem;
  }

  /** True when cutting `word` at `cut` would split a protected word (결과는 must not become 결 + 과는). */
  private cutsProtected(word: string, cut: number): boolean {
    // Only a protected word with the two syllables either side of the cut can span it.
    for (const p of this.protectedWith.get(word.slice(cut - 1, cut + 1)) ?? []) {
      for (let i = word.indexOf(p); i !== -1; i = word.indexOf(p, i + 1)) {
        if (i < cut && cut < i + p.length) return true;
      }
    }
    return false;
  }
}
