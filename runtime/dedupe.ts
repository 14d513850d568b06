/**
 * Remembers recently seen deliveries so one message is answered once, however often Slack sends it
 * (the same event twice, an app_mention and a message.im for one DM, a redelivery after reconnect).
 * Bounded both ways: entries expire after `ttlMs` and the oldest go first beyond `max`.
 */
/** What the bot de-duplicates with: in memory (SeenCache) or shared by replicas in Redis. */
export interface SeenStore {
  /** True when any of `keys` was seen recently; otherwise remembers them all and answers false. */
  check(keys: Array<string | undefined>): boolean | Promise<boolean>;
}

export interface SeenCacheOptions {
  ttlMs?: number;
  max?: number;
  now?: () => number;
}

export class SeenCache implements SeenStore {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  // Up to three keys per delivery (event id, channel+ts, client_msg_id): 30,000 keys hold 10,000 deliveries.
  constructor({ ttlMs = 10 * 60_000, max = 30_000, now = Date.now }: SeenCacheOptions = {}) {
    this.ttlMs = ttlMs;
    this.max = Math.max(1, max);
    this.now = now;
  }

  /**
   * True when any of `keys` was seen within the TTL; otherwise remembers them all and returns false.
   * Empty and undefined keys are skipped.
   */
  check(keys: Array<string | undefined>): boolean {
    const now = this.now();
    this.expire(now);
    const present = keys.filter((k): k is string => typeof k === 'string' && k !== '');
    if (present.some((k) => this.seen.has(k))) return true;
    for (const k of present) this.seen.set(k, now + this.ttlMs);
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Entries are kept in insertion order, which is expiry order: drop from the front. */
  private expire(now: number): void {
    for (const [k, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(k);
    }
  }
}
