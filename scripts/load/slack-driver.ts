/**
 * Drives the bot's Slack adapter (HTTP mode) as Slack would: signed Events API deliveries (mentions,
 * DMs, and their redeliveries) and slash commands into POST /slack/events, and watches the fake
 * Slack for the replies (chat.postMessage, response_url posts), timing each on arrival.
 */
import { performance } from 'node:perf_hooks';
import { BOT_USER_ID, commandForm, eventEnvelope, sign, type ApiCall, type FakeSlack, type ResponseUrlPost } from '../../tests/slack/fake-slack.ts';
import type { Matcher } from './matcher.ts';
import type { PlannedDup, PlannedQuestion } from './plan.ts';

/** How long one request into the app may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;

/** As Slack sends user text: &, < and > as entities. */
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export const slackTs = (q: PlannedQuestion) => `1710000000.${pad(q.id, 6)}`;
const eventId = (q: PlannedQuestion, suffix = '') => `Ev0LOAD${pad(q.id, 7)}${suffix}`;
const clientMsgId = (q: PlannedQuestion) => `00000000-0000-4000-8000-${pad(q.id, 12)}`;

/** The keys a reply to `q` can be matched by. */
export function slackReplyKeys(q: PlannedQuestion): string[] {
  if (q.kind === 'command') return [`slack:resp:q${q.id}`];
  // A DM is answered in the DM (no thread); if its app_mention copy won the race, in its thread.
  if (q.kind === 'dm') return [`slack:dm:${q.channelId}`, `slack:thread:${q.channelId}:${slackTs(q)}`];
  return [`slack:thread:${q.channelId}:${slackTs(q)}`];
}

export class SlackDriver {
  /** Requests into the app not yet answered (HTTP ack); awaited before stopping. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Event bodies kept for the repeats still to come. */
  private readonly bodies = new Map<number, string>();
  private readonly repeatsLeft = new Map<number, number>();
  httpErrors = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly appUrl: string,
    private readonly matcher: Matcher,
    dups: readonly PlannedDup[],
  ) {
    for (const d of dups) if (d.kind !== 'dm-as-mention') this.repeatsLeft.set(d.of, (this.repeatsLeft.get(d.of) ?? 0) + 1);
    this.tap();
  }

  /** Sees every Web API call and response_url post as the fake records it. */
  private tap(): void {
    const calls = this.fake.calls;
    const pushCall = calls.push.bind(calls);
    calls.push = (...items: ApiCall[]) => {
      const at = performance.now();
      for (const c of items) this.onCall(c, at);
      return pushCall(...items);
    };
    const responses = this.fake.responses;
    const pushResponse = responses.push.bind(responses);
    responses.push = (...items: ResponseUrlPost[]) => {
      const at = performance.now();
      for (const r of items) this.matcher.reply(`slack:resp:${r.id}`, at, r.body, 'response_url');
      return pushResponse(...items);
    };
  }

  private onCall(c: ApiCall, at: number): void {
    if (c.method === 'auth.test') return;
    if (c.method !== 'chat.postMessage') {
      this.matcher.unexpected.push({ key: `slack:${c.method}`, via: c.method });
      return;
    }
    const channel = String(c.args.channel);
    const key = c.args.thread_ts !== undefined ? `slack:thread:${channel}:${String(c.args.thread_ts)}` : `slack:dm:${channel}`;
    this.matcher.reply(key, at, { text: c.args.text, blocks: c.args.blocks }, 'chat.postMessage');
  }

  send(q: PlannedQuestion): void {
    for (const key of slackReplyKeys(q)) this.matcher.expect(key, q.id);
    if (q.kind === 'command') {
      const form = commandForm('/ask', escapeText(q.text), this.fake.responseUrl(`q${q.id}`), {
        channel_id: q.channelId,
        channel_name: 'load',
        user_id: q.userId,
        user_name: q.userId.toLowerCase(),
        trigger_id: `${q.id}.1710000000.load`,
      });
      this.post(q.id, form, 'application/x-www-form-urlencoded');
      return;
    }
    const text = q.kind === 'channel' || q.mentionsInDm ? `<@${BOT_USER_ID}> ${escapeText(q.text)}` : escapeText(q.text);
    const event: Record<string, unknown> = {
      type: q.kind === 'channel' ? 'app_mention' : 'message',
      user: q.userId,
      text,
      ts: slackTs(q),
      channel: q.channelId,
      client_msg_id: clientMsgId(q),
      ...(q.kind === 'dm' ? { channel_type: 'im' } : {}),
    };
    const body = JSON.stringify(eventEnvelope(event, eventId(q)));
    if (this.repeatsLeft.has(q.id)) this.bodies.set(q.id, body);
    this.post(q.id, body, 'application/json');
  }

  /** A repeated delivery of `q`'s event: never to be answered or logged again. */
  repeat(d: PlannedDup, q: PlannedQuestion): void {
    if (d.kind === 'dm-as-mention') {
      this.matcher.dupSent(d.kind);
      // Slack's second delivery of a DM that mentions the bot: the same message as app_mention.
      const event = { type: 'app_mention', channel_type: 'im', user: q.userId, text: `<@${BOT_USER_ID}> ${escapeText(q.text)}`, ts: slackTs(q), channel: q.channelId, client_msg_id: clientMsgId(q) };
      this.post(undefined, JSON.stringify(eventEnvelope(event, eventId(q, 'M'))), 'application/json');
      return;
    }
    const body = this.bodies.get(q.id);
    if (!body) return; // the question itself was never sent
    this.matcher.dupSent(d.kind);
    const left = (this.repeatsLeft.get(q.id) ?? 1) - 1;
    if (left <= 0) {
      this.bodies.delete(q.id);
      this.repeatsLeft.delete(q.id);
    } else this.repeatsLeft.set(q.id, left);
    const headers: Record<string, string> = d.kind === 'retry' ? { 'X-Slack-Retry-Num': String(d.retryNum ?? 1), 'X-Slack-Retry-Reason': 'http_timeout' } : {};
    this.post(undefined, body, 'application/json', headers);
  }

  /** Signs and posts; `id` is the question whose send time this is (undefined for a repeat). */
  private post(id: number | undefined, body: string, contentType: string, headers: Record<string, string> = {}): void {
    const init = { method: 'POST', headers: { 'Content-Type': contentType, ...sign(body), ...headers }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
    if (id !== undefined) this.matcher.sent(id, performance.now());
    const work = fetch(this.appUrl, init).then(
      async (res) => {
        if (id !== undefined) this.matcher.acked(id, performance.now());
        await res.arrayBuffer();
        if (res.status !== 200) this.failed(id, `HTTP ${res.status}`);
      },
      (e: unknown) => this.failed(id, e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
    );
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private failed(id: number | undefined, error: string): void {
    this.httpErrors++;
    if (id !== undefined) this.matcher.sendFailed(id, error);
    else this.matcher.dupErrors++;
  }

  /** Waits (at most `ms`) for every request to have been answered by the app. */
  async drain(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }
}
