/**
 * Liveness and readiness, as JSON bodies for GET /healthz and GET /readyz. Liveness: the process
 * answers. Readiness: the corpus is loaded and every configured platform is connected.
 */

export type PlatformState = 'starting' | 'connected' | 'disconnected' | 'stopping';

/** The corpus serving now: its size, content hash, when it was loaded, and the last refused reload. */
export interface CorpusStatus {
  facts: number;
  loadedAt: Date;
  version?: string;
  lastReloadError?: { at: Date; message: string };
}

export interface HealthSources {
  corpus(): CorpusStatus;
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

  readiness(): { ready: boolean; corpus: Record<string, unknown>; platforms: Record<string, PlatformState>; [k: string]: unknown } {
    const { facts, loadedAt, version, lastReloadError } = this.sources.corpus();
    const platforms = Object.fromEntries(this.platforms);
    const ready = facts > 0 && [...this.platforms.values()].every((s) => s === 'connected');
    const corpus = {
      facts,
      ...(version ? { version } : {}),
      loadedAt: loadedAt.toISOString(),
      ...(lastReloadError ? { lastReloadError: { at: lastReloadError.at.toISOString(), message: lastReloadError.message } } : {}),
    };
    return { ready, corpus, platforms, ...(this.sources.extra?.() ?? {}) };
  }
}
