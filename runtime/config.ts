/**
 * The runtime's settings from the environment (logs, question log, rate limits, follow-ups, health,
 * corpus, shutdown), validated with zod. adapters/config.ts adds each platform's and reports all problems
 * together, each naming the variable and the fix; no secret is echoed. .env.example documents them.
 */
import { hostname } from 'node:os';
import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const bool = (name: string, fallback: boolean) =>
  z.preprocess(blank, z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { error: `${name} must be true or false` }).optional()).transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(v)));
const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`);
const int = (name: string, min: number, max: number, fallback: number) => z.preprocess(blank, wholeNumber(name, min, max).default(fallback));
/** A number of minutes, fractions allowed (0.5 is half a minute). */
const minutes = (name: string, max: number, fallback: number) =>
  z.preprocess(blank, z.coerce.number({ error: `${name} must be a number of minutes` }).min(0, `${name} must be at least 0`).max(max, `${name} must be at most ${max}`).default(fallback));
const optionalInt = (name: string, min: number, max: number) => z.preprocess(blank, wholeNumber(name, min, max).optional());

export const OpsEnv = z.object({
  LOG_LEVEL: z.preprocess(blank, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }).default('info')),
  LOG_FORMAT: z.preprocess(blank, z.enum(['json', 'pretty'], { error: 'LOG_FORMAT must be json or pretty' }).optional()),
  CORPUS_DIR: z.preprocess(blank, z.string().optional()),
  CORPUS_WATCH: bool('CORPUS_WATCH', true),
  QUESTION_LOG: z.preprocess(blank, z.string().default('data/questions.db')),
  QUESTION_LOG_RETENTION_DAYS: int('QUESTION_LOG_RETENTION_DAYS', 0, 36_500, 180),
  QUESTION_LOG_HASH_KEY: z.preprocess(blank, z.string().min(16, 'QUESTION_LOG_HASH_KEY must be at least 16 characters (e.g. openssl rand -hex 32)').optional()),
  RATE_LIMIT_USER_PER_MINUTE: int('RATE_LIMIT_USER_PER_MINUTE', 0, 100_000, 10),
  RATE_LIMIT_CHANNEL_PER_MINUTE: int('RATE_LIMIT_CHANNEL_PER_MINUTE', 0, 100_000, 60),
  MAX_QUESTION_CHARS: int('MAX_QUESTION_CHARS', 10, 1000, 1000),
  FOLLOWUP_TTL_MINUTES: minutes('FOLLOWUP_TTL_MINUTES', 1440, 10),
  HEALTH_PORT: optionalInt('HEALTH_PORT', 0, 65_535),
  SHUTDOWN_TIMEOUT_MS: int('SHUTDOWN_TIMEOUT_MS', 0, 600_000, 10_000),
  OUTBOUND_TIMEOUT_MS: int('OUTBOUND_TIMEOUT_MS', 100, 120_000, 10_000),
  // Messages never echo the value: a Redis URL may hold a password.
  REDIS_URL: z.preprocess(blank, z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://redis:6379 (unset it to keep state in memory)' }).optional()),
  REDIS_KEY_PREFIX: z.preprocess(blank, z.string().max(100, 'REDIS_KEY_PREFIX must be at most 100 characters').default('qa-bot:')),
});

export interface OpsConfig {
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pretty logs for a person at a terminal, JSON lines otherwise. */
  logFormat: 'json' | 'pretty';
  corpusDir?: string;
  corpusWatch: boolean;
  /** SQLite file of the question log; `off` keeps no log. */
  questionLog: string | 'off';
  retentionDays: number;
  hashKey?: string;
  rateLimits: { userPerMinute: number; channelPerMinute: number };
  maxQuestionChars: number;
  /** How long after an answer a thread reply, a reply to it or the next DM can follow it up; 0: never. */
  followUpTtlMinutes: number;
  healthPort?: number;
  shutdownTimeoutMs: number;
  /** Time limit of every call to Slack or Discord. */
  outboundTimeoutMs: number;
  /** Shared state for replicas (de-duplication, rate limits, follow-up context); unset: in memory, per process. */
  redisUrl?: string;
  /** Every key this bot writes in Redis starts with it (several bots can share one Redis); default `qa-bot:`. */
  redisKeyPrefix?: string;
  /** This process's shard id, when a Discord sharding manager started it (SHARDS); in every log line. */
  shard?: number;
}

/** The runtime's settings, or the problems (messages naming the variable) when some are invalid. */
export function opsConfigFromEnv(env: Record<string, string | undefined>, isTty: boolean): { ok: true; ops: OpsConfig } | { ok: false; problems: string[] } {
  const parsed = OpsEnv.safeParse(env);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  const o = parsed.data;
  return {
    ok: true,
    ops: {
      logLevel: o.LOG_LEVEL,
      logFormat: o.LOG_FORMAT ?? (isTty ? 'pretty' : 'json'),
      ...(o.CORPUS_DIR ? { corpusDir: o.CORPUS_DIR } : {}),
      corpusWatch: o.CORPUS_WATCH,
      // {hostname}: one file per replica on a shared volume (npm run report reads them together).
      questionLog: o.QUESTION_LOG.replaceAll('{hostname}', hostname()),
      retentionDays: o.QUESTION_LOG_RETENTION_DAYS,
      ...(o.QUESTION_LOG_HASH_KEY ? { hashKey: o.QUESTION_LOG_HASH_KEY } : {}),
      rateLimits: { userPerMinute: o.RATE_LIMIT_USER_PER_MINUTE, channelPerMinute: o.RATE_LIMIT_CHANNEL_PER_MINUTE },
      maxQuestionChars: o.MAX_QUESTION_CHARS,
      followUpTtlMinutes: o.FOLLOWUP_TTL_MINUTES,
      ...(o.HEALTH_PORT !== undefined ? { healthPort: o.HEALTH_PORT } : {}),
      shutdownTimeoutMs: o.SHUTDOWN_TIMEOUT_MS,
      outboundTimeoutMs: o.OUTBOUND_TIMEOUT_MS,
      ...(o.REDIS_URL ? { redisUrl: o.REDIS_URL } : {}),
      redisKeyPrefix: o.REDIS_KEY_PREFIX,
      // discord.js's ShardingManager tells each process its shard id; nothing else sets these.
      ...(env.SHARDING_MANAGER && /^\d+$/.test(env.SHARDS ?? '') ? { shard: Number(env.SHARDS) } : {}),
    },
  };
}
