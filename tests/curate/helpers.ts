/** Shared by the curator's tests: a copy of the real corpus, a real SQLite question log, the CLI in-process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { openQuestionLog } from '../../runtime/question-log.ts';
import { loadEngine } from '../../src/index.ts';
import { runCurate } from '../../scripts/curate/cli.ts';

export const NOW = new Date('2026-12-01T03:00:00.000Z');
export const TODAY = '2026-12-06';
const HOUR = 3600_000;

/** A temp folder with a copy of corpus/ in it (`corpus`) and room for logs. */
export function workspace(): { dir: string; corpus: string; log: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curate-'));
  const corpus = path.join(dir, 'corpus');
  fs.cpSync(new URL('../../corpus', import.meta.url), corpus, { recursive: true });
  return { dir, corpus, log: path.join(dir, 'logs', 'questions.db'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Asked {
  question: string;
  times: number;
  /** The fact the bot answered with; unanswered when absent. */
  factId?: string;
  /** 👎 votes on that answer. */
  down?: number;
  /** Hours before NOW of the first ask (each next one an hour earlier). */
  hoursAgo?: number;
}

/** Writes the questions (and 👎) through the bot's own question log, times relative to NOW. */
export function writeLog(file: string, asked: Asked[]): void {
  const log = openQuestionLog({ path: file, hashKey: 'curate-test-key!', retentionDays: 0, logger: { info() {}, warn() {}, error() {} } });
  for (const a of asked) {
    for (let i = 0; i < a.times; i++) {
      const time = new Date(NOW.getTime() - ((a.hoursAgo ?? 1) + i) * HOUR);
      log.question({ platform: 'slack', channelKind: 'channel', userId: 'U123', time, question: a.question, lang: 'ko', answered: !!a.factId, ...(a.factId ? { factId: a.factId, score: 1 } : { reason: 'out-of-scope' as const }), latencyMs: 3 });
    }
  }
  log.close();
  const db = new Database(file);
  const vote = db.prepare(`INSERT INTO votes (time, platform, channel_kind, question, fact_id, vote) VALUES (?, 'slack', 'channel', ?, ?, 'down')`);
  for (const a of asked) for (let i = 0; i < (a.down ?? 0); i++) vote.run(new Date(NOW.getTime() - ((a.hoursAgo ?? 1) + i) * HOUR).toISOString(), a.question, a.factId);
  db.close();
}

/** Runs `npm run curate -- argv` in-process; `input` feeds the interactive walk. */
export async function curate(argv: string[], opts: { corpus: string; env?: Record<string, string>; now?: Date; input?: string; isTTY?: boolean }) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d) => (out += d));
  io.stderr.on('data', (d) => (err += d));
  io.stdin.end(opts.input ?? '');
  const code = await runCurate(argv, { ...io, env: { PATH: process.env.PATH, CORPUS_DIR: opts.corpus, ...opts.env }, today: () => TODAY, now: () => opts.now ?? NOW, isTTY: opts.isTTY ?? false });
  return { code, out, err };
}

/** The fact a fresh engine on `corpus` answers `question` with, or null for "not found". */
export function answerOf(corpus: string, question: string): string | null {
  const a = loadEngine(corpus).ask(question);
  return a.answered ? a.answers[0]!.factId : null;
}
