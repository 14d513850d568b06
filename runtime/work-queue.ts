/**
 * Where answers are computed: after the request that asked has been acknowledged, never on its turn.
 * Analysis is synchronous CPU work (milliseconds for a long question); done in the request handler,
 * 64 questions at once made the last acknowledgement wait for 63 analyses. Jobs run in arrival order,
 * a few milliseconds' worth at a time, then the event loop reads and acknowledges what came in
 * meanwhile before the next slice.
 */
export class WorkQueue {
  private jobs: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  /** Recent time per job (ms), for `expectedWaitMs`. */
  private avgMs = 1;

  /** `sliceMs`: how long jobs may run before the event loop gets its turn. */
  constructor(private readonly sliceMs = 8) {}

  /** Runs `job` in its turn; resolves with its result or rejects with what it threw. */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(job());
        } catch (e) {
          reject(e);
        }
      });
      this.schedule();
    });
  }

  /** Jobs waiting. */
  get size(): number {
    return this.jobs.length - this.head;
  }

  /** Roughly how long a job queued now would wait (ms). */
  expectedWaitMs(): number {
    return this.size * this.avgMs;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the event loop's I/O phase: pending requests are read first.
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    const end = performance.now() + this.sliceMs;
    while (this.size > 0 && performance.now() < end) {
      const job = this.jobs[this.head]!;
      this.jobs[this.head++] = undefined as never;
      const start = performance.now();
      job();
      this.avgMs = 0.9 * this.avgMs + 0.1 * (performance.now() - start);
    }
    if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
    }
    if (this.size > 0) this.schedule();
  }
}
