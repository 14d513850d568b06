/**
 * `npm run report`: what curators should fix next, from the question log. The script
 * (scripts/report.ts) only wires real I/O to `runReport`, so tests drive it without spawning.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import type { AliasGroup, LexiconData } from '../../src/corpus/schema.ts';
import { buildReport, type FactLabel } from './build.ts';
import { LogReadError, questionLogFiles, readLogs } from './merge.ts';
import { windowOf } from './queries.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import { generateLog } from './sample-log.ts';
import { langFromEnv, messages, type ReportLang } from './i18n.ts';

export const DEFAULT_DB = 'data/questions.db';
/** Days begin at midnight in Korea unless told otherwise. */
export const DEFAULT_UTC_OFFSET_MINUTES = 9 * 60;

export const USAGE = `Usage: npm run report -- [options]

What to fix next in the corpus, from the question log.

  --db FILE|FOLDER   the question log (default: $QUESTION_LOG, else ${DEFAULT_DB}); repeat it,
                     or name a folder (every *.db file in it), to report several logs as one
                     (replicas, shards on several hosts)
  --days N           the last N days, today included (default 30)
  --top N            rows in each ranked section (default 10)
  --html FILE        also write a self-contained HTML page with charts
  --utc-offset H     days begin at midnight in UTC+H (default 9, Korea; e.g. 0, -5, 5:30)
  --lang ko|en       the report's language (default: the locale's, LC_ALL, LC_MESSAGES or LANG:
                     ko_KR.UTF-8 → ko, anything else → en)
  --demo             a report of a generated sample log (made in a temporary folder and removed,
                     never in data/): what an office gets before deploying
  -h, --help         this text
`;

export interface CorpusInfo {
  aliases: readonly (Pick<AliasGroup, 'id' | 'terms'> & { entity?: boolean })[];
  facts: readonly { id: string; ko: string }[];
  lexicon: LexiconData;
}

export interface ReportIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  now(): Date;
  /** Writes the HTML page (creating its folder). */
  writeFile(file: string, text: string): void;
  /** The corpus, for aliases and fact labels; may throw (the report then goes on without it). */
  loadCorpus(): CorpusInfo;
  /** The analyzer's word lists alone, when the corpus cannot be loaded. */
  loadLexicon(): LexiconData;
  /** Opens the log read-only; throws if it does not exist. */
  openDb?(file: string): Database.Database;
}

export interface ReportArgs {
  /** Question log files, or folders of them. */
  db: string[];
  days: number;
  top: number;
  html?: string;
  utcOffsetMinutes: number;
  lang: ReportLang;
  /** Report a generated sample log instead (--demo). */
  demo?: true;
}

export class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--${name} expects a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/** `9`, `+9`, `-5`, `5.5`, `5:30`, `-03:30` → minutes. */
export function parseOffset(value: string | undefined): number {
  if (value === undefined) return DEFAULT_UTC_OFFSET_MINUTES;
  const m = /^([+-])?(\d{1,2})(?:(?::(\d{2}))|(\.\d+))?$/.exec(value.trim());
  const minutes = m ? (Number(m[2]) * 60 + (m[3] ? Number(m[3]) : m[4] ? Math.round(Number(m[4]) * 60) : 0)) * (m[1] === '-' ? -1 : 1) : NaN;
  if (!Number.isFinite(minutes) || Math.abs(minutes) > 14 * 60) throw new UsageError(`--utc-offset expects hours from UTC between -14 and 14 (9, -5, 5:30), got "${value}"`);
  return minutes;
}

