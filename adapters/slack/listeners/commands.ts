/**
 * Slash commands `/ask <question>` and `/fact [topic]` (names configurable). Acknowledged first,
 * then answered through the response_url: ephemeral, with a button to share the reply in the channel.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { slackToPlain } from '../mrkdwn.ts';
import { askReply, factReply } from '../replies.ts';
import { describeError, type SlackDeps } from './deps.ts';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export async function handleAskCommand(deps: SlackDeps, { ack, command, respond }: CommandArgs): Promise<void> {
  await ack();
  const question = slackToPlain(command.text ?? '');
  const { answer, message } = askReply(deps.engine, question, {
    channelKind: 'command',
    commands: deps.commands,
    shareable: true,
    echo: true,
    origin: { platform: 'slack', channelKind: 'command', channelId: command.channel_id, userId: command.user_id },
  });
  try {
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    deps.logger.info(`slack: answered ${command.command} (${answer.answered ? answer.answers[0]?.factId : `not found: ${answer.notFound?.reason}`})`);
  } catch (e) {
    deps.logger.error(`slack: could not answer ${command.command}: ${describeError(e)}`);
  }
}

export async function handleFactCommand(deps: SlackDeps, { ack, command, respond }: CommandArgs): Promise<void> {
  await ack();
  const query = slackToPlain(command.text ?? '');
  const message = factReply(deps.engine, query, {
    channelKind: 'command',
    commands: deps.commands,
    shareable: true,
    echo: true,
  });
  try {
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    deps.logger.info(`slack: answered ${command.command}${query ? '' : ' (topic list)'}`);
  } catch (e) {
    deps.logger.error(`slack: could not answer ${command.command}: ${describeError(e)}`);
  }
}
