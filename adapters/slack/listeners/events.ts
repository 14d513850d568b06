/**
 * Events: a mention in a channel (answered in the thread of the question), a direct message
 * (answered in the DM) and, in a thread the bot answered, a reply without a mention from the person
 * it answered (a follow-up, within FOLLOWUP_TTL_MINUTES). Each thread and each DM is a conversation
 * whose last answer the next question is read against. Bolt has already acknowledged the event when
 * these run; the answer is made in the work queue and posted through the outbox.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotAnswer, Thread } from '../../../runtime/bot.ts';
import { deliver } from '../deliver.ts';
import { formatApology, type SlackMessage } from '../format.ts';
import { mentionsAnyone, slackToPlain } from '../mrkdwn.ts';
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

/** Why a message is none to answer, whatever it says: a subtype (edits, joins, bot messages...), a bot (this one included), or no user, channel or ts. */
function notAQuestion(m: Incoming, botUserId: string | undefined): string | undefined {
  if (m.subtype) return `subtype ${m.subtype}`;
  if (m.bot_id) return 'from a bot';
  if (!m.user || (botUserId && m.user === botUserId)) return 'from this bot or no user';
  if (!m.channel || !m.ts) return 'no channel or ts';
  return undefined;
}

/**
 * Why a delivery is not answered, or undefined to answer it: deliveries already seen (by event id,
 * and by channel and ts for one message sent as two events), anything from a bot (this one
 * included) and message subtypes (edits, joins, bot messages...). A retry is answered unless this
 * process saw the event: after a restart, or when the first delivery went to another replica, the
 * retry is the only copy there is.
 */
export async function skipReason(deps: SlackDeps, m: Incoming, eventId: string | undefined, botUserId: string | undefined): Promise<string | undefined> {
  const why = notAQuestion(m, botUserId);
  if (why) return why;
  const keys = [eventId && `event:${eventId}`, `msg:${m.channel}:${m.ts}`, m.client_msg_id && `client:${m.client_msg_id}`];
  if (await deps.bot.seen('deliveries', keys)) return 'duplicate delivery';
  return undefined;
}

/**
 * The conversation a message belongs to: its DM, or its thread (a message outside one starts one,
 * being the thread's root). Every message of a conversation names it alike, whichever event brings it.
 */
export function conversationOf(m: { channel: string; ts: string; thread_ts?: string }, kind: 'channel' | 'dm'): string {
  return kind === 'dm' ? `slack:dm:${m.channel}` : `slack:${m.channel}:${m.thread_ts ?? m.ts}`;
}

type Answerable = Incoming & { channel: string; user: string; ts: string };

async function answer(deps: SlackDeps, args: MentionArgs | MessageArgs, m: Incoming, kind: 'channel' | 'dm', threadTs: string | undefined, unaddressed = false): Promise<void> {
  const { context, client, body } = args;
  const why = await skipReason(deps, m, body.event_id, context.botUserId);
  if (why) {
    deps.logger.debug(`slack: not answering ${body.event_id ?? 'event'}: ${why}`);
    return;
  }
  const ok = m as Answerable;
  const thread: Thread = { key: conversationOf(ok, kind), ...(unaddressed ? { unaddressed } : {}) };
  // Bolt acknowledged the event before calling us; the answer is made and posted after.
  await deps.inFlight.add(reply(deps, client, ok, kind, threadTs, thread));
}

async function reply(deps: SlackDeps, client: MentionArgs['client'], m: Answerable, kind: 'channel' | 'dm', threadTs: string | undefined, thread: Thread): Promise<void> {
  const question = slackToPlain(m.text ?? '');
  const origin = { platform: 'slack' as const, channelKind: kind, channelId: m.channel, userId: m.user };
  let made: { answer?: BotAnswer; message: SlackMessage };
  try {
    made = await askReply(deps.bot, question, { channelKind: kind, commands: deps.commands, origin, thread, work: deps.work });
  } catch (e) {
    deps.logger.error(`slack: answering a ${kind === 'dm' ? 'DM' : 'mention'} failed: ${describeError(e)}`);
    made = { message: formatApology(deps.bot.detectLang(question)) };
  }
  const a = made.answer;
  if (a?.quiet) {
    deps.logger.debug(thread.unaddressed ? 'slack: a thread reply without a mention that is no question the bot can answer; nothing posted' : 'slack: asked again while told to wait; nothing posted');
    return;
  }
  const post = (message: SlackMessage) => () =>
    client.chat.postMessage({ channel: m.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  const what = thread.unaddressed ? 'a thread follow-up answer' : `a ${kind === 'dm' ? 'DM' : 'mention'} answer`;
  const sorry = a ? post(formatApology(a.lang)) : undefined;
  // The runtime logged the answer (outcome, fact, latency) under its requestId; this is the delivery.
  const where = { to: m.channel, from: m.user, what, ...(a?.requestId ? { requestId: a.requestId } : {}) };
  // The next message in this thread or DM may follow this answer up: remembered before it is posted,
  // so a reply typed the moment it appears, handled by another replica, finds it.
  if (a) await deps.bot.remember(thread.key, a, origin);
  if (!(await deliver(deps, where, post(made.message), sorry))) return;
  deps.logger.debug('slack: delivered', { what, requestId: a?.requestId ?? null });
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

/**
 * A message in a channel the bot is in (message.channels, message.groups). Only one kind is ours: a
 * reply in a thread whose last answer went to its author, within the follow-up time, mentioning no
 * one. A mention of the bot is answered from its app_mention event, never here (that one is read
 * against the thread too); a mention of someone else is addressed to them. Whatever it is, the
 * reply is answered only when the bot has an answer: it may have been meant for the people there.
 */
export async function handleChannelMessage(deps: SlackDeps, args: MessageArgs): Promise<void> {
  const m = args.message as Incoming;
  if (!m.thread_ts || m.thread_ts === m.ts || notAQuestion(m, args.context.botUserId) || mentionsAnyone(m.text ?? '')) return;
  if (!(await deps.bot.follows(conversationOf(m as Answerable, 'channel'), { platform: 'slack', userId: m.user }))) {
    deps.logger.debug('slack: a thread reply without a mention, not from the person last answered there (or too late); not ours');
    return;
  }
  await answer(deps, args, m, 'channel', m.thread_ts, true);
}

/** Every message event (DMs, and channel messages for follow-ups), by the kind of conversation. */
export async function handleMessage(deps: SlackDeps, args: MessageArgs): Promise<void> {
  const type = (args.message as Incoming).channel_type;
  if (type === 'im') await handleDirectMessage(deps, args);
  else if (type === 'channel' || type === 'group') await handleChannelMessage(deps, args);
}
