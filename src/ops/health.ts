/**
 * Liveness and readiness, as JSON bodies for GET /healthz and GET /readyz. Liveness: the process
 * answers. Readiness: the corpus is loaded and every configured platform is connected.
 */

export type PlatformState = 'starting' | 'connected' | 'disconnected' | 'stopping';

export interface HealthSources {
  /** Facts serving now and when they were loaded. */
  corpus(): { facts: number; loadedAt: Date };
  /** Anything else worth showing (the question log's status). */
  extra?(): Record<string, unknown>;
}

export class Health {
  private readonly platforms = new Map<string, PlatformState>();
  private readonly started = Date.now();

  constructor(private readonly sources: HealthSources) {}

  set(platform: string, state: PlatformState): void {
    this.platforms.set(platform, state);
  }

  liveness(): { status: 'ok'; uptimeSec: number } {
    return { status: 'ok', uptimeSec: Math.round((Date.now() - this.started) / 1000) };
  }

  readiness(): { ready: boolean; corpus: { facts: number; loadedAt: string }; platforms: Record<string, PlatformState>; [k: string]: unknown } {
    const corpus = this.sources.corpus();
    const platforms = Object.fromEntries(this.platforms);
    const ready = corpus.facts > 0 && [...this.platforms.values()].every((s) => s === 'connected');
    return { ready, corpus: { facts: corpus.facts, loadedAt: corpus.loadedAt.toISOString() }, platforms, ...(this.sources.extra?.() ?? {}) };
  }
}
