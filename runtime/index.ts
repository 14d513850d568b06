/**
 * The runtime around the engine, started once per process: the question log, rate limits,
 * de-duplication, follow-up context, the work queue, health, and the bot the adapters talk to
 * (runtime/bot.ts). It knows no platform: adapters/app.ts starts Slack and Discord on top of it.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { createBot, type AnswerEvent, type Bot, type DedupeScope } from './bot.ts';
import type { OpsConfig } from './config.ts';
import { ConversationCache, Conversations } from './conversations.ts';
import { RedisConversationStore } from './conversations-redis.ts';
import { SeenCache, type SeenStore } from './dedupe.ts';
import { RedisSeenStore } from './dedupe-redis.ts';
import { Health } from './health.ts';
import { handleHealth, startHealthServer, type StatusSource } from './health-http.ts';
import type { LiveEngine } from './live-engine.ts';
import type { Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { openQuestionLog, type QuestionLogStatus } from './question-log.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { RedisRateLimiter } from './rate-limit-redis.ts';
import type { Recorder } from './record.ts';
import { connectRedis, type SharedRedis } from './redis.ts';
import { WorkQueue } from './work-queue.ts';

export type { Bot, BotAnswer } from './bot.ts';

export interface Runtime {
  /** The one interface adapters use. */
  bot: Bot;
  health: Health;
  metrics: Metrics;
  /** Liveness, readiness and metrics, for any status server. */
  status: StatusSource;
  /** Where answers are computed, one queue for every platform: analysis takes turns with reading requests. */
  work: WorkQueue;
  /** Serves GET /healthz, /readyz and /metrics on another server (the Slack HTTP receiver's). */
  serveHealth(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** The HEALTH_PORT server's port, when one was asked for. */
  healthPort?: number;
  /** Set with REDIS_URL. */
  redis?: SharedRedis;
  /** Stops the health server and closes the question log and Redis (after the platforms have drained). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Replaces the SQLite question log (tests, the load script). */
  recorder?: Recorder;
}

/** How long a Slack delivery is remembered: Slack retries within minutes. */
const DEDUPE_TTL_SEC = 10 * 60;

export async function startRuntime(ops: OpsConfig, engine: LiveEngine, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  // One key for the question log and the follow-up context, so a user's hash is the same in both.
  const hashKey = ops.hashKey ?? runKey(logger);
  const recorder = options.recorder ?? openRecorder(ops, hashKey, logger);
  const prefix = ops.redisKeyPrefix ?? 'qa-bot:';
  const redis = ops.redisUrl ? await connectRedis(ops.redisUrl, { logger }) : undefined;
  const memoryLimits = new RateLimiter(ops.rateLimits);
  const limiter: RateLimit = redis ? new RedisRateLimiter(ops.rateLimits, redis, `${prefix}rate:`, memoryLimits) : memoryLimits;
  const dedupe = (scope: DedupeScope): SeenStore => {
    const memory = new SeenCache({ ttlMs: DEDUPE_TTL_SEC * 1000 });
    return redis ? new RedisSeenStore(redis, `${prefix}seen:${scope}:`, DEDUPE_TTL_SEC, memory) : memory;
  };
  const ttlMs = ops.followUpTtlMinutes * 60_000;
  const memoryConversations = new ConversationCache();
  const conversations = new Conversations({ store: redis ? new RedisConversationStore(redis, { prefix: `${prefix}conv:`, ttlMs }, memoryConversations) : memoryConversations, hashKey, ttlMs });
  const work = new WorkQueue();
  const corpus = () => ({ facts: engine.corpus.facts.length, loadedAt: engine.loadedAt, version: engine.version, ...(engine.lastError ? { lastReloadError: engine.lastError } : {}) });
  const questionLog = () => ('status' in recorder && typeof recorder.status === 'function' ? (recorder.status() as QuestionLogStatus) : undefined);
  const metrics = new Metrics({ corpus, questionLog, ...(redis ? { redis: () => redis.status().state } : {}) });
  const bot = createBot({
    engine,
    recorder,
    limiter,
    dedupe,
    conversations,
    work,
    maxQuestionChars: ops.maxQuestionChars,
    onAnswer: answerLog(metrics, logger, ops.shard),
    onPlatformCall: (platform, event, status) => metrics.apiCall(platform, event, status),
  });
  const health = new Health({
    corpus,
    extra: () => {
      const log = questionLog();
      return { ...(log ? { questionLog: log } : {}), ...(redis ? { redis: redis.status() } : {}) };
    },
  });
  const status: StatusSource = { liveness: () => health.liveness(), readiness: () => health.readiness(), metrics: () => metrics.text() };
  const closers: (() => Promise<void>)[] = [];
  let healthPort: number | undefined;
  // Up before the platforms, so that a supervisor sees them "starting" rather than nothing.
  if (ops.healthPort !== undefined) {
    try {
      const server = await startHealthServer(status, ops.healthPort);
      healthPort = server.port;
      closers.push(server.close);
      logger.info(`health: GET /healthz and /readyz on port ${server.port} (and /metrics)`);
    } catch (e) {
      await recorder.close?.();
      await redis?.close();
      throw e;
    }
  }
  return {
    bot,
    health,
    metrics,
    status,
    work,
    serveHealth: (req, res) => handleHealth(status, req, res),
    ...(healthPort !== undefined ? { healthPort } : {}),
    ...(redis ? { redis } : {}),
    async close() {
      for (const close of closers) await close().catch((e: unknown) => logger.error('stopping failed', { error: String(e) }));
      await recorder.close?.();
      await redis?.close();
    },
  };
}

/**
 * Each question as one log line of fields, and in the metrics. Never the question's text: the
 * question log keeps it, and a log line may end up anywhere. In a shard process the logger adds
 * `shard` to every line; elsewhere it is null here.
 */
function answerLog(metrics: Metrics, logger: Logger, shard: number | undefined): (e: AnswerEvent) => void {
  return (e) => {
    metrics.answered(e.platform, e.outcome, e.latencyMs / 1000);
    const fields = { platform: e.platform, channelKind: e.channelKind, outcome: e.outcome, factId: e.factId ?? null, followUp: e.followUp ?? null, latencyMs: Math.round(e.latencyMs * 10) / 10, requestId: e.requestId, ...(shard === undefined ? { shard: null } : {}) };
    if (e.outcome === 'error') logger.error('answer failed', { ...fields, error: e.error instanceof Error ? e.error.message : String(e.error) });
    else logger.info('answer', fields);
  };
}

export const UNSET_HASH_KEY = 'QUESTION_LOG_HASH_KEY is not set: user ids are hashed with a key made for this run only, so one user cannot be followed across restarts';

/** A key for this run only, when none is configured (serve() makes one first; tests and scripts may not). */
function runKey(logger: Logger): string {
  logger.warn(UNSET_HASH_KEY);
  return crypto.randomBytes(32).toString('hex');
}

/** The SQLite question log, or none when QUESTION_LOG=off. */
function openRecorder(ops: OpsConfig, hashKey: string, logger: Logger): Recorder {
  if (ops.questionLog === 'off') return { question() {}, feedback() {} };
  return openQuestionLog({ path: ops.questionLog, hashKey, retentionDays: ops.retentionDays, logger });
}
