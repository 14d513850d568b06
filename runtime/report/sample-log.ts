/**
 * A realistic sample question log: a few thousand questions across platforms and days, repeated
 * unanswered questions in different wordings, rate-limited and empty ones, votes with 👎, and rows
 * outside the window; real fact ids and questions the corpus really does not answer. It feeds
 * `npm run report -- --demo` (what an office gets before deploying) and the report's tests.
 * Deterministic for a seed; returns the figures it wrote, counted independently of the report's SQL.
 */
import Database from 'better-sqlite3';
import { openQuestionLog, userHash } from '../question-log.ts';
import { rng } from '../../src/random.ts';
import { zeroCounts, type Counts } from './queries.ts';

/** Aliases the report tests build their Analyzer on (a slice of the corpus's own). */
export const TEST_ALIASES = [
  { id: 'lunit', entity: true, terms: ['루닛', 'Lunit'] },
  { id: 'share-price', terms: ['주가', 'stock price', 'share price'] },
  { id: 'kaist', entity: true, terms: ['KAIST', '카이스트'] },
  { id: 'gpu', terms: ['GPU', '그래픽카드'] },
];

/** Unanswered questions asked again and again, each in several wordings (weights: how often each wording). */
export const UNANSWERED_CLUSTERS = [
  { name: 'lunit-share-price', count: 150, wordings: [['루닛 주가 얼마야?', 5], ['루닛 주가는 얼마예요', 2], ['Lunit 주가?', 2], ["What is Lunit's stock price?", 1]] },
  { name: 'seoul-weather', count: 90, wordings: [['서울 날씨 어때', 4], ['서울 날씨 알려줘', 2], ['서울 날씨 좀', 1]] },
  { name: 'lunch', count: 60, wordings: [['점심 메뉴 추천해줘', 2], ['점심 메뉴 추천 좀', 1]] },
  { name: 'kaist-cutoff', count: 40, wordings: [['카이스트 합격 커트라인', 1], ['KAIST 합격 커트라인?', 1]] },
  // Shares 3 of 4 units with `lunch` (Jaccard 0.75 < 0.8): a group of its own.
  { name: 'lunch-today', count: 12, wordings: [['오늘 점심 메뉴 추천', 1]] },
] as const satisfies readonly { name: string; count: number; wordings: readonly (readonly [string, number])[] }[];

/** One-off unanswered questions (each asked once, none alike, none the corpus answers). */
export const ONE_OFF_QUESTIONS = [
  'AI 반도체 주식 뭐 사?', '오늘 환율 얼마야', '노트북 추천 좀', '스캐너 드라이버 어디서 받아', '회의실 예약 어떻게 해',
  'ChatGPT 요금제 얼마', '이번 주 비 소식 있어?', '부산 맛집 추천', '엑셀 피벗 테이블 만드는 법', '휴가 신청 어떻게 해?',
  'Who won the World Cup?', 'best pizza in Seoul', "What's the weather tomorrow?", 'How do I reset my password?', '택배 언제 와',
  '영어 번역해줘', '사내 식당 메뉴 뭐야', '연말정산 언제까지야', '주차 등록 방법', '와이파이 비번 뭐야',
  '재택근무 가능해?', '프린터 고장났어', '커피 어디가 맛있어', 'Tell me a joke', 'What time is it in New York?',
  '비트코인 시세', '이번 달 급여일', 'Is the office open on Sunday?', '운동 루틴 추천', '영화 추천해줘',
] as const;
export const ONE_OFFS = ONE_OFF_QUESTIONS.length;

/** Questions the corpus answers, with the fact that answers them (weights: how often each is asked). */
export const ANSWERED: [question: string, factId: string, lang: 'ko' | 'en', weight: number][] = [
  ['GPU 몇 장 지원돼?', 'gpu-b200-allocation', 'ko', 30],
  ['How many GPUs does each team get?', 'gpu-b200-allocation', 'en', 5],
  ['루닛 컨소시엄에 참여하는 병원은?', 'lunit-consortium-hospitals', 'ko', 20],
  ['When does stage 2 end?', 'schedule-stage-2', 'en', 10],
  ['2단계 언제 끝나?', 'schedule-stage-2', 'ko', 15],
  ['카이스트 컨소시엄 누구랑 해?', 'kaist-consortium-members', 'ko', 12],
  ['사업비 얼마야?', 'budget-lunit-project', 'ko', 8],
];

const VOTES: Record<string, { up: number; down: number }> = {
  'gpu-b200-allocation': { up: 3, down: 12 },
  'schedule-stage-2': { up: 20, down: 5 },
  'lunit-consortium-hospitals': { up: 8, down: 0 },
  'budget-lunit-project': { up: 1, down: 5 },
};

const PLATFORMS = [
  ['slack', 0.5],
  ['discord', 0.35],
  ['cli', 0.15],
] as const;

/** Questions by outcome, counted as they are written (the report's Counts, computed apart). */
export type Tally = Counts;
const zero = zeroCounts;

export interface GeneratedLog {
  total: Tally;
  byPlatform: Record<string, Tally>;
  /** Questions per day (YYYY-MM-DD in UTC+9). */
  perDay: Record<string, number>;
  /** Answered questions per fact. */
  asked: Record<string, number>;
  votes: typeof VOTES;
  /** Rows written outside the window (older than `days`). */
  outside: number;
}


