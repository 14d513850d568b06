/**
 * From what a person typed to the message we post: the engine answers, format.ts lays it out. No
 * retrieval logic here; the same input always gives the same reply, which is what lets the "share"
 * button re-create an ephemeral reply from its button value alone.
 */
import type { Bot, BotAnswer, Thread } from '../../runtime/bot.ts';
import type { Origin } from '../../runtime/record.ts';
import type { WorkQueue } from '../../runtime/work-queue.ts';
import { formatAnswer, formatQuickFact, formatTopicList, type ChannelKind, type Commands, type SlackMessage } from './format.ts';

export interface ReplyOptions {
  channelKind: ChannelKind;
  commands: Commands;
  /** Ephemeral command replies: add the "share in channel" button. */
  shareable?: boolean;
  /** Command replies: show what was asked under the reply. */
  echo?: boolean;
  now?: Date;
  /** Who asked where: the bot limits and logs questions with an origin (not re-renders for "share"). */
  origin?: Origin;
  /** The thread or DM it was asked in: a follow-up is read against its last answer. */
  thread?: Thread;
  /** Where the layout is made, like the answer: in turn with reading requests (inline when absent). */
  work?: WorkQueue;
}

/** A question (mention, DM, `/ask`): answered in the bot's work queue, then laid out. */
export async function askReply(bot: Bot, question: string, opts: ReplyOptions): Promise<{ answer: BotAnswer; message: SlackMessage }> {
  const answer = await bot.ask(question, opts.origin, opts.thread);
  const layout = () =>
    formatAnswer(answer, {
      channelKind: opts.channelKind,
      commands: opts.commands,
      ...(opts.echo ? { echo: answer.question } : {}),
      ...(opts.shareable ? { share: { k: 'ask' as const, q: answer.question } } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
  return { answer, message: opts.work ? await opts.work.run(layout) : layout() };
}

/** `/fact <query>`: the fact, topic or timeline; every topic when the query is empty or unknown. */
export function factReply(bot: Bot, query: string, opts: ReplyOptions): SlackMessage {
  const q = query.trim();
  const lang = bot.detectLang(q);
  const common = { channelKind: opts.channelKind, commands: opts.commands, ...(opts.now ? { now: opts.now } : {}) };
  if (q === '') return formatTopicList(bot.topics(lang), lang, common);
  const qf = bot.fact(q, lang);
  if (!qf) return formatTopicList(bot.topics(lang), lang, { ...common, unknown: q });
  return formatQuickFact(qf, {
    ...common,
    ...(opts.echo ? { echo: q } : {}),
    ...(opts.shareable ? { share: { k: 'fact' as const, q } } : {}),
  });
}
