import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { LEXICON } from '../helpers/lexicon.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/index.ts';
import { openQuestionLog } from '../../runtime/question-log.ts';
import { buildReport, type Report } from '../../runtime/report/build.ts';
import { parseOffset, parseReportArgs, runReport, type ReportIO } from '../../runtime/report/cli.ts';
import { groupQuestions, similarity, surfaceKey } from '../../runtime/report/group.ts';
import { percentiles, queryLog, windowOf } from '../../runtime/report/queries.ts';
import { renderHtml } from '../../runtime/report/render-html.ts';
import { renderText } from '../../runtime/report/render-text.ts';
import type { QuestionRecord } from '../../runtime/record.ts';
import { ANSWERED, generateLog, ONE_OFF_QUESTIONS, ONE_OFFS, TEST_ALIASES, UNANSWERED_CLUSTERS, type GeneratedLog } from '../../runtime/report/sample-log.ts';
import { loadEngine } from '../../src/index.ts';

const NOW = new Date('2025-11-20T06:00:00.000Z'); // 15:00 in Korea
const KST = 540;
const analyzer = new Analyzer(TEST_ALIASES, LEXICON);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qreport-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process with captured output. */
function run(argv: string[], over: Partial<ReportIO> = {}) {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const code = runReport(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    now: () => NOW,
    writeFile: (f, t) => void files.set(f, t),
    loadCorpus: () => ({ aliases: TEST_ALIASES, facts: [{ id: 'gpu-per-team', ko: '팀마다 B200 GPU 256장을 지원한다.' }], lexicon: LEXICON }),
    loadLexicon: () => LEXICON,
    ...over,
  });
  return { code, stdout, stderr, files };
}