const DAY = 24 * 60 * 60 * 1000;
/** Answer times in ms as the bot has them: most under a millisecond, a long tail of slow ones (one draw each). */
const latency = (r: number) => Math.round((0.4 + 12 * r ** 6) * 100) / 100;
const KST = 9 * 60 * 60 * 1000;

/** Writes the sample log to `file` (a new SQLite file with the bot's own schema). */
export function generateLog(file: string, { now, days = 30, seed = 42, answered = 2500 }: { now: Date; days?: number; seed?: number; answered?: number }): GeneratedLog {
  // The schema, exactly as the bot creates it.
  const log = openQuestionLog({ path: file, hashKey: 'test', retentionDays: 0, logger: { info() {}, warn() {}, error() {} } });
  log.close();

  const random = rng(seed);
  const pick = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  };
  // Within the window: from KST midnight (days - 1) days ago up to `now`.
  const localToday = Math.floor((now.getTime() + KST) / DAY) * DAY - KST;
  const windowStart = localToday - (days - 1) * DAY;
  // The bot went live a few days into a long window: those days have no questions (the report folds them).
  const live = windowStart + (days > 7 ? 4 : 0) * DAY;
  const timeIn = () => new Date(live + Math.floor(random() * (now.getTime() - live)));

  const truth: GeneratedLog = { total: zero(), byPlatform: {}, perDay: {}, asked: {}, votes: VOTES, outside: 0 };
  const db = new Database(file);
  const insQ = db.prepare(
    `INSERT INTO questions (time, platform, channel_kind, channel_id, user_hash, question, lang, answered, reason, fact_id, score, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insV = db.prepare(`INSERT INTO votes (time, platform, channel_kind, channel_id, user_hash, question, fact_id, vote) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

  const rows: { q: string; lang: 'ko' | 'en'; answered: boolean; reason?: string; factId?: string; time?: Date }[] = [];
  for (let i = 0; i < answered; i++) {
    const [q, factId, lang] = pick(ANSWERED.map((a) => [a, a[3]] as const));
    rows.push({ q, lang, answered: true, factId });
  }
  for (const c of UNANSWERED_CLUSTERS) {
    for (let i = 0; i < c.count; i++) rows.push({ q: pick(c.wordings), lang: 'ko', answered: false, reason: 'out-of-scope' });
  }
  for (const q of ONE_OFF_QUESTIONS) rows.push({ q, lang: /[가-힣]/.test(q) ? 'ko' : 'en', answered: false, reason: 'out-of-scope' });
  for (let i = 0; i < 40; i++) rows.push({ q: 'GPU 몇 장?', lang: 'ko', answered: false, reason: 'rate-limited' });
  for (let i = 0; i < 20; i++) rows.push({ q: '', lang: 'ko', answered: false, reason: 'empty' });
  // Outside the window: older than it, all unanswered, to show they are left out.
  for (let i = 0; i < 100; i++) rows.push({ q: '루닛 주가 얼마야?', lang: 'ko', answered: false, reason: 'out-of-scope', time: new Date(windowStart - (1 + random() * 20) * DAY) });

  db.transaction(() => {
    for (const r of rows) {
      const platform = pick(PLATFORMS);
      const kind = pick([['channel', 5], ['dm', 3], ['command', 2]] as const);
      const time = r.time ?? timeIn();
      const user = `U${Math.floor(random() * 300)}`;
      insQ.run(time.toISOString(), platform, kind, `C${Math.floor(random() * 5)}`, userHash('test', platform, user), r.q, r.lang, r.answered ? 1 : 0, r.reason ?? null, r.factId ?? null, r.answered ? 5 + random() * 20 : null, latency(random()));
      if (r.time) {
        truth.outside++;
        continue;
      }
      const t = (truth.byPlatform[platform] ??= zero());
      for (const tally of [truth.total, t]) {
        tally.questions++;
        if (r.answered) tally.answered++;
        else if (r.reason === 'rate-limited') tally.rateLimited++;
        else if (r.reason === 'empty') tally.empty++;
        else tally.notFound++;
      }
      const day = new Date(time.getTime() + KST).toISOString().slice(0, 10);
      truth.perDay[day] = (truth.perDay[day] ?? 0) + 1;
      if (r.answered) truth.asked[r.factId!] = (truth.asked[r.factId!] ?? 0) + 1;
    }
    for (const [factId, { up, down }] of Object.entries(VOTES)) {
      const q = ANSWERED.find((a) => a[1] === factId)![0];
      for (let i = 0; i < up + down; i++) {
        insV.run(timeIn().toISOString(), pick(PLATFORMS), 'channel', 'C1', userHash('test', 'slack', `U${i}`), q, factId, i < up ? 'up' : 'down');
      }
    }
    // An old 👎 outside the window.
    insV.run(new Date(windowStart - 3 * DAY).toISOString(), 'slack', 'channel', 'C1', null, 'old', 'lunit-consortium-hospitals', 'down');
  })();
  db.close();
  return truth;
}
