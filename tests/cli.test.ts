import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runAsk } from '../adapters/cli/ask.ts';
import { runChat } from '../adapters/cli/chat.ts';
import { openQuestionLog } from '../runtime/question-log.ts';
import { renderExplanation } from '../adapters/cli/format.ts';
import { createEngine, defaultOptions, loadCorpus, loadEngine } from '../src/index.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

const engine = loadEngine();

/** Runs the CLI in-process with the given stdin; returns what it wrote and its exit code. */
async function ask(argv: string[], stdin = '') {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d) => (out += d));
  io.stderr.on('data', (d) => (err += d));
  io.stdin.end(stdin);
  const code = await runAsk(argv, io, () => engine);
  return { code, out, err };
}

describe('ask CLI contract', () => {
  it('prints the answer and a 출처: line for a Korean question', async () => {
    const r = await ask(['루닛 컨소시엄 참여 병원 알려줘']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').some((l) => l.startsWith('출처: '))).toBe(true);
  });

  it('prints a Source: line for an English question', async () => {
    const r = await ask(['When', 'does', 'stage 2', 'end?']);
    expect(r.out.split('\n').some((l) => l.startsWith('Source: '))).toBe(true);
  });

  it('--json prints one object with the contract fields', async () => {
    const r = await ask(['--json', 'GPU 몇 장 지원돼?']);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 4)).toEqual(['question', 'answered', 'lang', 'answers']);
    expect(j).toMatchObject({ question: 'GPU 몇 장 지원돼?', answered: true, lang: 'ko' });
    const [first] = j.answers;
    expect(first).toEqual(expect.objectContaining({ factId: expect.any(String), text: expect.any(String), score: expect.any(Number) }));
    expect(first.source).toEqual(expect.objectContaining({ title: expect.any(String), publisher: expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
    expect(j.answers.map((a: { score: number }) => a.score)).toEqual([...j.answers.map((a: { score: number }) => a.score)].sort((a, b) => b - a));
  });

  it('--json: not answered means an empty answers list; the question is cut to 1,000 characters', async () => {
    const j = JSON.parse((await ask(['--json', '날씨 '.repeat(600)])).out);
    expect(j.answered).toBe(false);
    expect(j.answers).toEqual([]);
    expect(j.question.length).toBe(1000);
  });

  it('--json with no question reads one question per line and writes one object per line, in order', async () => {
    const questions = ['루닛 컨소시엄 병원', '', 'When does stage 2 end?', '오늘 날씨', 'KAIST 컨소시엄 참여 기관'];
    const r = await ask(['--json'], questions.join('\n') + '\n');
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(questions);
    expect(lines.map((l) => l.answered)).toEqual([true, false, true, false, true]);
  });

  it('--topics prints id<TAB>title per line, --fact prints a topic or the timeline with citations', async () => {
    const topics = (await ask(['--topics'])).out.trim().split('\n');
    expect(topics.every((l) => /^[a-z0-9-]+\t.+$/.test(l))).toBe(true);
    expect(topics.at(-1)).toMatch(/^timeline\t/);
    const gpu = await ask(['--fact', 'gpu']);
    expect(gpu.code).toBe(0);
    expect(gpu.out).toContain('출처: ');
    const timeline = await ask(['--fact', 'timeline', '--lang', 'en']);
    expect(timeline.out).toMatch(/^# Timeline\n2025-/);
    expect((await ask(['--fact', 'qqzzkk'])).code).toBe(1);
  });

  it('--explain shows the parsed question, the decision and each candidate\'s rules and closest example', async () => {
    const r = await ask(['--explain', '루닛 컨소시엄 GPU 몇 장 받아?']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^decision: answer gpu-b200-allocation/m);
    expect(r.out).toMatch(/^entities: ~lunit/m);
    expect(r.out).toMatch(/^• gpu-b200-allocation {2}score [\d.]+ {2}coverage [\d.]+ {2}evidence [\d.]+$/m);
    expect(r.out).toMatch(/^ {4}rules: .*coverage ×[\d.]+/m);
    expect(r.out).toMatch(/^ {4}closest example \([\d.]+\): /m);
    const json = JSON.parse((await ask(['--json', '--explain', 'clear'])).out);
    expect(json.decision).toEqual({ answered: false, reason: 'noise' });
  });

  it('--explain names the facts that answer the other clauses of a question', () => {
    const x = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06' }).explain('K-Fold 언제 공개돼? 그리고 카이스트 모델 이름은?');
    expect(renderExplanation(x)).toMatch(/^decision: answer kfold-release-plan \(tier all\), other clauses by kaist-model-name$/m);
  });

  it('--explain says when the second look (framing words of an English question weighing less) found the answer', () => {
    const strict = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06', decide: { ...defaultOptions.decide, minEvidence: 0.75 } });
    expect(renderExplanation(strict.explain('how many GPUs does each team build?'))).toMatch(
      /^decision: answer gpu-per-team \(tier home\), with the words that only frame the question weighing less$/m,
    );
  });

  it('--explain names the near-miss a question was refused for', () => {
    const engine = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06' });
    const text = renderExplanation(engine.explain('루닛 사업비 중에 인건비 얼마야?'));
    expect(text).toMatch(/^decision: not found \(near-miss\)$/m);
    expect(text).toMatch(/^closest near-miss \(1\.00, about lunit-budget, asks for amount\): 루닛 사업비 중 인건비는 얼마\?$/m);
  });

  it('--explain names the higher-scored fact the answer was preferred to, which lacks what is asked for', () => {
    const gated = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06', decide: { ...defaultOptions.decide, gatedRatio: 0.2 } });
    expect(renderExplanation(gated.explain('rented gpus how many'))).toMatch(/^decision: answer gpu-per-team \(tier \w+\), over gpu-rent \(it lacks what is asked for\)$/m);
  });

  it('rejects unknown options and a missing question with usage and exit code 2', async () => {
    expect((await ask(['--nope'])).code).toBe(2);
    const r = await ask([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage/);
  });

  it('runs as `npm run ask` end to end', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'adapters/cli/ask.ts', '--json', 'Lunit consortium hospitals'], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toMatchObject({ answered: true, lang: 'en' });
  });
});

describe('terminal chat', () => {
  it('answers each line, handles /fact and /topics, and ends with /quit', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    let out = '';
    io.stdout.on('data', (d) => (out += d));
    io.stdin.end('루닛 컨소시엄 병원\n/topics\n/fact timeline\n/quit\nnever read\n');
    await runChat(engine, io, false);
    expect(out).toContain('SLACK_BOT_TOKEN');
    expect(out).toContain('출처: ');
    expect(out).toContain('lunit-consortium\t');
    expect(out).toContain('# 타임라인');
    expect(out).not.toContain('never read');
  });

  it('carries the conversation: a follow-up line is read against the last answer', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    let out = '';
    io.stdout.on('data', (d) => (out += d));
    io.stdin.end('루닛 컨소시엄 GPU 몇 장 받아?\n출처 더 보여줘\nin English please\n/quit\n');
    await runChat(engine, io, false);
    expect(out).toContain('GPU 256장');
    // "출처 더": every source in full, one per line, after a bare 출처: heading.
    const sources = out.slice(out.indexOf('\n출처:\n'));
    expect(sources.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThan(3);
    expect(out).toContain('receives 256 NVIDIA B200 GPUs');
  });

  it('logs each question to the question log like the other platforms (platform cli, no user), commands and empty lines not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-log-'));
    try {
      const file = path.join(dir, 'questions.db');
      const log = openQuestionLog({ path: file, hashKey: 'chat-test-key-123', retentionDays: 0, logger: { info() {}, warn() {}, error() {} } });
      const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
      io.stdout.resume();
      io.stdin.end('루닛 컨소시엄 GPU 몇 장 받아?\n출처 더 보여줘\n\n/topics\n/fact gpu\n루닛 주가 얼마야?\n/quit\n');
      await runChat(engine, io, false, log);
      log.close();
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('SELECT platform, channel_kind, channel_id, user_hash, question, lang, answered, reason, fact_id, latency_ms FROM questions ORDER BY id').all() as Record<string, unknown>[];
      db.close();
      expect(rows.map((r) => [r.platform, r.channel_kind, r.channel_id, r.user_hash, r.question, r.answered, r.reason])).toEqual([
        ['cli', 'dm', null, null, '루닛 컨소시엄 GPU 몇 장 받아?', 1, null],
        ['cli', 'dm', null, null, '출처 더 보여줘', 1, null],
        ['cli', 'dm', null, null, '루닛 주가 얼마야?', 0, 'out-of-scope'],
      ]);
      expect(rows[0]!.fact_id).toBe('gpu-b200-allocation');
      expect(rows[1]!.fact_id).toBe('gpu-b200-allocation'); // the follow-up, read against the last answer
      expect(rows.every((r) => typeof r.latency_ms === 'number' && (r.latency_ms as number) > 0)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
