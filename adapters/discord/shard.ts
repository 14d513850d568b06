/**
 * Sharding: `tsx adapters/discord/shard.ts` (or `node dist/adapters/discord/shard.js`) starts a
 * ShardingManager that spawns one bot process (run.ts → startDiscord) per shard. Discord requires
 * sharding from 2,500 guilds; each process then holds one gateway connection and the guilds Discord
 * routes to it ((guild_id >> 22) % shard_count). DISCORD_SHARD_COUNT fixes the count; by default
 * Discord's recommendation (GET /gateway/bot at DISCORD_API_URL) is used.
 *
 * The manager serves the one health endpoint of the whole sharded bot on HEALTH_PORT (/healthz,
 * /readyz with each shard's state, /metrics added up over the shards); the shard processes open no
 * port. It logs through pino like the shards, so every line of its output is JSON (or pretty).
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { startHealthServer } from '../../runtime/health-http.ts';
import { createLogger } from '../../runtime/logger.ts';
import { installProcessGuards } from '../../runtime/process-guard.ts';
import { ShardsStatus } from '../../runtime/shard-status.ts';
import { secretsOf } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { isMain } from '../entry.ts';
import type { DiscordConfig } from './config.ts';
import type { Logger } from './context.ts';

export interface ShardOptions {
  /** Shards to spawn; default config.shardCount, else Discord's recommendation. */
  totalShards?: number;
  /** Between two shard spawns (Discord allows one identify per 5 s per bucket). Default config.shardSpawnDelayMs, else 5500. */
  spawnDelayMs?: number;
  /** How long one shard may take to become ready. Default 60 s. */
  readyTimeoutMs?: number;
  /** Serve /healthz, /readyz and /metrics for all shards on this port (HEALTH_PORT). */
  healthPort?: number;
  logger?: Logger;
  /** Do not pass the shard processes' output through (tests). */
  silent?: boolean;
}

export interface ShardedBot {
  manager: ShardingManager;
  status: ShardsStatus;
  /** The health server's port, when one was asked for. */
  healthPort?: number;
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
  // Built (dist/…/shard.js) the children are run.js under plain node; from source, run.ts under tsx.
  const built = import.meta.url.endsWith('.js');
  const script = fileURLToPath(new URL(built ? './run.js' : './run.ts', import.meta.url));
  const tsx = built ? undefined : pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const manager = new ShardingManager(script, {
    token: config.token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: tsx ? ['--import', tsx] : [],
    silent: opts.silent ?? false,
  });
  const status = new ShardsStatus(() => manager.shards.values(), totalShards);
  manager.on('shardCreate', (shard: Shard) => {
    logger.info(`discord: shard ${shard.id + 1}/${totalShards} starting`, { shard: shard.id });
    status.set(shard.id, 'starting');
    shard.on('spawn', () => status.set(shard.id, 'starting'));
    shard.on('ready', () => status.set(shard.id, 'ready'));
    shard.on('resume', () => status.set(shard.id, 'ready'));
    shard.on('disconnect', () => status.set(shard.id, 'disconnected'));
    shard.on('reconnecting', () => status.set(shard.id, 'disconnected'));
    shard.on('death', (child) => {
      status.set(shard.id, 'down');
      logger.warn(`discord: shard ${shard.id} exited (code ${'exitCode' in child ? child.exitCode : 'unknown'}); respawning`, { shard: shard.id });
    });
  });

  let health: Awaited<ReturnType<typeof startHealthServer>> | undefined;
  if (opts.healthPort !== undefined) {
    health = await startHealthServer(status, opts.healthPort);
    logger.info(`health: GET /healthz, /readyz and /metrics for all ${totalShards} shard(s) on port ${health.port}`);
  }
  try {
    await manager.spawn({ amount: totalShards, delay: opts.spawnDelayMs ?? config.shardSpawnDelayMs ?? 5500, timeout: opts.readyTimeoutMs ?? 60_000 });
  } catch (e) {
    await health?.close();
    throw e;
  }
  logger.info(`discord: all ${totalShards} shard(s) ready`);
  return {
    manager,
    status,
    ...(health ? { healthPort: health.port } : {}),
    /** Stops every shard process (SIGTERM: each finishes its answers and logs out) and waits for them to exit. */
    async stop() {
      const exits: Promise<unknown>[] = [];
      for (const shard of manager.shards.values()) {
        shard.removeAllListeners('death');
        const child = shard.process;
        if (child && child.exitCode === null && child.signalCode === null) exits.push(once(child, 'exit'));
        shard.kill();
      }
      await Promise.all(exits);
      await health?.close();
    },
  };
}

if (isMain(import.meta.url)) {
  let config;
  try {
    config = loadConfig(process.env, Boolean(process.stderr.isTTY));
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const { ops, discord } = config;
  const logger = createLogger({ level: ops.logLevel, format: ops.logFormat, secrets: secretsOf(config) });
  installProcessGuards(logger);
  if (!discord) {
    logger.error('DISCORD_TOKEN is not set: put the bot token (Developer Portal → Bot) in the environment.');
    logger.flushSync();
    process.exit(1);
  }
  try {
    const bot = await startShards(discord, { logger, ...(ops.healthPort !== undefined ? { healthPort: ops.healthPort } : {}) });
    const stop = (signal: string) => {
      logger.info(`${signal}: stopping every shard`);
      void bot.stop().finally(() => {
        logger.info('stopped');
        logger.flushSync();
        process.exit(0);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (e) {
    logger.error(`discord: the shards could not be started: ${e instanceof Error ? e.message : String(e)}`);
    logger.flushSync();
    process.exit(1);
  }
}
