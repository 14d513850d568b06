/** What every Discord handler is given: the engine, the recorder, a logger and the bot's small state. */
import type { Engine } from '../../src/index.ts';
import type { BotAnswer } from '../../runtime/bot.ts';
import type { Outbox } from '../../runtime/outbox.ts';
import type { WorkQueue } from '../../runtime/work-queue.ts';
import type { Origin, Recorder } from '../../runtime/record.ts';
import { FeedbackStore } from './feedback.ts';

/** The part of the bot the Discord adapter uses (a full `Engine` fits too: it ignores the origin). */
export type DiscordEngine = Pick<Engine, 'topics' | 'fact' | 'detectLang' | 'corpus'> & { ask(question: string, origin?: Origin): BotAnswer };

/** `console` fits; so does any logger with these three methods. */
export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface BotContext {
  engine: DiscordEngine;
  recorder: Recorder;
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

/** Runs `f`, timing it into `latency`. */
export function timed<T>(latency: LatencyTracker, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    latency.add(performance.now() - start);
  }
}
