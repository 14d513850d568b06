/**
 * Structured logs with pino: JSON lines for machines, a readable format at a terminal. Secrets are
 * redacted twice: by key (token, secret, authorization…) and by value (the configured secrets and
 * anything shaped like a Slack or Discord token), so neither an object nor a message leaks one.
 */
import pino from 'pino';
import pretty from 'pino-pretty';
import { redactUserIds } from './privacy.ts';

/** What the adapters take: console-like methods, message first, an optional object of details. */
export interface Logger {
  debug(message: unknown, ...rest: unknown[]): void;
  info(message: unknown, ...rest: unknown[]): void;
  warn(message: unknown, ...rest: unknown[]): void;
  error(message: unknown, ...rest: unknown[]): void;
}

const REDACT_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', 'secret', 'password', 'authorization', 'hashKey', '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.authorization', '*.hashKey', 'headers.authorization'];
const TOKEN_SHAPES = [/xox[abposr]-[A-Za-z0-9-]{8,}/g, /xapp-[A-Za-z0-9-]{8,}/g, /[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g];

/** Replaces configured secrets and token-shaped strings in a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
  for (const re of TOKEN_SHAPES) out = out.replace(re, '[redacted]');
  return out;
}

export interface LoggerOptions {
  level: string;
  format: 'json' | 'pretty';
  secrets: readonly string[];
  /** The question log's key: user ids in any line are replaced by their keyed hash (as user_hash is). */
  hashKey?: string;
  /** Fields in every line (a shard process's `shard`). */
  base?: Record<string, unknown>;
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger & { pino: pino.Logger; flushSync(): void } {
  const stream = options.format === 'pretty' ? pretty({ colorize: Boolean((options.destination ?? process.stderr) === process.stderr && process.stderr.isTTY), destination: 2, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true }) : (options.destination ?? pino.destination({ dest: 2, sync: false }));
  const base = pino({ level: options.level, redact: { paths: REDACT_KEYS, censor: '[redacted]' }, base: options.base ?? undefined }, stream as pino.DestinationStream);
  const hashKey = options.hashKey;
  const text = (t: string) => {
    const s = scrub(t, options.secrets);
    return hashKey ? redactUserIds(s, hashKey, { bareSnowflakes: false }) : s;
  };
  const clean = (v: unknown): unknown =>
    typeof v === 'string' ? text(v) : v instanceof Error ? { err: text(`${v.name}: ${v.message}`) } : v && typeof v === 'object' ? JSON.parse(text(safeJson(v))) : v;
  const method =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: unknown, ...rest: unknown[]) => {
      const objects = rest.filter((r) => r !== null && typeof r === 'object');
      const words = rest.filter((r) => r === null || typeof r !== 'object').map(String);
      const msg = clean([typeof message === 'string' ? message : safeJson(message), ...words].join(' ')) as string;
      if (objects.length > 0) base[level](Object.assign({}, ...objects.map(clean)), msg);
      else base[level](msg);
    };
  // Before exiting: pino's default destination writes asynchronously and would lose the last lines.
  const flushSync = () => (stream as { flushSync?: () => void }).flushSync?.();
  return { pino: base, debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error'), flushSync };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof Error ? `${x.name}: ${x.message}` : typeof x === 'bigint' ? String(x) : x)) ?? String(v);
  } catch {
    return String(v);
  }
}
