/**
 * `npm start`: starts every surface whose settings are present: Slack (SLACK_BOT_TOKEN +
 * SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode), Discord (DISCORD_TOKEN). With neither,
 * it opens a chat in the terminal on the same engine. The one place that reads process.env.
 */
import { CorpusError, DEFAULT_CORPUS_DIR, loadEngine } from '../src/index.ts';
import { runChat } from './cli/chat.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { serveApp } from './app.ts';

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
} else {
  try {
    await runChat(loadEngine(config.ops.corpusDir ?? DEFAULT_CORPUS_DIR), process, Boolean(process.stdin.isTTY));
  } catch (e) {
    if (!(e instanceof CorpusError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  process.exit(0);
}
