/**
 * Sharding: `tsx adapters/discord/shard.ts` starts a ShardingManager that spawns one bot process
 * (run.ts → startDiscord) per shard. Discord requires sharding from 2,500 guilds; each process then
 * holds one gateway connection and the guilds Discord routes to it ((guild_id >> 22) % shard_count).
 * DISCORD_SHARD_COUNT fixes the count; by default Discord's recommendation (GET /gateway/bot at
 * DISCORD_API_URL) is used.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { isMain, runMain } from '../entry.ts';
import { requireDiscordConfig, type DiscordConfig } from './config.ts';
import type { Logger } from './context.ts';

export interface ShardOptions {
  /** Shards to spawn; default config.shardCount, else Discord's recommendation. */
  totalShards?: number;
  /** Between two shard spawns (Discord allows one identify per 5 s per bucket). Default 5500. */
  spawnDelayMs?: number;
  /** How long one shard may take to become ready. Default 60 s. */
  readyTimeoutMs?: number;
  logger?: Logger;
  /** Do not pass the shard processes' output through (tests). */
  silent?: boolean;
}

export interface ShardedBot {
  manager: ShardingManager;
  stop(): Promise<void>;
}

/** Discord's recommended shard count, asked of the configured API (discord.js's own helper always asks discord.com). */
export async function recommendedShardCount(config: DiscordConfig): Promise<number> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

export async function startShards(config: DiscordConfig, opts: ShardOptions = {}): Promise<ShardedBot> {
  const logger = opts.logger ?? console;
  const totalShards = opts.totalShards ?? config.shardCount ?? (await recommendedShardCount(config));
  const script = fileURLToPath(new URL('./run.ts', import.meta.url));
  // The children are TypeScript too: load tsx into them (resolved here, so any working directory works).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const manager = new ShardingManager(script, {
    token: config.token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: ['--import', tsx],
    silent: opts.silent ?? false,
  });
  manager.on('shardCreate', (shard: Shard) => {
    logger.info(`discord: shard ${shard.id + 1}/${totalShards} starting`);
    shard.on('death', () => logger.warn(`discord: shard ${shard.id} exited; respawning`));
  });
  await manager.spawn({ amount: totalShards, delay: opts.spawnDelayMs ?? 5500, timeout: opts.readyTimeoutMs ?? 60_000 });
  logger.info(`discord: all ${totalShards} shard(s) ready`);
  return {
    manager,
    /** Stops every shard process (SIGTERM: each logs out) and waits for them to exit. */
    async stop() {
      const exits: Promise<unknown>[] = [];
      for (const shard of manager.shards.values()) {
        shard.removeAllListeners('death');
        const child = shard.process;
        if (child && child.exitCode === null && child.signalCode === null) exits.push(once(child, 'exit'));
        shard.kill();
      }
      await Promise.all(exits);
    },
  };
}

if (isMain(import.meta.url)) {
  await runMain(async () => {
    const config = requireDiscordConfig(process.env);
    const bot = await startShards(config);
    const stop = () => void bot.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
