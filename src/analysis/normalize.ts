/**
 * The character filters, first stage of the analysis chain, used for facts, examples, questions,
 * alias terms and topic names alike. `fold` is the one normaliser; `nameKey` is a name compared
 * whole (alias terms, topic names, fact ids); `numbersAsDigits` makes amounts and counts meet.
 */

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;
/** Hangul compatibility jamo (ㄱ…ㅣ), which NFKC would turn into conjoining jamo: 초성 input keeps them. */
const NOT_JAMO = /[^\u3131-\u318E]+/g;

/** Text NFC and NFKC leave as it is (ASCII and Hangul syllables, most texts): nothing to normalise. */
const STABLE = /^[\t\n\r\x20-\x7E\uAC00-\uD7A3]*$/;

/** NFKC (full-width letters, ㈜, ？), lower case, no control or zero-width characters. */
export function fold(text: string): string {
  // In such a text only A-Z change case and only tab and line ends are control characters: lower
  // casing a text with Hangul in it is slow, and most have no capital to lower.
  if (STABLE.test(text)) {
    const lower = UPPER.test(text) ? text.toLowerCase() : text;
    return LINE_CONTROL.test(lower) ? lower.replace(CONTROL, ' ') : lower;
  }
  return text.normalize('NFC').replace(NOT_JAMO, (run) => run.normalize('NFKC')).toLowerCase().replace(CONTROL, ' ');
}
const UPPER = /[A-Z]/;
/** The control characters a STABLE text may have. */
const LINE_CONTROL = /[\t\n\r]/;

/** A name as compared whole: folded, without spaces, punctuation or symbols (K-Fold = kfold = k fold). */
export function nameKey(text: string): string {
  return fold(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

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

/** Thousands separators dropped (1,000 → 1000), Korean and English scale words as digits (26만, 10.1조, 260k), won as KRW. */
export function numbersAsDigits(folded: string): string {
  const digits = /\d/.test(folded) ? scaled(folded) : folded; // each rewrite starts at a digit
  return digits.includes('won') ? digits.replace(WON_CURRENCY, '$1 krw') : digits;
}

/**
 * Each rewrite is tried only on a text with its fixed part (a comma, 만 or 천, a scale word, k): a
 * pattern scans the whole text, and most texts with a digit have none of them.
 */
function scaled(folded: string): string {
  let s = folded;
  if (s.includes(',')) s = s.replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (s.includes('만') || s.includes('천')) s = s.replace(KOREAN_NUMBER, koreanNumber);
  if (s.includes('조') || s.includes('억') || MONEY_WORD.test(s)) s = s.replace(MONEY, money);
  if (s.includes('k')) s = s.replace(/\b(\d+(?:\.\d+)?)k\b/g, (_, n: string) => String(Math.round(Number(n) * 1000))); // 260k → 260000
  return s;
}
/** What MONEY's English scale words have: trillion, tn, billion, bn, million, mn. */
const MONEY_WORD = /[tbm]n|illion/;

/**
 * The currency, not the verb: "2.5 trillion won" and "in won" say KRW (as facts also write it), not
 * that someone won (a selection). After an amount (digits by now) or a word that asks about money.
 */
const WON_WORDS = 'in|many|much|dollar|usd';
const WON_CURRENCY = new RegExp(`(\\d|\\b(?:${WON_WORDS}))\\s*won\\b`, 'g');
const ENDS_IN_WON_WORD = new RegExp(`\\b(?:${WON_WORDS})\\s*$`);

/** Whether "won" read as the currency may span the end of normalised text `a` and the start of `b` ("in" | "won a spot"). */
export function wonMaySpan(a: string, b: string): boolean {
  return /^\s*won\b/.test(b) && ENDS_IN_WON_WORD.test(a);
}
