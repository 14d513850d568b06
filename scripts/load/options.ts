/** `npm run load` options: parsed from the command line, validated, with the defaults of a full run. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

export interface LoadOptions {
  /** Regular questions to send (duplicates, retries and the burst come on top). */
  questions: number;
  /** The first step's rate (questions per second); each next step doubles it, up to `maxRate`. */
  startRate: number;
  /** The last step's rate. */
  maxRate: number;
  /** Questions in the one-user burst on each platform (10 per minute are allowed; the rest must be refused politely). */
  burst: number;
  /** A reply later than this after its question counts as lost. */
  replyTimeoutMs: number;
  /** Seed of the traffic plan: the same seed gives the same questions, users and timing. */
  seed: number;
  /** Prints warnings and errors the bot logged while under load. */
  verbose: boolean;
  /** Runs the bot in the load's own thread instead of a worker thread (it then shares the CPU with the load and the fakes). */
  inProcess: boolean;
  /**
   * Keep a copy of the run's question log here (a new file only). The run writes its own log in a
   * temporary folder and removes it: a real question log (QUESTION_LOG, data/) is never touched.
   */
  keepLog?: string;
}

export const DEFAULTS: LoadOptions = { questions: 6000, startRate: 50, maxRate: 200, burst: 15, replyTimeoutMs: 10_000, seed: 1, verbose: false, inProcess: false };

/** The most questions one run may plan (bounds memory and the Slack ts scheme). */
export const MAX_QUESTIONS = 200_000;

export const USAGE = `usage: npm run load -- [--questions N] [--start-rate R] [--max-rate R] [--burst N] [--timeout-ms MS] [--seed S] [--in-process] [--verbose] [--keep-log FILE]
  --questions N    regular questions to send (default ${DEFAULTS.questions}; duplicates and the burst come on top)
  --start-rate R   first step, questions per second (default ${DEFAULTS.startRate}); each step doubles it
  --max-rate R     last step, questions per second (default ${DEFAULTS.maxRate})
  --burst N        questions in the one-user burst on each platform (default ${DEFAULTS.burst}; 0 for none)
  --timeout-ms MS  a reply later than this counts as lost (default ${DEFAULTS.replyTimeoutMs})
  --seed S         seed of the traffic plan (default ${DEFAULTS.seed})
  --in-process     run the bot in the load's thread, not a worker thread of its own
  --verbose        print the warnings and errors the bot logged
  --keep-log FILE  keep the run's question log as FILE (a new file; for npm run report -- --db FILE).
                   Without it the run's own log, in a temporary folder, is removed; a real question
                   log (QUESTION_LOG, data/) is never read, written or removed`;

export class UsageError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return n;
}

export function parseOptions(argv: string[]): LoadOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        questions: { type: 'string' },
        'start-rate': { type: 'string' },
        'max-rate': { type: 'string' },
        burst: { type: 'string' },
        'timeout-ms': { type: 'string' },
        seed: { type: 'string' },
        verbose: { type: 'boolean' },
        'in-process': { type: 'boolean' },
        'keep-log': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const s = (k: string) => values[k] as string | undefined;
  const opts: LoadOptions = {
    questions: int('questions', s('questions'), DEFAULTS.questions, 1, MAX_QUESTIONS),
    startRate: int('start-rate', s('start-rate'), DEFAULTS.startRate, 1, 100_000),
    maxRate: int('max-rate', s('max-rate'), DEFAULTS.maxRate, 1, 100_000),
    burst: int('burst', s('burst'), DEFAULTS.burst, 0, 100),
    replyTimeoutMs: int('timeout-ms', s('timeout-ms'), DEFAULTS.replyTimeoutMs, 100, 120_000),
    seed: int('seed', s('seed'), DEFAULTS.seed, 0, 2 ** 31 - 1),
    verbose: values.verbose === true,
    inProcess: values['in-process'] === true,
  };
  const keep = s('keep-log');
  if (keep !== undefined) {
    if (!keep.trim()) throw new UsageError('--keep-log needs a file name');
    if (fs.existsSync(keep)) throw new UsageError(`--keep-log ${keep}: a file is there already; name a new one (the load never overwrites a question log)`);
    opts.keepLog = keep;
  }
  if (opts.maxRate < opts.startRate) opts.startRate = opts.maxRate;
  return opts;
}
