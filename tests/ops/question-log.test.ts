import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestionLog, userHash, SCHEMA_VERSION, type QuestionLog, type QuestionLogLogger } from '../../runtime/question-log.ts';
import type { FeedbackVote, QuestionRecord } from '../../runtime/record.ts';

let dir: string;
const open: QuestionLog[] = [];
const others: Database.Database[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlog-'));
});
afterEach(() => {
  for (const l of open.splice(0)) l.close();
  for (const d of others.splice(0)) if (d.open) d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function memLogger() {
  const lines: { level: string; message: string; extra?: object }[] = [];
  const logger: QuestionLogLogger = {
    info: (message, extra) => void lines.push({ level: 'info', message, extra }),
    warn: (message, extra) => void lines.push({ level: 'warn', message, extra }),
    error: (message, extra) => void lines.push({ level: 'error', message, extra }),
  };
  return { lines, logger };
}

function openLog(file: string, opts: Partial<Parameters<typeof openQuestionLog>[0]> = {}) {
  const { lines, logger } = memLogger();
  const log = openQuestionLog({ path: file, hashKey: 'secret-key', retentionDays: 0, logger, flushEveryMs: 60_000, ...opts });
  open.push(log);
  return { log, lines };
}

function reader(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  others.push(db);
  return db;
}

const q = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  platform: 'slack',
  channelKind: 'channel',
  channelId: 'C123',
  userId: 'U42',
  time: new Date('2025-11-20T03:04:05.678Z'),
  question: 'GPU 몇 장 지원돼?',
  lang: 'ko',
  answered: true,
  factId: 'gpu-per-team',
  score: 12.5,
  latencyMs: 1.25,
  ...over,
});
const vote = (over: Partial<FeedbackVote> = {}): FeedbackVote => ({
  platform: 'discord',
  channelKind: 'dm',
  channelId: 'D1',
  userId: '9001',
  question: '루닛 주가?',
  factId: 'lunit-ipo',
  vote: 'down',
  ...over,
});

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('question log', () => {
  it('writes questions and votes and reads them back, with the schema version set', () => {
    const file = path.join(dir, 'q.db');
    const { log } = openLog(file);
    log.question(q());
    log.question(q({ platform: 'cli', channelKind: 'dm', channelId: undefined, userId: undefined, question: '점심 뭐 먹지', lang: 'ko', answered: false, reason: 'out-of-scope', factId: undefined, score: undefined, latencyMs: 0.5 }));
    log.feedback(vote());
    log.flush();
    expect(log.status()).toMatchObject({ ok: true, path: file, written: 3, dropped: 0, buffered: 0 });

    const db = reader(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT * FROM questions ORDER BY id').all();
    expect(rows).toEqual([
      {
        id: 1,
        time: '2025-11-20T03:04:05.678Z',
        platform: 'slack',
        channel_kind: 'channel',
        channel_id: 'C123',
        user_hash: userHash('secret-key', 'slack', 'U42'),
        question: 'GPU 몇 장 지원돼?',
        lang: 'ko',
        answered: 1,
        reason: null,
        fact_id: 'gpu-per-team',
        score: 12.5,
        latency_ms: 1.25,
      },
      {
        id: 2,
        time: '2025-11-20T03:04:05.678Z',
        platform: 'cli',
        channel_kind: 'dm',
        channel_id: null,
        user_hash: null,
        question: '점심 뭐 먹지',
        lang: 'ko',
        answered: 0,
        reason: 'out-of-scope',
        fact_id: null,
        score: null,
        latency_ms: 0.5,
      },
    ]);
    const votes = db.prepare('SELECT * FROM votes').all() as Record<string, unknown>[];
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ platform: 'discord', channel_kind: 'dm', question: '루닛 주가?', fact_id: 'lunit-ipo', vote: 'down' });
    expect(Date.now() - Date.parse(String(votes[0]!.time))).toBeLessThan(60_000);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['questions_time', 'questions_fact', 'questions_answered', 'votes_time', 'votes_fact']));
  });

  it('stores user ids only as a keyed hash: HMAC-SHA256 of platform:userId, 16 hex chars', () => {
    const file = path.join(dir, 'q.db');
    const { log } = openLog(file);
    log.question(q({ userId: 'U-SECRET-USER' }));
    log.feedback(vote({ userId: 'U-SECRET-USER', platform: 'slack' }));
    log.close();
    const bytes = fs.readFileSync(file).toString('latin1') + (fs.existsSync(file + '-wal') ? fs.readFileSync(file + '-wal').toString('latin1') : '');
    expect(bytes).not.toContain('U-SECRET-USER');
    const db = reader(file);
    const { user_hash } = db.prepare('SELECT user_hash FROM questions').get() as { user_hash: string };
    expect(user_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(user_hash).toBe(userHash('secret-key', 'slack', 'U-SECRET-USER'));
    expect((db.prepare('SELECT user_hash FROM votes').get() as { user_hash: string }).user_hash).toBe(user_hash);
    // The platform is part of the hash, and so is the key.
    expect(userHash('secret-key', 'discord', 'U-SECRET-USER')).not.toBe(user_hash);
    expect(userHash('other-key', 'slack', 'U-SECRET-USER')).not.toBe(user_hash);
  });

  it('buffers: 10,000 calls return fast without touching the disk, then one flush writes them all', () => {
    const file = path.join(dir, 'q.db');
    const { log } = openLog(file, { maxBuffered: 20_000 });
    const db = reader(file);
    const count = () => (db.prepare('SELECT count(*) AS n FROM questions').get() as { n: number }).n;
    const walSize = () => (fs.existsSync(file + '-wal') ? fs.statSync(file + '-wal').size : 0);
    const sizeBefore = fs.statSync(file).size;
    const walBefore = walSize();
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) log.question(q({ question: `질문 ${i}`, userId: `U${i}` }));
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(250); // typically ~5 ms; nothing is hashed or written here
    expect(count()).toBe(0);
    expect(fs.statSync(file).size).toBe(sizeBefore);
    expect(walSize()).toBe(walBefore);
    expect(log.status()).toMatchObject({ written: 0, buffered: 10_000 });
    log.flush();
    expect(count()).toBe(10_000);
    expect(log.status()).toMatchObject({ ok: true, written: 10_000, buffered: 0, dropped: 0 });
  });

  it('writes on its own timer, in batches', async () => {
    const file = path.join(dir, 'q.db');
    const { log } = openLog(file, { flushEveryMs: 20 });
    for (let i = 0; i < 50; i++) log.question(q({ question: `q${i}` }));
    await waitFor(() => log.status().written === 50);
    const db = reader(file);
    expect((db.prepare('SELECT count(*) AS n FROM questions').get() as { n: number }).n).toBe(50);
  });

  it('a write lock held by another connection makes writes wait, then succeed without loss', async () => {
    const file = path.join(dir, 'q.db');
    const { log, lines } = openLog(file, { flushEveryMs: 10 });
    const other = new Database(file, { timeout: 0 });
    others.push(other);
    other.prepare('BEGIN IMMEDIATE').run();
    for (let i = 0; i < 300; i++) log.question(q({ question: `잠김 ${i}` }));
    for (let i = 0; i < 20; i++) log.feedback(vote());
    log.flush();
    expect(log.status()).toMatchObject({ ok: false, written: 0, buffered: 320, dropped: 0 });
    expect(log.status().lastError).toMatch(/locked/);
    // Retries keep failing while the lock is held, and are logged once, not once per row or attempt.
    await new Promise((r) => setTimeout(r, 150));
    expect(log.status().written).toBe(0);
    const busyLines = lines.filter((l) => /locked/.test(l.message));
    expect(busyLines).toHaveLength(1);
    expect(busyLines[0]!.message).toContain(file);
    other.prepare('COMMIT').run();
    await waitFor(() => log.status().written === 320);
    expect(log.status()).toMatchObject({ ok: true, buffered: 0, dropped: 0 });
    expect(lines.some((l) => l.level === 'info' && /writing again/.test(l.message))).toBe(true);
    const db = reader(file);
    expect((db.prepare('SELECT count(*) AS n FROM questions').get() as { n: number }).n).toBe(300);
    expect((db.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n).toBe(20);
  });

  it('a lock held while the log opens (another shard setting up) is retried, not fatal', async () => {
    const file = path.join(dir, 'q.db');
    const other = new Database(file, { timeout: 0 });
    others.push(other);
    other.prepare('BEGIN IMMEDIATE').run();
    const { log, lines } = openLog(file, { flushEveryMs: 10 });
    expect(lines.some((l) => l.level === 'error')).toBe(false);
    expect(lines.some((l) => /setting up/.test(l.message))).toBe(true);
    log.question(q());
    const t0 = performance.now();
    log.flush(); // still locked: a short wait only, then the row stays buffered
    expect(performance.now() - t0).toBeLessThan(500);
    expect(log.status()).toMatchObject({ ok: false, buffered: 1, dropped: 0 });
    other.prepare('COMMIT').run();
    await waitFor(() => log.status().written === 1);
    expect(log.status()).toMatchObject({ ok: true, dropped: 0 });
    expect(reader(file).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('over maxBuffered while locked: the oldest rows are dropped and counted, the newest kept', async () => {
    const file = path.join(dir, 'q.db');
    const { log, lines } = openLog(file, { maxBuffered: 100 });
    const other = new Database(file, { timeout: 0 });
    others.push(other);
    other.prepare('BEGIN IMMEDIATE').run();
    for (let i = 0; i < 250; i++) log.question(q({ question: `n${i}` }));
    log.flush();
    expect(log.status()).toMatchObject({ buffered: 100, dropped: 150, written: 0 });
    expect(lines.filter((l) => /dropping the oldest/.test(l.message))).toHaveLength(1);
    other.prepare('COMMIT').run();
    log.flush();
    const db = reader(file);
    const texts = (db.prepare('SELECT question FROM questions ORDER BY id').all() as { question: string }[]).map((r) => r.question);
    expect(texts).toHaveLength(100);
    expect(texts[0]).toBe('n150');
    expect(texts.at(-1)).toBe('n249');
  });

  it('a corrupt or non-SQLite file is reported clearly, left untouched, and the log degrades without throwing', () => {
    const file = path.join(dir, 'q.db');
    const garbage = Buffer.from('this is certainly not an SQLite database \u0000\u0001\u0002'.repeat(100));
    fs.writeFileSync(file, garbage);
    const { log, lines } = openLog(file, { flushEveryMs: 1 });
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(file);
    expect(errors[0]!.message).toMatch(/not a usable SQLite database/);
    expect(errors[0]!.message).toMatch(/Move it aside/);
    expect(errors[0]!.message).toMatch(/keeps answering/);
    expect(() => {
      for (let i = 0; i < 1000; i++) log.question(q());
      log.feedback(vote());
      log.flush();
    }).not.toThrow();
    expect(log.status()).toMatchObject({ ok: false, path: file, written: 0, dropped: 1001, buffered: 0 });
    expect(log.status().lastError).toMatch(/not a database/);
    expect(lines.length).toBeLessThanOrEqual(2); // not one line per row
    log.close();
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('an unwritable path is reported clearly and the log degrades', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const file = path.join(blocker, 'sub', 'q.db'); // its "folder" is a file
    const { log, lines } = openLog(file);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(lines[0]!.message).toMatch(/cannot create the folder/);
    expect(lines[0]!.message).toContain(path.join(blocker, 'sub'));
    expect(() => log.question(q())).not.toThrow();
    expect(log.status()).toMatchObject({ ok: false, dropped: 1 });

    const { log: log2, lines: lines2 } = openLog(dir); // a folder, not a file
    expect(lines2[0]!.message).toMatch(/cannot open the file/);
    log2.feedback(vote());
    expect(log2.status()).toMatchObject({ ok: false, dropped: 1 });
  });

  it("another application's database or a newer schema is left alone", () => {
    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.pragma('application_id = 1234');
    f.exec('CREATE TABLE stuff (x)');
    f.close();
    const { log, lines } = openLog(foreign);
    expect(lines[0]!.message).toMatch(/another application/);
    expect(log.status().ok).toBe(false);

    const newer = path.join(dir, 'newer.db');
    const n = new Database(newer);
    n.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    n.close();
    const { lines: lines2 } = openLog(newer);
    expect(lines2[0]!.message).toMatch(/newer than this bot/);
  });

  it('creates a missing folder', () => {
    const file = path.join(dir, 'deep', 'er', 'questions.db');
    const { log } = openLog(file);
    log.question(q());
    log.close();
    expect(fs.existsSync(file)).toBe(true);
    expect(log.status()).toMatchObject({ written: 1, dropped: 0 });
  });

  it('retention deletes rows older than retentionDays at open; 0 keeps everything', () => {
    const file = path.join(dir, 'q.db');
    const day = 24 * 60 * 60 * 1000;
    const { log } = openLog(file);
    log.question(q({ time: new Date(Date.now() - 100 * day), question: 'old' }));
    log.question(q({ time: new Date(Date.now() - 10 * day), question: 'recent' }));
    log.question(q({ time: new Date(), question: 'now' }));
    log.close();
    const db0 = new Database(file);
    db0.prepare(`INSERT INTO votes (time, platform, channel_kind, question, fact_id, vote) VALUES (?, 'cli', 'dm', 'x', 'f', 'down')`).run(new Date(Date.now() - 40 * day).toISOString());
    db0.close();

    const { log: keep } = openLog(file, { retentionDays: 0 });
    keep.close();
    const count = () => {
      const db = new Database(file, { readonly: true });
      const r = [(db.prepare('SELECT group_concat(question) AS q FROM questions').get() as { q: string }).q, (db.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n];
      db.close();
      return r;
    };
    expect(count()).toEqual(['old,recent,now', 1]);

    const { log: trim, lines } = openLog(file, { retentionDays: 30 });
    expect(lines.some((l) => /deleted 2 rows older than 30 days/.test(l.message))).toBe(true);
    trim.close();
    expect(count()).toEqual(['recent,now', 0]);
  });

  it('close flushes, is safe to call twice, and later calls are dropped quietly', () => {
    const file = path.join(dir, 'q.db');
    const { log } = openLog(file);
    log.question(q());
    log.close();
    expect(() => log.close()).not.toThrow();
    expect(log.status()).toMatchObject({ ok: false, written: 1, dropped: 0 });
    expect(() => log.question(q())).not.toThrow();
    expect(log.status().dropped).toBe(1);
    const db = reader(file);
    expect((db.prepare('SELECT count(*) AS n FROM questions').get() as { n: number }).n).toBe(1);
  });

  it('an invalid record is dropped and counted once, never thrown', () => {
    const file = path.join(dir, 'q.db');
    const { log, lines } = openLog(file);
    const other = new Database(file, { timeout: 0 });
    others.push(other);
    other.prepare('BEGIN IMMEDIATE').run();
    expect(() => log.question(q({ time: new Date('not a date') }))).not.toThrow();
    expect(() => log.question(null as unknown as QuestionRecord)).not.toThrow();
    expect(() => log.feedback({ ...vote(), factId: undefined } as unknown as FeedbackVote)).not.toThrow();
    log.question(q());
    log.flush(); // locked: converted, the invalid ones counted, the valid one kept
    log.flush();
    expect(log.status()).toMatchObject({ written: 0, dropped: 3, buffered: 4 });
    other.prepare('COMMIT').run();
    log.flush();
    expect(log.status()).toMatchObject({ written: 1, dropped: 3, buffered: 0 });
    expect(lines.filter((l) => /invalid/.test(l.message))).toHaveLength(1); // rate-limited
  });

  it('a logger that throws does not break anything', () => {
    const bad = () => {
      throw new Error('logger down');
    };
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'garbage garbage garbage garbage');
    const log = openQuestionLog({ path: file, hashKey: 'k', retentionDays: 1, logger: { info: bad, warn: bad, error: bad } });
    open.push(log);
    expect(() => log.question(q())).not.toThrow();
    expect(log.status().ok).toBe(false);
  });
});
