/**
 * The question log: every question and 👍/👎 vote, in a SQLite file curators read with
 * `npm run report`. Never on the answer's critical path: `question()` and `feedback()` only push to
 * an in-memory buffer; a timer writes batches in one transaction. Never throws: a locked database
 * keeps rows buffered and retries, a broken or unwritable file is reported once, clearly, and the
 * log runs degraded (rows dropped and counted) while the bot keeps answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FeedbackVote, QuestionRecord, Recorder } from './record.ts';
import { redactUserIds, userHash } from './privacy.ts';

export interface QuestionLogLogger {
  info(message: string, extra?: object): void;
  warn(message: string, extra?: object): void;
  error(message: string, extra?: object): void;
}

export interface QuestionLogOptions {
  /** The SQLite file; a missing folder is created. */
  path: string;
  /** Secret for user_hash = HMAC-SHA256(hashKey, `${platform}:${userId}`), hex, first 16 chars. */
  hashKey: string;
  /** Rows older than this many days are deleted at open and once a day; 0 keeps them forever. */
  retentionDays: number;
  logger: QuestionLogLogger;
  /** How long rows wait in memory before a batch is written (default 200 ms). */
  flushEveryMs?: number;
  /** Rows kept in memory while the database cannot be written; beyond it the oldest are dropped (default 10,000). */
  maxBuffered?: number;
}

export interface QuestionLogStatus {
  /** The database is open and the last write (if any) succeeded. */
  ok: boolean;
  path: string;
  /** Rows written since open. */
  written: number;
  /** Rows lost since open: buffer overflow, a degraded log, invalid records, writes after close. */
  dropped: number;
  /** Rows waiting in memory. */
  buffered: number;
  lastError?: string;
}

export interface QuestionLog extends Recorder {
  question(record: QuestionRecord): void;
  feedback(vote: FeedbackVote): void;
  /** Writes what is buffered now (one attempt: rows stay buffered if the database is locked). */
  flush(): void;
  status(): QuestionLogStatus;
  /** Flushes (waiting up to 2 s for a lock) and closes; safe to call twice. */
  close(): void;
}

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 1;
/** Marks the file as ours (`PRAGMA application_id`), so another application's database is not written into. */
export const APPLICATION_ID = 0x51_4c_4f_47; // "QLOG"

