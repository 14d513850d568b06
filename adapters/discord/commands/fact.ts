/** `/fact topic:<topic> [private:<bool>]` (`/정보`): a topic's facts or the timeline, with autocomplete. */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Lang, TopicRef } from '../../../src/types.ts';
import type { BotContext } from '../context.ts';
import { LIMITS, renderQuickFact, renderTopicNotFound, type MessageBody } from '../format.ts';
import { answerInteraction, langOfLocale, logIfExpired } from '../respond.ts';
import { privateOption, type Command } from './command.ts';

const HANGUL = /[ㄱ-ㅣ가-힣]/;

export const fact: Command = {
  data: new SlashCommandBuilder()
    .setName('fact')
    .setNameLocalizations({ ko: '정보' })
    .setDescription("Show a topic's curated facts, or the timeline")
    .setDescriptionLocalizations({ ko: '주제별로 정리한 사실이나 타임라인을 보여 줘요' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) =>
      o
        .setName('topic')
        .setNameLocalizations({ ko: '주제' })
        .setDescription('Start typing: 루닛, GPU, ㄹㄴ, timeline…')
        .setDescriptionLocalizations({ ko: '입력하면 골라 드려요: 루닛, GPU, ㄹㄴ, 타임라인…' })
        .setRequired(true)
        .setMaxLength(100)
        .setAutocomplete(true),
    )
    .addBooleanOption(privateOption)
    .toJSON(),

  async execute(i, ctx) {
    const input = i.options.getString('topic', true);
    const ephemeral = i.options.getBoolean('private') ?? false;
    const lang: Lang = HANGUL.test(input) ? 'ko' : langOfLocale(i.locale);
    await answerInteraction(i, ctx, () => ctx.work.run(() => renderFact(input, lang, ctx)), { ephemeral, what: '/fact' });
  },

  async autocomplete(i, ctx) {
    const typed = String(i.options.getFocused() ?? '');
    const lang: Lang = HANGUL.test(typed) ? 'ko' : langOfLocale(i.locale);
    const choices = ctx.bot.searchTopics(typed, LIMITS.choices, lang).map((c) => ({ name: c.name, value: c.id }));
    try {
      await i.respond(choices);
    } catch (e) {
      if (!logIfExpired(e, i, ctx.logger, 'autocomplete')) throw e;
    }
  },
};

/** What the person picked or typed (see Bot.lookup); else topics to try. */
export function renderFact(input: string, lang: Lang, ctx: BotContext): MessageBody {
  const query = input.trim();
  const found = ctx.bot.lookup(query, lang);
  if (!found) {
    const titles = new Map(ctx.bot.topics(lang).map((t) => [t.id, t.title]));
    const near = ctx.bot.searchTopics(query, 5).map((c): TopicRef => ({ id: c.id, title: titles.get(c.id) ?? c.name }));
    return renderTopicNotFound(lang, query, near.length > 0 ? near : ctx.bot.topics(lang).slice(0, 8));
  }
  const feedbackKey =
    found.type === 'fact'
      ? ctx.feedback.put({ question: `/fact ${query}`, factId: found.item.factId, lang, channelKind: 'command' })
      : undefined;
  return renderQuickFact(found, { feedbackKey });
}
