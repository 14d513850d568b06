/**
 * Conversation contexts shared by replicas (REDIS_URL): a follow-up in a Slack thread or a reply to
 * a Discord answer may reach another replica than the one that answered. Each entry is one key that
 * expires with the follow-up time; a sorted set of keys by time of writing keeps their number within
 * a maximum (the least recently answered conversations go first), both in one Lua script so that
 * replicas writing at once cannot overshoot. This process's memory keeps what it writes too, and
 * answers alone while Redis is unreachable.
 */
import type { ConversationCache, ConversationEntry, ConversationStore } from './conversations.ts';
import { MAX_CONVERSATIONS, parseEntry } from './conversations.ts';
import type { SharedRedis } from './redis.ts';

/**
 * KEYS[1]: the entry, KEYS[2]: the index. ARGV: value, ttl (ms), now (ms), max.
 * Index members whose entries have expired are dropped first, then the oldest beyond `max`. The
 * oldest are deleted by the names the index holds, not declared in KEYS: fine on one Redis (what
 * REDIS_URL names), not on a Redis Cluster.
 */
const SET_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[2]))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if over > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, over - 1)
  redis.call('DEL', unpack(oldest))
  redis.call('ZREM', KEYS[2], unpack(oldest))
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

export interface RedisConversationOptions {
  /** e.g. `qa-bot:conv:`; the index is this followed by `index`. */
  prefix: string;
  /** How long an entry lives in Redis: the follow-up time. */
  ttlMs: number;
  max?: number;
  now?: () => number;
}

export class RedisConversationStore implements ConversationStore {
  private readonly max: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: SharedRedis,
    private readonly options: RedisConversationOptions,
    private readonly fallback: ConversationCache,
  ) {
    this.max = options.max ?? MAX_CONVERSATIONS;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<ConversationEntry | undefined> {
    if (!this.redis.usable) return this.fallback.get(key);
    try {
      // What this process kept during an outage is not in Redis: still better than nothing.
      return parseEntry(await this.redis.client.get(this.options.prefix + key)) ?? this.fallback.get(key);
    } catch (e) {
      this.redis.failed(e);
      return this.fallback.get(key);
    }
  }

  async set(key: string, entry: ConversationEntry): Promise<void> {
    this.fallback.set(key, entry); // kept here too, for an outage to come
    if (!this.redis.usable) return;
    try {
      await this.redis.client.eval(SET_SCRIPT, 2, this.options.prefix + key, `${this.options.prefix}index`, JSON.stringify(entry), Math.max(1, Math.round(this.options.ttlMs)), this.now(), this.max);
    } catch (e) {
      this.redis.failed(e);
    }
  }
}
