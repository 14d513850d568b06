/**
 * Events: a mention in a channel (answered in the thread of the question) and a direct message
 * (answered in the DM). Bolt has already acknowledged the event when these run; the answer is made
 * in the work queue and posted through the outbox.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotAnswer } from '../../../runtime/bot.ts';
import { deliver } from '../deliver.ts';
import { formatApology, type SlackMessage } from '../format.ts';
import { slackToPlain } from '../mrkdwn.ts';
import { askReply } from '../replies.ts';
import { describeError, type SlackDeps } from './deps.ts';

type MentionArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>;
type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/** The fields of an incoming message we look at, read defensively (message events are a wide union). */
interface Incoming {
  channel?: string;
  ts?: string;
  thread_ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  client_msg_id?: string;
  channel_type?: string;
}

/**
 * Why a delivery is not answered, or undefined to answer it: deliveries already seen (by event id,
 * and by channel and ts for one message sent as two events), anything from a bot (this one
 * included) and message subtypes (edits, joins, bot messages...). A retry is answered unless this
 * process saw the event: after a restart, or when the first delivery went to another replica, the
 * retry is the only copy there is.
 */
export async function skipReason(deps: SlackDeps, m: Incoming, eventId: string | undefined, botUserId: string | undefined): Promise<string | undefined> {
  if (m.subtype) return `subtype ${m.subtype}`;
  if (m.bot_id) return 'from a bot';
  if (!m.user || (botUserId && m.user === botUserId)) return 'from this bot or no user';
  if (!m.channel || !m.ts) return 'no channel or ts';
  const keys = [eventId && `event:${eventId}`, `msg:${m.channel}:${m.ts}`, m.client_msg_id && `client:${m.client_msg_id}`];
  if (await deps.bot.seen('deliveries', keys)) return 'duplicate delivery';
  return undefined;
}

async function answer(deps: SlackDeps, args: MentionArgs | MessageArgs, m: Incoming, kind: 'channel' | 'dm', threadTs: string | undefined): Promise<void> {
  const { context, client, body } = args;
  const why = await skipReason(deps, m, body.event_id, context.botUserId);
  if (why) {
    deps.logger.debug(`slack: not answering ${body.event_id ?? 'event'}: ${why}`);
    return;
  }
  // Bolt acknowledged the event before calling us; the answer is made and posted after.
  await deps.inFlight.add(reply(deps, client, m as Incoming & { channel: string; user: string }, kind, threadTs));
}

async function reply(deps: SlackDeps, client: MentionArgs['client'], m: Incoming & { channel: string; user: string }, kind: 'channel' | 'dm', threadTs: string | undefined): Promise<void> {
  const question = slackToPlain(m.text ?? '');
  const origin = { platform: 'slack' as const, channelKind: kind, channelId: m.channel, userId: m.user };
  let made: { answer?: BotAnswer; message: SlackMessage };
  try {
    made = await askReply(deps.bot, question, { channelKind: kind, commands: deps.commands, origin, work: deps.work });
  } catch (e) {
    deps.logger.error(`slack: answering a ${kind === 'dm' ? 'DM' : 'mention'} failed: ${describeError(e)}`);
    made = { message: formatApology(deps.bot.detectLang(question)) };
  }
  const a = made.answer;
  if (a?.quiet) {
    deps.logger.debug('slack: asked again while told to wait; nothing posted');
    return;
  }
  const post = (message: SlackMessage) => () =>
    client.chat.postMessage({ channel: m.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  const what = `a ${kind === 'dm' ? 'DM' : 'mention'} answer`;
  const sorry = a ? post(formatApology(a.lang)) : undefined;
  // The runtime logged the answer (outcome, fact, latency) under its requestId; this is the delivery.
  const where = { to: m.channel, from: m.user, what, ...(a?.requestId ? { requestId: a.requestId } : {}) };
  if (await deliver(deps, where, post(made.message), sorry)) deps.logger.debug('slack: delivered', { what, requestId: a?.requestId ?? null });
}

/** `@bot question` in a channel: answered in the thread of the question, never top-level. */
export async function handleAppMention(deps: SlackDeps, args: MentionArgs): Promise<void> {
  const m = args.event as Incoming;
  const kind = m.channel_type === 'im' ? 'dm' : 'channel';
  await answer(deps, args, m, kind, m.thread_ts ?? m.ts);
}

/** A direct message to the bot: answered in the DM (in the thread when it was asked in one). */
export async function handleDirectMessage(deps: SlackDeps, args: MessageArgs): Promise<void> {
  const m = args.message as Incoming;
  if (m.channel_type !== 'im') return; // message.* events from other conversation types are not ours
  await answer(deps, args, m, 'dm', m.thread_ts);
}
