/**
 * The shared stores against a real redis-server: two processes' worth of stores (two connections)
 * de-duplicate one delivery once, hold one allowance per user and share each conversation's last
 * turn; with Redis gone they answer from memory, and they share again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationCache, Conversations } from '../../runtime/conversations.ts';
import { RedisConversationStore } from '../../runtime/conversations-redis.ts';
import { SeenCache } from '../../runtime/dedupe.ts';
import type { Turn } from '../../src/types.ts';
import { RedisSeenStore } from '../../runtime/dedupe-redis.ts';
import { RateLimiter } from '../../runtime/rate-limit.ts';
import { RedisRateLimiter } from '../../runtime/rate-limit-redis.ts';
import { connectRedis, type SharedRedis } from '../../runtime/redis.ts';
import { RedisServer } from '../helpers/redis-server.ts';
import { until } from '../helpers/bot-process.ts';
import { freePort } from '../helpers/free-port.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let server: RedisServer;
let a: SharedRedis;
let b: SharedRedis;
let run = 0;

beforeAll(async () => {
  server = await RedisServer.start();
  [a, b] = await Promise.all([connectRedis(server.url, { logger: quiet }), connectRedis(server.url, { logger: quiet })]);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

/** A fresh key prefix per test, so tests do not see each other's keys. */
const prefix = () => `test${++run}:`;

describe('RedisSeenStore', () => {
  it('of two replicas receiving one delivery (any of its keys), exactly one finds it new', async () => {
    const p = prefix();
    const onA = new RedisSeenStore(a, p, 60, new SeenCache());
    const onB = new RedisSeenStore(b, p, 60, new SeenCache());
    const results = await Promise.all([onA.check(['event:E1', 'msg:C1:1.0']), onB.check(['event:E1', 'msg:C1:1.0'])]);
    expect(results.sort()).toEqual([false, true]);
    // The retry has a new event id but the same message: seen.
    expect(await onB.check(['event:E1-retry', 'msg:C1:1.0'])).toBe(true);
    expect(await onA.check(['event:E2', 'msg:C1:2.0'])).toBe(false);
    expect(await a.client.ttl(`${p}event:E1`)).toBeGreaterThan(50);
  });
});

describe('RedisRateLimiter', () => {
  it("holds one user's allowance across replicas, and tells them to wait once per window", async () => {
    const p = prefix();
    const limits = { userPerMinute: 3, channelPerMinute: 0 };
    const onA = new RedisRateLimiter(limits, a, p, new RateLimiter(limits));
    const onB = new RedisRateLimiter(limits, b, p, new RateLimiter(limits));
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await (i % 2 ? onB : onA).take({ userId: 'U1', channelId: 'C1' }));
    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, false, false, false]);
    expect(decisions.map((d) => d.notify)).toEqual([undefined, undefined, undefined, true, false, false]);
    expect(decisions[3]).toMatchObject({ scope: 'user', retryAfterSec: expect.any(Number) });
    expect((await onA.take({ userId: 'U2', channelId: 'C1' })).ok).toBe(true);
  });

  it('a channel refusal does not cost the user a question', async () => {
    const p = prefix();
    const limits = { userPerMinute: 5, channelPerMinute: 1 };
    const limiter = new RedisRateLimiter(limits, a, p, new RateLimiter(limits));
    expect((await limiter.take({ userId: 'U1', channelId: 'C1' })).ok).toBe(true);
    expect(await limiter.take({ userId: 'U1', channelId: 'C1' })).toMatchObject({ ok: false, scope: 'channel' });
    for (let i = 0; i < 4; i++) expect((await limiter.take({ userId: 'U1', channelId: `C${i + 2}` })).ok).toBe(true);
    expect(await limiter.take({ userId: 'U1', channelId: 'C9' })).toMatchObject({ ok: false, scope: 'user' });
  });
});

