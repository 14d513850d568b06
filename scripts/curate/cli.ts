/**
 * `npm run curate`: turn what the bot got wrong into examples, aliases, out-of-scope marks and new
 * facts, each change validated and followed by the eval's before/after line.
 *   (no options, at a terminal)     walk the open items of the question log one by one
 *   --list [--json]                 the open items: unanswered questions grouped by rewording and 👎
 *                                   answers, most asked first, with the top candidate fact
 *   --attach "Q" --to FACT_ID       attach Q as an example question of the fact
 *   --out-of-scope "Q" [--note N]   mark Q out of scope (corpus/out-of-scope.yaml)
 *   --stale [--json]                plans past their due date that no later fact supersedes
 *   --db FILE|FOLDER (repeatable)   the question log(s); default QUESTION_LOG or data/questions.db
 * CORPUS_DIR names the corpus (default corpus/). Exit codes: 0 done, 1 the corpus or log failed,
 * 2 bad usage (an unknown fact id, a question already attached elsewhere).
 */
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { EditError, attachExample, markOutOfScope } from './edit.ts';
import { evalChange } from './eval-line.ts';
import { stalePlans } from './stale.ts';

export interface CurateIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Today, YYYY-MM-DD (injectable for tests). */
  today(): string;
  isTTY: boolean;
}

const USAGE = `usage: npm run curate -- [--list [--json]] | --attach "QUESTION" --to FACT_ID | --out-of-scope "QUESTION" [--note TEXT] | --stale [--json]   (options: --db FILE|FOLDER …)`;

export interface CurateArgs {
  corpusDir: string;
  dbs: string[];
  json: boolean;
}

/** Runs the curator on `argv`; returns the exit code. */
export async function runCurate(argv: string[], io: CurateIo, interactive?: (args: CurateArgs, io: CurateIo) => Promise<number>, list?: (args: CurateArgs, io: CurateIo) => Promise<number>): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        list: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        attach: { type: 'string' },
        to: { type: 'string' },
        'out-of-scope': { type: 'string' },
        note: { type: 'string' },
        stale: { type: 'boolean', default: false },
        db: { type: 'string', multiple: true },
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
  const corpusDir = io.env.CORPUS_DIR || 'corpus';
  const args: CurateArgs = { corpusDir, dbs: values.db ?? [io.env.QUESTION_LOG || 'data/questions.db'], json: values.json };
  let corpus: Corpus;
  try {
    corpus = loadCorpus(corpusDir);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }

  if (values.attach !== undefined || values['out-of-scope'] !== undefined) {
    if (values.attach !== undefined && !values.to) {
      io.stderr.write(`--attach needs --to FACT_ID\n${USAGE}\n`);
      return 2;
    }
    try {
      const after =
        values.attach !== undefined
          ? attachExample(corpusDir, corpus, values.to!, values.attach.trim())
          : markOutOfScope(corpusDir, corpus, values['out-of-scope']!.trim(), io.today(), values.note);
      io.stdout.write(values.attach !== undefined ? `attached to ${values.to}: ${values.attach.trim()}\n` : `marked out of scope: ${values['out-of-scope']!.trim()}\n`);
      reportEval(corpus, after, io);
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
  if (values.list) return list ? list(args, io) : 0;
  if (!io.isTTY) {
    io.stderr.write(`curate: no terminal for the interactive walk; use --list, --attach, --out-of-scope or --stale\n${USAGE}\n`);
    return 2;
  }
  return interactive ? interactive(args, io) : 0;
}

/** Prints the eval's before/after line and the dev questions whose answer changed. */
export function reportEval(before: Corpus, after: Corpus, io: Pick<CurateIo, 'stdout'>): void {
  const change = evalChange(before, after);
  io.stdout.write(`${change.line}\n`);
  for (const c of change.changed.slice(0, 20)) io.stdout.write(`  [${c.file}] ${c.q}: ${c.before} → ${c.after}\n`);
  if (change.changed.length > 20) io.stdout.write(`  … and ${change.changed.length - 20} more\n`);
}
