/** The curators' report: the log's figures for a window, unanswered questions grouped, facts labelled. */
import type Database from 'better-sqlite3';
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import { groupQuestions, type QuestionGroup } from './group.ts';
import { queryLog, type DayCounts, type LogData, type WindowOptions } from './queries.ts';

export interface ReportOptions extends WindowOptions {
  /** Rows per ranked section (default 10). */
  top: number;
  /** Shown in the report's heading. */
  source: string;
}

/** What a fact id stands for, from the corpus: its short statement, or undefined if the corpus lacks it. */
export type FactLabel = (factId: string) => string | undefined;

export interface Report {
  source: string;
  generatedAt: string;
  top: number;
  data: LogData;
  /** The most asked unanswered questions, grouped, at most `top`. */
  unansweredGroups: QuestionGroup[];
  /** How many groups there are in all. */
  unansweredGroupCount: number;
  /** Labels for the fact ids shown; absent ids are not in the corpus. Undefined without a corpus. */
  factLabels?: Record<string, string | null>;
}

export function buildReport(db: Database.Database, analyzer: Analyzer, options: ReportOptions, factLabel?: FactLabel): Report {
  const data = queryLog(db, options);
  const groups = groupQuestions(data.unanswered, analyzer);
  const top = Math.max(1, Math.floor(options.top));
  const report: Report = {
    source: options.source,
    generatedAt: options.now.toISOString(),
    top,
    data,
    unansweredGroups: groups.slice(0, top),
    unansweredGroupCount: groups.length,
  };
  if (factLabel) {
    const ids = [...data.feedback.filter((f) => f.down > 0).slice(0, top), ...data.asked.slice(0, top)].map((f) => f.factId);
    report.factLabels = Object.fromEntries(ids.map((id) => [id, factLabel(id) ?? null]));
  }
  return report;
}

/** The facts with the most 👎 (only facts that have one), at most `top`. */
export const mostDownvoted = (r: Report) => r.data.feedback.filter((f) => f.down > 0).slice(0, r.top);
export const mostAsked = (r: Report) => r.data.asked.slice(0, r.top);

/** `83.3%`, or `–` when there is nothing to divide. */
export function formatRate(rate: number | undefined): string {
  return rate === undefined ? '–' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export const formatInt = (n: number) => n.toLocaleString('en-US');

/** `UTC+09:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** At most `max` characters (by code point), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

/** The label under a fact id: its statement, `notInCorpus` ("(not in the corpus)"), or nothing without a corpus. */
export function factNote(r: Report, factId: string, max = 36, notInCorpus = '(not in the corpus)'): string | undefined {
  if (!r.factLabels || !(factId in r.factLabels)) return undefined;
  const label = r.factLabels[factId];
  return label ? truncate(label, max) : notInCorpus;
}

/** Days in order, each run of days without questions folded into one row. */
export type DayRow = { day: DayCounts } | { quiet: { from: string; to: string; days: number } };

export function foldDays(days: readonly DayCounts[]): DayRow[] {
  const rows: DayRow[] = [];
  for (const day of days) {
    const last = rows.at(-1);
    if (day.total.questions > 0) rows.push({ day });
    else if (last && 'quiet' in last) last.quiet = { from: last.quiet.from, to: day.day, days: last.quiet.days + 1 };
    else rows.push({ quiet: { from: day.day, to: day.day, days: 1 } });
  }
  return rows;
}

/** A folded run's days: `2025-10-23 … 10-26`, or the one day. */
export const quietSpan = (q: { from: string; to: string }) => (q.from === q.to ? q.from : `${q.from} … ${q.to.slice(q.from.slice(0, 4) === q.to.slice(0, 4) ? 5 : 0)}`);

/** Milliseconds: `0.52`, `6.8`, `143`. */
export function formatMs(ms: number): string {
  return ms < 1 ? ms.toFixed(2) : ms < 10 ? ms.toFixed(1) : formatInt(Math.round(ms));
}
