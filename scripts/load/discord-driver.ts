/**
 * Drives the bot's Discord adapter as Discord would: gateway dispatches of MESSAGE_CREATE (mentions
 * in the guild channel, DMs) and INTERACTION_CREATE (/ask), from many users, and watches the fake's
 * REST API for the replies (interaction callback, edit of @original, follow-up, channel message with
 * message_reference), timing each on arrival.
 */
import { performance } from 'node:perf_hooks';
import { snowflake, type FakeDiscord, type RecordedRequest } from '../../tests/discord/fake-discord.ts';
import type { Matcher } from './matcher.ts';
import type { PlannedQuestion } from './plan.ts';

const STRING = 3;
const BOOLEAN = 5;
const PERMISSIONS = '2248473465835073';
const hangul = /[\uac00-\ud7a3]/;

export class DiscordDriver {
  /** The /ask command's id, as registered. */
  private readonly commandId = snowflake(Date.now() - 40_000_000);
  sendErrors = 0;

  constructor(
    private readonly fake: FakeDiscord,
    private readonly matcher: Matcher,
  ) {
    fake.override = (r) => {
      this.onRequest(r, performance.now());
      return undefined; // the fake's own routes answer
    };
  }

  private onRequest(r: RecordedRequest, at: number): void {
    const p = r.path.replace(/^\/api\/v10/, '');
    let m: RegExpExecArray | null;
    if (r.method === 'POST' && (m = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(p))) {
      this.matcher.acked(`discord:int:${m[1]}`, at);
      if (r.body?.type === 5) this.matcher.deferred(`discord:int:${m[1]}`);
      else if (r.body?.type === 4) this.matcher.reply(`discord:int:${m[1]}`, at, r.body.data, 'callback');
      else this.matcher.unexpected.push({ key: `discord:callback-type-${r.body?.type}`, via: 'callback' });
      return;
    }
    if ((m = /^\/webhooks\/\d+\/([^/]+)\/messages\/(?:%40original|@original)$/.exec(p)) && r.method === 'PATCH') {
      this.matcher.reply(`discord:tok:${m[1]}`, at, r.body, 'edit @original');
      return;
    }
    if ((m = /^\/webhooks\/\d+\/([^/]+)$/.exec(p)) && r.method === 'POST') {
      this.matcher.reply(`discord:tok:${m[1]}`, at, r.body, 'follow-up');
      return;
    }
    if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(p)) {
      const ref = r.body?.message_reference?.message_id;
      if (ref) this.matcher.reply(`discord:msg:${ref}`, at, r.body, 'channel message');
      else this.matcher.unexpected.push({ key: `discord:${p}`, via: 'channel message without reference' });
    }
  }

  /**
   * `n` text channels of the guild: the fake's own and n − 1 more, announced to the bot with
   * CHANNEL_CREATE (as Discord does when a channel is made) before any message in them.
   */
  guildChannels(n: number): string[] {
    const ids = [this.fake.channelId];
    const session = this.fake.guildSession();
    for (let k = 1; k < n; k++) {
      const id = snowflake(Date.now() - 80_000_000 + k);
      ids.push(id);
      this.fake.send(session, 'CHANNEL_CREATE', { id, type: 0, guild_id: this.fake.guildId, name: `load-${k}`, position: k, permission_overwrites: [], flags: 0 });
    }
    return ids;
  }

  private user(q: PlannedQuestion) {
    return { id: q.userId, username: `user${q.userId.slice(-6)}`, discriminator: '0', global_name: null, avatar: null };
  }

  /** The identified session Discord would use: the guild's shard, or shard 0 for DMs. */
  private session(dm: boolean) {
    return dm ? this.fake.sessions.find((s) => s.identify && s.shard[0] === 0 && s.socket.readyState === s.socket.OPEN) : this.fake.guildSession();
  }

  send(q: PlannedQuestion): void {
    const session = this.session(!!q.dm);
    if (!session) {
      this.sendErrors++;
      this.matcher.sendFailed(q.id, 'no open gateway session');
      return;
    }
    const now = Date.now();
    const id = snowflake(now);
    const user = this.user(q);
    const joined = new Date(now - 86_400_000).toISOString();
    let t: string;
    let d: Record<string, unknown>;
    if (q.kind === 'command') {
      const options: { name: string; type: number; value: unknown }[] = [{ name: 'question', type: STRING, value: q.text }];
      if (q.private) options.push({ name: 'private', type: BOOLEAN, value: true });
      const token = `token-${id}`;
      this.matcher.expect(`discord:int:${id}`, q.id);
      this.matcher.expect(`discord:tok:${token}`, q.id);
      t = 'INTERACTION_CREATE';
      d = {
        id,
        application_id: this.fake.applicationId,
        type: 2,
        token,
        version: 1,
        locale: hangul.test(q.text) ? 'ko' : 'en-US',
        app_permissions: PERMISSIONS,
        entitlements: [],
        authorizing_integration_owners: { '0': this.fake.guildId },
        context: q.dm ? 1 : 0,
        attachment_size_limit: 10_485_760,
        channel_id: q.channelId,
        channel: q.dm
          ? { id: q.channelId, type: 1, recipients: [user], last_message_id: null, flags: 0 }
          : { id: q.channelId, type: 0, guild_id: this.fake.guildId, name: 'load', position: 0, permission_overwrites: [], flags: 0 },
        ...(q.dm
          ? { user }
          : {
              guild_id: this.fake.guildId,
              guild_locale: 'ko',
              guild: { id: this.fake.guildId, locale: 'ko', features: [] },
              member: { user, roles: [], joined_at: joined, deaf: false, mute: false, flags: 0, permissions: PERMISSIONS, nick: null, avatar: null },
            }),
        data: { id: this.commandId, name: 'ask', type: 1, options },
      };
    } else {
      this.matcher.expect(`discord:msg:${id}`, q.id);
      const bot = this.fake.botUser;
      t = 'MESSAGE_CREATE';
      d = {
        id,
        channel_id: q.channelId,
        channel_type: q.dm ? 1 : 0,
        author: user,
        content: q.dm ? q.text : `<@${bot.id}> ${q.text}`,
        timestamp: new Date(now).toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: q.dm ? [] : [{ ...bot, member: { roles: [this.fake.botRoleId], joined_at: joined, deaf: false, mute: false, flags: 0 } }],
        mention_roles: [],
        attachments: [],
        embeds: [],
        components: [],
        pinned: false,
        type: 0,
        flags: 0,
        ...(q.dm ? {} : { guild_id: this.fake.guildId, member: { roles: [], joined_at: joined, deaf: false, mute: false, flags: 0 } }),
      };
    }
    this.matcher.sent(q.id, performance.now());
    try {
      this.fake.send(session, t, d);
    } catch (e) {
      this.sendErrors++;
      this.matcher.sendFailed(q.id, e instanceof Error ? e.message : String(e));
    }
  }
}
