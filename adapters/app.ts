/**
 * The running bot: the live corpus, the question log, rate limits, health routes and every
 * configured platform, started together and stopped together. main.ts calls it with the
 * environment's configuration; the load script and tests call it with their own.
 */
import crypto from 'node:crypto';
import { createBot, type Bot } from '../src/ops/bot.ts';
import { Health } from '../src/ops/health.ts';
import type { LiveEngine } from '../src/ops/live-engine.ts';
import { openQuestionLog } from '../src/ops/question-log.ts';
import { RateLimiter } from '../src/ops/rate-limit.ts';
import type { Recorder } from '../src/record.ts';
import type { Config } from './config.ts';
import { startDiscord } from './discord/index.ts';
import { handleHealth, startHealthServer } from './health.ts';
import type { Logger } from './logger.ts';
import { startSlack } from './slack/index.ts';

export interface RunningBot {
  bot: Bot;
  health: Health;
  /** Where Slack listens (HTTP mode) and where the health routes are. */
  ports: { slack?: number; health?: number };
  /** Stops taking questions, lets answers in flight finish, closes the log; resolves when done. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Replaces the SQLite question log (tests, the load script). */
  recorder?: Recorder;
  /** Passed to the Slack adapter (e.g. `retryConfig: { retries: 0 }` in tests). */
  slackClientOptions?: Parameters<typeof startSlack>[2]['clientOptions'];
}

export async function startApp(config: Config, engine: LiveEngine, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const { ops } = config;
  const recorder = options.recorder ?? openRecorder(config, logger);
  const bot = createBot({ engine, recorder, limiter: new RateLimiter(ops.rateLimits), maxQuestionChars: ops.maxQuestionChars });
  const health = new Health({
    corpus: () => ({ facts: engine.corpus.facts.length, loadedAt: engine.loadedAt, version: engine.version, ...(engine.lastError ? { lastReloadError: engine.lastError } : {}) }),
    extra: () => ('status' in recorder && typeof recorder.status === 'function' ? { questionLog: recorder.status() } : {}),
  });
  const stops: (() => Promise<void>)[] = [];
  const ports: RunningBot['ports'] = {};
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => logger.error('stopping failed', { error: String(e) }));
    await recorder.close?.();
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
      });
      health.set('slack', 'connected');
      stops.push(async () => {
        health.set('slack', 'stopping');
        await slack.stop();
      });
      if (slack.port !== undefined) ports.slack = ports.health = slack.port;
      logger.info(slack.mode === 'http' ? `Slack: listening on port ${slack.port} (POST /slack/events, GET /healthz, /readyz)` : 'Slack: connected in Socket Mode');
    }
    if (config.discord) {
      health.set('discord', 'starting');
      const discord = await startDiscord(bot, config.discord, { recorder, logger });
      health.set('discord', 'connected');
      discord.client.on('shardDisconnect', () => health.set('discord', 'disconnected'));
      discord.client.on('shardReconnecting', () => health.set('discord', 'disconnected'));
      discord.client.on('shardResume', () => health.set('discord', 'connected'));
      discord.client.on('shardReady', () => health.set('discord', 'connected'));
      stops.push(async () => {
        health.set('discord', 'stopping');
        await discord.stop();
      });
      logger.info(`Discord: logged in as ${discord.client.user.tag}`);
    }
    if (ops.healthPort !== undefined) {
      const server = await startHealthServer(health, ops.healthPort);
      ports.health = server.port;
      stops.push(server.close);
      logger.info(`health: GET /healthz and /readyz on port ${server.port}`);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }

  let stopping: Promise<void> | undefined;
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
