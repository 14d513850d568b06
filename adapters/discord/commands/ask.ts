/** `/ask question:<text> [private:<bool>]` (`/질문`): the answer as an embed with its sources. */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { renderEngineAnswer } from '../answer.ts';
import { answerInteraction } from '../respond.ts';
import { privateOption, type Command } from './command.ts';

export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setNameLocalizations({ ko: '질문' })
    .setDescription("Ask about Korea's AI specialized foundation model programme (answers cite sources)")
    .setDescriptionLocalizations({ ko: 'AI 특화 파운데이션 모델 프로젝트에 대해 물어보세요 (출처와 함께 답해요)' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) =>
      o
        .setName('question')
        .setNameLocalizations({ ko: '질문내용' })
        .setDescription('Your question, in Korean or English')
        .setDescriptionLocalizations({ ko: '한국어나 영어로 질문하세요' })
        .setRequired(true)
        .setMaxLength(1000),
    )
    .addBooleanOption(privateOption)
    .toJSON(),

  async execute(i, ctx) {
    const question = i.options.getString('question', true);
    const ephemeral = i.options.getBoolean('private') ?? false;
    const origin = { platform: 'discord' as const, channelKind: 'command' as const, channelId: i.channelId, userId: i.user.id };
    await answerInteraction(
      i,
      ctx,
      async () => {
        const answer = await ctx.bot.ask(question, origin);
        // An interaction must be answered; a repeated "please wait" goes to the asker alone.
        return ctx.work.run(() => ({ ...renderEngineAnswer(answer, ctx, 'command'), ...(answer.quiet ? { private: true } : {}) }));
      },
      { ephemeral, what: '/ask' },
    );
  },
};
