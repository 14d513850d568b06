/**
 * Slash commands `/ask <question>` and `/fact [topic]` (names configurable). Acknowledged first,
 * then answered in the work queue and posted to the response_url: ephemeral, with a button to share
 * the reply in the channel. A "please wait" is always sent here: it is private, so it floods no one.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { deliver, postToResponseUrl } from '../deliver.ts';
import { formatApology, type SlackMessage } from '../format.ts';
import { slackToPlain } from '../mrkdwn.ts';
import { askReply, factReply } from '../replies.ts';
import { describeError, type SlackDeps } from './deps.ts';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export async function handleAskCommand(deps: SlackDeps, { ack, command }: CommandArgs): Promise<void> {
  await ack();
  const question = slackToPlain(command.text ?? '');
  const origin = { platform: 'slack' as const, channelKind: 'command' as const, channelId: command.channel_id, userId: command.user_id };
  const opts = { channelKind: 'command' as const, commands: deps.commands, shareable: true, echo: true, origin, work: deps.work };
  await deps.inFlight.add(
    answerCommand(deps, command, question, async () => {
      const { answer, message } = await askReply(deps.bot, question, opts);
      return { message, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
    }),
  );
}

export async function handleFactCommand(deps: SlackDeps, { ack, command }: CommandArgs): Promise<void> {
  await ack();
  const query = slackToPlain(command.text ?? '');
  const opts = { channelKind: 'command' as const, commands: deps.commands, shareable: true, echo: true };
  await deps.inFlight.add(answerCommand(deps, command, query, () => deps.work.run(() => ({ message: factReply(deps.bot, query, opts) }))));
}

/** Makes the reply (in the work queue) and posts it ephemerally to the command's response_url. */
async function answerCommand(deps: SlackDeps, command: CommandArgs['command'], text: string, make: () => Promise<{ message: SlackMessage; requestId?: string }>): Promise<void> {
  let made: { message: SlackMessage; requestId?: string };
  try {
    made = await make();
  } catch (e) {
    deps.logger.error(`slack: answering ${command.command} failed: ${describeError(e)}`);
    made = { message: formatApology(deps.bot.detectLang(text)) };
  }
  const post = (m: SlackMessage) => (signal: AbortSignal) => postToResponseUrl(command.response_url, { response_type: 'ephemeral', text: m.text, blocks: m.blocks }, signal);
  const where = { to: command.response_url, from: command.user_id, what: command.command, ...(made.requestId ? { requestId: made.requestId } : {}) };
  if (await deliver(deps, where, post(made.message), post(formatApology(deps.bot.detectLang(text))))) deps.logger.debug('slack: delivered', { what: command.command, requestId: made.requestId ?? null });
}
