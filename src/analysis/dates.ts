/**
 * Dates, written any way the sources and people write them (2026-09-09, 2026년 9월 9일, 9월 9일,
 * 7월, 9 Sept 2026, September 9), become the same tokens: #m09 for the month, #md09-09 for the
 * day, and the year as a plain number. So "9월 9일에 뭐 있어?" finds a fact that says 2026-09-09.
 */

export interface DateMention {
  start: number;
  end: number;
  /** Tokens, most specific first: #md09-09, #m09. */
  tokens: string[];
  year?: string;
}

/** Each month's name begins with one of these. */
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A month's name, whole or in its usual short forms: never the start of another word (deck, market, decision). */
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?';

/**
 * Each pattern says what a text needs for it to match (`digits`: a run of that many digits; 월; a
 * month's name), so most texts try few of them: most numbers are no year, most texts name no month.
 */
const PATTERNS: { re: RegExp; digits: 0 | 1 | 4; wol: boolean; month: boolean; parts: (m: RegExpExecArray) => { y?: string; m: string; d?: string } }[] = [
  { re: /(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)/g, digits: 4, wol: false, month: false, parts: (m) => ({ y: m[1], m: m[2]!, d: m[3] }) },
  { re: /(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?/g, digits: 4, wol: true, month: false, parts: (m) => ({ y: m[1], m: m[2]!, d: m[3] }) },
  { re: /(?<![\d.-])(\d{4})-(\d{2})(?![\d-])/g, digits: 4, wol: false, month: false, parts: (m) => ({ y: m[1], m: m[2]! }) },
  { re: /(?<!\d)(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?/g, digits: 1, wol: true, month: false, parts: (m) => ({ m: m[1]!, d: m[2] }) },
  { re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4}))?`, 'g'), digits: 1, wol: false, month: true, parts: (m) => ({ m: month(m[1]!), d: m[2], y: m[3] }) },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}(?:,?\\s*(\\d{4}))?`, 'g'), digits: 1, wol: false, month: true, parts: (m) => ({ m: month(m[2]!), d: m[1], y: m[3] }) },
  { re: new RegExp(`\\b(?:in\\s+)?${MONTH_NAME}(?:\\s+(\\d{4}))?\\b`, 'g'), digits: 0, wol: false, month: true, parts: (m) => ({ m: month(m[1]!), y: m[2] }) },
];
const MONTH_START = new RegExp(MONTHS.join('|'));

function month(name: string): string {
  return String(MONTHS.indexOf(name.slice(0, 3)) + 1);
}

const pad = (n: string) => n.padStart(2, '0');

/** Every date in normalised (lower-case) text, earliest pattern first, never overlapping. */
export function findDates(norm: string): DateMention[] {
  const digits = !/[0-9]/.test(norm) ? 0 : /\d{4}/.test(norm) ? 4 : 1;
  const monthName = MONTH_START.test(norm);
  if (digits === 0 && !monthName) return []; // every date has a digit or a month's name
  const wol = norm.includes('월');
  const out: DateMention[] = [];
  for (const pattern of PATTERNS) {
    if (pattern.digits > digits || (pattern.wol && !wol) || (pattern.month && !monthName)) continue;
    const { re, parts } = pattern;
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((d) => d.start < end && start < d.end)) continue; // overlaps a date found before
      const p = parts(m);
      const mm = Number(p.m);
      const dd = p.d === undefined ? undefined : Number(p.d);
      // "may" the verb, "5월" of a count: only real calendar values are dates.
      if (!(mm >= 1 && mm <= 12) || (dd !== undefined && !(dd >= 1 && dd <= 31))) continue;
      if (re.source.startsWith('\\b(?:in') && m[1] === 'may' && !p.y && !m[0].startsWith('in')) continue;
      const tokens = dd === undefined ? [`#m${pad(p.m)}`] : [`#md${pad(p.m)}-${pad(String(dd))}`, `#m${pad(p.m)}`];
      out.push({ start, end, tokens, ...(p.y ? { year: p.y } : {}) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
