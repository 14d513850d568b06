/**
 * Every heading and label of the report, in Korean and English (`--lang ko|en`; by default the
 * locale's language: LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them). Numbers, dates,
 * platform names, fact ids and questions are the same in both.
 */
export type ReportLang = 'ko' | 'en';

/** `ko` when the locale is Korean (ko_KR.UTF-8, ko), else `en`. */
export function langFromEnv(env: Record<string, string | undefined>): ReportLang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(\b|_|$)/i.test(locale) ? 'ko' : 'en';
}

export interface Messages {
  title: string;
  /** The line under the title: the window and its totals. */
  summary(from: string, to: string, days: number, offset: string, questions: string, up: string, down: string): string;
  /** The HTML page's sentence of totals (numbers already formatted and emphasised). */
  htmlSummary(questions: string, rate: string, up: string, down: string): string;
  generated: string;
  nDays(n: number): string;
  rateByPlatform: string;
  rateNote: string;
  ratePerDay: string;
  perDay: string;
  latency: string;
  latencyNote: string;
  unanswered: string;
  unansweredNote(notFound: string, groups: number): string;
  unansweredAdvice: string;
  downvoted: string;
  mostAsked: string;
  col: {
    platform: string;
    questions: string;
    answered: string;
    notFound: string;
    rateLimited: string;
    empty: string;
    answerRate: string;
    day: string;
    times: string;
    question: string;
    alsoAskedAs: string;
    fact: string;
    lastDown: string;
    answers: string;
    share: string;
  };
  all: string;
  none: string;
  notInCorpus: string;
  more(n: number): string;
  /** A folded run of days without questions. */
  noQuestions(days: number): string;
  table: string;
  chartVolume(from: string, to: string): string;
  chartRate(from: string, to: string): string;
  nQuestions(n: string): string;
  rateOf(rate: string, n: string): string;
  htmlWritten(file: string): string;
}

const en: Messages = {
  title: 'Question log report',
  summary: (from, to, days, offset, q, up, down) => `${from} … ${to} (${en.nDays(days)}, ${offset}): ${q} questions, ${up} 👍, ${down} 👎`,
  htmlSummary: (q, rate, up, down) => `${q} questions, answer rate ${rate}, ${up} 👍 and ${down} 👎.`,
  generated: 'generated',
  nDays: (n) => `${n} day${n === 1 ? '' : 's'}`,
  rateByPlatform: 'Answer rate by platform',
  rateNote: 'answered ÷ (answered + not found); rate-limited and empty questions are left out',
  ratePerDay: 'Answer rate per day',
  perDay: 'Questions per day',
  latency: 'Answer latency',
  latencyNote: 'milliseconds inside the bot, questions answered or not found; p50: half were faster',
  unanswered: 'Most asked unanswered questions',
  unansweredNote: (n, g) => `${n} not found, ${g} distinct question${g === 1 ? '' : 's'} after grouping rewordings`,
  unansweredAdvice: 'Add facts, keywords or aliases for the top ones (npm run curate).',
  downvoted: 'Facts with the most 👎',
  mostAsked: 'Most asked facts',
  col: {
    platform: 'platform',
    questions: 'questions',
    answered: 'answered',
    notFound: 'not found',
    rateLimited: 'rate-limited',
    empty: 'empty',
    answerRate: 'answer rate',
    day: 'day',
    times: 'times',
    question: 'question',
    alsoAskedAs: 'also asked as',
    fact: 'fact',
    lastDown: 'last question with 👎',
    answers: 'answers',
    share: 'share',
  },
  all: 'all',
  none: '(none)',
  notInCorpus: '(not in the corpus)',
  more: (n) => `(+${n} more)`,
  noQuestions: (d) => `no questions (${en.nDays(d)})`,
  table: 'Table',
  chartVolume: (from, to) => `Questions per day by platform, ${from} to ${to}`,
  chartRate: (from, to) => `Answer rate per day, ${from} to ${to}`,
  nQuestions: (n) => `${n} questions`,
  rateOf: (rate, n) => `${rate} of ${n}`,
  htmlWritten: (file) => `HTML report written to ${file}`,
};

const ko: Messages = {
  title: '질문 로그 리포트',
  summary: (from, to, days, offset, q, up, down) => `${from} … ${to} (${ko.nDays(days)}, ${offset}): 질문 ${q}개, 👍 ${up}, 👎 ${down}`,
  htmlSummary: (q, rate, up, down) => `질문 ${q}개, 답변율 ${rate}, 👍 ${up}, 👎 ${down}.`,
  generated: '생성',
  nDays: (n) => `${n}일`,
  rateByPlatform: '플랫폼별 답변율',
  rateNote: '답변 ÷ (답변 + 못 찾음). 속도 제한과 빈 질문은 빼고 셉니다',
  ratePerDay: '일별 답변율',
  perDay: '일별 질문',
  latency: '답변 시간',
  latencyNote: '봇 안에서 걸린 시간(밀리초), 답변했거나 못 찾은 질문. p50: 절반이 이보다 빨랐음',
  unanswered: '가장 많이 물었지만 답하지 못한 질문',
  unansweredNote: (n, g) => `못 찾음 ${n}건, 같은 질문을 다르게 물은 것을 묶으면 ${g}개`,
  unansweredAdvice: '위에서부터 사실, 키워드, 별칭을 더하세요 (npm run curate).',
  downvoted: '👎를 가장 많이 받은 사실',
  mostAsked: '가장 많이 답한 사실',
  col: {
    platform: '플랫폼',
    questions: '질문',
    answered: '답변',
    notFound: '못 찾음',
    rateLimited: '속도 제한',
    empty: '빈 질문',
    answerRate: '답변율',
    day: '날짜',
    times: '횟수',
    question: '질문',
    alsoAskedAs: '다르게 물은 말',
    fact: '사실',
    lastDown: '👎를 받은 마지막 질문',
    answers: '답변 수',
    share: '비율',
  },
  all: '전체',
  none: '(없음)',
  notInCorpus: '(코퍼스에 없음)',
  more: (n) => `(외 ${n}개)`,
  noQuestions: (d) => `질문 없음 (${ko.nDays(d)})`,
  table: '표',
  chartVolume: (from, to) => `플랫폼별 일별 질문, ${from} ~ ${to}`,
  chartRate: (from, to) => `일별 답변율, ${from} ~ ${to}`,
  nQuestions: (n) => `질문 ${n}개`,
  rateOf: (rate, n) => `${n}개 중 ${rate}`,
  htmlWritten: (file) => `HTML 리포트를 ${file}에 저장했습니다`,
};

export const messages = (lang: ReportLang): Messages => (lang === 'ko' ? ko : en);
