/**
 * Answers accepted but not yet delivered, so that shutdown can wait for them and say how many it had
 * to abandon. Each is tracked from the moment the question is acknowledged to its delivery.
 */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();

  /** Tracks `p` until it settles; returns it. */
  add<T>(p: Promise<T>): Promise<T> {
    this.work.add(p);
    const done = () => void this.work.delete(p);
    p.then(done, done);
    return p;
  }

  get size(): number {
    return this.work.size;
  }

  /** Waits up to `ms` for everything tracked to settle; resolves with how many had not (abandoned). */
  async drain(ms: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.work]), new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))]);
    clearTimeout(timer);
    return this.work.size;
  }
}
