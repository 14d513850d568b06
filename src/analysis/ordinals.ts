/**
 * Ordinals: 1차, 2단계, 3번째, 첫 번째, 두 번째, first round, 2nd evaluation, stage 2, phase two all become the
 * same token (#n1, #n2 …) so rounds and stages line up. "third in AI" and "3rd floor" are not ordinals.
 */
import type { Lexicon } from './lexicon.ts';

export interface OrdinalMention {
  start: number;
  end: number;
  token: string;
}

/** What a round is called: first round, 2nd evaluation. */
export const ROUND_NOUNS = 'stage|phase|round|evaluation|eval|assessment|review|presentation|call|selection|cut|batch|allocation|result|team';

/** The ordinal pattern, and a quick test for what any text it matches has (most texts have none). */
export interface OrdinalPattern {
  pattern: RegExp;
  /**
   * A digit before 차, 단계, 번째 or 기, 첫, 번째, an English ordinal word or a round noun (before
   * "stage two"): every match has one. Not any digit: most texts with one (dates, amounts) have no ordinal.
   */
  hint: RegExp;
}

/** The ordinal pattern, built from the lexicon's English ordinal and cardinal words. */
export function ordinalPattern(english: Lexicon['english'], numerals: ReadonlyMap<string, string>): OrdinalPattern {
  const ordinals = [...english.ordinals.keys()].join('|');
  const cardinals = [...english.cardinals.keys()].join('|');
  const native = [...numerals.keys()].join('|');
  const pattern = new RegExp(
    String.raw`(?<![\d.-])(\d{1,2})\s*(?=차(?!\s*[0-9])|단계|번째|기(?![가-힣]))(?:차)?` +
      String.raw`|\b((?:${ordinals})(?=[\s-]+(?:[a-z]+[\s-]+)?(?:${ROUND_NOUNS})s?\b)|(?<=(?:stage|phase|round)\s)(?:${cardinals}))\b` +
      String.raw`|(?:stage|phase|round)s?[\s-]*(\d{1,2})(?![\d.])` +
      String.raw`|(?<![가-힣])(첫)(?:\s*번째|째)?(?=\s*[가-힣])` +
      String.raw`|(?<![가-힣])(${native})\s*번째`,
    'g',
  );
  return { pattern, hint: new RegExp(String.raw`\d\s*(?:차|단계|번째|기)|첫|번째|stage|phase|round|${ordinals}`) };
}

/** Every ordinal in normalised text, with the span of its number word. */
export function findOrdinals(norm: string, { pattern, hint }: OrdinalPattern, english: Lexicon['english'], numerals: ReadonlyMap<string, string>): OrdinalMention[] {
  const out: OrdinalMention[] = [];
  if (!hint.test(norm)) return out;
  for (const m of norm.matchAll(pattern)) {
    const word = m[1] ?? m[3] ?? m[4] ?? m[5] ?? m[2]!;
    const n = m[1] ?? m[3] ?? (m[4] ? '1' : m[5] ? numerals.get(m[5]) : english.ordinals.get(m[2]!) ?? english.cardinals.get(m[2]!));
    if (!n) continue;
    const start = m.index + m[0].indexOf(word);
    const len = m[5] ? m[0].length : word.length + (m[1] && /^\d+\s*차/.test(m[0]) ? m[0].length - m[1].length : 0);
    out.push({ start, end: start + len, token: `#n${n}` });
  }
  return out;
}
