/**
 * Per-user and per-channel token buckets, in memory, per process: the limits when REDIS_URL is unset,
 * and the fallback while Redis cannot be reached. Replicas share limits through rate-limit-redis.ts.
 */

export interface RateLimits {
  /** Questions a user may ask per minute (a burst of this many, refilled evenly). 0 turns it off. */
  userPerMinute: number;
  /** Questions per minute in one channel, across its users. 0 turns it off. */
  channelPerMinute: number;
}

export interface RateDecision {
  ok: boolean;
  /** When refused: seconds until one more question is allowed. */
  retryAfterSec?: number;
  /** When refused: which limit. */
  scope?: 'user' | 'channel';
  /**
   * When refused: whether this is the first refusal of this bucket's window, the one to answer with a
   * "please wait". Later ones within it get nothing posted, so a flood never becomes a flood of replies.
   */
  notify?: boolean;
}

/** What the bot consults before answering: in memory (RateLimiter) or shared by replicas in Redis. */
export interface RateLimit {
  /** Takes one question from the user's and the channel's allowance, or says when to come back. */
  take(key: { userId?: string; channelId?: string }): RateDecision | Promise<RateDecision>;
}

interface Bucket {
  tokens: number;
  at: number;
  /** Refusals until then have been told to wait already. */
  toldUntil?: number;
}

/** The most keys kept; the least recently used are forgotten first (a full bucket again). */
const MAX_KEYS = 50_000;

export class RateLimiter implements RateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one question from the user's and the channel's buckets, or says when to come back. */
  take(key: { userId?: string; channelId?: string }): RateDecision {
    const t = this.now();
    const checks: [string, number, 'user' | 'channel'][] = [];
    if (key.userId && this.limits.userPerMinute > 0) checks.push([`u:${key.userId}`, this.limits.userPerMinute, 'user']);
    if (key.channelId && this.limits.channelPerMinute > 0) checks.push([`c:${key.channelId}`, this.limits.channelPerMinute, 'channel']);
    const buckets = checks.map(([k, perMinute]) => this.refill(k, perMinute, t));
    for (let i = 0; i < checks.length; i++) {
      const b = buckets[i]!;
      if (b.tokens < 1) {
        const perMs = checks[i]![1] / 60_000;
        const retryAfterSec = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
        const notify = b.toldUntil === undefined || t >= b.toldUntil;
        if (notify) b.toldUntil = t + retryAfterSec * 1000;
        return { ok: false, retryAfterSec, scope: checks[i]![2], notify };
      }
    }
    for (const b of buckets) b.tokens -= 1;
    return { ok: true };
  }

  private refill(key: string, perMinute: number, t: number): Bucket {
    let b = this.buckets.get(key);
    if (b) this.buckets.delete(key);
    else b = { tokens: perMinute, at: t };
    b.tokens = Math.min(perMinute, b.tokens + ((t - b.at) * perMinute) / 60_000);
    b.at = t;
    this.buckets.set(key, b); // re-insert: Map order is least recently used first
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
    return b;
  }
}
