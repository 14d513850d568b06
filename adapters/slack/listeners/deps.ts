/** What every listener needs, built once in ../index.ts. */
import type { Logger } from '@slack/bolt';
import type { Bot } from '../../../runtime/bot.ts';
import type { InFlight } from '../../../runtime/in-flight.ts';
import type { Outbox } from '../../../runtime/outbox.ts';
import type { WorkQueue } from '../../../runtime/work-queue.ts';
import type { Commands } from '../format.ts';

export interface SlackDeps {
  /** Answers, facts, the question log and de-duplication (deliveries, votes): the runtime's one interface. */
  bot: Bot;
  commands: Commands;
  logger: Logger;
  /** Where answers are computed, after the request was acknowledged. */
  work: WorkQueue;
  /** Where every post goes: a lane per destination, each post time-limited. */
  outbox: Outbox;
  /** Answers acknowledged and not yet delivered (shutdown waits for them). */
  inFlight: InFlight;
  /** Ends the bot: an error no retry can fix. */
  fatal(message: string): void;
}

/** A Web API or network error, described without anything secret (tokens are never in these). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object') {
    const err = e as { code?: unknown; data?: { error?: unknown }; message?: unknown; statusCode?: unknown };
    const detail = err.data?.error ?? err.statusCode ?? err.message;
    return [err.code, detail].filter((x) => x !== undefined && x !== '').map(String).join(': ') || 'unknown error';
  }
  return String(e);
}
