/**
 * The shared stores against a real redis-server: two processes' worth of stores (two connections)
 * de-duplicate one delivery once and hold one allowance per user; with Redis gone they answer
 * from memory, and they share again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeenCache } from '../../runtime/dedupe.ts';
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
    expect(await seen.check(['event:before'])).toBe(false);

    await server.stop();
    await until(() => (a.status().state === 'unreachable' ? true : undefined), 5000, 'the outage to be noticed');
    expect(a.status()).toMatchObject({ state: 'unreachable', fallback: 'in-memory' });
    const started = Date.now();
    // This process's memory still knows what it saw before the outage, and remembers what comes now.
    expect(await seen.check(['event:before'])).toBe(true);
    expect(await seen.check(['event:during'])).toBe(false);
    expect(await seen.check(['event:during'])).toBe(true);
    expect((await Promise.all([1, 2, 3].map(() => limiter.take({ userId: 'U1' })))).map((d) => d.ok)).toEqual([true, true, false]);
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