describe('report on a generated log (a few thousand rows, 30 days, three platforms)', () => {
  let gdir: string;
  let file: string;
  let truth: GeneratedLog;
  let report: Report;

  beforeAll(() => {
    gdir = fs.mkdtempSync(path.join(os.tmpdir(), 'qreport-gen-'));
    file = path.join(gdir, 'questions.db');
    truth = generateLog(file, { now: NOW, days: 30 });
    const db = new Database(file, { readonly: true });
    report = buildReport(db, analyzer, { days: 30, top: 10, now: NOW, utcOffsetMinutes: KST, source: file }, () => undefined);
    db.close();
  });
  afterAll(() => fs.rmSync(gdir, { recursive: true, force: true }));

  it('counts questions and outcomes overall and per platform, leaving out rows older than the window', () => {
    const d = report.data;
    expect(truth.total.questions).toBeGreaterThan(2500);
    expect(truth.outside).toBe(100);
    expect(d.total).toEqual(truth.total);
    expect(d.platforms.map((p) => p.platform)).toEqual(['slack', 'discord', 'cli']);
    for (const p of d.platforms) expect(p).toEqual({ platform: p.platform, ...truth.byPlatform[p.platform] });
    expect(d.total.notFound).toBe(UNANSWERED_CLUSTERS.reduce((n, c) => n + c.count, 0) + ONE_OFFS);
    expect(d.total.rateLimited).toBe(40);
    expect(d.total.empty).toBe(20);
  });

  it('counts questions per day in Korean days, every day of the window present', () => {
    const d = report.data;
    expect(d.days).toHaveLength(30);
    expect(d.from).toBe('2025-10-22');
    expect(d.to).toBe('2025-11-20');
    for (const day of d.days) {
      expect(day.total.questions, day.day).toBe(truth.perDay[day.day] ?? 0);
      expect(Object.values(day.byPlatform).reduce((n, c) => n + c.questions, 0)).toBe(day.total.questions);
    }
    expect(d.days.reduce((n, day) => n + day.total.questions, 0)).toBe(truth.total.questions);
  });

  it('groups the unanswered questions asked in other words, most asked first', () => {
    const groups = report.unansweredGroups;
    expect(report.unansweredGroupCount).toBe(UNANSWERED_CLUSTERS.length + ONE_OFFS);
    expect(groups.slice(0, 5).map((g) => [g.count, g.wordings])).toEqual([
      [150, 4],
      [90, 3],
      [60, 2],
      [40, 2],
      [12, 1],
    ]);
    const [lunit, weather, lunch, kaist, lunchToday] = groups;
    expect(lunit!.example).toBe('루닛 주가 얼마야?');
    expect(lunit!.variants).toHaveLength(2);
    for (const v of lunit!.variants) expect(['루닛 주가는 얼마예요', 'Lunit 주가?', "What is Lunit's stock price?"]).toContain(v);
    expect(lunit!.units).toEqual(['~lunit', '~share-price']);
    expect(weather!.example).toBe('서울 날씨 어때');
    expect(lunch!.example).toBe('점심 메뉴 추천해줘');
    expect(lunch!.variants).toEqual(['점심 메뉴 추천 좀']); // 추천 ~ 추천해줘: a near-equal stem
    expect(['카이스트 합격 커트라인', 'KAIST 합격 커트라인?']).toContain(kaist!.example);
    expect(lunchToday!.example).toBe('오늘 점심 메뉴 추천'); // 3 of 4 units shared: Jaccard 0.75 < 0.8
    expect(groups.slice(5).every((g) => g.count === 1 && (ONE_OFF_QUESTIONS as readonly string[]).includes(g.example))).toBe(true);
    expect(groups).toHaveLength(10); // --top
  });

  it('ranks facts by 👎 (with 👍 beside) and by how often they answered', () => {
    expect(report.data.feedback.filter((f) => f.down > 0).map((f) => [f.factId, f.down, f.up])).toEqual([
      ['gpu-b200-allocation', 12, 3],
      ['budget-lunit-project', 5, 1],
      ['schedule-stage-2', 5, 20],
    ]);
    expect(report.data.feedback.find((f) => f.factId === 'lunit-consortium-hospitals')).toMatchObject({ up: 8, down: 0 }); // its old 👎 is outside the window
    expect(report.data.feedback[0]!.lastDownQuestion).toBe('GPU 몇 장 지원돼?');
    expect(report.data.votes).toEqual({ up: 32, down: 22 });
    const expected = Object.entries(truth.asked).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(report.data.asked.map((a) => [a.factId, a.count])).toEqual(expected);
    expect(report.data.asked[0]).toMatchObject({ factId: 'gpu-b200-allocation', up: 3, down: 12 });
  });

  it('answer latency percentiles of questions answered or not found, overall and per platform', () => {
    expect(percentiles(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual({ count: 100, p50: 50, p90: 90, p99: 99 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p90: 7, p99: 7 });
    expect(percentiles([])).toBeUndefined();
    const { all, byPlatform } = report.data.latency;
    expect(all!.count).toBe(truth.total.answered + truth.total.notFound);
    expect(all!.p50).toBeLessThanOrEqual(all!.p90);
    expect(all!.p90).toBeLessThanOrEqual(all!.p99);
    expect(Object.keys(byPlatform)).toEqual(['slack', 'discord', 'cli']);
    expect(Object.values(byPlatform).reduce((n, l) => n + l.count, 0)).toBe(all!.count);
  });

  it('renders every section in the terminal, Korean columns aligned', () => {
    const text = renderText(report);
    for (const title of ['Answer rate by platform', 'Questions per day', 'Most asked unanswered questions', 'Facts with the most 👎', 'Most asked facts']) expect(text).toContain(title);
    expect(text).not.toMatch(/\u001b\[/); // no colour codes
    // Each table's lines have the same display width (Hangul counts as two columns).
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0);
    const tableOf = text.split('\n\n').find((s) => s.includes('Most asked unanswered'))!;
    const lines = tableOf.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(lines.length).toBeGreaterThan(10);
    expect(new Set(lines.map(width)).size).toBe(1);
  });

  it('the HTML page is self-contained, escaped, and has the charts', () => {
    const html = renderHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/http/i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html.match(/<svg/g)!.length).toBe(html.match(/<\/svg>/g)!.length);
    expect(html.match(/<table/g)!.length).toBe(html.match(/<\/table>/g)!.length);
    expect(html).toContain('루닛 주가 얼마야?');
    for (const v of report.unansweredGroups[0]!.variants) expect(html).toContain(`<li>${v.replace("'", '&#39;')}</li>`);
    // One bar per platform and day with questions, each with a tooltip.
    const bars = report.data.days.reduce((n, d) => n + Object.values(d.byPlatform).filter((c) => c.questions > 0).length, 0);
    expect(html.match(/<rect [^>]*fill="#[0-9a-f]{6}"><title>\d{4}-\d\d-\d\d /g)).toHaveLength(bars);
  });
});

describe('grouping questions', () => {
  const g = (items: [string, number][], threshold?: number) => groupQuestions(items.map(([question, count]) => ({ question, count })), analyzer, threshold === undefined ? {} : { threshold });

  it('the same units are the same question, whatever the script, spacing or punctuation', () => {
    const groups = g([
      ['루닛 주가 얼마야?', 3],
      ['Lunit 주가?', 2],
      ["What is Lunit's stock price?", 1],
      ['루닛  주가   얼마야', 1],
      ['GPU 몇 장?', 1],
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({ count: 7, example: '루닛 주가 얼마야?', variants: ['Lunit 주가?', "What is Lunit's stock price?"], wordings: 3, units: ['~lunit', '~share-price'] });
  });

  it('similar unit sets group at Jaccard ≥ 0.8, not below', () => {
    expect(similarity(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e'])).toBe(0.8);
    expect(similarity(['a', 'b', 'c'], ['a', 'b', 'c', 'd'])).toBe(0.75);
    expect(similarity(['지원', '~gpu'], ['지원해줘', '~gpu'])).toBe(1);
    expect(similarity(['~gpu'], ['~gpuxx'])).toBe(0);
    expect(g([['alpha beta gamma delta', 2], ['alpha beta gamma delta epsilon', 1]])).toHaveLength(1);
    expect(g([['alpha beta gamma', 2], ['alpha beta gamma delta', 1]])).toHaveLength(2);
    expect(g([['alpha beta gamma', 2], ['alpha beta gamma delta', 1]], 0.7)).toHaveLength(1);
  });

  it('the prefix filter finds exactly the groups an exhaustive comparison finds', () => {
    const words = ['루닛', 'Lunit', '주가', 'GPU', '그래픽카드', '지원', '지원해줘', '지원금', '추천', '추천해줘', '점심', '메뉴', '서울', '날씨', '카이스트', '합격', '커트라인', 'model', 'release', '언제', 'ㅋㅋ', '?'];
    const question = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(fc.record({ question, count: fc.integer({ min: 1, max: 5 }) }), { maxLength: 60 }), fc.constantFrom(0.5, 0.6, 0.75, 0.8, 0.9, 1), (items, threshold) => {
        expect(groupQuestions(items, analyzer, { threshold })).toEqual(groupQuestions(items, analyzer, { threshold, exhaustive: true }));
      }),
      { numRuns: 200 },
    );
  });

  it('questions the analyzer finds nothing in are grouped by their text', () => {
    const groups = g([
      ['ㅋㅋㅋ', 2],
      ['ㅋㅋㅋ!', 1],
      ['?', 1],
    ]);
    expect(groups.map((x) => [x.example, x.count])).toEqual([
      ['ㅋㅋㅋ', 3],
      ['?', 1],
    ]);
    expect(surfaceKey(' GPU  몇 장?! ')).toBe('gpu 몇 장');
  });

  it('with the real corpus aliases, Korean and English wordings of one question meet', () => {
    const real = new Analyzer(loadCorpus(DEFAULT_CORPUS_DIR).aliases, LEXICON);
    const groups = groupQuestions(
      [
        { question: '루닛 주가 얼마야?', count: 2 },
        { question: "What is Lunit's stock price?", count: 1 },
        { question: '카카오 모델 오픈소스로 풀려?', count: 1 },
      ],
      real,
    );
    expect(groups[0]).toMatchObject({ count: 3, example: '루닛 주가 얼마야?', variants: ["What is Lunit's stock price?"] });
  });
});

describe('report window', () => {
  it('has N Korean calendar days ending today', () => {
    expect(windowOf({ days: 3, now: NOW, utcOffsetMinutes: KST })).toEqual({
      fromIso: '2025-11-17T15:00:00.000Z',
      toIso: '2025-11-20T15:00:00.000Z',
      days: ['2025-11-18', '2025-11-19', '2025-11-20'],
    });
    expect(windowOf({ days: 1, now: new Date('2025-11-20T23:30:00Z'), utcOffsetMinutes: 0 }).days).toEqual(['2025-11-20']);
    expect(windowOf({ days: 1, now: new Date('2025-11-20T23:30:00Z'), utcOffsetMinutes: KST }).days).toEqual(['2025-11-21']);
  });

  it('parses options, with defaults from the environment', () => {
    expect(parseReportArgs([], {})).toEqual({ db: ['data/questions.db'], days: 30, top: 10, utcOffsetMinutes: 540, lang: 'en' });
    expect(parseReportArgs([], { QUESTION_LOG: '/x/q.db' })).toMatchObject({ db: ['/x/q.db'] });
    expect(parseReportArgs(['--db', 'a.db', '--days', '7', '--top', '3', '--html', 'r.html', '--utc-offset', '0'], { QUESTION_LOG: '/x' })).toEqual({
      db: ['a.db'],
      days: 7,
      top: 3,
      html: 'r.html',
      utcOffsetMinutes: 0,
      lang: 'en',
    });
    // The language: --lang, else the locale (LC_ALL, then LC_MESSAGES, then LANG).
    const lang = (argv: string[], env: Record<string, string>) => (parseReportArgs(argv, env) as { lang: string }).lang;
    expect(lang(['--lang', 'ko'], {})).toBe('ko');
    expect(lang([], { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(lang([], { LANG: 'ko_KR.UTF-8', LC_ALL: 'C.UTF-8' })).toBe('en');
    expect(lang([], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR' })).toBe('ko');
    expect(lang([], { LANG: 'kok_IN' })).toBe('en'); // Konkani is not Korean
    expect(lang(['--lang', 'en'], { LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(() => parseReportArgs(['--lang', 'fr'], {})).toThrow(/--lang expects ko or en/);
    expect(parseReportArgs(['--db', 'a.db', '--db', 'logs/'], {})).toMatchObject({ db: ['a.db', 'logs/'] });
    // A log per replica (QUESTION_LOG=/data/questions-{hostname}.db): all of them, in their folder.
    expect(parseReportArgs([], { QUESTION_LOG: '/data/questions-{hostname}.db' })).toMatchObject({ db: ['/data'] });
    expect(parseOffset('-5')).toBe(-300);
    expect(parseOffset('5:30')).toBe(330);
    expect(parseOffset('+5.5')).toBe(330);
    expect(() => parseOffset('15')).toThrow(/between -14 and 14/);
    expect(() => parseReportArgs(['--days', '0'], {})).toThrow(/--days/);
    expect(() => parseReportArgs(['--top', 'x'], {})).toThrow(/--top/);
  });
});

/** A small fixed log: three days, two platforms, Korean and English, votes. */
function smallLog(file: string) {
  const log = openQuestionLog({ path: file, hashKey: 'k', retentionDays: 0, logger: { info() {}, warn() {}, error() {} } });
  const base: Omit<QuestionRecord, 'time' | 'question' | 'answered'> = { platform: 'slack', channelKind: 'channel', channelId: 'C1', userId: 'U1', lang: 'ko', latencyMs: 2 };
  const ask = (time: string, question: string, factId?: string, over: Partial<QuestionRecord> = {}) =>
    log.question({ ...base, time: new Date(time), question, answered: !!factId, ...(factId ? { factId, score: 10 } : { reason: 'out-of-scope' as const }), ...over });
  ask('2025-11-18T01:00:00Z', 'GPU 몇 장 지원돼?', 'gpu-per-team', { latencyMs: 0.8 });
  ask('2025-11-18T02:00:00Z', '루닛 주가 얼마야?', undefined, { latencyMs: 1.25 });
  ask('2025-11-18T16:00:00Z', 'Lunit 주가?', undefined, { platform: 'discord', latencyMs: 0.45 }); // 11-19 in Korea
  ask('2025-11-19T03:00:00Z', 'GPU몇장?', 'gpu-per-team', { platform: 'discord', latencyMs: 3.5 });
  ask('2025-11-19T04:00:00Z', 'When does stage 2 end?', 'stage2-end', { lang: 'en', latencyMs: 0.6 });
  ask('2025-11-20T01:00:00Z', '루닛 주가는 얼마예요', undefined, { latencyMs: 0.9 });
  ask('2025-11-20T02:00:00Z', '서울 날씨 어때', undefined, { platform: 'discord', latencyMs: 42 });
  ask('2025-11-20T03:00:00Z', '<b>GPU</b>', undefined, { reason: 'rate-limited', latencyMs: 900 }); // refusals are left out
  ask('2025-11-20T04:00:00Z', '점심 뭐 먹지 <script>alert(1)</script>', undefined, { latencyMs: 12.4 });
  log.close();
  const db = new Database(file);
  const vote = db.prepare(`INSERT INTO votes (time, platform, channel_kind, question, fact_id, vote) VALUES (?, 'slack', 'channel', ?, ?, ?)`);
  vote.run('2025-11-19T05:00:00Z', 'GPU 몇 장 지원돼?', 'gpu-per-team', 'down');
  vote.run('2025-11-19T06:00:00Z', 'GPU몇장?', 'gpu-per-team', 'down');
  vote.run('2025-11-19T07:00:00Z', 'GPU 몇 장 지원돼?', 'gpu-per-team', 'up');
  vote.run('2025-11-19T08:00:00Z', 'When does stage 2 end?', 'stage2-end', 'up');
  db.close();
}

describe('npm run report', () => {
  it('prints the report as tables (snapshot of a small fixed log)', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    const { code, stdout, stderr } = run(['--db', file, '--days', '3', '--top', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.replace(file, 'small.db')).toMatchInlineSnapshot(`
      "Question log report — small.db
      2025-11-18 … 2025-11-20 (3 days, UTC+09:00): 9 questions, 2 👍, 2 👎

      Answer rate by platform  (answered ÷ (answered + not found); rate-limited and empty questions are left out)
      ┌──────────┬───────────┬──────────┬───────────┬──────────────┬───────┬─────────────┐
      │ platform │ questions │ answered │ not found │ rate-limited │ empty │ answer rate │
      ├──────────┼───────────┼──────────┼───────────┼──────────────┼───────┼─────────────┤
      │ slack    │         6 │        2 │         3 │            1 │     0 │       40.0% │
      ├──────────┼───────────┼──────────┼───────────┼──────────────┼───────┼─────────────┤
      │ discord  │         3 │        1 │         2 │            0 │     0 │       33.3% │
      ├──────────┼───────────┼──────────┼───────────┼──────────────┼───────┼─────────────┤
      │ all      │         9 │        3 │         5 │            1 │     0 │       37.5% │
      └──────────┴───────────┴──────────┴───────────┴──────────────┴───────┴─────────────┘

      Questions per day
      ┌────────────┬───────────┬───────┬─────────┬──────────┬─────────────┐
      │ day        │ questions │ slack │ discord │ answered │ answer rate │
      ├────────────┼───────────┼───────┼─────────┼──────────┼─────────────┤
      │ 2025-11-18 │         2 │     2 │       0 │        1 │       50.0% │
      ├────────────┼───────────┼───────┼─────────┼──────────┼─────────────┤
      │ 2025-11-19 │         3 │     1 │       2 │        2 │       66.7% │
      ├────────────┼───────────┼───────┼─────────┼──────────┼─────────────┤
      │ 2025-11-20 │         4 │     3 │       1 │        0 │        0.0% │
      └────────────┴───────────┴───────┴─────────┴──────────┴─────────────┘

      Answer latency  (milliseconds inside the bot, questions answered or not found; p50: half were faster)
      ┌──────────┬───────────┬──────┬─────┬─────┐
      │ platform │ questions │  p50 │ p90 │ p99 │
      ├──────────┼───────────┼──────┼─────┼─────┤
      │ slack    │         5 │ 0.90 │  12 │  12 │
      ├──────────┼───────────┼──────┼─────┼─────┤
      │ discord  │         3 │  3.5 │  42 │  42 │
      ├──────────┼───────────┼──────┼─────┼─────┤
      │ all      │         8 │ 0.90 │  42 │  42 │
      └──────────┴───────────┴──────┴─────┴─────┘

      Most asked unanswered questions  (5 not found, 3 distinct questions after grouping rewordings)
      ┌───┬───────┬────────────────────────────────────────┬──────────────────────┐
      │ # │ times │ question                               │ also asked as        │
      ├───┼───────┼────────────────────────────────────────┼──────────────────────┤
      │ 1 │     3 │ Lunit 주가?                            │ 루닛 주가 얼마야?    │
      │   │       │                                        │ 루닛 주가는 얼마예요 │
      ├───┼───────┼────────────────────────────────────────┼──────────────────────┤
      │ 2 │     1 │ 서울 날씨 어때                         │                      │
      ├───┼───────┼────────────────────────────────────────┼──────────────────────┤
      │ 3 │     1 │ 점심 뭐 먹지 <script>alert(1)</script> │                      │
      └───┴───────┴────────────────────────────────────────┴──────────────────────┘

      Facts with the most 👎
      ┌───┬───────────────────────────────────┬────┬────┬───────────────────────┐
      │ # │ fact                              │ 👎 │ 👍 │ last question with 👎 │
      ├───┼───────────────────────────────────┼────┼────┼───────────────────────┤
      │ 1 │ gpu-per-team                      │  2 │  1 │ GPU몇장?              │
      │   │ 팀마다 B200 GPU 256장을 지원한다. │    │    │                       │
      └───┴───────────────────────────────────┴────┴────┴───────────────────────┘

      Most asked facts
      ┌───┬───────────────────────────────────┬─────────┬───────┬────┬────┐
      │ # │ fact                              │ answers │ share │ 👍 │ 👎 │
      ├───┼───────────────────────────────────┼─────────┼───────┼────┼────┤
      │ 1 │ gpu-per-team                      │       2 │ 66.7% │  1 │  2 │
      │   │ 팀마다 B200 GPU 256장을 지원한다. │         │       │    │    │
      ├───┼───────────────────────────────────┼─────────┼───────┼────┼────┤
      │ 2 │ stage2-end                        │       1 │ 33.3% │  1 │  0 │
      │   │ (not in the corpus)               │         │       │    │    │
      └───┴───────────────────────────────────┴─────────┴───────┴────┴────┘
      "
    `);
  });

  it('prints it in Korean with --lang ko (or a Korean locale), days without questions folded (snapshot)', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    const ko = run(['--db', file, '--days', '6', '--top', '3', '--lang', 'ko']);
    expect(ko.code).toBe(0);
    expect(run(['--db', file, '--days', '6', '--top', '3'], { env: { LANG: 'ko_KR.UTF-8' } }).stdout).toBe(ko.stdout);
    expect(ko.stdout.replace(file, 'small.db')).toMatchInlineSnapshot(`
      "질문 로그 리포트 — small.db
      2025-11-15 … 2025-11-20 (6일, UTC+09:00): 질문 9개, 👍 2, 👎 2

      플랫폼별 답변율  (답변 ÷ (답변 + 못 찾음). 속도 제한과 빈 질문은 빼고 셉니다)
      ┌─────────┬──────┬──────┬─────────┬───────────┬─────────┬────────┐
      │ 플랫폼  │ 질문 │ 답변 │ 못 찾음 │ 속도 제한 │ 빈 질문 │ 답변율 │
      ├─────────┼──────┼──────┼─────────┼───────────┼─────────┼────────┤
      │ slack   │    6 │    2 │       3 │         1 │       0 │  40.0% │
      ├─────────┼──────┼──────┼─────────┼───────────┼─────────┼────────┤
      │ discord │    3 │    1 │       2 │         0 │       0 │  33.3% │
      ├─────────┼──────┼──────┼─────────┼───────────┼─────────┼────────┤
      │ 전체    │    9 │    3 │       5 │         1 │       0 │  37.5% │
      └─────────┴──────┴──────┴─────────┴───────────┴─────────┴────────┘

      일별 질문
      ┌────────────────────┬──────┬───────┬─────────┬──────┬────────┐
      │ 날짜               │ 질문 │ slack │ discord │ 답변 │ 답변율 │
      ├────────────────────┼──────┴───────┴─────────┴──────┴────────┤
      │ 2025-11-15 … 11-17 │ 질문 없음 (3일)                        │
      ├────────────────────┼──────┬───────┬─────────┬──────┬────────┤
      │ 2025-11-18         │    2 │     2 │       0 │    1 │  50.0% │
      ├────────────────────┼──────┼───────┼─────────┼──────┼────────┤
      │ 2025-11-19         │    3 │     1 │       2 │    2 │  66.7% │
      ├────────────────────┼──────┼───────┼─────────┼──────┼────────┤
      │ 2025-11-20         │    4 │     3 │       1 │    0 │   0.0% │
      └────────────────────┴──────┴───────┴─────────┴──────┴────────┘

      답변 시간  (봇 안에서 걸린 시간(밀리초), 답변했거나 못 찾은 질문. p50: 절반이 이보다 빨랐음)
      ┌─────────┬──────┬──────┬─────┬─────┐
      │ 플랫폼  │ 질문 │  p50 │ p90 │ p99 │
      ├─────────┼──────┼──────┼─────┼─────┤
      │ slack   │    5 │ 0.90 │  12 │  12 │
      ├─────────┼──────┼──────┼─────┼─────┤
      │ discord │    3 │  3.5 │  42 │  42 │
      ├─────────┼──────┼──────┼─────┼─────┤
      │ 전체    │    8 │ 0.90 │  42 │  42 │
      └─────────┴──────┴──────┴─────┴─────┘

      가장 많이 물었지만 답하지 못한 질문  (못 찾음 5건, 같은 질문을 다르게 물은 것을 묶으면 3개)
      ┌───┬──────┬────────────────────────────────────────┬──────────────────────┐
      │ # │ 횟수 │ 질문                                   │ 다르게 물은 말       │
      ├───┼──────┼────────────────────────────────────────┼──────────────────────┤
      │ 1 │    3 │ Lunit 주가?                            │ 루닛 주가 얼마야?    │
      │   │      │                                        │ 루닛 주가는 얼마예요 │
      ├───┼──────┼────────────────────────────────────────┼──────────────────────┤
      │ 2 │    1 │ 서울 날씨 어때                         │                      │
      ├───┼──────┼────────────────────────────────────────┼──────────────────────┤
      │ 3 │    1 │ 점심 뭐 먹지 <script>alert(1)</script> │                      │
      └───┴──────┴────────────────────────────────────────┴──────────────────────┘

      👎를 가장 많이 받은 사실
      ┌───┬───────────────────────────────────┬────┬────┬───────────────────────┐
      │ # │ 사실                              │ 👎 │ 👍 │ 👎를 받은 마지막 질문 │
      ├───┼───────────────────────────────────┼────┼────┼───────────────────────┤
      │ 1 │ gpu-per-team                      │  2 │  1 │ GPU몇장?              │
      │   │ 팀마다 B200 GPU 256장을 지원한다. │    │    │                       │
      └───┴───────────────────────────────────┴────┴────┴───────────────────────┘

      가장 많이 답한 사실
      ┌───┬───────────────────────────────────┬─────────┬───────┬────┬────┐
      │ # │ 사실                              │ 답변 수 │  비율 │ 👍 │ 👎 │
      ├───┼───────────────────────────────────┼─────────┼───────┼────┼────┤
      │ 1 │ gpu-per-team                      │       2 │ 66.7% │  1 │  2 │
      │   │ 팀마다 B200 GPU 256장을 지원한다. │         │       │    │    │
      ├───┼───────────────────────────────────┼─────────┼───────┼────┼────┤
      │ 2 │ stage2-end                        │       1 │ 33.3% │  1 │  0 │
      │   │ (코퍼스에 없음)                   │         │       │    │    │
      └───┴───────────────────────────────────┴─────────┴───────┴────┴────┘
      "
    `);
    // The same in English: the folded days say so too.
    expect(run(['--db', file, '--days', '6']).stdout).toMatch(/│ 2025-11-15 … 11-17 │ no questions \(3 days\) +│/);
  });

  it('--html in both languages: every heading and label translated, the page\'s lang set', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    const page = (lang: string) => run(['--db', file, '--days', '6', '--html', path.join(dir, `${lang}.html`), '--lang', lang]);
    const en = page('en');
    const ko = page('ko');
    expect(en.stdout).toContain(`HTML report written to ${path.join(dir, 'en.html')}`);
    expect(ko.stdout).toContain(`HTML 리포트를 ${path.join(dir, 'ko.html')}에 저장했습니다`);
    const enHtml = en.files.get(path.join(dir, 'en.html'))!;
    const koHtml = ko.files.get(path.join(dir, 'ko.html'))!;
    expect(enHtml).toContain('<html lang="en">');
    expect(koHtml).toContain('<html lang="ko">');
    const headings = (html: string) => [...html.matchAll(/<h[123]>([^<]*)<\/h[123]>/g)].map((m) => m[1]);
    expect(headings(enHtml)).toEqual(['Question log report', 'Answer rate by platform', 'Answer rate per day', 'Questions per day', 'Answer latency', 'Most asked unanswered questions', 'Facts with the most 👎', 'Most asked facts']);
    expect(headings(koHtml)).toEqual(['질문 로그 리포트', '플랫폼별 답변율', '일별 답변율', '일별 질문', '답변 시간', '가장 많이 물었지만 답하지 못한 질문', '👎를 가장 많이 받은 사실', '가장 많이 답한 사실']);
    // No English label is left on the Korean page: every table heading, note, chart title and tooltip.
    const labels = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').match(/\b(questions?|answered|not found|rate-limited|empty|answer rate|day|times|also asked as|fact|answers|share|all|none|generated|Table|of)\b/g) ?? [];
    expect(labels(koHtml)).toEqual([]);
    expect(labels(enHtml).length).toBeGreaterThan(30);
    expect(koHtml).toContain('<td colspan="5">질문 없음 (3일)</td>');
    expect(koHtml).toContain('<small>(코퍼스에 없음)</small>');
    expect(koHtml).toContain('aria-label="플랫폼별 일별 질문, 2025-11-15 ~ 2025-11-20"');
  });

  it('--html writes one self-contained page; user text is escaped', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    const out = path.join(dir, 'report.html');
    const { code, stdout, files } = run(['--db', file, '--days', '3', '--html', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`HTML report written to ${out}`);
    const html = files.get(out)!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/\b(src|href)\s*=|http|<script|<link/i);
    expect(html).toContain('점심 뭐 먹지 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<small>팀마다 B200 GPU 256장을 지원한다.</small>');
    expect(html).toContain('<small>(not in the corpus)</small>'); // stage2-end
  });

  it('reads QUESTION_LOG, and says clearly when the log is missing or not a log', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    expect(run([], { env: { QUESTION_LOG: file } }).code).toBe(0);

    const missing = run(['--db', path.join(dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no question log at .*nope\.db.*--db FILE or set QUESTION_LOG/);
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);

    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'not a database at all, just text '.repeat(50));
    const bad = run(['--db', garbage]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read .*garbage\.db: file is not a database\. Is --db pointing at the question log/);

    const other = path.join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE x (y)').close();
    expect(run(['--db', other]).stderr).toMatch(/not a question log/);
  });

  it('goes on without the corpus, saying so; bad options and --help', () => {
    const file = path.join(dir, 'small.db');
    smallLog(file);
    const r = run(['--db', file], {
      loadCorpus: () => {
        throw new Error('Corpus: 1 problem\n  corpus/facts/x.yaml:3: ...');
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/corpus could not be loaded \(Corpus: 1 problem\); questions are grouped without its aliases/);
    expect(r.stdout).toContain('Most asked unanswered questions');

    const usage = run(['--days', 'many']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--days expects a whole number/);
    expect(usage.stderr).toContain('Usage: npm run report');
    expect(run(['--frobnicate']).code).toBe(2);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--utc-offset');
  });
});

describe('npm run report -- --demo', () => {
  it('reports a generated sample log, made in a temporary folder and removed, never in data/', () => {
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('report-demo-'));
    const dataBefore = fs.existsSync('data') ? fs.readdirSync('data') : undefined;
    const r = run(['--demo', '--html', path.join(dir, 'demo.html')], { loadCorpus: () => loadCorpus(DEFAULT_CORPUS_DIR) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Question log report — sample data generated by --demo \(not real questions\)\n2025-10-22 … 2025-11-20 \(30 days, UTC\+09:00\): [\d,]+ questions/);
    expect(r.stdout).toContain('루닛 주가 얼마야?');
    expect(r.stdout).toContain('gpu-b200-allocation');
    expect(r.stdout).not.toContain('(not in the corpus)'); // real fact ids, labelled from the corpus
    expect(r.files.get(path.join(dir, 'demo.html'))).toContain('<svg');
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('report-demo-'))).toEqual(tmpBefore);
    expect(fs.existsSync('data') ? fs.readdirSync('data') : undefined).toEqual(dataBefore);
    const both = run(['--demo', '--db', 'x.db']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--demo reports a generated sample log; leave out --db');
  });

  it('the sample is true to the corpus: its answered questions are answered by their facts, the rest are not', () => {
    const engine = loadEngine();
    for (const [q, factId] of ANSWERED) expect(engine.ask(q).answers[0]?.factId, q).toBe(factId);
    for (const q of [...ONE_OFF_QUESTIONS, ...UNANSWERED_CLUSTERS.flatMap((c) => c.wordings.map(([w]) => w))]) expect(engine.ask(q).answered, q).toBe(false);
  });
});

describe('chart axes', () => {
  it('round maxima with whole-number quarter ticks', async () => {
    const { niceMax } = await import('../../runtime/report/render-html.ts');
    expect([0, 1, 3, 5, 9, 13, 21, 25, 41, 99, 101, 106, 2942].map(niceMax)).toEqual([4, 4, 4, 8, 12, 16, 24, 40, 60, 100, 120, 120, 3000]);
    for (let max = 0; max < 5000; max += 7) {
      const m = niceMax(max);
      expect(m).toBeGreaterThanOrEqual(max);
      expect(Number.isInteger(m / 4)).toBe(true);
    }
  });
});

describe('npm run report on several logs (replicas)', () => {
  it('reports them as one: --db repeated or a folder, the same figures', () => {
    const logs = path.join(dir, 'replicas');
    fs.mkdirSync(logs);
    smallLog(path.join(logs, 'questions-a.db'));
    smallLog(path.join(logs, 'questions-b.db'));
    fs.writeFileSync(path.join(logs, 'notes.txt'), 'not a log, not read');
    const one = run(['--db', path.join(logs, 'questions-a.db'), '--days', '3']);
    const both = run(['--db', path.join(logs, 'questions-a.db'), '--db', path.join(logs, 'questions-b.db'), '--days', '3']);
    const folder = run(['--db', logs, '--days', '3']);
    for (const r of [one, both, folder]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(one.stdout).toContain('9 questions, 2 👍, 2 👎');
    expect(both.stdout).toContain('18 questions, 4 👍, 4 👎');
    expect(both.stdout).toMatch(/│ slack +│ +12 │ +4 │ +6 │ +2 │ +0 │ +40\.0% │/);
    expect(both.stdout).toMatch(/Question log report — 2 logs: .*questions-a\.db, .*questions-b\.db/);
    // Same figures from the folder; only the heading names the files differently.
    const body = (t: string) => t.split('\n').slice(1).join('\n');
    expect(body(folder.stdout)).toBe(body(both.stdout));
    // The same file twice is read once.
    expect(run(['--db', path.join(logs, 'questions-a.db'), '--db', path.join(logs, 'questions-a.db'), '--days', '3']).stdout).toContain('9 questions');
  });

  it('names the file that is not a question log, and a folder without logs', () => {
    const logs = path.join(dir, 'mixed');
    fs.mkdirSync(logs);
    smallLog(path.join(logs, 'a.db'));
    new Database(path.join(logs, 'b.db')).exec('CREATE TABLE x (y)').close();
    const bad = run(['--db', logs]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read .*mixed\/b\.db: not a question log/);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const none = run(['--db', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no question log at .*empty \(a folder without \*\.db files\)/);
  });
});
