/**
 * `npm start`: loads the corpus, then starts every surface whose settings are present: Slack
 * (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, Socket Mode with SLACK_APP_TOKEN), Discord
 * (DISCORD_TOKEN). With neither, it opens a chat in the terminal on the same engine.
 * The one place that reads process.env and exits.
 */
import { loadEngine, CorpusError } from '../src/index.ts';
import { jsonlRecorder } from '../src/record.ts';
import { runChat } from './cli/chat.ts';
import { discordConfigFromEnv, startDiscord } from './discord/index.ts';
import { slackConfigFromEnv, startSlack } from './slack/index.ts';

const log = (msg: string) => console.error(`[bot] ${msg}`);

function fail(e: unknown): never {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

let engine;
try {
  engine = loadEngine(process.env.CORPUS_DIR || undefined);
} catch (e) {
  if (e instanceof CorpusError) fail(e);
  throw e;
}

let slack, discord;
try {
  slack = slackConfigFromEnv(process.env);
  discord = discordConfigFromEnv(process.env);
} catch (e) {
  fail(e);
}

if (!slack && !discord) {
  await runChat(engine, process, Boolean(process.stdin.isTTY));
  process.exit(0);
}

const recorder = jsonlRecorder(process.env.FEEDBACK_FILE || 'data/feedback.jsonl', (e) => log(`could not record feedback: ${(e as Error).message}`));
const stops: (() => Promise<void>)[] = [];
try {
  if (slack) {
    const handle = await startSlack(engine, slack, { recorder });
    stops.push(handle.stop);
    log(handle.mode === 'http' ? `Slack: listening on port ${handle.port} (POST /slack/events)` : 'Slack: connected in Socket Mode');
  }
  if (discord) {
    const bot = await startDiscord(engine, discord, { recorder });
    stops.push(bot.stop);
    log(`Discord: logged in as ${bot.client.user.tag}`);
  }
} catch (e) {
  await Promise.allSettled(stops.map((s) => s()));
  fail(e);
}
log(`${engine.corpus.facts.length} facts loaded; answering.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing answers in flight, then exiting`);
    await Promise.allSettled(stops.map((s) => s()));
    process.exit(0);
  });
}
