/**
 * What the report reads from the question log (runtime/question-log.ts), for one window of days.
 * Plain figures only; grouping and rendering are elsewhere.
 */
import type Database from 'better-sqlite3';

export interface WindowOptions {
  /** The window: this many calendar days, ending with today. */
  days: number;
  now: Date;
  /** Days begin at midnight in this offset from UTC, in minutes (540 = Korea). */
  utcOffsetMinutes: number;
}

/** Questions by outcome. `notFound` is an unanswered question the corpus could not answer. */
export interface Counts {
  questions: number;
  answered: number;
  notFound: number;
  rateLimited: number;
  empty: number;
}

export interface PlatformCounts extends Counts {
  platform: string;
}

export interface DayCounts {
  /** YYYY-MM-DD in the window's offset. */
  day: string;
  total: Counts;
  byPlatform: Record<string, Counts>;
}

export interface UnansweredText {
  question: string;
  count: number;
  /** When it was last asked (ISO 8601, UTC). */
  last: string;
}

export interface FactFeedback {
  factId: string;
  up: number;
  down: number;
  /** The most recent question that got a 👎 for this fact. */
  lastDownQuestion?: string;
}

export interface FactAsked {
  factId: string;
  /** Questions this fact answered (as the best answer). */
  count: number;
  up: number;
  down: number;
}

/** Answer latency percentiles, in milliseconds (nearest rank). */
export interface Latency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface LogData {
  /** First and last day of the window (YYYY-MM-DD) and the offset they are in. */
  from: string;
  to: string;
  utcOffsetMinutes: number;
  /** Every day of the window, oldest first, zeros included. */
  days: DayCounts[];
  total: Counts;
  /** Platforms seen in the window: slack, discord, cli first, then any other. */
  platforms: PlatformCounts[];
  /** Each distinct unanswered (not found) question text, most frequent first. */
  unanswered: UnansweredText[];
  /** Facts with votes, most 👎 first. */
  feedback: FactFeedback[];
  /** Facts by how often they were the answer, most first. */
  asked: FactAsked[];
  votes: { up: number; down: number };
  /** Time to answer inside the bot, of questions answered or not found (refusals are instant): all, and per platform. */
  latency: { all?: Latency; byPlatform: Record<string, Latency> };
}

const PLATFORM_ORDER = ['slack', 'discord', 'cli'];
const DAY_MS = 24 * 60 * 60 * 1000;

export const zeroCounts = (): Counts => ({ questions: 0, answered: 0, notFound: 0, rateLimited: 0, empty: 0 });

/** answered ÷ (answered + not found): rate-limited and empty questions say nothing about the corpus. */
export function answerRate(c: Counts): number | undefined {
  const n = c.answered + c.notFound;
  return n === 0 ? undefined : c.answered / n;
}

/** The window as UTC instants [fromIso, toIso) and its days. */
export function windowOf({ days, now, utcOffsetMinutes }: WindowOptions): { fromIso: string; toIso: string; days: string[] } {
  const offMs = utcOffsetMinutes * 60_000;
  const localToday = Math.floor((now.getTime() + offMs) / DAY_MS) * DAY_MS; // local midnight, as if UTC
  const n = Math.max(1, Math.floor(days));
  const first = localToday - (n - 1) * DAY_MS;
  const list: string[] = [];
  for (let t = first; t <= localToday; t += DAY_MS) list.push(new Date(t).toISOString().slice(0, 10));
  return { fromIso: new Date(first - offMs).toISOString(), toIso: new Date(localToday + DAY_MS - offMs).toISOString(), days: list };
}

function sortPlatforms(names: Iterable<string>): string[] {
  const rank = (p: string) => (PLATFORM_ORDER.includes(p) ? PLATFORM_ORDER.indexOf(p) : PLATFORM_ORDER.length);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function add(into: Counts, row: { n: number; answered: number; reason: string | null }) {
  into.questions += row.n;
  if (row.answered) into.answered += row.n;
  else if (row.reason === 'rate-limited') into.rateLimited += row.n;
  else if (row.reason === 'empty') into.empty += row.n;
  else into.notFound += row.n;
}

/** p50, p90 and p99 of values sorted ascending (nearest rank); undefined for none. */
export function percentiles(sorted: readonly number[]): Latency | undefined {
  if (sorted.length === 0) return undefined;
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99) };
}

/**
 * Reads the figures for the window from an open question log. Throws a clear Error when the file
 * is not a question log.
 */
