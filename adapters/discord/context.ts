/** What every Discord handler is given: the bot (the runtime's one interface), a logger and the adapter's small state. */
import type { Bot } from '../../runtime/bot.ts';
import type { Outbox } from '../../runtime/outbox.ts';
import type { WorkQueue } from '../../runtime/work-queue.ts';
import { FeedbackStore } from './feedback.ts';

/** `console` fits; so does any logger with these three methods. */
export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface BotContext {
  bot: Bot;
  logger: Logger;
  feedback: FeedbackStore;
  latency: LatencyTracker;
  /**
   * An interaction is deferred (type 5, then the answer is edited in) when its age plus the engine's
   * recent worst time exceeds this; otherwise it is answered at once. Discord allows 3 s in total.
   */
  deferAfterMs: number;
  /** Where answers are computed, after the interaction or message was taken in. */
  work: WorkQueue;
  /** Channel messages go through here: a lane per channel, each send time-limited. */
  outbox: Outbox;
}

/** The engine's recent worst call time: a slow spell makes the next interactions defer first. */
export class LatencyTracker {
  private readonly samples: number[] = [];
  constructor(private readonly size = 20) {}

  add(ms: number): void {
    this.samples.push(ms);
    if (this.samples.length > this.size) this.samples.shift();
  }

  /** The longest of the last `size` calls, 0 before the first. */
  expected(): number {
    return this.samples.reduce((a, b) => Math.max(a, b), 0);
  }
}

/** Runs `f`, timing it (until it settles) into `latency`. */
export async function timed<T>(latency: LatencyTracker, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await f();
  } finally {
    latency.add(performance.now() - start);
  }
}
