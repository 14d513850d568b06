/**
 * The load machinery of `npm run load` at a tiny scale: the bot (worker thread) against the fake Slack
 * and fake Discord, the real corpus and SQLite question log; every question must get exactly one
 * reply and one log row, Slack's repeated deliveries none, and the burst user must be told to wait
 * (once in a channel).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadEvalSet } from '../scripts/lib/eval-set.ts';
import { DEFAULTS, parseOptions } from '../scripts/load/options.ts';
import { formatReport } from '../scripts/load/report.ts';
import { buildPlan, MIX, USER_LIMIT_PER_MINUTE } from '../scripts/load/plan.ts';
import { runLoad } from '../scripts/load/run.ts';

describe('traffic plan', () => {
  const texts = loadEvalSet().map((q) => q.q);
  const plan = buildPlan({ questions: 2000, startRate: 50, maxRate: 400, burst: 15, seed: 3, texts, discordGuildChannels: ['111111111111111111', '222222222222222222'] });

  it('rises in steps of equal length and sends every question once, in time order', () => {
    expect(plan.steps.map((s) => s.rate)).toEqual([50, 100, 200, 400]);
    expect(plan.steps.reduce((n, s) => n + s.questions, 0)).toBe(2000);
    expect(plan.questions).toHaveLength(2030);
    const at = plan.events.map((e) => (e.type === 'question' ? e.q.atMs : e.d.atMs));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(plan.events.filter((e) => e.type === 'question')).toHaveLength(2030);
  });

  it('never lets a user ask the same question twice or reach the rate limit, except the burst user', () => {
    const perUser = new Map<string, string[]>();
    for (const q of plan.questions) perUser.set(`${q.platform}:${q.userId}`, [...(perUser.get(`${q.platform}:${q.userId}`) ?? []), q.text]);
    for (const [user, asked] of perUser) {
      expect(new Set(asked).size, user).toBe(asked.length);
      if (!plan.questions.find((q) => `${q.platform}:${q.userId}` === user)!.burst) expect(asked.length).toBeLessThan(USER_LIMIT_PER_MINUTE);
    }
  });

  it('mixes the surfaces as planned, in Korean and English, with Slack redeliveries', () => {
    const regular = plan.questions.filter((q) => !q.burst);
    for (const [surface, share] of Object.entries(MIX)) expect(regular.filter((q) => `${q.platform}-${q.kind}` === surface).length).toBe(Math.round(2000 * share));
    expect(regular.some((q) => /[가-힣]/.test(q.text))).toBe(true);
    expect(regular.some((q) => !/[가-힣]/.test(q.text))).toBe(true);
    expect(new Set(plan.dups.map((d) => d.kind))).toEqual(new Set(['retry', 'same-event', 'dm-as-mention']));
    for (const d of plan.dups) expect(plan.questions[d.of]!.platform).toBe('slack');
  });
});

describe('npm run load, tiny', () => {
  it('answers every question exactly once and logs it exactly once; a real question log is never touched, --keep-log keeps a copy', { timeout: 30_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-test-'));
    // A real log where the bot would write one: the load must neither write nor remove it.
    const real = path.join(dir, 'questions.db');
    fs.writeFileSync(real, 'a real question log');
    const previous = process.env.QUESTION_LOG;
    process.env.QUESTION_LOG = real;
    const kept = path.join(dir, 'kept', 'load.db');
    const started = Date.now();
    let r;
    try {
      r = await runLoad({ ...DEFAULTS, questions: 60, startRate: 10, maxRate: 20, burst: 12, replyTimeoutMs: 5_000, keepLog: kept });
    } finally {
      if (previous === undefined) delete process.env.QUESTION_LOG;
      else process.env.QUESTION_LOG = previous;
    }
    expect(fs.readFileSync(real, 'utf8')).toBe('a real question log');
    expect(r.keptLog).toEqual({ file: kept });
    const db = new Database(kept, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM questions').get()).toEqual({ n: 84 });
    db.close();
    expect(formatReport(r)).toContain(`The run's question log is kept as ${kept} (npm run report -- --db ${kept}).`);
    expect(() => parseOptions(['--keep-log', kept])).toThrow(/a file is there already/);
    fs.rmSync(dir, { recursive: true, force: true });
    const failed = r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    expect(failed).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.regular.all).toMatchObject({ questions: 60, sent: 60, answered: 60, lost: 0, doubled: 0, rateLimited: 0 });
    expect(r.unexpectedReplies).toEqual([]);
    expect([...r.dupsSent.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Slack (mentions): 10 answers, one "please wait", then nothing; Discord (/ask): every interaction answered.
    expect(r.burst.slack).toMatchObject({ questions: 12, answered: 11, doubled: 0, rateLimited: 1 });
    expect(r.burst.discord).toMatchObject({ questions: 12, answered: 12, lost: 0, doubled: 0 });
    expect(r.burst.discord.rateLimited).toBeGreaterThanOrEqual(1);
    expect(r.log.rateLimited.burst).toEqual({ slack: 2, discord: r.burst.discord.rateLimited });
    // Acknowledged and answered in time at every step.
    expect(r.steps.every((s) => s.sustained)).toBe(true);
    expect(r.log).toMatchObject({ rows: 84, expected: 84, missing: 0, doubled: 0, unexpected: 0, wrongOrigin: 0 });
    expect(r.logStatus.dropped).toBe(0);
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
