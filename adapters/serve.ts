/**
 * Starts the bot as a long-running service from a configuration: logs, the live corpus, and
 * startApp (question log, rate limits, health, the platforms), stopped cleanly on SIGTERM/SIGINT
 * (and on `stopOn` events, e.g. a shard's parent going away). Used by `npm start` (main.ts) and
 * by each Discord shard process (discord/run.ts), so both run the same bot.
 */
import crypto from 'node:crypto';
import { CorpusError, DEFAULT_CORPUS_DIR, formatIssue } from '../src/index.ts';
import { createLiveEngine, type LiveEngine } from '../src/ops/live-engine.ts';
import { startApp, UNSET_HASH_KEY, type RunningBot } from './app.ts';
import type { Config } from './config.ts';
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

  let running: RunningBot;
  try {
    running = await startApp(config, engine, logger);
  } catch (e) {
    logger.error((e as Error).message);
    process.exit(1);
  }
  if (ops.corpusWatch) engine.watch();
  logger.info(`${engine.corpus.facts.length} facts loaded; answering${ops.corpusWatch ? ' (corpus edits reload live)' : ''}`);

  let stopping = false;
  for (const signal of stopOn) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      logger.info(`${signal}: no new questions; finishing answers in flight, then exiting`);
      const timer = setTimeout(() => {
        logger.warn(`shutdown took longer than ${ops.shutdownTimeoutMs} ms; exiting anyway`);
        process.exit(0);
      }, ops.shutdownTimeoutMs).unref();
      engine.close();
      await running.stop();
      clearTimeout(timer);
      logger.info('stopped');
      process.exit(0);
    });
  }
}
