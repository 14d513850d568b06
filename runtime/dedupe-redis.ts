/**
 * De-duplication shared by replicas: each key is set with SET key 1 EX ttl NX, all of a delivery's
 * keys in one MULTI, so that of two replicas receiving the same Slack event (or its retry) exactly
 * one finds every key new. This process's memory remembers them too, and answers alone while Redis
 * is unreachable.
 */
import type { SeenCache, SeenStore } from './dedupe.ts';
import type { SharedRedis } from './redis.ts';

export class RedisSeenStore implements SeenStore {
  constructor(
    private readonly redis: SharedRedis,
    /** The scope's key prefix, e.g. `qa-bot:seen:deliveries:`. */
    private readonly prefix: string,
    private readonly ttlSec: number,
    private readonly fallback: SeenCache,
    private readonly onFallback: () => void = () => {},
  ) {}

  async check(keys: Array<string | undefined>): Promise<boolean> {
    const present = keys.filter((k): k is string => typeof k === 'string' && k !== '');
    if (present.length === 0 || !this.redis.usable) return this.local(keys);
    try {
      const multi = this.redis.client.multi();
      for (const k of present) multi.set(this.prefix + k, '1', 'EX', this.ttlSec, 'NX');
      const replies = await multi.exec();
      if (!replies) throw new Error('transaction aborted');
      const error = replies.find(([e]) => e)?.[0];
      if (error) throw error;
      this.fallback.check(present); // remembered here too, for an outage to come
      // NX answers null for a key that was already there: another delivery (here or elsewhere) had it.
      return replies.some(([, reply]) => reply === null);
    } catch (e) {
      this.redis.failed(e);
      return this.local(keys);
    }
  }

  private local(keys: Array<string | undefined>): boolean {
    this.onFallback();
    return this.fallback.check(keys);
  }
}
