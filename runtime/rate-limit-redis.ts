/**
 * Rate limits shared by replicas, with rate-limiter-flexible's RateLimiterRedis: per user and per
 * channel, `perMinute` questions in each fixed minute window (the in-memory limiter refills a token
 * bucket evenly instead; the allowance per minute is the same). A user's allowance therefore holds
 * however many replicas their questions reach. The first refusal of a window, and only it, is to be
 * answered with a "please wait": the shared counter makes exactly one replica see it. While Redis is
 * unreachable, this process's in-memory limiter decides.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision, RateLimit, RateLimiter, RateLimits } from './rate-limit.ts';
import type { SharedRedis } from './redis.ts';

const WINDOW_SEC = 60;

export class RedisRateLimiter implements RateLimit {
  private readonly user?: RateLimiterRedis;
  private readonly channel?: RateLimiterRedis;

  constructor(
    limits: RateLimits,
    private readonly redis: SharedRedis,
    /** e.g. `qa-bot:rate:` */
    prefix: string,
    private readonly fallback: RateLimiter,
    private readonly onFallback: () => void = () => {},
  ) {
    const make = (scope: string, points: number) => new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${prefix}${scope}`, points, duration: WINDOW_SEC, rejectIfRedisNotReady: true });
    if (limits.userPerMinute > 0) this.user = make('user', limits.userPerMinute);
    if (limits.channelPerMinute > 0) this.channel = make('channel', limits.channelPerMinute);
  }

  async take(key: { userId?: string; channelId?: string }): Promise<RateDecision> {
    if (!this.redis.usable) return this.local(key);
    try {
      const user = this.user && key.userId ? await consume(this.user, key.userId, 'user') : undefined;
      if (user) return user;
      const channel = this.channel && key.channelId ? await consume(this.channel, key.channelId, 'channel') : undefined;
      if (channel) {
        // The user's question was not asked after all.
        if (this.user && key.userId) await this.user.reward(key.userId, 1);
        return channel;
      }
      return { ok: true };
    } catch (e) {
      this.redis.failed(e);
      return this.local(key);
    }
  }

  private local(key: { userId?: string; channelId?: string }): RateDecision {
    this.onFallback();
    return this.fallback.take(key);
  }
}

/** Takes one point; undefined when allowed, the refusal when not; throws when Redis fails. */
async function consume(limiter: RateLimiterRedis, id: string, scope: 'user' | 'channel'): Promise<RateDecision | undefined> {
  try {
    await limiter.consume(id, 1);
    return undefined;
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    return { ok: false, scope, retryAfterSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), notify: res.consumedPoints === limiter.points + 1 };
  }
}
