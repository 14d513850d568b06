/**
 * `npm run ask -- [options] "질문"`: answers from the command line.
 *   "질문"             the answer, related facts and the citation (출처: / Source:)
 *   --json "질문"      one JSON object; with no question, one per line of standard input
 *   --topics           one topic per line: id, a tab, its title
 *   --fact <id|topic>  a fact, a topic summary or the timeline, with citations
 *   --lang ko|en       the language of --topics and --fact (default ko)
 *   --explain "질문"   why: the parsed question, the decision, each candidate's rules and closest example (with --json: the Explanation)
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadEngine, CorpusError, type Engine } from '../../src/index.ts';
import { isMain } from '../entry.ts';
import { answerJson, renderAnswer, renderExplanation, renderQuickFact, renderTopics } from './format.ts';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `usage: npm run ask -- [--json] [--explain] "질문" | --json < questions.txt | --topics | --fact <topic-or-id> [--lang ko|en]`;

/** Runs the CLI on `argv`; returns the exit code. I/O is injected so tests drive the real code. */
export async function runAsk(argv: string[], io: Io, engineFactory: () => Engine = () => loadEngine()): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        topics: { type: 'boolean', default: false },
        fact: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const lang = values.lang ?? 'ko';
  if (lang !== 'ko' && lang !== 'en') {
    io.stderr.write(`--lang must be ko or en\n${USAGE}\n`);
    return 2;
  }

  let engine: Engine;
  try {
    engine = engineFactory();
  } catch (e) {
    if (e instanceof CorpusError) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }

  if (values.topics) {
    io.stdout.write(`${renderTopics(engine.topics(lang))}\n`);
    return 0;
  }
  if (values.fact !== undefined) {
    const q = engine.fact(values.fact, lang);
    if (!q) {
      io.stderr.write(lang === 'ko' ? `"${values.fact}"에 해당하는 사실이나 주제가 없어요. --topics로 목록을 보세요.\n` : `No fact or topic matches "${values.fact}". See --topics.\n`);
      return 1;
    }
    io.stdout.write(values.json ? `${JSON.stringify(q)}\n` : `${renderQuickFact(q)}\n`);
    return 0;
  }

  const question = positionals.join(' ');
  if (values.json && positionals.length === 0) {
    // Batch mode: one question per line in, one JSON object per line out, in order.
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const ok = io.stdout.write(`${JSON.stringify(answerJson(engine.ask(line)))}\n`);
      if (!ok) await new Promise((r) => io.stdout.once('drain', r));
    }
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (values.explain) {
    const x = engine.explain(question);
    io.stdout.write(values.json ? `${JSON.stringify(x)}\n` : `${renderExplanation(x)}\n`);
    return 0;
  }
  const answer = engine.ask(question);
  io.stdout.write(values.json ? `${JSON.stringify(answerJson(answer))}\n` : `${renderAnswer(answer)}\n`);
  return 0;
}

if (isMain(import.meta.url)) {
  // `ask --json < questions | head`: a closed pipe ends the run quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : Promise.reject(e)));
  process.exitCode = await runAsk(process.argv.slice(2), process);
}
