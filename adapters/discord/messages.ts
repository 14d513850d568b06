/**
 * Mentions in channels (`@bot 루닛 컨소시엄 참여 기업은?`), replies to the bot's answers and direct
 * messages: answered as a reply to the message, pinging nobody. A reply to an answer is read against
 * that answer (a follow-up: "그럼 KAIST는?", "출처 더"), a DM against the DM's last answer, within
 * FOLLOWUP_TTL_MINUTES. Works without the privileged MessageContent intent: Discord still sends the
 * text of messages that mention the bot (a reply pings its author unless the replier turns that
 * off) and of DMs.
 */
import { MessageReferenceType, type Message } from 'discord.js';
import type { BotAnswer } from '../../runtime/bot.ts';
import { timed, type BotContext } from './context.ts';
import { renderEngineAnswer } from './answer.ts';
import { labels, NO_MENTIONS, renderNotice, type MessageBody } from './format.ts';
import { describe } from './respond.ts';

/**
 * The question in a message, without any user or role mention (the bot's, or someone else's: a
 * person's id is not part of the question, and is not to be stored), as Slack's adapter does.
 */
export function questionOf(content: string): string {
  return content.replace(/<@[!&]?\d+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The id of the bot's message that `message` replies to (a reply, not a forward), if it is one. */
export function repliedToBot(message: Message): string | undefined {
  const ref = message.reference;
  const me = message.client.user;
  if (!me || !ref?.messageId || (ref.type !== undefined && ref.type !== MessageReferenceType.Default)) return undefined;
  return message.mentions.repliedUser?.id === me.id ? ref.messageId : undefined;
}

/** Whether the bot should answer `message`, and if so in which kind of conversation. */
export function addressedToBot(message: Message): 'dm' | 'channel' | undefined {
  const me = message.client.user;
  if (!me || message.author.bot || message.author.id === me.id || message.webhookId || message.system) return undefined;
  if (!message.inGuild()) return 'dm';
  if (message.mentions.users.has(me.id)) return 'channel';
  if (new RegExp(`<@!?${me.id}>`).test(message.content)) return 'channel';
  const role = message.guild.members.me?.roles.botRole?.id;
  if (role && message.mentions.roles.has(role)) return 'channel';
  // A reply to an answer with its ping turned off: Discord sends its text only with MessageContent.
  if (repliedToBot(message) && questionOf(message.content) !== '') return 'channel';
  return undefined;
}

/**
 * Answers being posted in each channel, until they are remembered: a reply to one can reach the bot
 * before the response to its own post (which gives the answer's id) does, so it waits for them.
 */
const posting = new WeakMap<BotContext, Map<string, Set<Promise<void>>>>();
/** The longest a reply waits for the answers being posted in its channel. */
const POSTING_WAIT_MS = 5000;

/** Marks an answer as being posted in `channelId`; call the returned function once it is remembered (or failed). */
function postingIn(ctx: BotContext, channelId: string): () => void {
  let done!: () => void;
  const posted = new Promise<void>((resolve) => (done = resolve));
  const channels = posting.get(ctx) ?? posting.set(ctx, new Map()).get(ctx)!;
  const pending = channels.get(channelId) ?? channels.set(channelId, new Set()).get(channelId)!;
  pending.add(posted);
  return () => {
    done();
    pending.delete(posted);
    if (pending.size === 0) channels.delete(channelId);
  };
}

/** Resolves once the answers being posted in `channelId` are remembered (at most POSTING_WAIT_MS). */
async function postedIn(ctx: BotContext, channelId: string): Promise<void> {
  const pending = posting.get(ctx)?.get(channelId);
  if (!pending) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, POSTING_WAIT_MS)))]);
  clearTimeout(timer);
}

/** The conversation an answer belongs to: a reply chain is named by the bot's message, a DM by its channel. */
const answerMessage = (id: string) => `discord:msg:${id}`;
const dmConversation = (channelId: string) => `discord:dm:${channelId}`;

export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const kind = addressedToBot(message);
  if (!kind) return;
  const question = questionOf(message.content);
  const origin = { platform: 'discord' as const, channelKind: kind, channelId: message.channelId, userId: message.author.id };
  // A reply to one of the bot's answers follows that answer; otherwise a DM follows its last one.
  const replyTo = repliedToBot(message);
  const thread = replyTo ? answerMessage(replyTo) : kind === 'dm' ? dmConversation(message.channelId) : undefined;
  // The answer replied to may still be being posted (a fast reply): it is remembered first.
  if (replyTo) await postedIn(ctx, message.channelId);

  let body: MessageBody;
  let answer: BotAnswer | undefined;
  try {
    const a = await timed(ctx.latency, () => ctx.bot.ask(question, origin, thread ? { key: thread } : undefined));
    if (a.quiet) return; // told to wait already in this window: no more replies to a flood
    answer = a;
    body = await ctx.work.run(() => renderEngineAnswer(a, ctx, kind));
  } catch (e) {
    ctx.logger.error('discord: answering a message failed', { error: describe(e) });
    body = renderNotice(labels(ctx.bot.detectLang(question)).error);
  }

  let sent: string | undefined;
  const posted = postingIn(ctx, message.channelId);
  try {
    try {
      // A reply (message_reference) that pings nobody, not even the asker; posted even if the
      // question was deleted in the meantime. In the channel's lane, in the asker's turn.
      await ctx.outbox.send(message.channelId, message.author.id, async () => {
        sent = (await message.reply({ ...body, allowedMentions: NO_MENTIONS, failIfNotExists: false })).id;
      });
    } catch (e) {
      ctx.logger.warn('discord: could not reply to a message', { channelId: message.channelId, error: describe(e) });
      return;
    }
    // A reply to this answer may follow it up; in a DM, so may the next message.
    if (answer && sent) await ctx.bot.remember(answerMessage(sent), answer, origin);
    if (answer && kind === 'dm') await ctx.bot.remember(dmConversation(message.channelId), answer, origin);
  } finally {
    posted();
  }
}
