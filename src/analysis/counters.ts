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

/** English things counted that a fact states with a number in front (159 projects, 256 GPUs). */
const EN_COUNTED: Record<string, string> = {
  gpu: 'gpus?|b200s?|h200s?|cards?|units?',
  project: 'projects?',
  people: 'people|persons?|attendees?|viewers?',
  node: 'nodes?',
  server: 'servers?',
  member: 'members?|organi[sz]ations?|institutions?|companies|firms?|hospitals?',
  organisation: 'members?|organi[sz]ations?|institutions?|companies|firms?|hospitals?',
  institution: 'members?|organi[sz]ations?|institutions?|companies|firms?|hospitals?',
  hospital: 'hospitals?|medical institutions?',
  application: 'applications?|applicants?|consortia|bids?',
  applicant: 'applications?|applicants?|consortia|bids?',
};
/** Counted by naming them as often as by a number (the Lunit and KAIST consortia). */
const UNCOUNTED = new Set(['team', 'consortia', 'consortium', 'time', 'year', 'month', 'day']);
const EN_NUMERAL = String.raw`\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of|thousands of)\s+(?:[a-z-]+\s+){0,4}`;

/**
 * A pattern a fact must match to give the count asked for (in the question's language: `ko` for
 * the Korean statement, `en` for the English one), or undefined when none is asked. 몇 개 and 몇 팀
 * are left out: 개 counts anything (3곳, 7B), and teams are often counted by naming them
 * (루닛 컨소시엄과 KAIST 컨소시엄).
 */
export function countedIn(question: string): { field: 'ko' | 'en'; pattern: RegExp } | undefined {
  const q = question.normalize('NFKC').toLowerCase();
  const ko = /몇\s*(장|곳|군데|명|종|가지|건|대|노드)/.exec(q);
  if (ko) return { field: 'ko', pattern: new RegExp(NUMERAL + COUNTERS[ko[1]!]!) };
  // After how long: 몇 년 만 needs "15년 만" (not any year).
  if (/몇\s*년\s*만/.test(q)) return { field: 'ko', pattern: /\d+\s*년\s*만/ };
  // A share: 몇 %, what percentage.
  if (/몇\s*(%|퍼센트|프로)|what percent|how many percent/.test(q)) return { field: 'ko', pattern: /\d[\d.]*\s*(%|퍼센트)/ };
  // The thing counted is among the next few words: how many (of NVIDIA's 260000) GPUs; a noun
  // this list does not know counts as itself (how many downloads needs "N downloads").
  const after = /how many ((?:[a-z0-9'’-]+\s*){1,5})/.exec(q)?.[1]?.split(/\s+/) ?? [];
  const singular = (w: string) => w.replace(/(?:e?s)$/, '');
  const things =
    after.map((w) => EN_COUNTED[singular(w)] ?? EN_COUNTED[w]).find((t) => t !== undefined) ??
    (/^[a-z]{4,}s$/.test(after[0] ?? '') && !UNCOUNTED.has(singular(after[0]!)) ? `${singular(after[0]!)}(?:e?s)?` : undefined);
  return things ? { field: 'en', pattern: new RegExp(`${EN_NUMERAL}(?:${things})\\b`, 'i') } : undefined;
}
