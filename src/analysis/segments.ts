/**
 * A question often comes with a preamble or an aside: "안녕하세요, 대학병원 연구지원팀입니다. 공모
 * 언제 마감됐나요? 보고서에 넣어야 해서요", "grad student here - how big is K-Fold?". The parts
 * that ask (a question mark or a question word) say what is wanted; the others are context, whose
 * words should not decide the answer.
 */

/**
 * Sentence ends (a full stop only before a space: 4.5 and 2.0 stay whole), dashes and colons between
 * clauses, and Korean sentence endings before a space.
 */
const BOUNDARY = /[!?。？！\n]+\s*|\.+(?=\s|$)\s*|\s[-–—:]\s|(?<=[다요죠ㅠㅜㅋ~],?)\s+/;

/** A part asks when it has a question mark or a question word. */
const ASKS =
  /[?？]|언제|며칠|몇|얼마|누가|누구|어디|무엇|뭐|뭔|뭘|왜|어떻게|어떤|어느|어케|맞나|맞아|맞음|맞지|인가|나요|까요|\b(what|when|who|whom|where|which|why|how|is|are|was|were|does|do|did|can|could|will|would|should|has|have)\b/i;

export interface Part {
  text: string;
  /** True when this part asks; false for a preamble or an aside beside a part that does. */
  asks: boolean;
}

/** The question's parts; when none or every part asks, the whole text is one asking part. */
export function questionParts(text: string): Part[] {
  const pieces = text
    .split(BOUNDARY)
    .map((p) => p?.trim() ?? '')
    .filter((p) => p !== '');
  if (pieces.length < 2) return [{ text, asks: true }];
  const parts = pieces.map((p) => ({ text: p, asks: ASKS.test(p) }));
  if (parts.every((p) => p.asks) || parts.every((p) => !p.asks)) return [{ text, asks: true }];
  return parts;
}
