/**
 * The running bot: the runtime (question log, rate limits, health, the bot) and every configured
 * platform, started together and stopped together. serve() calls it with the environment's
 * configuration; the load script and tests call it with their own. Each platform's SDK is loaded
 * only when that platform is configured.
 */
import type { Bot } from '../runtime/bot.ts';
import type { Health } from '../runtime/health.ts';
import type { Metrics } from '../runtime/metrics.ts';
import { startRuntime } from '../runtime/index.ts';
import type { LiveEngine } from '../runtime/live-engine.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Recorder } from '../runtime/record.ts';
import { serve } from '../runtime/service.ts';
import type { Config } from './config.ts';
import type { StartSlackOptions } from './slack/index.ts';

export interface RunningBot {
  bot: Bot;
  health: Health;
  metrics: Metrics;
  /** Where Slack listens (HTTP mode) and where the health routes are. */
  ports: { slack?: number; health?: number };
  /**
   * Stops taking questions, lets answers in flight finish for up to SHUTDOWN_TIMEOUT_MS, closes the
   * log; resolves with how many answers had to be abandoned.
   */
  stop(): Promise<{ abandoned: number }>;
}

export interface StartOptions {
  /** Replaces the SQLite question log (tests, the load script). */
  recorder?: Recorder;
  /** Passed to the Slack adapter (e.g. `retryConfig: { retries: 0 }` in tests). */
  slackClientOptions?: StartSlackOptions['clientOptions'];
  /** An error no retry can fix (a token refused while running): the caller should stop and exit non-zero. */
  onFatal?(message: string): void;
}

export async function startApp(config: Config, engine: LiveEngine, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const { ops } = config;
  const runtime = await startRuntime(ops, engine, logger, options.recorder ? { recorder: options.recorder } : {});
  const { bot, health, metrics, work } = runtime;
  const fatal = (message: string) => (options.onFatal ? options.onFatal(message) : logger.error(message));
  /** Each platform stops taking questions and drains its answers in flight, all at once, within the same time. */
  const platforms: (() => Promise<{ abandoned: number }>)[] = [];
  const ports: RunningBot['ports'] = runtime.healthPort !== undefined ? { health: runtime.healthPort } : {};
  const stopAll = async () => {
    const results = await Promise.all(platforms.map((stop) => stop().catch((e: unknown) => (logger.error('stopping failed', { error: String(e) }), { abandoned: 0 }))));
    const abandoned = results.reduce((n, r) => n + r.abandoned, 0);
    if (abandoned > 0) logger.error(`shutdown: ${abandoned} answers in flight abandoned after ${ops.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS)`);
    else if (platforms.length > 0) logger.info('shutdown: every answer in flight was delivered');
    await runtime.close();
    return { abandoned };
  };

  try {
    if (config.slack) {
      health.set('slack', 'starting');
      const { startSlack } = await import('./slack/index.ts');
      const slack = await startSlack(bot, config.slack, {
        logger,
        logLevel: ops.logLevel === 'debug' || ops.logLevel === 'trace' ? 'debug' : ops.logLevel === 'warn' ? 'warn' : ops.logLevel === 'error' || ops.logLevel === 'fatal' || ops.logLevel === 'silent' ? 'error' : 'info',
        health: runtime.serveHealth,
        ...(options.slackClientOptions ? { clientOptions: options.slackClientOptions } : {}),
        drainMs: ops.shutdownTimeoutMs,
        outboundTimeoutMs: ops.outboundTimeoutMs,
        work,
        onFatal: fatal,
      });
      health.set('slack', 'connected');
      platforms.push(async () => {
        health.set('slack', 'stopping');
        return slack.stop();
      });
      if (slack.port !== undefined) {
        ports.slack = slack.port;
        ports.health ??= slack.port;
      }
      logger.info(slack.mode === 'http' ? `Slack: listening on port ${slack.port} (POST /slack/events, GET /healthz, /readyz)` : 'Slack: connected in Socket Mode');
    }
    if (config.discord) {
      health.set('discord', 'starting');
      const { startDiscord } = await import('./discord/index.ts');
      const discord = await startDiscord(bot, config.discord, { logger, drainMs: ops.shutdownTimeoutMs, outboundTimeoutMs: ops.outboundTimeoutMs, work, onFatal: fatal });
      health.set('discord', 'connected');
      discord.client.on('shardDisconnect', () => health.set('discord', 'disconnected'));
      discord.client.on('shardReconnecting', () => health.set('discord', 'disconnected'));
      discord.client.on('shardResume', () => health.set('discord', 'connected'));
      discord.client.on('shardReady', () => health.set('discord', 'connected'));
      platforms.push(async () => {
        health.set('discord', 'stopping');
        return discord.stop();
      });
      logger.info(`Discord: logged in as ${discord.client.user.tag}`);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }

  let stopping: Promise<{ abandoned: number }> | undefined;
  return { bot, health, metrics, ports, stop: () => (stopping ??= stopAll()) };
}

/** Every secret in a configuration: the logs scrub them from every line. */
export function secretsOf(config: Config): string[] {
  const redisPassword = config.ops.redisUrl ? decodeURIComponent(new URL(config.ops.redisUrl).password) : undefined;
  return [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, redisPassword].filter((s): s is string => Boolean(s));
}

/** Runs the configured platforms as a service until SIGTERM/SIGINT (or `stopOn`): `npm start`, each shard process. */
export async function serveApp(config: Config, stopOn?: Parameters<typeof serve>[2]): Promise<void> {
  await serve({ ops: config.ops, secrets: secretsOf(config) }, (ops, engine, logger, onFatal) => startApp({ ...config, ops }, engine, logger, { onFatal }), stopOn);
}
