/**
 * The Redis connection that replicas share state through (REDIS_URL): Slack event de-duplication,
 * rate limits and the conversations' last turns (follow-ups). Redis is a help, never a dependency: commands fail fast while it is unreachable
 * (no offline queue, a short command timeout), the stores then use their in-memory fallback, the
 * connection keeps retrying in the background, and each outage is logged once when it starts and
 * once when it ends. /readyz shows the state; it does not make the bot unready, since answering with
 * per-process limits beats not answering.
 */
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type RedisState = 'connecting' | 'connected' | 'unreachable';

export interface RedisStatus {
  state: RedisState;
  /** host:port (never the password). */
  address: string;
  /** While not connected: the stores answer from this process's memory. */
  fallback?: 'in-memory';
  since: string;
  lastError?: string;
}

export interface SharedRedis {
  readonly client: Redis;
  /** Connected and answering: use Redis; otherwise the fallback. */
  readonly usable: boolean;
  /** A store's command failed: say so (once per outage) and use the fallback until Redis is back. */
  failed(error: unknown): void;
  status(): RedisStatus;
  /** Called on every change of state (metrics). */
  onState(listener: (state: RedisState) => void): void;
  close(): Promise<void>;
}

export interface RedisOptions {
  logger: Logger;
  /** How long a command may take before the fallback answers instead (default 500 ms). */
  commandTimeoutMs?: number;
}

/** host:port of a redis:// or rediss:// URL, for logs and /readyz. */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'redis';
  }
}

/** Opens the connection; resolves once connected or after `waitMs` (then the fallback serves until it connects). */
export async function connectRedis(url: string, options: RedisOptions, waitMs = 2000): Promise<SharedRedis> {
  const { logger } = options;
  const address = redisAddress(url);
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    // Keep trying for as long as the bot runs: every 0.2 s at first, then every 2 s.
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
  let state: RedisState = 'connecting';
  let since = new Date();
  let lastError: string | undefined;
  const listeners: ((s: RedisState) => void)[] = [];
  const set = (next: RedisState) => {
    if (next === state) return;
    state = next;
    since = new Date();
    for (const l of listeners) l(next);
  };
  const down = (e: unknown) => {
    lastError = e instanceof Error ? e.message : String(e);
    if (state === 'unreachable') return;
    logger.warn(`redis ${address}: unreachable (${lastError}); de-duplication, rate limits and follow-up context fall back to this process's memory until it is back`, { redis: address });
    set('unreachable');
  };
  client.on('ready', () => {
    if (state === 'unreachable') logger.info(`redis ${address}: reachable again; shared de-duplication, rate limits and follow-up context resumed`, { redis: address });
    else logger.info(`redis ${address}: connected; de-duplication, rate limits and follow-up context are shared`, { redis: address });
    lastError = undefined;
    set('connected');
  });
  client.on('error', down);
  client.on('close', () => {
    if (state === 'connected') down(new Error('connection closed'));
  });

  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const done = () => (clearTimeout(timer), resolve());
    client.once('ready', done);
    listeners.push((s) => s === 'unreachable' && done());
  });
  if (state === 'connecting') down(new Error(`no connection within ${waitMs} ms`));

  return {
    client,
    get usable() {
      return state === 'connected' && client.status === 'ready';
    },
    failed: down,
    status: () => ({ state, address, ...(state !== 'connected' ? { fallback: 'in-memory' as const } : {}), since: since.toISOString(), ...(lastError ? { lastError } : {}) }),
    onState: (l) => void listeners.push(l),
    async close() {
      client.removeAllListeners('error');
      client.on('error', () => {});
      await client.quit().catch(() => client.disconnect());
    },
  };
}
