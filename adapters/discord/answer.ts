/** Engine answer → Discord message body, with feedback buttons and topic suggestions filled in. */
import type { Origin } from '../../runtime/record.ts';
import type { Answer } from '../../src/types.ts';
import type { BotContext } from './context.ts';
import { renderAnswer, type MessageBody } from './format.ts';

export function renderEngineAnswer(answer: Answer, ctx: BotContext, channelKind: Origin['channelKind']): MessageBody {
  const best = answer.answered ? answer.answers[0] : undefined;
  if (!best) {
    const suggested = answer.notFound?.suggestedTopics?.length ? answer.notFound.suggestedTopics : ctx.bot.topics(answer.lang).slice(0, 5);
    return renderAnswer({
      ...answer,
      notFound: { reason: answer.notFound?.reason ?? 'out-of-scope', hint: answer.notFound?.hint ?? '', suggestedTopics: suggested },
    });
  }
  const feedbackKey = ctx.feedback.put({ question: answer.question, factId: best.factId, lang: answer.lang, channelKind });
  return renderAnswer(answer, { feedbackKey });
}
