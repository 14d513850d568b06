/**
 * "몇 장", "몇 곳": the counter after 몇 says what is counted. A fact answers only if it gives a
 * number of that thing (256장, 22개 기관, 두 팀), not just any number (2026년 2분기).
 */
const NUMERAL = String.raw`(?:\d[\d,.]*\s*(?:만|천|백|억)?|(?<![가-힣])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|수십|수백|수천|수만))\s*`;

/** What may follow a number to count the same thing (곳 is also counted as 개 기관, 개사). */
const COUNTERS: Record<string, string> = {
  장: '장',
  곳: '(?:곳|개|군데)',
  군데: '(?:곳|개|군데)',
  명: '명',
  종: '(?:종|개|가지)',
  가지: '(?:종|개|가지)',
  건: '건',
  대: '대',
  노드: '노드',
};

/**
 * A pattern a fact's Korean text must match to give the count asked for, or undefined when none is
 * asked. 몇 개 and 몇 팀 are left out: 개 counts anything (3곳, 7B), and teams are often counted
 * by naming them (루닛 컨소시엄과 KAIST 컨소시엄).
 */
export function countedIn(question: string): RegExp | undefined {
  const m = /몇\s*(장|곳|군데|명|종|가지|건|대|노드)/.exec(question.normalize('NFKC'));
  return m ? new RegExp(NUMERAL + COUNTERS[m[1]!]!) : undefined;
}