describe('RedisConversationStore', () => {
  const HASH_KEY = 'a-test-key-of-enough-length';
  const turn = (factId: string): Turn => ({ lang: 'en', units: [{ tokens: ['kaist'], alias: true, entity: true }], intents: ['when'], factIds: [factId] });
  /** One replica's conversations: its own connection and memory, the shared key and clock. */
  const replica = (redis: SharedRedis, p: string, options: { ttlMs?: number; max?: number; now?: () => number } = {}) => {
    const ttlMs = options.ttlMs ?? 60_000;
    const store = new RedisConversationStore(redis, { prefix: p, ttlMs, ...(options.max ? { max: options.max } : {}), ...(options.now ? { now: options.now } : {}) }, new ConversationCache());
    return { store, conversations: new Conversations({ store, hashKey: HASH_KEY, ttlMs, ...(options.now ? { now: options.now } : {}) }) };
  };

  it('a turn kept by one replica is followed up on another, with its asker', async () => {
    const p = prefix();
    const onA = replica(a, p).conversations;
    const onB = replica(b, p).conversations;
    await onA.keep('slack:C1:1.0', turn('first'), 'slack', 'U1');
    expect((await onB.last('slack:C1:1.0'))?.turn).toEqual(turn('first'));
    expect(await onB.askedBy('slack:C1:1.0', 'slack', 'U1')).toBe(true);
    expect(await onB.askedBy('slack:C1:1.0', 'slack', 'U2')).toBe(false);
    // The later answer, on B, is what A reads next (not what A's memory kept).
    await onB.keep('slack:C1:1.0', turn('second'), 'slack', 'U2');
    expect((await onA.last('slack:C1:1.0'))?.turn.factIds).toEqual(['second']);
    // Nothing raw in Redis: hashed names, no user id.
    const keys = await a.client.keys(`${p}*`);
    expect(keys.sort()).toEqual([`${p}index`, expect.stringMatching(new RegExp(`^${p}[0-9a-f]{32}$`))].sort());
    const stored = await a.client.get(keys.find((k) => k !== `${p}index`)!);
    for (const raw of ['C1', 'U1', 'U2', '1.0']) expect(stored).not.toContain(raw);
  });

  it('expires with the follow-up time, in Redis too', async () => {
    const p = prefix();
    let t = 1_700_000_000_000;
    const now = () => t;
    const onA = replica(a, p, { ttlMs: 10 * 60_000, now }).conversations;
    const onB = replica(b, p, { ttlMs: 10 * 60_000, now }).conversations;
    await onA.keep('discord:msg:1', turn('x'), 'discord', '42');
    const [key] = (await a.client.keys(`${p}*`)).filter((k) => k !== `${p}index`);
    expect(await a.client.pttl(key!)).toBeGreaterThan(9 * 60_000);
    expect(await a.client.pttl(key!)).toBeLessThanOrEqual(10 * 60_000);
    t += 10 * 60_000 - 1;
    expect(await onB.askedBy('discord:msg:1', 'discord', '42')).toBe(true);
    t += 1;
    expect(await onB.last('discord:msg:1')).toBeUndefined();
    expect(await onA.last('discord:msg:1')).toBeUndefined();
  });

  it('holds at most `max` conversations, the least recently answered going first', async () => {
    const p = prefix();
    let t = 1_700_000_000_000;
    const onA = replica(a, p, { max: 3, now: () => ++t }).conversations;
    const onB = replica(b, p, { max: 3, now: () => ++t }).conversations;
    for (const k of ['k1', 'k2', 'k3']) await onA.keep(k, turn(k), 'slack', 'U1');
    await onA.keep('k1', turn('k1 again'), 'slack', 'U1');
    await onA.keep('k4', turn('k4'), 'slack', 'U1');
    expect(await a.client.zcard(`${p}index`)).toBe(3);
    expect((await a.client.keys(`${p}*`)).length).toBe(4); // three entries and the index
    // B has no memory of its own: what it sees is Redis.
    expect(await Promise.all(['k1', 'k2', 'k3', 'k4'].map(async (k) => (await onB.last(k))?.turn.factIds[0]))).toEqual(['k1 again', undefined, 'k3', 'k4']);
  });

  it('a malformed value in Redis reads as no context, and never throws', async () => {
    const p = prefix();
    const { store } = replica(a, p);
    for (const [i, value] of ['garbage', '{"turn":1}', JSON.stringify({ turn: turn('x'), asker: null, until: 'later' })].entries()) {
      await a.client.set(`${p}bad${i}`, value);
      expect(await store.get(`bad${i}`)).toBeUndefined();
    }
  });
});

