/**
 * `npm start`: starts every surface whose settings are present: Slack (SLACK_BOT_TOKEN +
 * SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode), Discord (DISCORD_TOKEN). With neither,
 * it opens a chat in the terminal on the same engine, but only at a terminal (or with --chat):
 * in a container or under a supervisor, nothing configured is a mistake and exits 2 saying what to
 * set, rather than printing a banner and exiting 0 as if all were well. The one place that reads
 * process.env.
 */
import { randomBytes } from 'node:crypto';
import { openQuestionLog, type QuestionLog } from '../runtime/question-log.ts';
import { CorpusError, DEFAULT_CORPUS_DIR, loadEngine } from '../src/index.ts';
import { serveApp } from './app.ts';
import { runChat } from './cli/chat.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

export const USAGE = 'usage: npm start [-- --chat]   (--chat: the terminal chat even when standard input is not a terminal, e.g. piped questions)';

export const NOTHING_CONFIGURED = `Nothing to run: no Slack or Discord settings, and standard input is not a terminal (a container or a service?), so the terminal chat does not start.
  Slack:   SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode)
  Discord: DISCORD_TOKEN
  The chat on piped input: npm start -- --chat
  (see .env.example and README.md → Configuration)`;

const args = process.argv.slice(2);
const chatFlag = args.includes('--chat');
if (args.some((a) => a !== '--chat')) {
  console.error(args.includes('--help') || args.includes('-h') ? USAGE : `unknown option ${args.find((a) => a !== '--chat')}\n${USAGE}`);
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}

let config: Config;
try {
  config = loadConfig(process.env, Boolean(process.stderr.isTTY));
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}

if (config.slack || config.discord) {
  await serveApp(config);
} else if (!process.stdin.isTTY && !chatFlag) {
  console.error(NOTHING_CONFIGURED);
  process.exit(2);
} else {
  const log = chatLog(config);
  // `npm start -- --chat < questions | head`: a closed pipe ends the chat quietly (the log written first).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    log?.close();
    process.exit(e.code === 'EPIPE' ? 0 : 1);
  });
  try {
    await runChat(loadEngine(config.ops.corpusDir ?? DEFAULT_CORPUS_DIR), process, Boolean(process.stdin.isTTY), log);
  } catch (e) {
    if (!(e instanceof CorpusError)) throw e;
    console.error(e.message);
    log?.close();
    process.exit(1);
  }
  log?.close();
  process.exit(0);
}

/**
 * The question log for the terminal chat (QUESTION_LOG, `off` for none), as the bot's: its problems
 * go to standard error as one line each. No user id is ever given, so the key only hashes ids a
 * question might quote; a key made for this run does as well as any.
 */
function chatLog(config: Config): QuestionLog | undefined {
  if (config.ops.questionLog === 'off') return undefined;
  const say = (message: string) => console.error(message);
  return openQuestionLog({
    path: config.ops.questionLog,
    hashKey: config.ops.hashKey ?? randomBytes(32).toString('hex'),
    retentionDays: config.ops.retentionDays,
    logger: { info() {}, warn: say, error: say },
  });
}
