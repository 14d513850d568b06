/**
 * Events: a mention in a channel (answered in the thread of the question) and a direct message
 * (answered in the DM). Bolt has already acknowledged the event when these run.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
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
export function skipReason(deps: SlackDeps, m: Incoming, eventId: string | undefined, botUserId: string | undefined): string | undefined {
  if (m.subtype) return `subtype ${m.subtype}`;
  if (m.bot_id) return 'from a bot';
  if (!m.user || (botUserId && m.user === botUserId)) return 'from this bot or no user';
  if (!m.channel || !m.ts) return 'no channel or ts';
  const keys = [eventId && `event:${eventId}`, `msg:${m.channel}:${m.ts}`, m.client_msg_id && `client:${m.client_msg_id}`];
  if (deps.seen.check(keys)) return 'duplicate delivery';
  return undefined;
}

async function answer(deps: SlackDeps, args: MentionArgs | MessageArgs, m: Incoming, kind: 'channel' | 'dm', threadTs: string | undefined): Promise<void> {
  const { context, client, body } = args;
  const why = skipReason(deps, m, body.event_id, context.botUserId);
  if (why) {
    deps.logger.debug(`slack: not answering ${body.event_id ?? 'event'}: ${why}`);
    return;
  }
  const question = slackToPlain(m.text ?? '');
  const origin = { platform: 'slack' as const, channelKind: kind, channelId: m.channel!, userId: m.user! };
  const { answer: a, message } = askReply(deps.engine, question, { channelKind: kind, commands: deps.commands, origin });
  try {
    await client.chat.postMessage({
      channel: m.channel!,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    deps.logger.info(`slack: answered a ${kind === 'dm' ? 'DM' : 'mention'} (${a.answered ? a.answers[0]?.factId : `not found: ${a.notFound?.reason}`})`);
  } catch (e) {
    deps.logger.error(`slack: could not post the answer to ${m.channel}: ${describeError(e)}`);
  }
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