describe('Redis down at start', () => {
  it('the bot starts within the wait, from memory, and logs it once', async () => {
    const warnings: string[] = [];
    const started = Date.now();
    const down = await connectRedis(`redis://127.0.0.1:${await freePort()}`, { logger: { ...quiet, warn: (m: unknown) => void warnings.push(String(m)) } }, 1000);
    try {
      expect(Date.now() - started).toBeLessThan(2500);
      expect(down.status()).toMatchObject({ state: 'unreachable', fallback: 'in-memory' });
      const seen = new RedisSeenStore(down, prefix(), 60, new SeenCache());
      expect(await seen.check(['event:x'])).toBe(false);
      expect(await seen.check(['event:x'])).toBe(true);
      await new Promise((r) => setTimeout(r, 700)); // reconnection attempts fail meanwhile
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/unreachable .*fall back to this process's memory/);
    } finally {
      await down.close();
    }
  });
});

describe('Redis going away', () => {
  it('the stores answer from memory without delay, show it, and share again when Redis is back', async () => {
    const p = prefix();
    const limits = { userPerMinute: 2, channelPerMinute: 0 };
    const seen = new RedisSeenStore(a, p, 60, new SeenCache());
    const limiter = new RedisRateLimiter(limits, a, p, new RateLimiter(limits));
    const conversations = new Conversations({ store: new RedisConversationStore(a, { prefix: `${p}conv:`, ttlMs: 60_000 }, new ConversationCache()), hashKey: 'a-test-key-of-enough-length', ttlMs: 60_000 });
    const turn: Turn = { lang: 'ko', units: [], intents: [], factIds: ['f'] };
    expect(await seen.check(['event:before'])).toBe(false);
    await conversations.keep('slack:C1:1.0', turn, 'slack', 'U1');

    await server.stop();
    await until(() => (a.status().state === 'unreachable' ? true : undefined), 5000, 'the outage to be noticed');
    expect(a.status()).toMatchObject({ state: 'unreachable', fallback: 'in-memory' });
    const started = Date.now();
    // This process's memory still knows what it saw before the outage, and remembers what comes now.
    expect(await seen.check(['event:before'])).toBe(true);
    expect(await seen.check(['event:during'])).toBe(false);
    expect(await seen.check(['event:during'])).toBe(true);
    expect((await Promise.all([1, 2, 3].map(() => limiter.take({ userId: 'U1' })))).map((d) => d.ok)).toEqual([true, true, false]);
    // The thread answered before the outage is still followed up, and one answered during it too.
    expect(await conversations.askedBy('slack:C1:1.0', 'slack', 'U1')).toBe(true);
    await conversations.keep('slack:C1:2.0', turn, 'slack', 'U2');
    expect(await conversations.askedBy('slack:C1:2.0', 'slack', 'U2')).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);

    await server.resume();
    await until(() => (a.status().state === 'connected' ? true : undefined), 10_000, 'the reconnection');
    expect(a.status().fallback).toBeUndefined();
    const onB = new RedisSeenStore(b, p, 60, new SeenCache());
    await until(() => (b.usable ? true : undefined), 10_000, 'the second connection');
    expect(await seen.check(['event:after'])).toBe(false);
    expect(await onB.check(['event:after'])).toBe(true);
  }, 30_000);
});
