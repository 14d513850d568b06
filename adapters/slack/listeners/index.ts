/** Wires the listeners to a bolt App. Each listener is a plain function of (deps, bolt args). */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../values.ts';
import { handleFeedback, handleShare } from './actions.ts';
import { handleAskCommand, handleFactCommand } from './commands.ts';
import { describeError, type SlackDeps } from './deps.ts';
import { handleAppMention, handleDirectMessage } from './events.ts';

/** Runs a listener so that shutdown can wait for it to finish posting. */
export type Track = (work: Promise<void>) => Promise<void>;

export function registerListeners(app: App, deps: SlackDeps, track: Track = (w) => w): void {
  app.event('app_mention', (args) => track(handleAppMention(deps, args)));
  app.message((args) => track(handleDirectMessage(deps, args)));

  app.command(deps.commands.ask, (args) => track(handleAskCommand(deps, args)));
  app.command(deps.commands.fact, (args) => track(handleFactCommand(deps, args)));

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.up, (args) => track(handleFeedback(deps, args)));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.down, (args) => track(handleFeedback(deps, args)));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, (args) => track(handleShare(deps, args)));

  app.error(async (e) => {
    deps.logger.error(`slack: ${describeError(e)}`);
  });
}
