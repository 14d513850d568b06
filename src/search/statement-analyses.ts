/**
 * What the index takes from a fact's own texts (its Korean and English statements and its keywords):
 * each one's units, tokens and alias name parts. Analysing them was a fifth of building the engine,
 * so `npm run train` stores them beside the examples' analyses (example-analyses.ts, which decides
 * when they hold); this module reads one afresh, and writes and reads the stored form.
 */
import type { Analyzer, Unit } from '../analysis/analyzer.ts';
import type { Fact } from '../corpus/schema.ts';

/** What the index reads of one analysed text. */
export interface TextAnalysis {
  /** Its units' tokens, and where each is first mentioned. */
  units: Pick<Unit, 'tokens' | 'at'>[];
  /** The tokens to index (Analyzer.indexed): the units', then an alias once more for each further mention. */
  tokens: string[];
  /** The words inside the alias names it mentions (Analyzer.aliasNameParts), in order. */
  aliasParts: string[];
}

/** A fact's analysed texts. */
export interface FactTexts {
  ko: TextAnalysis;
  en: TextAnalysis;
  keywords: TextAnalysis;
}

/** The texts analysed, in the order they are stored. */
const textsOf = (f: Fact) => [f.ko, f.en, f.keywords.join(' \n ')] as const;

/** The text the stored analyses' hash is taken over (a change to any of them shows). */
export const textsKey = (f: Fact) => textsOf(f).join('\n\u0000\n');

/** Analyses a fact's texts afresh. */
export function analyseTexts(analyzer: Analyzer, f: Fact): FactTexts {
  const [ko, en, keywords] = textsOf(f).map((text): TextAnalysis => {
    const a = analyzer.indexed(text);
    return { units: a.units, tokens: a.tokens, aliasParts: [...analyzer.aliasNameParts(a)] };
  }) as [TextAnalysis, TextAnalysis, TextAnalysis];
  return { ko, en, keywords };
}

/**
 * Appends a fact's texts to `data`, tokens by their places (`place`): for each text in turn, its
 * number of units and for each unit where it is first mentioned (plus one; 0 for nowhere), its number
 * of tokens and the tokens; then the number of tokens beyond the units' and those; then its alias
 * name parts' number and the parts.
 */
export function encodeTexts(texts: FactTexts, place: (token: string) => number, data: number[]): void {
  for (const { units, tokens, aliasParts } of [texts.ko, texts.en, texts.keywords]) {
    data.push(units.length);
    let unitTokens = 0;
    for (const u of units) {
      data.push(u.at === undefined ? 0 : u.at + 1, u.tokens.length, ...u.tokens.map(place));
      unitTokens += u.tokens.length;
    }
    data.push(tokens.length - unitTokens, ...tokens.slice(unitTokens).map(place));
    data.push(aliasParts.length, ...aliasParts.map(place));
  }
}

/** Reads the texts `encodeTexts` wrote at `at`; returns them and where the next fact's start. */
export function decodeTexts(data: Int32Array, vocabulary: readonly string[], at: number): [FactTexts, number] {
  const list = (n: number) => {
    const out: string[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = vocabulary[data[at++]!]!;
    return out;
  };
  const text = (): TextAnalysis => {
    const units: Pick<Unit, 'tokens' | 'at'>[] = new Array(data[at++]!);
    const tokens: string[] = [];
    for (let i = 0; i < units.length; i++) {
      const where = data[at++]!;
      const unitTokens = list(data[at++]!);
      for (const t of unitTokens) tokens.push(t);
      // Only the fields a fresh analysis has.
      units[i] = where === 0 ? { tokens: unitTokens } : { tokens: unitTokens, at: where - 1 };
    }
    for (const t of list(data[at++]!)) tokens.push(t);
    return { units, tokens, aliasParts: list(data[at++]!) };
  };
  const ko = text();
  const en = text();
  const keywords = text();
  return [{ ko, en, keywords }, at];
}

/** Where the texts `encodeTexts` wrote at `at` end, found by their counts alone. */
export function skipTexts(data: Int32Array, at: number): number {
  for (let text = 0; text < 3; text++) {
    for (let u = data[at++]!; u > 0; u--) at += 2 + data[at + 1]!;
    at += 1 + data[at]!; // the tokens beyond the units'
    at += 1 + data[at]!; // the alias name parts
  }
  return at;
}

/** Whether two analyses of a fact's texts read the same. */
export function sameTexts(a: FactTexts, b: FactTexts): boolean {
  const same = (x: TextAnalysis, y: TextAnalysis) =>
    x.units.length === y.units.length &&
    x.units.every((u, i) => u.at === y.units[i]!.at && u.tokens.join('\u0000') === y.units[i]!.tokens.join('\u0000')) &&
    x.tokens.join('\u0000') === y.tokens.join('\u0000') &&
    x.aliasParts.join('\u0000') === y.aliasParts.join('\u0000');
  return same(a.ko, b.ko) && same(a.en, b.en) && same(a.keywords, b.keywords);
}
