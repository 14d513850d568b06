/**
 * A local stand-in for Slack, all on 127.0.0.1 and ephemeral ports: the Web API methods the adapter
 * calls (recorded), response_url endpoints (recorded), a Socket Mode WebSocket server, and helpers
 * that send real signed requests into the app.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'xoxb-1111-2222-testbottoken';
export const APP_TOKEN = 'xapp-1-A111-333-testapptoken';
export const SIGNING_SECRET = '8f742231b10e8888abcd99eeeeee85a5';
export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0000TEST';

export interface ApiCall {
  method: string;
  /** Form fields, with `blocks` parsed from JSON. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** Date.now() when it arrived. */
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  /** Date.now() when it was accepted. */
  at: number;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** chat.postMessage calls refused with 429 (not in `calls`). */
  readonly throttled: ApiCall[] = [];
  /** Slack's per-channel posting limit: more chat.postMessage than this in a second → 429, Retry-After: 1. 0: no limit. */
  channelRatePerSec = 0;
  /** The next chat.postMessage to these channels gets 429 with this Retry-After (seconds), once. */
  readonly retryAfterOnce = new Map<string, number>();
  private readonly postedAt = new Map<string, number[]>();
  /** chat.postMessage answers after this long (a slow Slack). */
  postDelayMs = 0;
  /** chat.postMessage calls whose response reached the bot (its connection still open when answered). */
  readonly delivered: ApiCall[] = [];
  /** Tokens Slack no longer accepts (revoked while the bot runs): every call with one gets invalid_auth. */
  readonly revoked = new Set<string>();
  readonly responses: ResponseUrlPost[] = [];
  /** Messages the app sent over the Socket Mode WebSocket (acks). */
  readonly socketMessages: Array<Record<string, unknown>> = [];
  readonly sockets = new Set<WebSocket>();
  private tsCounter = 0;
  private gate: Promise<void> | undefined;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<FakeSlack> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const server = http.createServer();
    const fake = new FakeSlack(server, wss);
    server.on('request', (req, res) => void fake.handle(req, res));
    wss.on('connection', (ws) => {
      fake.sockets.add(ws);
      ws.on('close', () => fake.sockets.delete(ws));
      ws.on('message', (data) => {
        fake.socketMessages.push(JSON.parse(String(data)) as Record<string, unknown>);
        fake.notify();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A111' } }));
      fake.notify();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The Web API base URL, for SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
  }

  /** A response_url on this fake. */
  responseUrl(id: string = crypto.randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  calledWith(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Holds every response_url post until the returned function is called. */
  holdResponses(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  /** Resolves with `probe()`'s first defined, non-false value; rejects after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Sends a Socket Mode envelope to every connected client. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Seconds to wait if a post to `channel` now is over the limits, else undefined (and the post counts). */
  private throttle(channel: string): number | undefined {
    const once = this.retryAfterOnce.get(channel);
    if (once !== undefined) {
      this.retryAfterOnce.delete(channel);
      return once;
    }
    if (this.channelRatePerSec <= 0) return undefined;
    const now = Date.now();
    const recent = (this.postedAt.get(channel) ?? []).filter((t) => now - t < 1000);
    this.postedAt.set(channel, recent);
    if (recent.length >= this.channelRatePerSec) return 1;
    recent.push(now);
    return undefined;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    if (url.pathname.startsWith('/response/')) {
      if (this.gate) await this.gate;
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown>, at: Date.now() });
      this.notify();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      json(404, { ok: false, error: 'not_found' });
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const form = new URLSearchParams(raw);
    const args: Record<string, unknown> = {};
    for (const [k, v] of form) args[k] = k === 'blocks' || k === 'attachments' ? JSON.parse(v) : v;
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    if (method === 'chat.postMessage') {
      const retryAfter = this.throttle(String(args.channel));
      if (retryAfter !== undefined) {
        this.throttled.push({ method, args, token, at: Date.now() });
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
    }
    const call = { method, args, token, at: Date.now() };
    this.calls.push(call);
    this.notify();
    if (token && this.revoked.has(token)) return json(200, { ok: false, error: 'invalid_auth' });
    if (method === 'chat.postMessage' && this.postDelayMs > 0) {
      await new Promise((r) => setTimeout(r, this.postDelayMs));
      if (res.destroyed || req.socket.destroyed) return;
      res.on('finish', () => {
        this.delivered.push(call);
        this.notify();
      });
    }

    switch (method) {
      case 'auth.test':
        if (token !== BOT_TOKEN) return json(200, { ok: false, error: 'invalid_auth' });
        return json(200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'sovereign-bot', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID });
      case 'apps.connections.open':
        if (token !== APP_TOKEN) return json(200, { ok: false, error: 'invalid_auth' });
        return json(200, { ok: true, url: this.wsUrl });
      case 'chat.postMessage':
        if (token !== BOT_TOKEN) return json(200, { ok: false, error: 'invalid_auth' });
        return json(200, { ok: true, channel: args.channel, ts: `1700000000.${String(++this.tsCounter).padStart(6, '0')}` });
      case 'chat.postEphemeral':
        if (token !== BOT_TOKEN) return json(200, { ok: false, error: 'invalid_auth' });
        if (String(args.channel).startsWith('CNOTIN')) return json(200, { ok: false, error: 'not_in_channel' });
        return json(200, { ok: true, message_ts: `1700000000.${String(++this.tsCounter).padStart(6, '0')}` });
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Requests into the app                                                                            */
/* ------------------------------------------------------------------------------------------------ */

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(timestamp) };
}

export interface PostOptions {
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
  /** Replace the signature with this value. */
  signature?: string;
}

export async function post(url: string, body: string, contentType: string, opts: PostOptions = {}): Promise<{ status: number; text: string; ms: number; headers: Headers }> {
  const signed = sign(body, opts.timestamp, opts.secret);
  if (opts.signature !== undefined) signed['X-Slack-Signature'] = opts.signature;
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, ...signed, ...opts.headers }, body });
  return { status: res.status, text: await res.text(), ms: Date.now() - started, headers: res.headers };
}

let eventCounter = 0;

/** An Events API envelope (event_callback) around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++eventCounter}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A111',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function postEvent(appUrl: string, envelope: Record<string, unknown>, opts: PostOptions = {}) {
  return post(appUrl, JSON.stringify(envelope), 'application/json', opts);
}

/** A slash command as Slack sends it: form-encoded, exactly `application/x-www-form-urlencoded`. */
export function commandForm(command: string, text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0000CHAN',
    channel_name: 'general',
    user_id: 'U0000USER',
    user_name: 'asker',
    command,
    text,
    api_app_id: 'A111',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    ...extra,
  }).toString();
}

