/**
 * A local fake of Discord for end-to-end tests: the REST API (HTTP) and the gateway (a JSON,
 * uncompressed WebSocket) on one ephemeral 127.0.0.1 port. It does the real handshake (HELLO,
 * IDENTIFY, READY with a guild, GUILD_CREATE, heartbeat ACKs), dispatches the events a test asks
 * for, and records every REST call the bot makes.
 *
 * Point discord.js at it with `rest: { api: fake.apiUrl }` (DISCORD_API_URL); discord.js appends
 * `/v10` and reads the gateway URL from GET /gateway/bot.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake whose timestamp is `ms` (Discord's id format; interactions' age comes from it). */
export function snowflake(ms = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

export interface RecordedRequest {
  method: string;
  /** The path as sent (percent-encoding kept: `@original` arrives as `%40original`). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
  at: number;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
}

export interface GatewaySession {
  socket: WebSocket;
  identify?: any;
  shard: [number, number];
  heartbeats: number;
  seq: number;
  query: URLSearchParams;
}

export interface FakeDiscordOptions {
  /** Sent in HELLO; the client heartbeats at this interval (with jitter first). */
  heartbeatIntervalMs?: number;
  /** `shards` in GET /gateway/bot. */
  recommendedShards?: number;
}

export class FakeDiscord {
  readonly applicationId = snowflake(Date.now() - 100_000_000);
  readonly botUser = { id: this.applicationId, username: 'sovereign-ai-bot', discriminator: '0000', global_name: null, avatar: null, bot: true };
  readonly guildId = snowflake(Date.now() - 90_000_000);
  readonly channelId = snowflake(Date.now() - 80_000_000);
  readonly botRoleId = snowflake(Date.now() - 70_000_000);
  readonly dmChannelId = snowflake(Date.now() - 50_000_000);
  readonly user = { id: snowflake(Date.now() - 60_000_000), username: 'asker', discriminator: '0', global_name: 'Asker', avatar: null };
  readonly requests: RecordedRequest[] = [];
  /** Every message the bot created (channel messages, webhook posts and edits), with the id this fake gave it. */
  readonly posted: { id: string; channelId: string; body: any }[] = [];
  readonly sessions: GatewaySession[] = [];
  /** Answers a request instead of the default routes when it returns something. */
  override?: (req: RecordedRequest) => FakeResponse | undefined;
  /** Holds the response to a request this many ms (after it is recorded), as a slow network does. */
  delayResponse?: (req: RecordedRequest) => number;
  /** Closes a session with this code when it identifies, as Discord does for a bad token (4004) or disallowed intents (4014). */
  closeOnIdentify?: number;

  private server!: http.Server;
  private wss!: WebSocketServer;
  private waiters: { pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  private readonly heartbeatIntervalMs: number;
  private readonly recommendedShards: number;
  port = 0;

  constructor(opts: FakeDiscordOptions = {}) {
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 1000;
    this.recommendedShards = opts.recommendedShards ?? 1;
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await fake.listen();
    return fake;
  }

  /** What to hand discord.js as `rest.api` (DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- REST -------------------------------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, at: Date.now() };
    this.requests.push(recorded);
    const response = this.override?.(recorded) ?? this.route(recorded);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(recorded)) return true;
      w.resolve(recorded);
      return false;
    });
    const delay = this.delayResponse?.(recorded) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (response.status === 204 || response.body === undefined) {
      res.writeHead(response.status).end();
      return;
    }
    const out = JSON.stringify(response.body);
    res.writeHead(response.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
  }

  private route(r: RecordedRequest): FakeResponse {
    const p = r.path.replace(/^\/api\/v10/, '');
    const m = (re: RegExp) => re.exec(p);
    if (r.method === 'GET' && p === '/gateway/bot') {
      return {
        status: 200,
        body: { url: this.gatewayUrl, shards: this.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 } },
      };
    }
    if (r.method === 'GET' && p === '/gateway') return { status: 200, body: { url: this.gatewayUrl } };
    if (r.method === 'GET' && (p === '/applications/@me' || p === '/oauth2/applications/@me')) {
      return { status: 200, body: { id: this.applicationId, name: 'sovereign-ai-bot', bot: this.botUser, flags: 0 } };
    }
    if (r.method === 'GET' && p === '/users/@me') return { status: 200, body: this.botUser };
    if (r.method === 'POST' && m(/^\/interactions\/\d+\/[^/]+\/callback$/)) return { status: 204 };
    let mm: RegExpExecArray | null;
    if ((mm = m(/^\/webhooks\/(\d+)\/[^/]+\/messages\/(%40original|@original|\d+)$/))) {
      if (r.method === 'PATCH' || r.method === 'GET') return { status: 200, body: this.message(r.body ?? {}, this.channelId) };
      if (r.method === 'DELETE') return { status: 204 };
    }
    if (r.method === 'POST' && m(/^\/webhooks\/\d+\/[^/]+$/)) return { status: 200, body: this.message(r.body, this.channelId) };
    if (r.method === 'POST' && (mm = m(/^\/channels\/(\d+)\/messages$/))) return { status: 200, body: this.message(r.body, mm[1]!) };
    if (r.method === 'POST' && m(/^\/channels\/\d+\/typing$/)) return { status: 204 };
    if (r.method === 'PUT' && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      const list = Array.isArray(r.body) ? r.body : [];
      return { status: 200, body: list.map((c: any) => ({ id: snowflake(), application_id: this.applicationId, version: snowflake(), type: 1, ...c })) };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private message(body: any, channelId: string) {
    const id = snowflake();
    this.posted.push({ id, channelId, body });
    return {
      id,
      channel_id: channelId,
      author: this.botUser,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }

  /** Resolves with the first request (already made or coming) that `pred` accepts. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000, label = 'request'): Promise<RecordedRequest> {
    const seen = this.requests.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${label}; saw:\n${this.requests.map((r) => `  ${r.method} ${r.path}`).join('\n')}`));
      }, timeoutMs);
      const done = (r: RecordedRequest) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  /** Requests made for interaction `id` (its callback, and webhook calls with its token). */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/interactions/${interaction.id}/`) || r.path.includes(`/${interaction.token}`));
  }

  // --- gateway ------------------------------------------------------------------------------------------

  private onConnection(socket: WebSocket, req: http.IncomingMessage): void {
    const session: GatewaySession = { socket, shard: [0, 1], heartbeats: 0, seq: 0, query: new URL(req.url ?? '/', 'http://x').searchParams };
    this.sessions.push(session);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return; // a JSON gateway gets text frames only
      const payload = JSON.parse(data.toString());
      switch (payload.op) {
        case 1: // heartbeat
          session.heartbeats++;
          socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
          break;
        case 2: // identify
          if (this.closeOnIdentify) {
            socket.close(this.closeOnIdentify, 'refused');
            break;
          }
          session.identify = payload.d;
          session.shard = payload.d.shard ?? [0, 1];
          this.sendReady(session);
          break;
        case 6: // resume
          this.send(session, 'RESUMED', {});
          break;
        default:
          break;
      }
    });
  }

  /** Closes every open gateway session with `code` (4004: the token was reset while the bot ran). */
  closeSessions(code: number): void {
    for (const s of this.sessions) if (s.socket.readyState === s.socket.OPEN) s.socket.close(code, 'closed by the fake');
  }

  /** Guilds live on shard (guild_id >> 22) % shard_count, as on Discord. */
  private guildsOf(session: GatewaySession): string[] {
    const [id, count] = session.shard;
    return [this.guildId].filter((g) => Number((BigInt(g) >> 22n) % BigInt(count)) === id);
  }

  private sendReady(session: GatewaySession): void {
    const guilds = this.guildsOf(session);
    this.send(session, 'READY', {
      v: 10,
      user: this.botUser,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: `session-${this.sessions.length}`,
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
    });
    for (const id of guilds) this.send(session, 'GUILD_CREATE', this.guild(id));
  }

  private guild(id: string) {
    return {
      id,
      name: 'Test guild',
      icon: null,
      owner_id: this.user.id,
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: new Date().toISOString(),
      features: [],
      preferred_locale: 'ko',
      roles: [
        { id, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: this.botRoleId, name: 'sovereign-ai-bot', permissions: '2048', position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0, tags: { bot_id: this.botUser.id } },
      ],
      channels: [{ id: this.channelId, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: id }],
      threads: [],
      members: [{ user: this.botUser, roles: [this.botRoleId], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Sends a dispatch (op 0) on one session, or on every identified session. */
  send(session: GatewaySession | undefined, t: string, d: unknown): void {
    const targets = session ? [session] : this.sessions.filter((s) => s.identify && s.socket.readyState === s.socket.OPEN);
    for (const s of targets) s.socket.send(JSON.stringify({ op: 0, t, s: ++s.seq, d }));
  }

  /** The session whose shard holds the guild (the one Discord would use for guild events). */
  guildSession(): GatewaySession | undefined {
    return this.sessions.find((s) => s.identify && s.socket.readyState === s.socket.OPEN && this.guildsOf(s).length > 0);
  }

  /** Resolves once `count` shards have identified and been sent READY. */
  async waitForIdentify(count = 1, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (this.sessions.filter((s) => s.identify).length < count) {
      if (Date.now() - start > timeoutMs) throw new Error(`only ${this.sessions.filter((s) => s.identify).length} of ${count} shards identified`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // --- events a test dispatches ---------------------------------------------------------------------

  private member() {
    return { user: this.user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: '2248473465835073', nick: null, avatar: null };
  }

  private base(type: number, opts: { dm?: boolean; locale?: string; ageMs?: number }) {
    const id = snowflake(Date.now() - (opts.ageMs ?? 0));
    const channel = opts.dm
      ? { id: this.dmChannelId, type: 1, recipients: [this.user], last_message_id: null, flags: 0 }
      : { id: this.channelId, type: 0, guild_id: this.guildId, name: 'general', position: 0, permission_overwrites: [], flags: 0 };
    return {
      id,
      application_id: this.applicationId,
      type,
      token: `token-${id}`,
      version: 1,
      locale: opts.locale ?? 'ko',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: opts.dm ? 1 : 0,
      attachment_size_limit: 10_485_760,
      channel,
      channel_id: channel.id,
      ...(opts.dm ? { user: this.user } : { guild_id: this.guildId, guild_locale: 'ko', guild: { id: this.guildId, locale: 'ko', features: [] }, member: this.member() }),
    };
  }

  /** INTERACTION_CREATE for a slash command; returns the payload (id, token). */
  slashCommand(name: string, options: { name: string; type: number; value: unknown; focused?: boolean }[], opts: { dm?: boolean; locale?: string; ageMs?: number; autocomplete?: boolean } = {}) {
    const d = {
      ...this.base(opts.autocomplete ? 4 : 2, opts),
      data: { id: snowflake(Date.now() - 40_000_000), name, type: 1, options },
    };
    this.send(opts.dm ? this.sessions.find((s) => s.identify && s.shard[0] === 0) : this.guildSession(), 'INTERACTION_CREATE', d);
    return d;
  }

  /** INTERACTION_CREATE for a button click on a message the bot sent. */
  buttonClick(customId: string, message: { id?: string; embeds?: unknown[] } = {}, opts: { dm?: boolean; locale?: string } = {}) {
    const d = {
      ...this.base(3, opts),
      data: { custom_id: customId, component_type: 2 },
      message: {
        id: message.id ?? snowflake(),
        channel_id: this.channelId,
        author: this.botUser,
        content: '',
        embeds: message.embeds ?? [],
        components: [],
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        pinned: false,
        type: 0,
        flags: 0,
      },
    };
    this.send(this.guildSession(), 'INTERACTION_CREATE', d);
    return d;
  }

  /**
   * MESSAGE_CREATE in the guild channel or a DM. `mentionsBot` fills `mentions` as Discord would (a
   * reply that pings the bot's message author does too). `replyTo`: a reply to that message of the
   * bot's (Discord adds the message it refers to); without `mentionsBot` the reply's ping is off.
   */
  messageCreate(content: string, opts: { dm?: boolean; author?: Record<string, unknown>; mentionsBot?: boolean; mentionEveryone?: boolean; mentionRoles?: string[]; session?: GatewaySession; replyTo?: string } = {}) {
    const author = opts.author ?? this.user;
    const channelId = opts.dm ? this.dmChannelId : this.channelId;
    const reply = opts.replyTo
      ? {
          type: 19,
          message_reference: { type: 0, message_id: opts.replyTo, channel_id: channelId, ...(opts.dm ? {} : { guild_id: this.guildId }) },
          referenced_message: { id: opts.replyTo, channel_id: channelId, author: this.botUser, content: '', embeds: [], components: [], timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 0, flags: 0 },
        }
      : {};
    const d = {
      id: snowflake(),
      channel_id: channelId,
      // Discord says what kind of channel it is; for an uncached DM that is all discord.js has.
      channel_type: opts.dm ? 1 : 0,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: opts.mentionEveryone ?? false,
      mentions: opts.mentionsBot ? [{ ...this.botUser, member: { roles: [this.botRoleId], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }] : [],
      mention_roles: opts.mentionRoles ?? [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...reply,
      ...(opts.dm ? {} : { guild_id: this.guildId, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
    };
    this.send(opts.session ?? (opts.dm ? this.sessions.find((s) => s.identify && s.shard[0] === 0) : this.guildSession()), 'MESSAGE_CREATE', d);
    return d;
  }
}
