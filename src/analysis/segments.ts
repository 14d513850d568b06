/**
 * A question often comes with a preamble or an aside: "안녕하세요, 대학병원 연구지원팀입니다. 공모
 * 언제 마감됐나요? 보고서에 넣어야 해서요", "grad student here - how big is K-Fold?". The parts
 * that ask (a question mark or a question word) say what is wanted; the others are context, whose
 * words should not decide the answer.
 */

/**
 * Sentence ends (a full stop only before a space: 4.5 and 2.0 stay whole), dashes and colons between
 * clauses (a colon also right after a word: "fact-checking a caption: where was…"), Korean sentence and clause endings before a space (입니다, 인데요, 있던데, 뽑았잖아; not 다
 * alone as in 둘 다), and "X 말고" (not X: 특화모델 말고 독파모 공모는…), which names what is not asked.
 * Captured, so each part keeps the punctuation that ends it.
 */
const BOUNDARY = /([!?。？！\n]+\s*|\.+(?=\s|$)\s*|…+\s*|\s[-–—:]\s|(?<=[a-zA-Z0-9가-힣]):\s|(?<=[가-힣](?:[다요죠데]|잖아),?|[ㅠㅜㅋㅎ~],?)\s+|(?<=[가-힣](?:고|서|면|니까|지만),)\s+|(?<=\s(?:말고|아니고|빼고),?)\s+)/;

/** What every boundary of BOUNDARY (and a leading clause's comma) has somewhere in it. */
const BOUNDARY_HINT = /[!?。？！\n.…:\-–—,ㅠㅜㅋㅎ~]|[다요죠데아]\s|말고|아니고|빼고/;
/** A text's closing punctuation and spaces. */
const TRAILING = /[\s!?。？！.…]+$/;

/**
 * A clause that sets the scene before the question (…중인데, …하려고, …해서, …니까, …지만), not one
 * that reports what was heard (…라던데, …다는데: that is what the question is about).
 */
const BACKGROUND = /(?<![라다])(?:는데|인데|던데)요?,?$|(?:려고|려고요|해서|서요|니까|지만),?$/;
/** A clause that reports what was heard: …다던데, …라는데, …다며. */
const HEARSAY = /[라다](?:는데|던데|며)요?,?$/;

export interface Part {
  text: string;
  /** True when this part asks; false for a preamble or an aside beside a part that does. */
  asks: boolean;
}

/**
 * An English scene-setting clause before a comma ("for a hospital partnership deck, how many…", "as
 * someone covering chips, who…"): it opens as a preamble does (`openers`, the lexicon's, or any
 * gerund: "filling in a brief template, which…"), has three
 * words or more and no question word, and a question follows. `openers` come escaped for a pattern. ("lunit and kaist, how many GPUs
 * each?" names what is asked.)
 */
export function leadingClausePattern(openers: readonly string[]): RegExp | undefined {
  if (openers.length === 0) return undefined;
  return new RegExp(String.raw`^((?:${openers.join('|')}|[a-z]{3,}ing)\s+(?:[a-z'’-]+\s+)+[a-z'’-]+),\s+(?=(?:[a-z'’-]+\s+)*?(?:how|what|who|when|where|which|why|is|are|does|did|do|can|has|have|was|were)\b)`, 'i');
}
/**
 * A clause reporting a claim at the start of an English message ("colleague says …", "a deck I saw
 * says that …", "heard …"): up to five words, then a reporting verb. `reporter`: the words (someone,
 * colleague, a, my) one of which the words before the verb must hold ("heard" needs none).
 */
export function reportedClausePattern(reporters: readonly string[], verbs: readonly string[]): { clause: RegExp; reporter: RegExp } | undefined {
  if (reporters.length === 0 || verbs.length === 0) return undefined;
  return {
    clause: new RegExp(String.raw`^((?:[a-z'’-]+\s+){0,5}?)(${verbs.join('|')})\s+(?:that\s+)?(?=\S)`, 'i'),
    reporter: new RegExp(String.raw`\b(?:${reporters.join('|')})\b`, 'i'),
  };
}

/** The text with its leading or reporting clause marked by a colon, which BOUNDARY splits at. */
function splitLeadingClause(text: string, { leadingClause, reportedClause, questionWord }: PartPatterns): string {
  const m = leadingClause?.exec(text);
  if (m && !questionWord.test(m[1]!)) return `${m[1]}: ${text.slice(m[0].length)}`;
  const r = reportedClause?.clause.exec(text);
  if (!r || questionWord.test(r[1]!)) return text;
  // "heard …" alone reports; other verbs need someone who does.
  const who = r[1]!.trim();
  if (who === '' ? !/^heard$/i.test(r[2]!) : !reportedClause!.reporter.test(who)) return text;
  return `${r[0].trimEnd()}: ${text.slice(r[0].length)}`;
}

