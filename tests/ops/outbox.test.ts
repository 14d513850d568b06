import { describe, expect, it } from 'vitest';
import { Outbox, SendTimeoutError } from '../../runtime/outbox.ts';

class RateLimited extends Error {
  constructor(readonly retryAfter: number) {
    super('rate limited');
  }
}
const outbox = (timeoutMs = 1000) => new Outbox({ timeoutMs, retryAfterSec: (e) => (e instanceof RateLimited ? e.retryAfter : undefined) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Outbox', () => {
  it('a rate-limited destination waits alone; other destinations go on', async () => {
    const box = outbox();
    const order: string[] = [];
    let first = true;
    const slow = box.send('C1', 'u', async () => {
      if (first) {
        first = false;
        throw new RateLimited(0.3);
      }
      order.push('C1');
    });
    await sleep(10);
    await box.send('C2', 'u', async () => void order.push('C2'));
    expect(order).toEqual(['C2']);
    await slow;
    expect(order).toEqual(['C2', 'C1']);
    expect(box.pending).toBe(0);
  });

  it('takes senders in turns within a destination, each in order', async () => {
    const box = outbox();
    const sent: string[] = [];
    const all = [
      ...['f1', 'f2', 'f3', 'f4'].map((m) => box.send('C', 'flooder', async () => void sent.push(m))),
      box.send('C', 'a', async () => void sent.push('a1')),
      box.send('C', 'b', async () => void sent.push('b1')),
    ];
    await Promise.all(all);
    expect(sent).toEqual(['f1', 'a1', 'b1', 'f2', 'f3', 'f4']);
  });

  it('gives up a send that takes too long (aborting it) and one that fails otherwise, and goes on', async () => {
    const box = outbox(50);
    let aborted = false;
    await expect(box.send('C', 'u', (signal) => new Promise((r) => signal.addEventListener('abort', () => ((aborted = true), r(undefined)))).then(() => sleep(1000)))).rejects.toBeInstanceOf(SendTimeoutError);
    expect(aborted).toBe(true);
    await expect(box.send('C', 'u', async () => Promise.reject(new Error('channel_not_found')))).rejects.toThrow('channel_not_found');
    await expect(box.send('C', 'u', async () => 'ok')).resolves.toBeUndefined();
  });
});
