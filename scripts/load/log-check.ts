/**
 * Reads the question log's SQLite file (after the bot stopped and flushed it) and checks that every
 * question has exactly one row, from the right origin, and no row stands for a question not asked.
 * A row is matched to its question by (platform, hashed user, question text): the plan never lets a
 * user ask the same question twice on one platform.
 */
import Database from 'better-sqlite3';
import { userHash } from '../../runtime/question-log.ts';
import type { Platform, PlannedQuestion } from './plan.ts';

interface Row {
  platform: string;
  channel_kind: string;
  channel_id: string | null;
  user_hash: string | null;
  question: string;
  reason: string | null;
}

export interface LogCheck {
  rows: number;
  expected: number;
  /** Questions without a row. */
  missing: number;
  /** Questions with more than one row (extra rows counted). */
  doubled: number;
  /** Rows that match no question. */
  unexpected: number;
  /** Rows whose channel kind or channel id is not where the question was asked. */
  wrongOrigin: number;
  /** Rows with reason rate-limited: for regular questions (must be 0) and for each burst. */
  rateLimited: { regular: number; burst: Record<Platform, number> };
  examples: string[];
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function checkLog(dbPath: string, hashKey: string, questions: readonly PlannedQuestion[]): LogCheck {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  let rows: Row[];
  try {
    rows = db.prepare('SELECT platform, channel_kind, channel_id, user_hash, question, reason FROM questions').all() as Row[];
  } finally {
    db.close();
  }
  const keyOf = (platform: string, hash: string | null, question: string) => `${platform}\u0000${hash ?? ''}\u0000${norm(question)}`;
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(r.platform, r.user_hash, r.question);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const out: LogCheck = { rows: rows.length, expected: questions.length, missing: 0, doubled: 0, unexpected: 0, wrongOrigin: 0, rateLimited: { regular: 0, burst: { slack: 0, discord: 0 } }, examples: [] };
  const note = (s: string) => void (out.examples.length < 10 && out.examples.push(s));
  for (const q of questions) {
    const k = keyOf(q.platform, userHash(hashKey, q.platform, q.userId), q.text);
    const found = byKey.get(k) ?? [];
    byKey.delete(k);
    if (found.length === 0) {
      out.missing++;
      note(`no row for question ${q.id} (${q.platform} ${q.kind}): ${q.text}`);
      continue;
    }
    if (found.length > 1) {
      out.doubled += found.length - 1;
      note(`${found.length} rows for question ${q.id} (${q.platform} ${q.kind}): ${q.text}`);
    }
    for (const r of found) {
      if (r.channel_kind !== q.kind || r.channel_id !== q.channelId) {
        out.wrongOrigin++;
        note(`question ${q.id}: row says ${r.channel_kind} ${r.channel_id}, asked in ${q.kind} ${q.channelId}`);
      }
      if (r.reason === 'rate-limited') {
        if (q.burst) out.rateLimited.burst[q.platform]++;
        else out.rateLimited.regular++;
      }
    }
  }
  for (const list of byKey.values()) {
    out.unexpected += list.length;
    note(`${list.length} row(s) matching no question: ${list[0]!.platform} ${list[0]!.channel_kind} ${list[0]!.question}`);
  }
  return out;
}