export function queryLog(db: Database.Database, options: WindowOptions): LogData {
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  if (!tables.has('questions') || !tables.has('votes')) throw new Error('not a question log (no questions and votes tables)');

  const win = windowOf(options);
  const range = { from: win.fromIso, to: win.toIso, offset: `${options.utcOffsetMinutes >= 0 ? '+' : ''}${options.utcOffsetMinutes} minutes` };

  const byDay = db
    .prepare(
      `SELECT date(time, :offset) AS day, platform, answered, reason, count(*) AS n
       FROM questions WHERE time >= :from AND time < :to
       GROUP BY day, platform, answered, reason`,
    )
    .all(range) as { day: string; platform: string; answered: number; reason: string | null; n: number }[];

  const days = new Map<string, DayCounts>(win.days.map((d) => [d, { day: d, total: zeroCounts(), byPlatform: {} }]));
  const total = zeroCounts();
  const perPlatform = new Map<string, Counts>();
  for (const row of byDay) {
    add(total, row);
    if (!perPlatform.has(row.platform)) perPlatform.set(row.platform, zeroCounts());
    add(perPlatform.get(row.platform)!, row);
    const day = days.get(row.day);
    if (!day) continue; // cannot happen with the window's bounds, but a clock may lie
    add(day.total, row);
    add((day.byPlatform[row.platform] ??= zeroCounts()), row);
  }
  const platforms = sortPlatforms(perPlatform.keys());
  for (const d of days.values()) for (const p of platforms) d.byPlatform[p] ??= zeroCounts();

  const unanswered = db
    .prepare(
      `SELECT question, count(*) AS count, max(time) AS last FROM questions
       WHERE time >= :from AND time < :to AND answered = 0 AND (reason IS NULL OR reason NOT IN ('rate-limited', 'empty'))
       GROUP BY question ORDER BY count DESC, question`,
    )
    .all(range) as UnansweredText[];

  const feedback = db
    .prepare(
      `SELECT fact_id AS factId, sum(vote = 'up') AS up, sum(vote = 'down') AS down,
         (SELECT v2.question FROM votes v2 WHERE v2.fact_id = v.fact_id AND v2.vote = 'down' AND v2.time >= :from AND v2.time < :to
          ORDER BY v2.time DESC, v2.id DESC LIMIT 1) AS lastDownQuestion
       FROM votes v WHERE time >= :from AND time < :to
       GROUP BY fact_id ORDER BY down DESC, up ASC, fact_id`,
    )
    .all(range) as (FactFeedback & { lastDownQuestion: string | null })[];

  const votesByFact = new Map(feedback.map((f) => [f.factId, f]));
  const asked = (
    db
      .prepare(
        `SELECT fact_id AS factId, count(*) AS count FROM questions
         WHERE time >= :from AND time < :to AND answered = 1 AND fact_id IS NOT NULL
         GROUP BY fact_id ORDER BY count DESC, fact_id`,
      )
      .all(range) as { factId: string; count: number }[]
  ).map((a) => ({ ...a, up: votesByFact.get(a.factId)?.up ?? 0, down: votesByFact.get(a.factId)?.down ?? 0 }));

  const latencies = db
    .prepare(
      `SELECT platform, latency_ms AS ms FROM questions
       WHERE time >= :from AND time < :to AND (answered = 1 OR reason IS NULL OR reason NOT IN ('rate-limited', 'empty'))
       ORDER BY latency_ms`,
    )
    .all(range) as { platform: string; ms: number }[];
  const byPlatform: Record<string, Latency> = {};
  for (const p of platforms) {
    const figures = percentiles(latencies.filter((l) => l.platform === p).map((l) => l.ms));
    if (figures) byPlatform[p] = figures;
  }
  const all = percentiles(latencies.map((l) => l.ms));

  return {
    from: win.days[0]!,
    to: win.days.at(-1)!,
    utcOffsetMinutes: options.utcOffsetMinutes,
    days: [...days.values()],
    total,
    platforms: platforms.map((platform) => ({ platform, ...perPlatform.get(platform)! })),
    unanswered,
    feedback: feedback.map(({ lastDownQuestion, ...f }) => (lastDownQuestion ? { ...f, lastDownQuestion } : f)),
    asked,
    votes: { up: feedback.reduce((s, f) => s + f.up, 0), down: feedback.reduce((s, f) => s + f.down, 0) },
    latency: { ...(all ? { all } : {}), byPlatform },
  };
}

/** A question that drew 👎 on a fact, with how many and when last. */
export interface DownvotedQuestion {
  question: string;
  factId: string;
  count: number;
  last: string;
}

/** Each (question, fact) with a 👎 in the window, most 👎 first. */
export function downvotedQuestions(db: Database.Database, options: WindowOptions): DownvotedQuestion[] {
  const win = windowOf(options);
  return db
    .prepare(
      `SELECT question, fact_id AS factId, count(*) AS count, max(time) AS last FROM votes
       WHERE time >= :from AND time < :to AND vote = 'down'
       GROUP BY question, fact_id ORDER BY count DESC, question, fact_id`,
    )
    .all({ from: win.fromIso, to: win.toIso }) as DownvotedQuestion[];
}
