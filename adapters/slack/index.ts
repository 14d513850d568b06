/**
 * The Slack adapter: `slackConfigFromEnv` reads the settings, `startSlack` connects (HTTP Events API
 * on PORT, or Socket Mode when SLACK_APP_TOKEN is set) and answers mentions, DMs, `/ask` and
 * `/fact` with the engine's answers. Listeners live in ./listeners, layout in ./format.ts.
 */
import { inspect } from 'node:util';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger } from '@slack/bolt';
import type { Bot } from '../../runtime/bot.ts';
import { InFlight } from '../../runtime/in-flight.ts';
import { WorkQueue } from '../../runtime/work-queue.ts';
import type { SlackConfig } from './config.ts';
import { slackOutbox } from './deliver.ts';
import { describeError, type SlackDeps } from './listeners/deps.ts';
import { registerListeners } from './listeners/index.ts';
import { guardSlackRequests } from './request-guard.ts';

export { slackConfigFromEnv, SlackConfigError, SLACK_ENV_VARS, type SlackConfig } from './config.ts';

/** The path Slack posts events, commands and interactivity to (HTTP mode). */
export const EVENTS_PATH = '/slack/events';
/** A GET endpoint for load balancers and uptime checks (HTTP mode). */
export const HEALTH_PATH = '/healthz';
/** Readiness (corpus loaded, platforms connected), when `health` is given. */
export const READY_PATH = '/readyz';
/** Prometheus metrics, when `health` is given. */
export const METRICS_PATH = '/metrics';

/** Anything with console's four methods. */
export interface SlackLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface StartSlackOptions {
  /** Where logs go (console by default). Secrets are redacted before they reach it. */
  logger?: SlackLogger;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Extra Web API client options, e.g. `retryConfig: { retries: 0 }` in tests. */
  clientOptions?: webApi.WebClientOptions;
  /** How long stop() waits for answers being made and posted (SHUTDOWN_TIMEOUT_MS; 10 s by default). */
  drainMs?: number;
  /** Time limit of every call to Slack (OUTBOUND_TIMEOUT_MS; 10 s by default). */
  outboundTimeoutMs?: number;
  /** Where answers are computed; shared with the other platforms by the app. */
  work?: WorkQueue;
  /** Called when Slack refuses the token while the bot runs: nothing will work until it is fixed. */
  onFatal?(message: string): void;
  /** Serves GET /healthz, /readyz and /metrics on the HTTP port; without it, /healthz and /readyz answer "ok". */
  health?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SlackHandle {
  /** Stops taking requests, waits (up to drainMs) for answers in flight; resolves with how many were abandoned. */
  stop(): Promise<{ abandoned: number }>;
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  mode: 'http' | 'socket';
}

/**
 * Connects to Slack and starts answering. Checks the bot token first (auth.test), so a wrong token
 * or API URL fails here with a clear message rather than on the first question.
 */
export async function startSlack(bot: Bot, config: SlackConfig, options: StartSlackOptions = {}): Promise<SlackHandle> {
  const secrets = [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => !!s);
  const logger = redactingLogger(options.logger ?? console, options.logLevel ?? 'info', secrets);
  const timeoutMs = options.outboundTimeoutMs ?? 10_000;
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    timeout: timeoutMs,
    // A 429 comes back to the outbox, which waits in that channel's lane only (the client would
    // pause its whole queue); network errors get a few quick retries, not thirty minutes' worth.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    ...options.clientOptions,
    logger,
  };
  const apiUrl = clientOptions.slackApiUrl ?? 'https://slack.com/api/';

  // Who are we? Also validates the token before anything listens.
  // A few quick retries only: a wrong token or address should fail start-up in seconds, not minutes.
  const web = new webApi.WebClient(config.botToken, { retryConfig: { retries: 2, maxTimeout: 2000 }, ...clientOptions });
  let auth: webApi.AuthTestResponse;
  try {
    auth = await web.auth.test();
  } catch (e) {
    throw new Error(
      `Slack: SLACK_BOT_TOKEN was not accepted by ${apiUrl} (${describeError(e)}). ` +
        'Check the Bot User OAuth Token (OAuth & Permissions) and, for GovSlack or a proxy, SLACK_API_URL.',
      { cause: e },
    );
  }
  if (!auth.user_id || !auth.bot_id) {
    throw new Error(`Slack: SLACK_BOT_TOKEN is not a bot token (auth.test at ${apiUrl} returned no bot id). Use the xoxb- Bot User OAuth Token.`);
  }

