import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../runtime/rate-limit.ts';

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with a retry time, then refills evenly', () => {
    let t = 0;
    const limiter = new RateLimiter({ userPerMinute: 3, channelPerMinute: 0 }, () => t);
    const ask = () => limiter.take({ userId: 'U1', channelId: 'C1' });
    expect([ask(), ask(), ask()].every((d) => d.ok)).toBe(true);
    expect(ask()).toEqual({ ok: false, retryAfterSec: 20, scope: 'user', notify: true });
    // Told once per window: later refusals within it are not to be answered again.
    expect(ask()).toEqual({ ok: false, retryAfterSec: 20, scope: 'user', notify: false });
    t = 20_000;
    expect(ask().ok).toBe(true);
    expect(ask()).toMatchObject({ ok: false, notify: true });
  });

  it("one user's flood does not limit another user", () => {
    const limiter = new RateLimiter({ userPerMinute: 2, channelPerMinute: 0 }, () => 0);
    for (let i = 0; i < 50; i++) limiter.take({ userId: 'flooder' });
    expect(limiter.take({ userId: 'someone-else' }).ok).toBe(true);
  });

  it('limits a channel across its users, and a refused question costs nothing', () => {
    const limiter = new RateLimiter({ userPerMinute: 10, channelPerMinute: 2 }, () => 0);
    expect(limiter.take({ userId: 'a', channelId: 'C' }).ok).toBe(true);
    expect(limiter.take({ userId: 'b', channelId: 'C' }).ok).toBe(true);
    expect(limiter.take({ userId: 'c', channelId: 'C' })).toMatchObject({ ok: false, scope: 'channel' });
    expect(limiter.take({ userId: 'c', channelId: 'D' }).ok).toBe(true);
  });

  it('0 turns a limit off', () => {
    const limiter = new RateLimiter({ userPerMinute: 0, channelPerMinute: 0 }, () => 0);
    for (let i = 0; i < 1000; i++) expect(limiter.take({ userId: 'u', channelId: 'c' }).ok).toBe(true);
  });
});
