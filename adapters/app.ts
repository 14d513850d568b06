/**
 * The running bot: the live corpus, the question log, rate limits, health routes and every
 * configured platform, started together and stopped together. main.ts calls it with the
 * environment's configuration; the load script and tests call it with their own.
 */
import crypto from 'node:crypto';
import { createBot, type Bot } from '../runtime/bot.ts';
import { Health } from '../runtime/health.ts';
import type { LiveEngine } from '../runtime/live-engine.ts';
import { openQuestionLog } from '../runtime/question-log.ts';
import { RateLimiter } from '../runtime/rate-limit.ts';
import { WorkQueue } from '../runtime/work-queue.ts';
import type { Recorder } from '../runtime/record.ts';
import type { Config } from './config.ts';
import { startDiscord } from './discord/index.ts';
import { handleHealth, startHealthServer } from '../runtime/health-http.ts';
import type { Logger } from '../runtime/logger.ts';
import { startSlack } from './slack/index.ts';

export interface RunningBot {
  bot: Bot;
  health: Health;
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
  slackClientOptions?: Parameters<typeof startSlack>[2]['clientOptions'];
  /** An error no retry can fix (a token refused while running): the caller should stop and exit non-zero. */
  onFatal?(message: string): void;
}

export async function startApp(config: Config, engine: LiveEngine, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const { ops } = config;
  const recorder = options.recorder ?? openRecorder(config, logger);
  const bot = createBot({ engine, recorder, limiter: new RateLimiter(ops.rateLimits), maxQuestionChars: ops.maxQuestionChars });
  const health = new Health({
    corpus: () => ({ facts: engine.corpus.facts.length, loadedAt: engine.loadedAt, version: engine.version, ...(engine.lastError ? { lastReloadError: engine.lastError } : {}) }),
    extra: () => ('status' in recorder && typeof recorder.status === 'function' ? { questionLog: recorder.status() } : {}),
  });
  // One queue for the answers of every platform: analysis takes turns with reading requests.
  const work = new WorkQueue();
  const fatal = (message: string) => (options.onFatal ? options.onFatal(message) : logger.error(message));
  /** Each platform stops taking questions and drains its answers in flight, all at once, within the same time. */
  const platforms: (() => Promise<{ abandoned: number }>)[] = [];
  const servers: (() => Promise<void>)[] = [];
  const ports: RunningBot['ports'] = {};
  const stopAll = async () => {
    const results = await Promise.all(platforms.map((stop) => stop().catch((e: unknown) => (logger.error('stopping failed', { error: String(e) }), { abandoned: 0 }))));
    const abandoned = results.reduce((n, r) => n + r.abandoned, 0);
    if (abandoned > 0) logger.error(`shutdown: ${abandoned} answers in flight abandoned after ${ops.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS)`);
    else if (platforms.length > 0) logger.info('shutdown: every answer in flight was delivered');
    for (const close of servers) await close().catch((e: unknown) => logger.error('stopping failed', { error: String(e) }));
    await recorder.close?.();
    return { abandoned };
  };

  try {
    if (config.slack) {
      health.set('slack', 'starting');
      const slack = await startSlack(bot, config.slack, {
        recorder,
        logger,
        logLevel: ops.logLevel === 'debug' || ops.logLevel === 'trace' ? 'debug' : ops.logLevel === 'warn' ? 'warn' : ops.logLevel === 'error' || ops.logLevel === 'fatal' || ops.logLevel === 'silent' ? 'error' : 'info',
        health: (req, res) => handleHealth(health, req, res),
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
      if (slack.port !== undefined) ports.slack = ports.health = slack.port;
      logger.info(slack.mode === 'http' ? `Slack: listening on port ${slack.port} (POST /slack/events, GET /healthz, /readyz)` : 'Slack: connected in Socket Mode');
    }
    if (config.discord) {
      health.set('discord', 'starting');
      const discord = await startDiscord(bot, config.discord, { recorder, logger, drainMs: ops.shutdownTimeoutMs, outboundTimeoutMs: ops.outboundTimeoutMs, work, onFatal: fatal });
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
    if (ops.healthPort !== undefined) {
      const server = await startHealthServer(health, ops.healthPort);
      ports.health = server.port;
      servers.push(server.close);
      logger.info(`health: GET /healthz and /readyz on port ${server.port}`);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }

  let stopping: Promise<{ abandoned: number }> | undefined;
  return { bot, health, ports, stop: () => (stopping ??= stopAll()) };
}

export const UNSET_HASH_KEY = 'QUESTION_LOG_HASH_KEY is not set: user ids are hashed with a key made for this run only, so one user cannot be followed across restarts';

/** The SQLite question log, or none when QUESTION_LOG=off. */
function openRecorder(config: Config, logger: Logger): Recorder {
  const { ops } = config;
  if (ops.questionLog === 'off') return { question() {}, feedback() {} };
  let hashKey = ops.hashKey;
  if (!hashKey) {
    hashKey = crypto.randomBytes(32).toString('hex');
    logger.warn(UNSET_HASH_KEY);
  }
  return openQuestionLog({ path: ops.questionLog, hashKey, retentionDays: ops.retentionDays, logger });
}
