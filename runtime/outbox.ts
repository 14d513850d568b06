/**
 * Everything the bot posts goes through here, in one lane per destination (a channel, a DM, a
 * response_url): a 429 or a slow destination holds its own lane only, never the others. Slack's Web
 * API client paused its whole queue on any 429, so one busy channel held answers everywhere. Within
 * a lane, senders take turns (round robin), so one person's backlog does not push everyone else in
 * that channel behind it. Every send has a time limit.
 */

export class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'SendTimeoutError';
  }
}

export interface OutboxOptions {
  /** A send still pending after this long fails (and its signal aborts). */
  timeoutMs: number;
  /** Seconds a failed send asks to wait before trying again (a 429's Retry-After); undefined: not retried. */
  retryAfterSec?(error: unknown): number | undefined;
  /** Tries per send when rate-limited (default 5). */
  maxAttempts?: number;
  /** Told of every refused attempt: `retry` when it will be tried again, `error` when the send fails. */
  observe?(event: 'error' | 'retry', error: unknown): void;
}

type Send = (signal: AbortSignal) => Promise<unknown>;
interface Task {
  send: Send;
  attempts: number;
  resolve(): void;
  reject(e: unknown): void;
}
interface Lane {
  /** Each sender's tasks, oldest first; Map order is the turn order. */
  senders: Map<string, Task[]>;
  busy: boolean;
}

export class Outbox {
  private readonly lanes = new Map<string, Lane>();
  private queued = 0;

  constructor(private readonly options: OutboxOptions) {}

  /**
   * Sends in `destination`'s lane, in `sender`'s turn; resolves when delivered, rejects with the last
   * error when it could not be (after retries for rate limits, or on the first other error).
   */
  send(destination: string, sender: string | undefined, send: Send): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let lane = this.lanes.get(destination);
      if (!lane) this.lanes.set(destination, (lane = { senders: new Map(), busy: false }));
      const who = sender ?? '';
      const tasks = lane.senders.get(who);
      const task: Task = { send, attempts: 0, resolve, reject };
      if (tasks) tasks.push(task);
      else lane.senders.set(who, [task]);
      this.queued++;
      if (!lane.busy) void this.run(destination, lane);
    });
  }

  /** Sends waiting or under way. */
  get pending(): number {
    return this.queued;
  }

  private async run(destination: string, lane: Lane): Promise<void> {
    lane.busy = true;
    for (;;) {
      const next = lane.senders.entries().next();
      if (next.done) break;
      const [who, tasks] = next.value;
      const task = tasks[0]!;
      task.attempts++;
      try {
        await this.attempt(task.send);
        this.finish(lane, who, tasks);
        task.resolve();
      } catch (e) {
        const wait = this.options.retryAfterSec?.(e);
        const retry = wait !== undefined && task.attempts < (this.options.maxAttempts ?? 5);
        this.observe(retry ? 'retry' : 'error', e);
        if (retry) {
          // Only this lane waits; the task keeps its place.
          await new Promise((r) => setTimeout(r, Math.max(0, wait!) * 1000));
          continue;
        }
        this.finish(lane, who, tasks);
        task.reject(e);
      }
    }
    lane.busy = false;
    this.lanes.delete(destination);
  }

  private observe(event: 'error' | 'retry', error: unknown): void {
    try {
      this.options.observe?.(event, error);
    } catch {
      // counting must never break sending
    }
  }

  /** Drops the sender's first task and moves the sender to the back of the turn order. */
  private finish(lane: Lane, who: string, tasks: Task[]): void {
    tasks.shift();
    this.queued--;
    lane.senders.delete(who);
    if (tasks.length > 0) lane.senders.set(who, tasks);
  }

  private async attempt(send: Send): Promise<void> {
    const { timeoutMs } = this.options;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        send(abort.signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort();
            reject(new SendTimeoutError(timeoutMs));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
