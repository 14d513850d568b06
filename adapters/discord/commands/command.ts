/** A slash command is its definition (what register.ts sends to Discord) plus its handlers. */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBooleanOption,
} from 'discord.js';
import type { BotContext } from '../context.ts';

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** The `private` (비공개) option both commands share: answer only to the one who asked. */
export function privateOption(o: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return o
    .setName('private')
    .setNameLocalizations({ ko: '비공개' })
    .setDescription('Show the answer only to you')
    .setDescriptionLocalizations({ ko: '나에게만 보이게 답해요' });
}
