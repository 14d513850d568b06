/**
 * Matches replies seen at the fakes to the questions that caused them, by what each platform gives
 * back: Slack channel + thread_ts, the DM channel, the response_url; Discord interaction id/token and
 * message_reference. A reply that matches no question is counted as unexpected.
 */
import type { PlannedQuestion } from './plan.ts';

/** What the polite refusal says (runtime/bot.ts), in either language. */
const RATE_LIMITED = /질문이 너무 빠르게 이어지고 있어요|a lot of questions in a short time/;

export interface Reply {
  /** performance.now() when the fake received it. */
  at: number;
  rateLimited: boolean;
  /** Where it came in (chat.postMessage, response_url, callback, PATCH @original, channel message…). */
  via: string;
}

export interface Tracked {
  q: PlannedQuestion;
  /** performance.now() just before the request or gateway event left; undefined if never sent. */
  sentAt?: number;
  /** The send failed (HTTP error, closed socket): never reached the bot. */
  sendError?: string;
  replies: Reply[];
  /** Discord: deferred first (callback type 5) and answered by editing @original. */
  deferred?: boolean;
  /** performance.now() when the platform got its acknowledgement: Slack's HTTP response, a Discord interaction's first callback. */
  ackedAt?: number;
}

export class Matcher {
  readonly tracked = new Map<number, Tracked>();
  private readonly byKey = new Map<string, Tracked>();
  /** Replies no question accounts for. */
  readonly unexpected: { key: string; via: string }[] = [];
  /** Repeated deliveries sent (Slack retries, same event twice, DM as mention), by kind. */
  readonly dupsSent = new Map<string, number>();
  dupErrors = 0;

  add(q: PlannedQuestion): Tracked {
    const t: Tracked = { q, replies: [] };
    this.tracked.set(q.id, t);
    return t;
  }

  /** Says that a reply with `key` answers question `id`. */
  expect(key: string, id: number): void {
    const t = this.tracked.get(id);
    if (!t) throw new Error(`no question ${id}`);
    if (this.byKey.has(key) && this.byKey.get(key) !== t) throw new Error(`reply key ${key} already used by question ${this.byKey.get(key)!.q.id}`);
    this.byKey.set(key, t);
  }

  sent(id: number, at: number): void {
    const t = this.tracked.get(id);
    if (t) t.sentAt = at;
  }

  sendFailed(id: number, error: string): void {
    const t = this.tracked.get(id);
    if (t) t.sendError ??= error;
  }

  dupSent(kind: string): void {
    this.dupsSent.set(kind, (this.dupsSent.get(kind) ?? 0) + 1);
  }

  deferred(key: string): void {
    const t = this.byKey.get(key);
    if (t) t.deferred = true;
  }

  /** The request for question `id` (or the interaction with reply key `key`) was acknowledged at `at`. */
  acked(id: number | string, at: number): void {
    const t = typeof id === 'number' ? this.tracked.get(id) : this.byKey.get(id);
    if (t && t.ackedAt === undefined) t.ackedAt = at;
  }

  /** A reply arrived at a fake. `body` is only searched for the rate-limit wording. */
  reply(key: string, at: number, body: unknown, via: string): void {
    const t = this.byKey.get(key);
    if (!t) {
      this.unexpected.push({ key, via });
      return;
    }
    t.replies.push({ at, via, rateLimited: RATE_LIMITED.test(typeof body === 'string' ? body : JSON.stringify(body ?? '')) });
  }

  /** Questions sent whose first reply has not arrived, and which are not yet `timeoutMs` old at `now`. */
  pending(now: number, timeoutMs: number): number {
    let n = 0;
    for (const t of this.tracked.values()) if (t.sentAt !== undefined && !t.sendError && t.replies.length === 0 && now - t.sentAt < timeoutMs) n++;
    return n;
  }
}
