/**
 * Buttons: 👍/👎 on every answer (the vote is recorded with the question and fact id) and "share in
 * channel" on ephemeral command replies (the same reply, re-created from the button value, posted
 * publicly). Acknowledged first.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { deliver, postToResponseUrl } from '../deliver.ts';
import { feedbackThanks } from '../format.ts';
import { askReply, factReply } from '../replies.ts';
import { ACTION_IDS, FeedbackValue, ShareValue, decodeValue } from '../values.ts';
import { describeError, type SlackDeps } from './deps.ts';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export async function handleFeedback(deps: SlackDeps, { ack, action, body, client }: ButtonArgs): Promise<void> {
  await ack();
  const value = decodeValue(FeedbackValue, action.value);
  if (!value) {
    deps.logger.warn('slack: ignoring a feedback click with a malformed value');
    return;
  }
  const vote = action.action_id === ACTION_IDS.up ? 'up' : 'down';
  const container = body.container as { message_ts?: string; thread_ts?: string; is_ephemeral?: boolean; channel_id?: string };
  const channelId = body.channel?.id ?? container.channel_id;
  const messageTs = container.message_ts ?? body.message?.ts;
  const fresh = !(await deps.bot.seen('votes', [`${body.user.id}:${channelId}:${messageTs}:${value.f}:${vote}`]));
  if (fresh) {
    try {
      deps.bot.feedback({
        platform: 'slack',
        channelKind: value.c,
        ...(channelId ? { channelId } : {}),
        userId: body.user.id,
        question: value.q,
        factId: value.f,
        vote,
      });
    } catch (e) {
      deps.logger.error(`slack: could not record a vote: ${describeError(e)}`);
    }
  }
  const text = feedbackThanks(value.l, vote);
  const responseUrl = body.response_url;
  const where = { to: channelId ?? responseUrl, from: body.user.id, what: 'the thanks for a vote' };
  // In the thread the answer is in, when the bot can post there; otherwise through the response_url.
  if (!container.is_ephemeral && channelId) {
    const threadTs = container.thread_ts ?? (body.message?.thread_ts as string | undefined);
    try {
      await deps.outbox.send(channelId, body.user.id, () => client.chat.postEphemeral({ channel: channelId, user: body.user.id, text, ...(threadTs ? { thread_ts: threadTs } : {}) }));
      return;
    } catch (e) {
      deps.logger.debug(`slack: postEphemeral failed (${describeError(e)}); using the response_url`);
    }
  }
  await deliver(deps, where, (signal) => postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: false, text }, signal));
}

export async function handleShare(deps: SlackDeps, { ack, action, body }: ButtonArgs): Promise<void> {
  await ack();
  const value = decodeValue(ShareValue, action.value);
  if (!value) {
    deps.logger.warn('slack: ignoring a share click with a malformed value');
    return;
  }
  const opts = { channelKind: 'command' as const, commands: deps.commands, echo: true };
  const url = body.response_url;
  await deps.inFlight.add(
    (async () => {
      const message = value.k === 'ask' ? (await askReply(deps.bot, value.q, { ...opts, work: deps.work })).message : await deps.work.run(() => factReply(deps.bot, value.q, opts));
      const shared = await deliver(deps, { to: url, from: body.user.id, what: 'a shared reply' }, (signal) =>
        postToResponseUrl(url, { response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks }, signal),
      );
      if (!shared) return;
      try {
        await deps.outbox.send(url, body.user.id, (signal) => postToResponseUrl(url, { delete_original: true }, signal));
      } catch (e) {
        deps.logger.debug(`slack: could not remove the ephemeral reply after sharing: ${describeError(e)}`);
      }
    })().catch((e: unknown) => deps.logger.error(`slack: sharing failed: ${describeError(e)}`)),
  );
}
