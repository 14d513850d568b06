/**
 * One bot process: the engine, the feedback recorder and startDiscord. shard.ts spawns this file
 * once per shard (discord.js passes SHARDS / SHARD_COUNT in the environment and the client picks
 * them up); it can also be run alone: `tsx adapters/discord/run.ts`.
 * Like `npm start`: the corpus from CORPUS_DIR (default corpus/), votes to FEEDBACK_FILE (default
 * data/feedback.jsonl).
 */
import { loadEngine } from '../../src/index.ts';
import { jsonlRecorder } from '../../src/record.ts';
import { discordConfigFromEnv } from './config.ts';
import { startDiscord } from './index.ts';

try {
  const config = discordConfigFromEnv(process.env);
  if (!config) {
    console.error('DISCORD_TOKEN is not set: put the bot token (Developer Portal → Bot) in the environment.');
    process.exit(1);
  }
  const engine = loadEngine(process.env.CORPUS_DIR || undefined);
  const recorder = jsonlRecorder(process.env.FEEDBACK_FILE || 'data/feedback.jsonl', (e) => console.error('feedback file:', e));
  const bot = await startDiscord(engine, config, { recorder });
  const stop = () => {
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The sharding manager kills children it no longer wants; also stop when it goes away.
  process.once('disconnect', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
