/**
 * "몇 장", "how many GPUs": the counter after 몇 (or the noun after "how many") says what is counted.
 * A fact answers only if it gives a number of that thing (256장, 22개 기관, 두 팀), not just any
 * number (2026년 2분기). The counters and counted nouns are the lexicon's (counters.yaml).
 */
import type { Lexicon } from '../analysis/lexicon.ts';

export interface Counted {
  /** The statement to look in: the Korean one for a Korean counter, the English one otherwise. */
  field: 'ko' | 'en';
  pattern: RegExp;
}

const NUMERAL = String.raw`(?:\d[\d,.]*\s*(?:만|천|백|억)?|(?<![가-힣])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|수십|수백|수천|수만))\s*`;
/**
 * A number, then up to four words before the thing counted (256 B200 GPUs, fifteen elite-team
 * (consortium) proposals), none making it a rate (8 experts per token counts experts) or an amount
 * of money (KRW 17.4 billion is GPU infrastructure, 1.46 trillion won GPU budget count no GPUs).
 */
const EN_NUMERAL = String.raw`(?<!(?:krw|usd|eur|\$|₩)\s?)(?<![\d.,])\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens of|hundreds of|thousands of)\s+(?:(?!(?:per|each|every|a|an|won|krw|usd|dollars?)\s)[a-z()-]+\s+){0,4}`;

/**
 * What a fact must contain to give the count asked for, or undefined when none is asked. 몇 개 and
 * 몇 팀 are left out: 개 counts anything (3곳, 7B), and teams are often counted by naming them.
 */
export function countedIn(folded: string, lex: Lexicon): Counted | undefined {
  const c = lex.counters;
  const ko = c.koCounted.exec(folded);
  if (ko) return { field: 'ko', pattern: new RegExp(NUMERAL + c.ko.get(ko[1]!)!) };
  // After how long: 몇 년 만 needs "15년 만" (not any year).
  if (/몇\s*년\s*만/.test(folded)) return { field: 'ko', pattern: /\d+\s*년\s*만/ };
  // A share: 몇 %, what percentage.
  if (/몇\s*(%|퍼센트|프로)|what percent|how many percent/.test(folded)) return { field: 'ko', pattern: /\d[\d.]*\s*(%|퍼센트)/ };
  // The thing counted is among the next few words: how many (of NVIDIA's 260000) GPUs; a noun
  // this list does not know counts as itself (how many downloads needs "N downloads").
  const after = /how many ((?:[a-z0-9'’-]+\s*){1,5})/.exec(folded)?.[1]?.split(/\s+/) ?? [];
  const singular = (w: string) => w.replace(/(?:e?s)$/, '');
  const known = (words: readonly string[]) => words.map((w) => c.en.get(singular(w)) ?? c.en.get(w)).find((t) => t !== undefined);
  // Chat puts it first: "lunit gpus how many pls" counts GPUs (one of the two words before, when none after is a thing counted).
  const before = () => known(/((?:[a-z0-9'’-]+\s+){1,2})how many\b/.exec(folded)?.[1]?.trim().split(/\s+/).reverse() ?? []);
  const things =
    known(after) ??
    (/^[a-z]{4,}s$/.test(after[0] ?? '') && !c.uncounted.has(singular(after[0]!)) ? `${singular(after[0]!)}(?:e?s)?` : undefined) ??
    before();
  return things ? { field: 'en', pattern: new RegExp(`${EN_NUMERAL}(?:${things})\\b`, 'i') } : undefined;
}
