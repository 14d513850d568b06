/** Routes interactions: slash commands, their autocomplete and our buttons. Never throws. */
import { MessageFlags, type Interaction } from 'discord.js';
import { commands } from './commands/index.ts';
import type { BotContext } from './context.ts';
import { handleFeedback, isFeedbackButton } from './feedback.ts';
import { labels, renderNotice } from './format.ts';
import { describe, langOfLocale, logIfExpired, safeReply } from './respond.ts';

export async function handleInteraction(i: Interaction, ctx: BotContext): Promise<void> {
  const what = i.isChatInputCommand() || i.isAutocomplete() ? `/${i.commandName}` : i.isButton() ? `button ${i.customId.slice(0, 40)}` : `interaction type ${i.type}`;
  try {
    if (i.isChatInputCommand()) {
      const command = commands.get(i.commandName);
      if (command) await command.execute(i, ctx);
      else await safeReply(i, { ...renderNotice(labels(langOfLocale(i.locale)).error), flags: MessageFlags.Ephemeral }, ctx.logger);
    } else if (i.isAutocomplete()) {
      const command = commands.get(i.commandName);
      if (command?.autocomplete) await command.autocomplete(i, ctx);
      else await i.respond([]);
    } else if (i.isButton() && isFeedbackButton(i.customId)) {
      await handleFeedback(i, ctx);
    }
  } catch (e) {
    if (logIfExpired(e, i, ctx.logger, what)) return;
    ctx.logger.error(`discord: ${what} failed`, { interactionId: i.id, error: describe(e) });
    if (i.isRepliable()) await safeReply(i, { ...renderNotice(labels(langOfLocale(i.locale)).error), flags: MessageFlags.Ephemeral }, ctx.logger);
  }
}
