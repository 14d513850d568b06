/**
 * Runs the bot as a long-running service: logs, process guards, the live corpus, then `start`
 * (adapters/app.ts: the runtime and the platforms), stopped cleanly on SIGTERM/SIGINT (and on
 * `stopOn` events, e.g. a shard's parent going away) with the exit code a supervisor should see.
 * Used by `npm start` (adapters/main.ts) and by each Discord shard process (discord/run.ts), so
 * both run the same bot.
 */
import crypto from 'node:crypto';
import { CorpusError, DEFAULT_CORPUS_DIR, formatIssue } from '../src/index.ts';
import type { OpsConfig } from './config.ts';
import type { Health } from './health.ts';
import { UNSET_HASH_KEY } from './index.ts';
import { createLiveEngine, type LiveEngine } from './live-engine.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { installProcessGuards } from './process-guard.ts';
import { answerStatusRequests } from './shard-status.ts';

export interface ServiceConfig {
  ops: OpsConfig;
  /** Every secret of the configuration, scrubbed from every log line. */
  secrets: readonly string[];
}

/** Starts what runs on the engine; its stop() drains answers in flight and resolves with how many were abandoned. */
export type StartService = (ops: OpsConfig, engine: LiveEngine, logger: Logger, onFatal: (message: string) => void) => Promise<{ stop(): Promise<{ abandoned: number }>; health: Health; metrics: Metrics }>;

export async function serve(configured: ServiceConfig, start: StartService, stopOn: readonly ('SIGINT' | 'SIGTERM' | 'disconnect')[] = ['SIGINT', 'SIGTERM']): Promise<void> {
  // One key for the question log and the logs, so a user's hash is the same in both.
  const hashKey = configured.ops.hashKey ?? crypto.randomBytes(32).toString('hex');
  const ops: OpsConfig = { ...configured.ops, hashKey };
  const secrets = [...configured.secrets, hashKey];
  const logger = createLogger({ level: ops.logLevel, format: ops.logFormat, secrets, hashKey, ...(ops.shard !== undefined ? { base: { shard: ops.shard } } : {}) });
  installProcessGuards(logger);
  // Replicas each with a key of their own name a conversation differently: none finds another's context.
  if (!configured.ops.hashKey) logger.warn(ops.redisUrl ? `${UNSET_HASH_KEY}; with REDIS_URL, replicas also do not share follow-up context (set the same key on all)` : UNSET_HASH_KEY);

  let engine: LiveEngine;
  try {
    engine = createLiveEngine(ops.corpusDir ?? DEFAULT_CORPUS_DIR, {
      onReload: (facts, version) => logger.info(`corpus reloaded: ${facts} facts (version ${version})`),
      onError: (e) => logger.error(`corpus edit refused, the last good corpus keeps serving:\n${e.issues.map(formatIssue).join('\n')}`),
      onWatchError: (e) => logger.warn(`corpus watching: ${e.message}; watching again`),
    });
  } catch (e) {
    if (!(e instanceof CorpusError)) throw e;
    console.error(e.message);
    process.exit(1);
  }

  let running: Awaited<ReturnType<StartService>> | undefined;
  let stopping = false;
  /** Stops taking questions, drains, closes; exits 1 if answers were abandoned or `failed`. */
  const shutdown = async (why: string, failed: boolean) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${why}: no new questions; finishing answers in flight (up to ${ops.shutdownTimeoutMs} ms), then exiting`);
    // A last resort if stopping itself hangs: the drain has its own limit, closing gets a little more.
    setTimeout(() => {
      logger.error(`shutdown did not finish in ${ops.shutdownTimeoutMs + SHUTDOWN_GRACE_MS} ms; exiting`);
      logger.flushSync();
      process.exit(1);
    }, ops.shutdownTimeoutMs + SHUTDOWN_GRACE_MS).unref();
    engine.close();
    const { abandoned } = (await running?.stop()) ?? { abandoned: 0 };
    logger.info(`stopped${failed ? ' after an unrecoverable error' : ''}`);
    logger.flushSync();
    process.exit(failed || abandoned > 0 ? 1 : 0);
  };
  // Errors no retry can fix (a token refused while running): say so and exit non-zero, so that a
  // supervisor restarts the bot or tells someone, instead of a live process that never answers.
  const onFatal = (message: string) => {
    logger.error(message);
    void shutdown('unrecoverable error', true);
  };

  try {
    running = await start(ops, engine, logger, onFatal);
  } catch (e) {
    logger.error((e as Error).message);
    logger.flushSync();
    process.exit(1);
  }
  // A shard process: its manager serves health and metrics for all shards, asking each over IPC.
  const send = process.send?.bind(process);
  if (ops.shard !== undefined && send) answerStatusRequests(() => running.health.readiness(), running.metrics, (m) => void send(m), (l) => void process.on('message', l));
  if (ops.corpusWatch) engine.watch();
  logger.info(`${engine.corpus.facts.length} facts loaded; answering${ops.corpusWatch ? ' (corpus edits reload live)' : ''}`);
  for (const signal of stopOn) process.on(signal, () => void shutdown(signal, false));
}

/** Beyond SHUTDOWN_TIMEOUT_MS, for closing connections and the question log after the drain. */
const SHUTDOWN_GRACE_MS = 3_000;