/** Migrations by the version they lead to; each runs in one transaction. */
export const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE IF NOT EXISTS questions (
      id           INTEGER PRIMARY KEY,
      time         TEXT NOT NULL,      -- ISO 8601, UTC (sorts as time)
      platform     TEXT NOT NULL,      -- slack | discord | cli
      channel_kind TEXT NOT NULL,      -- channel | dm | command
      channel_id   TEXT,
      user_hash    TEXT,               -- HMAC of platform:userId, never the id itself
      question     TEXT NOT NULL,
      lang         TEXT NOT NULL,      -- ko | en
      answered     INTEGER NOT NULL,   -- 0 | 1
      reason       TEXT,               -- empty | out-of-scope | nothing-to-act-on | rate-limited
      fact_id      TEXT,
      score        REAL,
      latency_ms   REAL NOT NULL
    );
    CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
    CREATE INDEX IF NOT EXISTS questions_fact ON questions (fact_id, time);
    CREATE INDEX IF NOT EXISTS questions_answered ON questions (answered, time);
    CREATE TABLE IF NOT EXISTS votes (
      id           INTEGER PRIMARY KEY,
      time         TEXT NOT NULL,
      platform     TEXT NOT NULL,
      channel_kind TEXT NOT NULL,
      channel_id   TEXT,
      user_hash    TEXT,
      question     TEXT NOT NULL,
      fact_id      TEXT NOT NULL,
      vote         TEXT NOT NULL       -- up | down
    );
    CREATE INDEX IF NOT EXISTS votes_time ON votes (time);
    CREATE INDEX IF NOT EXISTS votes_fact ON votes (fact_id, vote);
  `,
};

/** How long a write waits for another connection's lock, blocking the event loop: keep it short. */
const BUSY_TIMEOUT_MS = 20;
/** At startup (not on the answer path yet) setting up may wait longer, e.g. for another shard doing the same. */
const SETUP_BUSY_TIMEOUT_MS = 1000;
const CLOSE_BUSY_TIMEOUT_MS = 2000;
/** Rows per transaction; the timer writes one batch per tick so a backlog never blocks the event loop for long. */
const MAX_BATCH = 1000;
const MAX_BACKOFF_MS = 5000;
const LOG_EVERY_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_RETRY_MS = 10 * 60 * 1000;

type QuestionRow = [time: string, platform: string, channelKind: string, channelId: string | null, userHash: string | null, question: string, lang: string, answered: number, reason: string | null, factId: string | null, score: number | null, latencyMs: number];
type VoteRow = [time: string, platform: string, channelKind: string, channelId: string | null, userHash: string | null, question: string, factId: string, vote: string];
/** A buffered record; converted to its row once, when first written (null: invalid, already counted as dropped). */
type Pending = ({ kind: 'question'; record: QuestionRecord } | { kind: 'vote'; vote: FeedbackVote; time: Date }) & { row?: QuestionRow | VoteRow | null };

/** A FIFO that drops from the front in O(1). */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  /** Removes the oldest item. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  peek(n: number): T[] {
    return this.items.slice(this.head, this.head + n) as T[];
  }
  drop(n: number): void {
    for (let i = 0; i < n; i++) this.shift();
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/** An SQLite error code (`SQLITE_BUSY_SNAPSHOT` → its family, `SQLITE_BUSY`), or undefined. */
function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
const isBusy = (code?: string) => !!code && /^SQLITE_(BUSY|LOCKED)/.test(code);
/** The file itself is broken: nothing written to it will help. */
const isBroken = (code?: string) => !!code && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
/** The disk or the file's permissions: may clear up, so rows wait. */
const isEnvironment = (code?: string) => !!code && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM|PROTOCOL|NOMEM)/.test(code);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export { userHash };

const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Questions are capped by the bot already (1,000 characters); this bounds what other callers can store. */
const MAX_TEXT = 2000;
/** Stored text: bounded, and with every user id in it replaced by its keyed hash. */
const text = (v: unknown, hashKey: string): string => redactUserIds(String(v ?? '').slice(0, MAX_TEXT), hashKey);
function required(v: unknown, what: string): string {
  const s = str(v);
  if (s === null) throw new Error(`no ${what}`);
  return s;
}

function toQuestionRow(r: QuestionRecord, hashKey: string): QuestionRow {
  const time = r.time instanceof Date ? r.time : new Date(r.time as unknown as string);
  const platform = required(r.platform, 'platform');
  return [
    time.toISOString(), // throws on an invalid date: the row is dropped as invalid
    platform,
    required(r.channelKind, 'channel kind'),
    str(r.channelId),
    userHash(hashKey, platform, str(r.userId) ?? undefined),
    text(r.question, hashKey),
    str(r.lang) ?? 'ko',
    r.answered ? 1 : 0,
    str(r.reason),
    str(r.factId),
    num(r.score),
    num(r.latencyMs) ?? 0,
  ];
}

function toVoteRow(v: FeedbackVote, time: Date, hashKey: string): VoteRow {
  const platform = required(v.platform, 'platform');
  return [time.toISOString(), platform, required(v.channelKind, 'channel kind'), str(v.channelId), userHash(hashKey, platform, str(v.userId) ?? undefined), text(v.question, hashKey), required(v.factId, 'fact id'), v.vote === 'down' ? 'down' : 'up'];
}

/**
 * Opens (creating if needed) the question log at `options.path`. Never throws: a file that cannot be
 * used is reported through `options.logger.error` and the returned log runs degraded.
 */
export function openQuestionLog(options: QuestionLogOptions): QuestionLog {
  const file = options.path;
  const flushEveryMs = Math.max(1, options.flushEveryMs ?? 200);
  const maxBuffered = Math.max(1, options.maxBuffered ?? 10_000);
  const retentionDays = Math.max(0, options.retentionDays || 0);
  const hashKey = options.hashKey ?? '';

  const log = (level: keyof QuestionLogLogger, msg: string, extra?: object) => {
    try {
      options.logger[level](msg, extra);
    } catch {
      // a broken logger must not break the bot either
    }
  };
  /** At most one line per key a minute; the next says how many were held back. */
  const lastLogged = new Map<string, { at: number; held: number }>();
  const logLimited = (key: string, level: keyof QuestionLogLogger, msg: string, extra: object = {}) => {
    const now = Date.now();
    const seen = lastLogged.get(key);
    if (seen && now - seen.at < LOG_EVERY_MS) {
      seen.held++;
      return;
    }
    lastLogged.set(key, { at: now, held: 0 });
    log(level, msg, seen?.held ? { ...extra, similarMessagesHeldBack: seen.held } : extra);
  };

  let db: Database.Database | undefined;
  /** Schema checked and statements prepared. */
  let ready = false;
  let writeBatch: ((q: QuestionRow[], v: VoteRow[]) => void) | undefined;
  let insertQuestion: Database.Statement | undefined;
  let insertVote: Database.Statement | undefined;
  let degraded = false;
  let closed = false;
  let lastWriteFailed = false;
  let lastError: string | undefined;
  let written = 0;
  let dropped = 0;
  let failures = 0;
  const buffer = new Queue<Pending>();
  let flushTimer: NodeJS.Timeout | undefined;
  let retentionTimer: NodeJS.Timeout | undefined;

  if (!hashKey) log('warn', `question log: hashKey is empty, so user hashes can be recomputed by anyone who can guess user ids. Set a secret key.`, { file });

  /** The log cannot use its file: say what and what to do, once, and drop from now on. */
  function degrade(what: string, todo: string, e?: unknown) {
    degraded = true;
    lastLogged.set('degraded', { at: Date.now(), held: 0 }); // this error says it all; the next reminder comes in a minute
    lastError = e === undefined ? what : `${what}: ${message(e)}`;
    log('error', `question log ${file}: ${lastError}. ${todo} Questions are not being logged (rows are dropped and counted); the bot keeps answering.`, {
      file,
      ...(sqliteCode(e) ? { code: sqliteCode(e) } : {}),
    });
    try {
      db?.close();
    } catch {
      // already unusable
    }
    db = undefined;
    dropped += buffer.size;
    buffer.clear();
  }

  /** Creates the folder and opens the connection; false (degraded) if the file cannot be opened at all. */
  function open(): boolean {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (e) {
      degrade(`cannot create the folder ${path.dirname(path.resolve(file))}`, 'Check that the path is right and writable by this process, or point the log elsewhere (QUESTION_LOG).', e);
      return false;
    }
    try {
      db = new Database(file, { timeout: SETUP_BUSY_TIMEOUT_MS });
      return true;
    } catch (e) {
      degrade('cannot open the file', 'Check that the path is a file (not a folder) and that its folder is writable by this process, or point the log elsewhere (QUESTION_LOG).', e);
      return false;
    }
  }

  /**
   * Checks the file is ours, sets WAL mode, creates or migrates the schema and prepares the
   * statements. 'busy' when another process holds a lock (another shard creating the same file):
   * rows stay buffered and it is tried again; anything else wrong degrades the log.
   */
  function setup(): 'ok' | 'busy' | 'degraded' {
    if (ready) return 'ok';
    if (!db) return 'degraded';
    const conn = db;
    try {
      const appId = conn.pragma('application_id', { simple: true }) as number;
      const version = conn.pragma('user_version', { simple: true }) as number;
      if (appId !== 0 && appId !== APPLICATION_ID) {
        degrade(`is an SQLite database of another application (application_id ${appId})`, 'Point the log at its own file (QUESTION_LOG); this one was left untouched.');
        return 'degraded';
      }
      if (version > SCHEMA_VERSION) {
        degrade(`has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}`, 'Run the newer bot version against it, or point this one at another file (QUESTION_LOG); the file was left untouched.');
        return 'degraded';
      }
      const mode = conn.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') log('warn', `question log ${file}: WAL mode unavailable (journal_mode ${String(mode)}); writes may wait longer for readers.`, { file });
      conn.pragma('synchronous = NORMAL');
      for (let v = version + 1; v <= SCHEMA_VERSION; v++) {
        conn.transaction(() => {
          // another process may have migrated meanwhile
          if ((conn.pragma('user_version', { simple: true }) as number) >= v) return;
          conn.exec(MIGRATIONS[v]!);
          conn.pragma(`user_version = ${v}`);
          conn.pragma(`application_id = ${APPLICATION_ID}`);
        }).immediate();
      }
      const iq = (insertQuestion = conn.prepare(
        `INSERT INTO questions (time, platform, channel_kind, channel_id, user_hash, question, lang, answered, reason, fact_id, score, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ));
      const iv = (insertVote = conn.prepare(`INSERT INTO votes (time, platform, channel_kind, channel_id, user_hash, question, fact_id, vote) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`));
      const tx = conn.transaction((q: QuestionRow[], v: VoteRow[]) => {
        for (const row of q) iq.run(row);
        for (const row of v) iv.run(row);
      });
      writeBatch = (q, v) => tx.immediate(q, v);
      conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`); // from now on, on the bot's event loop: short waits only
      ready = true;
      return 'ok';
    } catch (e) {
      const code = sqliteCode(e);
      if (isBusy(code)) {
        try {
          conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`); // retries run on the bot's event loop
        } catch {
          // keep what it was
        }
        lastError = message(e);
        logLimited('busy', 'warn', `question log ${file}: locked by another connection while setting up; rows wait in memory and setup is retried.`, { file, code });
        return 'busy';
      }
      if (isBroken(code)) degrade('is not a usable SQLite database (corrupt, or not a database at all)', 'Move it aside (keep it if you want to recover it) so a new log is created, or point the log elsewhere (QUESTION_LOG).', e);
      else degrade('cannot be set up', 'Check that the file and its folder are writable, that the disk is not full, and that the tables were not changed by hand; or point the log elsewhere (QUESTION_LOG).', e);
      return 'degraded';
    }
  }

  /** Deletes rows older than the retention window; false if it should be tried again soon. */
  function applyRetention(): boolean {
    if (retentionDays <= 0) return true;
    const state = setup();
    if (state !== 'ok' || !db) return state === 'degraded';
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS).toISOString();
    try {
      const conn = db;
      const deleted = conn.transaction(() => {
        const q = conn.prepare('DELETE FROM questions WHERE time < ?').run(cutoff).changes;
        const v = conn.prepare('DELETE FROM votes WHERE time < ?').run(cutoff).changes;
        return q + v;
      }).immediate();
      if (deleted > 0) log('info', `question log: deleted ${deleted} rows older than ${retentionDays} days`, { file, cutoff });
      return true;
    } catch (e) {
      const code = sqliteCode(e);
      if (isBroken(code)) {
        degrade('became unusable (corrupt)', 'Move it aside so a new log is created, or point the log elsewhere (QUESTION_LOG).', e);
        return true;
      }
      logLimited('retention', 'warn', `question log ${file}: could not delete old rows (${message(e)}); trying again in 10 minutes.`, { file, ...(code ? { code } : {}) });
      return false;
    }
  }

  function scheduleRetention(ms: number) {
    if (closed || degraded || retentionDays <= 0) return;
    retentionTimer = setTimeout(() => {
      retentionTimer = undefined;
      scheduleRetention(applyRetention() ? DAY_MS : RETENTION_RETRY_MS);
    }, ms);
    retentionTimer.unref();
  }

  function scheduleFlush(ms = flushEveryMs) {
    if (flushTimer || closed || degraded) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      flush(1);
    }, ms);
    flushTimer.unref();
  }

  function push(item: Pending) {
    if (closed || degraded || !db) {
      dropped++;
      if (degraded) logLimited('degraded', 'warn', `question log ${file}: not logging (${lastError ?? 'unavailable'}); ${dropped} rows dropped so far.`, { file, dropped });
      return;
    }
    buffer.push(item);
    if (buffer.size > maxBuffered) {
      const over = buffer.size - maxBuffered;
      buffer.drop(over);
      dropped += over;
      logLimited('overflow', 'error', `question log ${file}: more than ${maxBuffered} rows waiting to be written; dropping the oldest (${dropped} dropped so far). ${lastError ? `Last error: ${lastError}.` : ''}`.trim(), { file, dropped });
    }
    scheduleFlush();
  }

  /** The rows of buffered items, converted once; invalid items are counted as dropped (once) and skipped. */
  function rowsOf(items: Pending[]): { q: QuestionRow[]; v: VoteRow[] } {
    const q: QuestionRow[] = [];
    const v: VoteRow[] = [];
    for (const item of items) {
      if (item.row === undefined) {
        try {
          item.row = item.kind === 'question' ? toQuestionRow(item.record, hashKey) : toVoteRow(item.vote, item.time, hashKey);
        } catch (e) {
          item.row = null;
          dropped++;
          logLimited('invalid', 'warn', `question log: dropped an invalid ${item.kind === 'question' ? 'question record' : 'vote'} (${message(e)})`, { file });
        }
      }
      if (!item.row) continue;
      if (item.kind === 'question') q.push(item.row as QuestionRow);
      else v.push(item.row as VoteRow);
    }
    return { q, v };
  }

  /** One attempt to write what is buffered (up to `maxBatches` batches); false if the database refused. */
  function writeAll(maxBatches = Infinity): boolean {
    const state = setup();
    if (state !== 'ok') {
      if (state === 'busy') {
        lastWriteFailed = true;
        failures++;
      }
      return state === 'degraded';
    }
    for (let n = 0; db && buffer.size > 0 && n < maxBatches; n++) {
      const items = buffer.peek(MAX_BATCH);
      const { q, v } = rowsOf(items);
      try {
        writeBatch!(q, v);
      } catch (e) {
        const code = sqliteCode(e);
        lastError = message(e);
        lastWriteFailed = true;
        failures++;
        if (isBroken(code)) {
          degrade('became unusable (corrupt)', 'Move it aside so a new log is created, or point the log elsewhere (QUESTION_LOG).', e);
          return true;
        }
        if (isBusy(code)) {
          logLimited('busy', 'warn', `question log ${file}: database is locked by another connection; ${buffer.size} rows wait in memory and will be retried.`, { file, code, buffered: buffer.size });
          return false;
        }
        if (isEnvironment(code)) {
          logLimited('io', 'error', `question log ${file}: cannot write (${lastError}); ${buffer.size} rows wait in memory (up to ${maxBuffered}). Check disk space and that the file is writable.`, {
            file,
            code,
            buffered: buffer.size,
          });
          return false;
        }
        // Something about the rows themselves: write them one by one and drop the ones that fail.
        writeOneByOne(q, v);
        buffer.drop(items.length);
        continue;
      }
      buffer.drop(items.length);
      written += q.length + v.length;
      if (lastWriteFailed) log('info', `question log ${file}: writing again after ${failures} failed attempt${failures === 1 ? '' : 's'}.`, { file });
      lastWriteFailed = false;
      failures = 0;
    }
    return true;
  }

  function writeOneByOne(q: QuestionRow[], v: VoteRow[]) {
    const each = <R>(rows: R[], stmt: Database.Statement | undefined) => {
      for (const row of rows) {
        try {
          stmt!.run(row as unknown[]);
          written++;
        } catch (e) {
          dropped++;
          logLimited('row', 'error', `question log ${file}: dropped a row the database refused (${message(e)})`, { file });
        }
      }
    };
    each(q, insertQuestion);
    each(v, insertVote);
  }

  function flush(maxBatches = Infinity) {
    try {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      if (!db || buffer.size === 0) return;
      if (!writeAll(maxBatches)) scheduleFlush(Math.min(MAX_BACKOFF_MS, flushEveryMs * 2 ** Math.min(failures, 10)));
      else if (buffer.size > 0) scheduleFlush(0); // a backlog: the next batch on the next tick
    } catch (e) {
      // not expected; never let it reach the caller
      lastError = message(e);
      logLimited('unexpected', 'error', `question log ${file}: unexpected error while writing (${lastError})`, { file });
      scheduleFlush(MAX_BACKOFF_MS);
    }
  }

  if (open() && setup() !== 'degraded') scheduleRetention(applyRetention() ? DAY_MS : RETENTION_RETRY_MS);

  return {
    question(record) {
      try {
        push({ kind: 'question', record: { ...record } });
      } catch {
        dropped++;
      }
    },
    feedback(vote) {
      try {
        push({ kind: 'vote', vote: { ...vote }, time: new Date() });
      } catch {
        dropped++;
      }
    },
    flush: () => flush(),
    status() {
      return { ok: !!db && !degraded && !closed && !lastWriteFailed, path: file, written, dropped, buffered: buffer.size, ...(lastError ? { lastError } : {}) };
    },
    close() {
      if (closed) return;
      try {
        if (retentionTimer) clearTimeout(retentionTimer);
        retentionTimer = undefined;
        if (db && buffer.size > 0) {
          try {
            db.pragma(`busy_timeout = ${CLOSE_BUSY_TIMEOUT_MS}`);
          } catch {
            // keep the short timeout
          }
          flush();
        }
        if (flushTimer) clearTimeout(flushTimer);
        flushTimer = undefined;
        closed = true;
        if (buffer.size > 0) {
          dropped += buffer.size;
          log('error', `question log ${file}: ${buffer.size} rows could not be written before closing (${lastError ?? 'unknown error'}) and are lost.`, { file, lost: buffer.size });
          buffer.clear();
        }
        db?.close();
      } catch (e) {
        log('error', `question log ${file}: error while closing (${message(e)})`, { file });
      } finally {
        closed = true;
        db = undefined;
      }
    },
  };
}
