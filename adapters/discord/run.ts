/**
 * One Discord bot process, the same bot as `npm start` (question log, rate limits, live corpus,
 * health on HEALTH_PORT) with Discord only. shard.ts spawns this file once per shard (discord.js
 * passes SHARDS / SHARD_COUNT in the environment and the client picks them up); it can also run
 * alone: `tsx adapters/discord/run.ts`.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { serveApp } from '../app.ts';

try {
  const { slack: _slack, ...config } = loadConfig(process.env, Boolean(process.stderr.isTTY));
  if (!config.discord) throw new Error('DISCORD_TOKEN is not set: put the bot token (Developer Portal → Bot) in the environment.');
  // Under the sharding manager, HEALTH_PORT is the manager's: it serves health for every shard.
  if (process.env.SHARDING_MANAGER) delete config.ops.healthPort;
  // The sharding manager kills children it no longer wants; also stop when it goes away.
  await serveApp(config, ['SIGINT', 'SIGTERM', 'disconnect']);
} catch (e) {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
  process.exit(1);
}