export function postCommand(appUrl: string, form: string, opts: PostOptions = {}) {
  return post(appUrl, form, 'application/x-www-form-urlencoded', opts);
}

/** A block_actions payload for a button click. */
export function buttonClick(
  button: { action_id: string; value: string },
  responseUrl: string,
  where: { channel?: string; messageTs?: string; threadTs?: string; ephemeral?: boolean; user?: string } = {},
): Record<string, unknown> {
  const channel = where.channel ?? 'C0000CHAN';
  const messageTs = where.messageTs ?? '1700000000.000100';
  return {
    type: 'block_actions',
    user: { id: where.user ?? 'U0000USER', username: 'asker', name: 'asker', team_id: TEAM_ID },
    api_app_id: 'A111',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: where.ephemeral ?? false,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    },
    trigger_id: '123.456.abc',
    team: { id: TEAM_ID, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    ...(where.ephemeral ? {} : { message: { type: 'message', ts: messageTs, user: BOT_USER_ID, text: '', ...(where.threadTs ? { thread_ts: where.threadTs } : {}) } }),
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000001.000000' }],
  };
}

export function postAction(appUrl: string, payload: Record<string, unknown>, opts: PostOptions = {}) {
  return post(appUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
}

/** A logger that keeps every line, for assertions (and to check no secret is ever logged). */
export function captureLogger() {
  const lines: string[] = [];
  const push = (level: string) => (...args: unknown[]) => void lines.push(`${level} ${args.map(String).join(' ')}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** Every button in a message's blocks. */
export function buttonsOf(blocks: unknown): Array<{ action_id: string; value: string }> {
  const out: Array<{ action_id: string; value: string }> = [];
  for (const b of (blocks as Array<{ type: string; elements?: Array<{ type: string; action_id: string; value: string }> }>) ?? []) {
    if (b.type === 'actions') for (const e of b.elements ?? []) if (e.type === 'button') out.push(e);
  }
  return out;
}