  const mode = config.appToken ? 'socket' : 'http';
  let socketReceiver: SocketModeReceiver | undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.appToken) {
    socketReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      // A copy: the Socket Mode client writes its own retry defaults into the object it is given.
      installerOptions: { clientOptions: { ...clientOptions } },
    });
    receiver = socketReceiver;
  } else {
    if (!config.signingSecret) throw new Error('Slack: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: [EVENTS_PATH],
      logger,
      customRoutes: (options.health ? [HEALTH_PATH, READY_PATH, METRICS_PATH] : [HEALTH_PATH, READY_PATH]).map((path) => ({
        path,
        method: ['GET'],
        handler:
          options.health ??
          ((_req: IncomingMessage, res: ServerResponse) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end('ok');
          }),
      })),
    });
    guardSlackRequests(receiver, { signingSecret: config.signingSecret, path: EVENTS_PATH, logger });
  }

  const app = new App({
    token: config.botToken,
    // Passing both skips bolt's own auth.test.
    botId: auth.bot_id,
    botUserId: auth.user_id,
    receiver,
    logger,
    // bolt resets the logger to this level (INFO when unset).
    logLevel: logger.getLevel(),
    clientOptions: { ...clientOptions },
  });

  const deps: SlackDeps = {
    bot,
    commands: config.commands,
    logger,
    work: options.work ?? new WorkQueue(),
    outbox: slackOutbox(timeoutMs, (event, status) => bot.platformCall('slack', event, status)),
    inFlight: new InFlight(),
    fatal: (message) => (options.onFatal ? options.onFatal(message) : logger.error(`slack: ${message}`)),
  };
  registerListeners(app, deps);

  const who = `@${auth.user ?? auth.user_id} in ${auth.team ?? auth.team_id ?? 'the workspace'}`;
  let port: number | undefined;
  if (mode === 'http') {
    let server: { address(): { port: number } | string | null };
    try {
      server = (await app.start({ port: config.port, ...(config.host ? { host: config.host } : {}) })) as typeof server;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new Error(
        code === 'EADDRINUSE' || code === 'EACCES'
          ? `Slack: cannot listen on port ${config.port} (${code}). Set PORT to a free port, or stop what is using it.`
          : `Slack: cannot start the HTTP server on port ${config.port} (${describeError(e)}).`,
        { cause: e },
      );
    }
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(`slack: ${who}, HTTP mode, listening on port ${port} (POST ${EVENTS_PATH})`);
  } else {
    try {
      await app.start();
    } catch (e) {
      throw new Error(
        `Slack: could not open a Socket Mode connection (${describeError(e)}). ` +
          'Check SLACK_APP_TOKEN (an xapp- token with connections:write) and that Socket Mode is enabled for the app.',
        { cause: e },
      );
    }
    logger.info(`slack: ${who}, Socket Mode connected`);
  }

  let stopping: Promise<{ abandoned: number }> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (socketReceiver) {
        // receiver.stop() does not wait for the close handshake; the client's disconnect() does.
        await withTimeout(socketReceiver.client.disconnect(), 5_000);
      } else {
        await app.stop().catch((e: unknown) => logger.warn(`slack: stopping the HTTP server: ${describeError(e)}`));
      }
      const abandoned = await deps.inFlight.drain(options.drainMs ?? 10_000);
      logger.info(`slack: stopped${abandoned ? ` (${abandoned} answers in flight abandoned)` : ''}`);
      return { abandoned };
    })());

  return { stop, mode, ...(port !== undefined ? { port } : {}) };
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3 } as const;
const isFields = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
type Level = keyof typeof LEVELS;
const TOKEN_PATTERN = /\b(xox[a-z]-|xapp-)[A-Za-z0-9-]+/g;
const SDK_BODY_DUMP = /^http request (body|result|headers)\b/;

/**
 * A bolt Logger over `out` that filters by level and redacts the given secrets and anything shaped
 * like a Slack token from every line, whoever logs it (us, bolt, the Web API or Socket Mode client).
 */
export function redactingLogger(out: SlackLogger, level: Level, secrets: string[]): Logger {
  let current: Level = level;
  const redact = (s: string) => {
    let r = s;
    for (const secret of secrets) if (secret.length >= 4) r = r.split(secret).join('[redacted]');
    return r.replace(TOKEN_PATTERN, '$1[redacted]');
  };
  const show = (a: unknown): string =>
    redact(typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}` : inspect(a, { depth: 4, breakLength: Infinity }));
  const emit = (l: Level) => (...args: unknown[]) => {
    if (LEVELS[l] < LEVELS[current]) return;
    // The Web API client dumps request and response bodies at debug: user ids and what they asked.
    if (typeof args[0] === 'string' && SDK_BODY_DUMP.test(args[0])) return;
    // Ours: "slack: …" and maybe an object of fields, passed on as fields (redacted alike).
    const fields = typeof args[0] === 'string' && args[0].startsWith('slack:') && args.length === 2 && isFields(args[1]) ? (JSON.parse(redact(JSON.stringify(args[1]))) as object) : undefined;
    const line = (fields ? args.slice(0, 1) : args).map(show).join(' ');
    // Bolt's and the SDK clients' lines get a prefix saying where they are from.
    if (fields) out[l](line, fields);
    else out[l](line.startsWith('slack:') ? line : `slack (bolt): ${line}`);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: (l: LogLevel) => {
      current = l as Level;
    },
    getLevel: () => current as LogLevel,
    setName: () => {},
  };
}
