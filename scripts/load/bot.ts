/**
 * The bot under load, as it runs in production: startApp with Slack (HTTP mode) and Discord
 * together, the real corpus, rate limits and the real SQLite question log, pointed at the fakes.
 * Runs in the load's own thread or in a worker thread (bot-worker.ts) so that the load and the
 * fakes do not take the bot's CPU.
 */
import { startApp } from '../../adapters/app.ts';
import type { Config } from '../../adapters/config.ts';
import type { Logger } from '../../runtime/logger.ts';
import { DEFAULT_COMMANDS } from '../../adapters/slack/format.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/index.ts';
import { createLiveEngine } from '../../runtime/live-engine.ts';
import { openQuestionLog } from '../../runtime/question-log.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../../tests/slack/fake-slack.ts';
import { USER_LIMIT_PER_MINUTE } from './plan.ts';

export interface BotSettings {
  slackApiUrl: string;
  discordApiUrl: string;
  /** The question log's SQLite file (QUESTION_LOG). */
  dbPath: string;
  hashKey: string;
}

export interface BotStopReport {
  /** stop() resolved within its time limit. */
  stopped: boolean;
  log: { written: number; dropped: number };
  logger: { counts: Record<'debug' | 'info' | 'warn' | 'error', number>; kept: string[] };
}

export interface BotHandle {
  slackPort: number;
  /** Stops the bot gracefully (answers in flight, then the log is flushed and closed). */
  stop(): Promise<BotStopReport>;
}

/** How long stop() may take before the run moves on. */
export const STOP_TIMEOUT_MS = 15_000;

/** Counts what the bot logs; keeps the first warnings and errors for the report. */
export class CountingLogger implements Logger {
  readonly counts = { debug: 0, info: 0, warn: 0, error: 0 };
  readonly kept: string[] = [];
  constructor(private readonly keep = 30) {}
  private at(level: keyof CountingLogger['counts']) {
    return (message: unknown, ...rest: unknown[]) => {
      this.counts[level]++;
      if ((level === 'warn' || level === 'error') && this.kept.length < this.keep) {
        const extra = rest.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(' ');
        this.kept.push(`${level} ${String(message)}${extra ? ` ${extra}` : ''}`.slice(0, 500));
      }
    };
  }
  debug = this.at('debug');
  info = this.at('info');
  warn = this.at('warn');
  error = this.at('error');
}

export async function startBot(s: BotSettings): Promise<BotHandle> {
  const logger = new CountingLogger();
  const engine = createLiveEngine(DEFAULT_CORPUS_DIR);
  const config: Config = {
    ops: {
      logLevel: 'warn',
      logFormat: 'json',
      corpusWatch: false,
      questionLog: s.dbPath,
      retentionDays: 0,
      hashKey: s.hashKey,
      // Per user: the production default (the burst user must hit it); per channel: out of the way,
      // since the load shares a few channels among thousands of users.
      rateLimits: { userPerMinute: USER_LIMIT_PER_MINUTE, channelPerMinute: 100_000 },
      maxQuestionChars: 1000,
      followUpTtlMinutes: 10,
      shutdownTimeoutMs: STOP_TIMEOUT_MS,
      outboundTimeoutMs: 10_000,
    },
    slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: s.slackApiUrl, port: 0, host: '127.0.0.1', commands: DEFAULT_COMMANDS },
    discord: { token: 'load.bot.token', apiUrl: s.discordApiUrl },
  };
  const log = openQuestionLog({ path: s.dbPath, hashKey: s.hashKey, retentionDays: 0, logger });
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, engine, logger, { recorder: log, slackClientOptions: { retryConfig: { retries: 0 } } });
  } catch (e) {
    engine.close();
    throw e;
  }
  if (app.ports.slack === undefined) throw new Error('Slack did not start in HTTP mode');
  let stopping: Promise<BotStopReport> | undefined;
  return {
    slackPort: app.ports.slack,
    stop: () =>
      (stopping ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const stopped = await Promise.race([app.stop().then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), STOP_TIMEOUT_MS)))]);
        clearTimeout(timer);
        engine.close();
        const { written, dropped } = log.status();
        return { stopped, log: { written, dropped }, logger: { counts: { ...logger.counts }, kept: [...logger.kept] } };
      })()),
  };
}
