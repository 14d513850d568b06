/**
 * What a conversation (a Slack thread or DM, a Discord reply chain or DM) keeps of its last answered
 * question, so that the next message can be read as a follow-up ("그럼 KAIST는?", "출처 더"): the
 * engine's `Turn` (parsed units and fact ids, never text) and the keyed hash of whoever asked it.
 * Conversations are named by their keyed hash too, so no store holds a raw id (a DM channel names a
 * person as surely as a user id does). Entries expire FOLLOWUP_TTL_MINUTES after the answer and the
 * least recently used go first beyond a maximum; Redis shares them between replicas
 * (conversations-redis.ts).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Turn } from '../src/types.ts';
import { userHash, type Platform } from './privacy.ts';

/** One conversation's context: its last turn, who asked it (keyed hash) and until when it holds (ms since the epoch). */
export interface ConversationEntry {
  turn: Turn;
  asker: string | null;
  until: number;
}

/** Where contexts live: in memory (ConversationCache) or shared by replicas in Redis. Keys are already hashed. */
export interface ConversationStore {
  /** The entry under `key`, or undefined (none, or unreadable). */
  get(key: string): ConversationEntry | undefined | Promise<ConversationEntry | undefined>;
  set(key: string, entry: ConversationEntry): void | Promise<void>;
}

/** The most conversations kept; a thread nobody has answered in for a while is forgotten first. */
export const MAX_CONVERSATIONS = 10_000;

/**
 * In memory, per process: the store without REDIS_URL, and the fallback while Redis is unreachable.
 * Expiry is Conversations' to judge (one clock); an expired entry here only waits to be evicted.
 */
export class ConversationCache implements ConversationStore {
  private readonly entries = new Map<string, ConversationEntry>();
  private readonly max: number;

  constructor(max = MAX_CONVERSATIONS) {
    this.max = Math.max(1, max);
  }

  get(key: string): ConversationEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry); // re-inserted: Map order is least recently used first
    return entry;
  }

  set(key: string, entry: ConversationEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

const Unit = z.object({ tokens: z.array(z.string()).max(64), alias: z.boolean(), entity: z.boolean().optional(), framing: z.boolean().optional(), predicate: z.boolean().optional(), verbForm: z.boolean().optional() });
const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
};
const TurnSchema = z.object({
  lang: z.enum(['ko', 'en']),
  units: z.array(Unit).max(500),
  intents: z.array(z.string()).max(20),
  counted: z.object({ field: z.enum(['ko', 'en']), pattern: z.string().max(500).refine(compiles) }).optional(),
  factIds: z.array(z.string()).max(20),
});
const EntrySchema = z.object({ turn: TurnSchema, asker: z.string().nullable(), until: z.number() });

/**
 * An entry read back from a store that other processes (or an older version of the bot) write to:
 * checked in full, so that a malformed one is treated as absent rather than reaching the engine.
 */
export function parseEntry(text: string | null | undefined): ConversationEntry | undefined {
  if (!text) return undefined;
  try {
    const parsed = EntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as ConversationEntry) : undefined;
  } catch {
    return undefined;
  }
}

export interface ConversationsOptions {
  store: ConversationStore;
  /** The question log's key (QUESTION_LOG_HASH_KEY): the same hashes for the same people. */
  hashKey: string;
  /** How long a turn can be followed up (FOLLOWUP_TTL_MINUTES); 0 keeps none. */
  ttlMs: number;
  now?: () => number;
}

/** The conversations the bot answers in: names hashed, entries kept for `ttlMs` after each answer. */
export class Conversations {
  private readonly store: ConversationStore;
  private readonly hashKey: string;
  readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ store, hashKey, ttlMs, now = Date.now }: ConversationsOptions) {
    this.store = store;
    this.hashKey = hashKey;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** The last turn of `conversation` and its asker's hash, while it can still be followed up. */
  async last(conversation: string): Promise<ConversationEntry | undefined> {
    if (this.ttlMs <= 0) return undefined;
    const entry = await this.store.get(this.keyOf(conversation));
    return entry && entry.until > this.now() ? entry : undefined;
  }

  /** True when `conversation`'s last turn is live and was asked by this user. */
  async askedBy(conversation: string, platform: Platform, userId: string | undefined): Promise<boolean> {
    const asker = userHash(this.hashKey, platform, userId);
    if (asker === null) return false;
    return (await this.last(conversation))?.asker === asker;
  }

  /** Keeps `turn` as `conversation`'s last, asked by `userId`, for the next `ttlMs`. */
  async keep(conversation: string, turn: Turn, platform: Platform, userId: string | undefined): Promise<void> {
    if (this.ttlMs <= 0) return;
    await this.store.set(this.keyOf(conversation), { turn, asker: userHash(this.hashKey, platform, userId), until: this.now() + this.ttlMs });
  }

  private keyOf(conversation: string): string {
    return createHmac('sha256', this.hashKey).update(`conversation:${conversation}`).digest('hex').slice(0, 32);
  }
}
