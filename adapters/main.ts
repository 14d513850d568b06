/**
 * `npm start`: loads the configuration and the corpus, then starts every surface whose settings
 * are present: Slack (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode),
 * Discord (DISCORD_TOKEN). With neither, it opens a chat in the terminal on the same engine.
 * The one place that reads process.env, handles signals and exits.
 */
import { CorpusError, DEFAULT_CORPUS_DIR, formatIssue } from '../src/index.ts';
import { createLiveEngine, type LiveEngine } from '../src/ops/live-engine.ts';
import { startApp, type RunningBot } from './app.ts';
import { runChat } from './cli/chat.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';

let config: Config;
try {
  config = loadConfig(process.env, Boolean(process.stderr.isTTY));
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}
const { ops } = config;
const secrets = [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, ops.hashKey].filter((s): s is string => Boolean(s));
const logger = createLogger({ level: ops.logLevel, format: ops.logFormat, secrets });

let engine: LiveEngine;
try {
  engine = createLiveEngine(ops.corpusDir ?? DEFAULT_CORPUS_DIR, {
    onReload: (facts) => logger.info(`corpus reloaded: ${facts} facts`),
    onError: (e) => logger.error(`corpus edit refused, the last good corpus keeps serving:\n${e.issues.map(formatIssue).join('\n')}`),
  });
} catch (e) {
  if (!(e instanceof CorpusError)) throw e;
  console.error(e.message);
  process.exit(1);
}

if (!config.slack && !config.discord) {
  await runChat(engine, process, Boolean(process.stdin.isTTY));
  process.exit(0);
}

let running: RunningBot;
try {
  running = await startApp(config, engine, logger);
} catch (e) {
  logger.error((e as Error).message);
  process.exit(1);
}
if (ops.corpusWatch) engine.watch();
logger.info(`${engine.corpus.facts.length} facts loaded; answering${ops.corpusWatch ? ' (corpus edits reload live)' : ''}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: no new questions; finishing answers in flight, then exiting`);
    const timer = setTimeout(() => {
      logger.warn(`shutdown took longer than ${ops.shutdownTimeoutMs} ms; exiting anyway`);
      process.exit(0);
    }, ops.shutdownTimeoutMs).unref();
    engine.close();
    await running.stop();
    clearTimeout(timer);
    logger.info('stopped');
    process.exit(0);
  });
}
