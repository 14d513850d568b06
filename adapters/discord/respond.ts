/**
 * Answering interactions within Discord's 3-second window, and surviving when we miss it.
 *
 * The engine answers synchronously in milliseconds, so an interaction is normally answered at once
 * (callback type 4). It is deferred first (type 5, "thinking…", then PATCH @original) when it is
 * likely to be late: the interaction is already old when it reaches us (gateway lag, a backlog after
 * a reconnect) or the engine has recently been slow. An interaction that expired anyway (10062
 * Unknown interaction) is logged and dropped; it never crashes the bot.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Lang } from '../../src/types.ts';
import { timed, type BotContext, type Logger } from './context.ts';
import { labels, renderNotice, type MessageBody } from './format.ts';

/** Korean for a Korean Discord client, English otherwise. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** 10062: the interaction token expired (not answered within 3 s) or is unknown. */
export function isUnknownInteraction(e: unknown): boolean {
  return e instanceof DiscordAPIError && e.code === RESTJSONErrorCodes.UnknownInteraction;
}

/** 40060: someone (another process, a retry) already answered this interaction. */
export function isAlreadyAcknowledged(e: unknown): boolean {
  return e instanceof DiscordAPIError && e.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;
}

/** Logs an expired or already-answered interaction and returns true; false for any other error. */
export function logIfExpired(e: unknown, i: { id: string; createdTimestamp: number }, logger: Logger, what: string): boolean {
  if (!isUnknownInteraction(e) && !isAlreadyAcknowledged(e)) return false;
  logger.warn(
    isUnknownInteraction(e)
      ? `discord: ${what}: interaction expired before it was answered (10062 Unknown interaction)`
      : `discord: ${what}: interaction was already answered (40060)`,
    { interactionId: i.id, ageMs: Date.now() - i.createdTimestamp },
  );
  return true;
}

export interface AnswerOptions {
  ephemeral: boolean;
  /** For logs: `/ask`, `/fact`. */
  what: string;
}

/**
 * Answers `i` with what `produce` renders (in the work queue, after any deferral), deferring first
 * when the answer may come too late: the interaction's age, the engine's recent worst time and the
 * queue ahead of it. `produce` errors become a kind error message; expired interactions are logged.
 * `produce` may ask for a private reply (a "please wait" is nobody else's business).
 */
export async function answerInteraction(
  i: RepliableInteraction,
  ctx: BotContext,
  produce: () => Promise<MessageBody & { private?: boolean }>,
  opts: AnswerOptions,
): Promise<void> {
  const age = Math.max(0, Date.now() - i.createdTimestamp);
  let deferred = false;
  if (age + ctx.latency.expected() + ctx.work.expectedWaitMs() > ctx.deferAfterMs) {
    try {
      await i.deferReply(opts.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      deferred = true;
    } catch (e) {
      if (logIfExpired(e, i, ctx.logger, opts.what)) return;
      throw e;
    }
  }

  let body: MessageBody & { private?: boolean };
  try {
    body = await timed(ctx.latency, produce);
  } catch (e) {
    ctx.logger.error(`discord: ${opts.what}: answering failed`, { error: describe(e) });
    body = renderNotice(labels(langOfLocale(i.locale)).error);
  }
  const { private: privately, ...message } = body;

  try {
    if (deferred) await i.editReply(message);
    else await i.reply(opts.ephemeral || privately ? { ...message, flags: MessageFlags.Ephemeral } : message);
  } catch (e) {
    if (logIfExpired(e, i, ctx.logger, opts.what)) return;
    throw e;
  }
}

/**
 * Sends `options` as the interaction's reply, or as a follow-up when it was already answered or
 * deferred; never throws (errors are logged).
 */
export async function safeReply(i: RepliableInteraction, options: InteractionReplyOptions & MessageBody, logger: Logger): Promise<void> {
  try {
    if (i.deferred && !i.replied) {
      const { flags: _flags, ...edit } = options;
      await i.editReply(edit);
    } else if (i.replied) await i.followUp(options);
    else await i.reply(options);
  } catch (e) {
    if (!logIfExpired(e, i, logger, 'reply')) logger.error('discord: reply failed', { error: describe(e) });
  }
}

export function describe(e: unknown): string {
  if (e instanceof DiscordAPIError) return `${e.status} ${e.code} ${e.message} (${e.method} ${e.url})`;
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