export function parseReportArgs(argv: string[], env: Record<string, string | undefined>): ReportArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string', multiple: true },
        days: { type: 'string' },
        top: { type: 'string' },
        html: { type: 'string' },
        'utc-offset': { type: 'string' },
        demo: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  if (values.demo && values.db?.length) throw new UsageError('--demo reports a generated sample log; leave out --db');
  if (values.lang !== undefined && values.lang !== 'ko' && values.lang !== 'en') throw new UsageError(`--lang expects ko or en, got "${values.lang}"`);
  return {
    db: values.db?.length ? values.db : [defaultLog(env.QUESTION_LOG)],
    days: positiveInt('days', values.days, 30),
    top: positiveInt('top', values.top, 10),
    ...(values.html ? { html: values.html } : {}),
    utcOffsetMinutes: parseOffset(values['utc-offset']),
    lang: (values.lang as ReportLang | undefined) ?? langFromEnv(env),
    ...(values.demo ? { demo: true as const } : {}),
  };
}

/** QUESTION_LOG as the bot uses it; one with {hostname} (a file per replica) stands for its folder. */
export function defaultLog(questionLog: string | undefined): string {
  if (!questionLog) return DEFAULT_DB;
  return questionLog.includes('{hostname}') ? path.dirname(questionLog) : questionLog;
}

/** Runs the report; returns the exit code (0 done, 1 the log cannot be read, 2 bad options). */
export function runReport(argv: string[], io: ReportIO): number {
  let args: ReportArgs | 'help';
  try {
    args = parseReportArgs(argv, io.env);
  } catch (err) {
    io.stderr(`report: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }

  let corpus: CorpusInfo | undefined;
  try {
    corpus = io.loadCorpus();
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    io.stderr(`report: the corpus could not be loaded (${first}); questions are grouped without its aliases and facts are shown without their statements.\n`);
  }
  const analyzer = new Analyzer(corpus?.aliases ?? [], corpus?.lexicon ?? io.loadLexicon());
  const statements = corpus ? new Map(corpus.facts.map((f) => [f.id, f.ko])) : undefined;
  const factLabel: FactLabel | undefined = statements && ((id) => statements.get(id));

  if (args.demo) {
    // The sample is written to a temporary folder (never data/, where a real log may be) and removed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-demo-'));
    try {
      const file = path.join(dir, 'sample.db');
      generateLog(file, { now: io.now(), days: args.days });
      return reportOn([file], 'sample data generated by --demo (not real questions)', args, analyzer, io, factLabel);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const { files, missing } = questionLogFiles(args.db);
  if (missing.length > 0 || files.length === 0) {
    io.stderr(`report: no question log at ${missing.join(', ') || args.db.join(', ')}. Run the bot with the question log on (it writes ${DEFAULT_DB} by default), or pass --db FILE or set QUESTION_LOG (--db may be repeated or name a folder); npm run report -- --demo shows a sample.\n`);
    return 1;
  }
  return reportOn(files, files.length === 1 ? files[0]! : `${files.length} logs: ${files.join(', ')}`, args, analyzer, io, factLabel);
}

/** Reads the logs, prints the report and writes the HTML page; the exit code. */
function reportOn(files: string[], source: string, args: ReportArgs, analyzer: Analyzer, io: ReportIO, factLabel: FactLabel | undefined): number {
  const now = io.now();
  let db: Database.Database | undefined;
  try {
    const { fromIso } = windowOf({ days: args.days, now, utcOffsetMinutes: args.utcOffsetMinutes });
    db = readLogs(files, fromIso, io.openDb);
    const report = buildReport(db, analyzer, { days: args.days, top: args.top, now, utcOffsetMinutes: args.utcOffsetMinutes, source }, factLabel);
    io.stdout(renderText(report, args.lang));
    if (args.html) {
      io.writeFile(args.html, renderHtml(report, args.lang));
      io.stdout(`\n${messages(args.lang).htmlWritten(args.html)}\n`);
    }
    return 0;
  } catch (err) {
    io.stderr(`report: ${(err instanceof LogReadError ? err : new LogReadError(files[0]!, err)).message}\n`);
    return 1;
  } finally {
    db?.close();
  }
}

/** The real I/O, for scripts/report.ts. */
export function processIO(loadCorpus: () => CorpusInfo, loadLexicon: () => LexiconData): ReportIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    now: () => new Date(),
    writeFile: (file, text) => {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, text);
    },
    loadCorpus,
    loadLexicon,
  };
}
