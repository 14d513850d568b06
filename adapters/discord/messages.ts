/**
 * Mentions in channels (`@bot 루닛 컨소시엄 참여 기업은?`) and direct messages: answered as a reply
 * to the message, pinging nobody. Works without the privileged MessageContent intent: Discord still
 * sends the text of messages that mention the bot and of DMs.
 */
import type { Message } from 'discord.js';
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

/** Whether the bot should answer `message`, and if so in which kind of conversation. */
export function addressedToBot(message: Message): 'dm' | 'channel' | undefined {
  const me = message.client.user;
  if (!me || message.author.bot || message.author.id === me.id || message.webhookId || message.system) return undefined;
  if (!message.inGuild()) return 'dm';
  if (message.mentions.users.has(me.id)) return 'channel';
  if (new RegExp(`<@!?${me.id}>`).test(message.content)) return 'channel';
  const role = message.guild.members.me?.roles.botRole?.id;
  if (role && message.mentions.roles.has(role)) return 'channel';
  return undefined;
}

export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const kind = addressedToBot(message);
  if (!kind) return;
  const question = questionOf(message.content);

  let body: MessageBody;
  try {
    const origin = { platform: 'discord' as const, channelKind: kind, channelId: message.channelId, userId: message.author.id };
    const answer = await timed(ctx.latency, () => ctx.bot.ask(question, origin));
    if (answer.quiet) return; // told to wait already in this window: no more replies to a flood
    body = await ctx.work.run(() => renderEngineAnswer(answer, ctx, kind));
  } catch (e) {
    ctx.logger.error('discord: answering a message failed', { error: describe(e) });
    body = renderNotice(labels(ctx.bot.detectLang(question)).error);
  }

  try {
    // A reply (message_reference) that pings nobody, not even the asker; posted even if the
    // question was deleted in the meantime. In the channel's lane, in the asker's turn.
    await ctx.outbox.send(message.channelId, message.author.id, () => message.reply({ ...body, allowedMentions: NO_MENTIONS, failIfNotExists: false }));
  } catch (e) {
    ctx.logger.warn('discord: could not reply to a message', { channelId: message.channelId, error: describe(e) });
  }
}
