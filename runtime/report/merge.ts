/**
 * Several question logs reported as one: each replica (or shard host) writes its own SQLite file,
 * and `npm run report -- --db a.db --db b.db` or `--db folder/` reads them together. The rows of the
 * window are copied into one in-memory database with the log's own schema, so every query of the
 * report runs unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from '../question-log.ts';

/** The files named: a file as given, a folder as every `*.db` file directly in it, in name order. */
export function questionLogFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) missing.push(p);
    else if (!stat.isDirectory()) files.push(p);
    else {
      const found = fs
        .readdirSync(p)
        .filter((f) => f.endsWith('.db'))
        .sort()
        .map((f) => path.join(p, f));
      if (found.length === 0) missing.push(`${p} (a folder without *.db files)`);
      files.push(...found);
    }
  }
  // The same file named twice (or by two spellings) is read once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(path.resolve(f)) && seen.add(path.resolve(f))), missing };
}

const QUESTION_COLUMNS = 'time, platform, channel_kind, channel_id, user_hash, question, lang, answered, reason, fact_id, score, latency_ms';
const VOTE_COLUMNS = 'time, platform, channel_kind, channel_id, user_hash, question, fact_id, vote';

/**
 * One database with the rows of every log from `fromIso` on. `open` opens a log read-only. Throws
 * an Error naming the file when one is not a question log.
 */
export function mergeLogs(files: readonly string[], open: (file: string) => Database.Database, fromIso: string): Database.Database {
  const merged = new Database(':memory:');
  for (let v = 1; v <= SCHEMA_VERSION; v++) merged.exec(MIGRATIONS[v]!);
  const insertQuestion = merged.prepare(`INSERT INTO questions (${QUESTION_COLUMNS}) VALUES (${QUESTION_COLUMNS.replace(/\w+/g, '?')})`);
  const insertVote = merged.prepare(`INSERT INTO votes (${VOTE_COLUMNS}) VALUES (${VOTE_COLUMNS.replace(/\w+/g, '?')})`);
  try {
    for (const file of files) {
      const db = open(file);
      try {
        const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
        if (!tables.has('questions') || !tables.has('votes')) throw new Error(`${file} is not a question log (no questions and votes tables)`);
        merged.transaction(() => {
          for (const row of db.prepare(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE time >= ?`).raw().iterate(fromIso)) insertQuestion.run(row as unknown[]);
          for (const row of db.prepare(`SELECT ${VOTE_COLUMNS} FROM votes WHERE time >= ?`).raw().iterate(fromIso)) insertVote.run(row as unknown[]);
        })();
      } finally {
        db.close();
      }
    }
    return merged;
  } catch (e) {
    merged.close();
    throw e;
  }
}

export const openReadOnly = (file: string) => new Database(file, { readonly: true, fileMustExist: true });

/** A log that could not be read, and which one. */
export class LogReadError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const msg = (cause as Error)?.message ?? String(cause);
    const code = (cause as { code?: string })?.code;
    const hint = /^SQLITE_(NOTADB|CORRUPT)/.test(code ?? '') || /not a question log/.test(msg) ? ' Is --db pointing at the question log the bot writes?' : '';
    super(`cannot read ${file}: ${msg.replace(`${file} is not`, 'not')}.${hint}`);
    this.name = 'LogReadError';
  }
}

/** The logs as one database: a single file opened as it is, several merged from `fromIso` on. */
export function readLogs(files: readonly string[], fromIso: string, open: (file: string) => Database.Database = openReadOnly): Database.Database {
  let reading = files[0]!;
  try {
    return files.length === 1 ? open(reading) : mergeLogs(files, (file) => open((reading = file)), fromIso);
  } catch (e) {
    throw new LogReadError(reading, e);
  }
}
