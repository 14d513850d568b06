/** Wires the listeners to a bolt App. Each listener is a plain function of (deps, bolt args). */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../values.ts';
import { handleFeedback, handleShare } from './actions.ts';
import { handleAskCommand, handleFactCommand } from './commands.ts';
import { describeError, type SlackDeps } from './deps.ts';
import { handleAppMention, handleMessage } from './events.ts';

/** Listeners track their own answers in deps.inFlight, from the ack to the delivery. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.event('app_mention', (args) => handleAppMention(deps, args));
  app.message((args) => handleMessage(deps, args));

  app.command(deps.commands.ask, (args) => handleAskCommand(deps, args));
  app.command(deps.commands.fact, (args) => handleFactCommand(deps, args));

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.up, (args) => deps.inFlight.add(handleFeedback(deps, args)));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.down, (args) => deps.inFlight.add(handleFeedback(deps, args)));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, (args) => handleShare(deps, args));

  app.error(async (e) => {
    deps.logger.error(`slack: ${describeError(e)}`);
  });
}