/** The patterns questionParts reads (the lexicon's `questions`). */
export interface PartPatterns {
  /** Question words and requests: a part with one asks. */
  asks: RegExp;
  /** Question words proper (what, 언제): before a colon, only these make a part ask. */
  questionWord: RegExp;
  leadingClause?: RegExp | undefined;
  reportedClause?: ReturnType<typeof reportedClausePattern>;
}

/**
 * The question's parts; when none or every part asks, the whole text is one asking part. A part asks
 * when it matches `asks` (the lexicon's question words and requests) or ends in a question mark; one
 * before a colon only with a question word proper ("partnership list 업데이트 중:", "this is for a
 * memo:" set the scene).
 */
export function questionParts(text: string, patterns: PartPatterns): Part[] {
  const { asks, questionWord } = patterns;
  // Most texts are one part: BOUNDARY (slow, for its lookbehinds) is tried only on a text with a
  // character or an ending one of its boundaries needs, its closing punctuation aside.
  const marked = splitLeadingClause(text, patterns);
  if (!BOUNDARY_HINT.test(marked.replace(TRAILING, ''))) return [{ text, asks: true }];
  // Parts and the boundaries after them alternate: a part that ends in "?" asks.
  const pieces = marked.split(BOUNDARY);
  const parts: Part[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]?.trim() ?? '';
    if (piece === '') continue;
    const boundary = pieces[i + 1] ?? '';
    // Before a colon ("partnership list 업데이트 중: …", "this is for a memo: …") a part asks only with a question word.
    const asksHere = /:/.test(boundary) && !/[?？]/.test(boundary) ? questionWord.test(piece) : asks.test(piece) || /[?？]/.test(boundary);
    parts.push({ text: piece, asks: asksHere });
  }
  // A short asking part (어떤 구조야, 내용이 뭐였나요) asks about the clause before it.
  // Not a clause that sets the scene (주주라 챙겨보는 중인데, 확인하려고,): it stays context.
  // A clause reporting what was heard (과학 분야 사업도 있다던데) names what the question after it asks about.
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.asks && ((parts[i]!.text.split(/\s+/).length <= 2 && !BACKGROUND.test(parts[i - 1]!.text)) || HEARSAY.test(parts[i - 1]!.text))) parts[i - 1]!.asks = true;
  }
  if (parts.length < 2 || parts.every((p) => p.asks)) return [{ text, asks: true }];
  // No part asks in so many words (발표자료 급함 ㅠ 루닛컨소 병원 리스트 ㄱㄱ): chat puts the request last.
  if (parts.every((p) => !p.asks)) return parts.map((p, i) => ({ text: p.text, asks: i === parts.length - 1 }));
  return parts;
}

/** Hangul syllables ending in ㅆ, the past tense's mark (했, 렸, 뽑혔, 줬). */
const PAST = Array.from({ length: 19 * 21 }, (_, k) => String.fromCharCode(0xac00 + k * 28 + 20)).join('');

/**
 * Clause boundaries inside a question that asks two things: "몇 곳 지원했고 경쟁률은?", "when, and
 * what changed?", "언제 했어? 어디서?". A past-tense verb before 고 joins clauses (했고, 올렸고); 최고 does not.
 * 이랑 joins two things asked ("HF repo 이름이랑 arXiv 번호?", "A.X K1 license랑 context length?") after a phrase, not after a bare name
 * that opens the clause ("트릴리온이랑 점수 차이는?" compares the two).
 */
const CLAUSE = new RegExp(String.raw`[?？,;]+|\s(?:and|plus|also)\s|\s그리고\s|(?<=[${PAST}])고\s|(?<=[가-힣])(?:이고|이며|하며|인지)\s|(?<=[^?？,;\s]\s+[가-힣A-Za-z0-9.]+)(?:이랑|랑)\s`);

/** The clauses of a text (one when it asks one thing). */
export function clauses(text: string): string[] {
  return text.split(CLAUSE).map((c) => c.trim()).filter((c) => c !== '');
}

/** The text without what it sets aside (`pattern`: the lexicon's, lexicon.ts). */
export function withoutSetAside(text: string, pattern: RegExp | undefined): string {
  return pattern ? text.replace(pattern, ' ') : text;
}
