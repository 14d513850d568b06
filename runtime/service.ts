/**
 * Starts the bot as a long-running service from a configuration: logs, the live corpus, and
 * startApp (question log, rate limits, health, the platforms), stopped cleanly on SIGTERM/SIGINT
 * (and on `stopOn` events, e.g. a shard's parent going away). Used by `npm start` (main.ts) and
 * by each Discord shard process (discord/run.ts), so both run the same bot.
 */
import crypto from 'node:crypto';
import { CorpusError, DEFAULT_CORPUS_DIR, formatIssue } from '../src/index.ts';
import { createLiveEngine, type LiveEngine } from './live-engine.ts';
import { startApp, UNSET_HASH_KEY, type RunningBot } from '../adapters/app.ts';
import type { Config } from '../adapters/config.ts';
import { createLogger } from './logger.ts';
import { installProcessGuards } from './process-guard.ts';

export async function serve(configured: Config, stopOn: readonly ('SIGINT' | 'SIGTERM' | 'disconnect')[] = ['SIGINT', 'SIGTERM']): Promise<void> {
  // One key for the question log and the logs, so a user's hash is the same in both.
  const hashKey = configured.ops.hashKey ?? crypto.randomBytes(32).toString('hex');
  const config: Config = { ...configured, ops: { ...configured.ops, hashKey } };
  const { ops } = config;
  const secrets = [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, hashKey].filter((s): s is string => Boolean(s));
  const logger = createLogger({ level: ops.logLevel, format: ops.logFormat, secrets, hashKey });
  installProcessGuards(logger);
  if (!configured.ops.hashKey) logger.warn(UNSET_HASH_KEY);

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

  let running: RunningBot | undefined;
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
    running = await startApp(config, engine, logger, { onFatal });
  } catch (e) {
    logger.error((e as Error).message);
    logger.flushSync();
    process.exit(1);
  }
  if (ops.corpusWatch) engine.watch();
  logger.info(`${engine.corpus.facts.length} facts loaded; answering${ops.corpusWatch ? ' (corpus edits reload live)' : ''}`);
  for (const signal of stopOn) process.on(signal, () => void shutdown(signal, false));
}

/** Beyond SHUTDOWN_TIMEOUT_MS, for closing connections and the question log after the drain. */
const SHUTDOWN_GRACE_MS = 3_000;
