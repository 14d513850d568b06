/**
 * `npm run curate`: turn what the bot got wrong into examples, aliases, out-of-scope marks and new
 * facts, each change validated and followed by the eval's before/after line.
 *   (no options, at a terminal)     walk the open items of the question log one by one (walk.ts)
 *   --list [--json]                 the open items: unanswered questions grouped by rewording and 👎
 *                                   answers, most asked first, with the top candidate fact
 *   --attach "Q" --to FACT_ID       attach Q as an example question of the fact
 *   --near-miss "Q" --to FACT_ID    mark Q a near-miss of the fact: about it, asking what no source states
 *   --out-of-scope "Q" [--note N]   mark Q out of scope (corpus/out-of-scope.yaml)
 *   --stale [--json]                plans past their due date that no later fact supersedes
 *   --db FILE|FOLDER (repeatable)   the question log(s); default QUESTION_LOG or data/questions.db
 *   --days N                        the log's last N days (default 30, as the report)
 *   --state FILE                    what was curated (default curated.json beside the log; state.ts)
 * CORPUS_DIR names the corpus (default corpus/). Exit codes: 0 done, 1 the corpus, log or state file
 * failed, 2 bad usage (an unknown fact id, a question already attached elsewhere).
 */
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { defaultLog, DEFAULT_UTC_OFFSET_MINUTES } from '../../runtime/report/cli.ts';
import { LogReadError, questionLogFiles } from '../../runtime/report/merge.ts';
import { EditError } from './edit.ts';
import { describeItem, openItems, type OpenItem } from './items.ts';
import { Session } from './session.ts';
import { stalePlans } from './stale.ts';
import { loadState, stateFileFor, StateError } from './state.ts';
import { walk } from './walk.ts';

export interface CurateIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Today, YYYY-MM-DD (injectable for tests). */
  today(): string;
  /** Now (the log's window, the state file's times); default the clock. */
  now?(): Date;
  isTTY: boolean;
}

const USAGE = `usage: npm run curate -- [--list [--json]] | --attach "QUESTION" --to FACT_ID | --near-miss "QUESTION" --to FACT_ID | --out-of-scope "QUESTION" [--note TEXT] | --stale [--json]   (options: --db FILE|FOLDER …, --days N, --state FILE)`;

export interface CurateArgs {
  corpusDir: string;
  dbs: string[];
  json: boolean;
  days: number;
  /** The state file, when there is a log to curate from (or --state names one). */
  stateFile?: string;
}

/** Runs the curator on `argv`; returns the exit code. */
export async function runCurate(argv: string[], io: CurateIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        list: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        attach: { type: 'string' },
        'near-miss': { type: 'string' },
        to: { type: 'string' },
        'out-of-scope': { type: 'string' },
        note: { type: 'string' },
        stale: { type: 'boolean', default: false },
        db: { type: 'string', multiple: true },
        days: { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.days !== undefined && !/^[1-9]\d{0,4}$/.test(values.days.trim())) {
    io.stderr.write(`--days expects a whole number of at least 1, got "${values.days}"\n${USAGE}\n`);
    return 2;
  }
  const now = () => io.now?.() ?? new Date();
  const dbs = values.db?.length ? values.db : [defaultLog(io.env.QUESTION_LOG)];
  const hasLog = questionLogFiles(dbs).files.length > 0;
  const stateFile = values.state ?? (hasLog ? stateFileFor(dbs) : undefined);
  const args: CurateArgs = { corpusDir: io.env.CORPUS_DIR || 'corpus', dbs, json: values.json, days: Number(values.days ?? 30), ...(stateFile ? { stateFile } : {}) };
  let corpus: Corpus;
  try {
    corpus = loadCorpus(args.corpusDir);
    if (stateFile && !values.stale) loadState(stateFile); // a broken state file stops us before any change
  } catch (e) {
    io.stderr.write(`curate: ${(e as Error).message}\n`);
    return 1;
  }
  const session = new Session(args.corpusDir, corpus, io.stdout, stateFile, now, io.today);

  if (values.attach !== undefined || values['near-miss'] !== undefined || values['out-of-scope'] !== undefined) {
    const needsFact = values.attach !== undefined ? '--attach' : values['near-miss'] !== undefined ? '--near-miss' : undefined;
    if (needsFact && !values.to) {
      io.stderr.write(`${needsFact} needs --to FACT_ID\n${USAGE}\n`);
      return 2;
    }
    const question = (values.attach ?? values['near-miss'] ?? values['out-of-scope'])!.trim();
    if (!question) {
      io.stderr.write(`curate: the question is empty\n`);
      return 2;
    }
    try {
      if (values.attach !== undefined) session.attach({ question }, values.to!.trim());
      else if (values['near-miss'] !== undefined) session.nearMiss({ question }, values.to!.trim());
      else session.outOfScope({ question }, values.note);
      return 0;
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      io.stderr.write(`curate: ${e.message}\n`);
      return e.code === 'invalid' ? 1 : 2;
    }
  }
  if (values.stale) {
    const plans = stalePlans(corpus, io.today());
    if (values.json) io.stdout.write(`${JSON.stringify(plans)}\n`);
    else {
      io.stdout.write(plans.length ? `${plans.length} plan${plans.length === 1 ? '' : 's'} past due with no outcome in the corpus (look these up next):\n` : 'no plan is past its due date.\n');
      for (const p of plans) {
        io.stdout.write(`- ${p.factId} (due ${p.due}): ${p.text.replace(/\s+/g, ' ')}\n`);
        for (const s of p.sources) io.stdout.write(`    ${s.publisher} ${s.date}${s.url ? ` ${s.url}` : ''}\n`);
      }
    }
    return 0;
  }
  if (!values.list && !io.isTTY) {
    io.stderr.write(`curate: no terminal for the interactive walk; use --list, --attach, --near-miss, --out-of-scope or --stale\n${USAGE}\n`);
    return 2;
  }
  let items: OpenItem[];
  try {
    items = openItems(dbs, corpus, session.engine, { days: args.days, now: now(), utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES }, stateFile ? loadState(stateFile) : []);
  } catch (e) {
    if (!(e instanceof LogReadError || e instanceof StateError)) throw e;
    io.stderr.write(`curate: ${e.message}\n`);
    return 1;
  }
  if (values.list) {
    io.stdout.write(values.json ? `${JSON.stringify(items.map(({ surfaces: _, ...item }) => item))}\n` : renderList(items, args, hasLog));
    return 0;
  }
  return walk(items, session, io);
}

function renderList(items: OpenItem[], args: CurateArgs, hasLog: boolean): string {
  if (!hasLog) return `nothing to curate: no question log at ${args.dbs.join(', ')} (--db FILE|FOLDER or QUESTION_LOG)\n`;
  if (items.length === 0) return `nothing to curate: no open item in the last ${args.days} days\n`;
  const head = `${items.length} open item${items.length === 1 ? '' : 's'} from the last ${args.days} days, most asked first (curated ones left out):\n`;
  return head + items.map((item, i) => describeItem(item, `${String(i + 1).padStart(2)}. `)).join('');
}
