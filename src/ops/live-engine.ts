import fs from 'node:fs';
import { CorpusError, loadCorpus } from '../corpus/load.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine.ts';

export interface LiveEngine extends Engine {
  /** Loads and validates the corpus again; swaps it in only if it is valid in full. */
  reload(): { ok: true; facts: number } | { ok: false; error: CorpusError };
  /** Reloads within `debounceMs` of any change under the corpus folder, until `close()`. */
  watch(debounceMs?: number): void;
  close(): void;
  /** When the corpus now serving was loaded. */
  readonly loadedAt: Date;
}

export interface LiveEngineHooks {
  onReload?(facts: number): void;
  /** A broken edit: the last good corpus keeps serving. */
  onError?(error: CorpusError): void;
}

/**
 * An engine whose corpus can change while the bot runs: every call goes to the engine built from
 * the last valid corpus, and a new one replaces it in one assignment (no half-loaded state).
 * Throws CorpusError at start if the corpus is broken then.
 */
export function createLiveEngine(dir: string, hooks: LiveEngineHooks = {}, options?: Partial<EngineOptions>): LiveEngine {
  let current = createEngine(loadCorpus(dir), options);
  let loadedAt = new Date();
  let watcher: fs.FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;

  function reload(): ReturnType<LiveEngine['reload']> {
    try {
      const next = createEngine(loadCorpus(dir), options);
      current = next;
      loadedAt = new Date();
      hooks.onReload?.(next.corpus.facts.length);
      return { ok: true, facts: next.corpus.facts.length };
    } catch (e) {
      if (!(e instanceof CorpusError)) throw e;
      hooks.onError?.(e);
      return { ok: false, error: e };
    }
  }

  return {
    ask: (q) => current.ask(q),
    topics: (lang) => current.topics(lang),
    fact: (q, lang) => current.fact(q, lang),
    detectLang: (t) => current.detectLang(t),
    explain: (q) => current.explain(q),
    get corpus() {
      return current.corpus;
    },
    get loadedAt() {
      return loadedAt;
    },
    reload,
    watch(debounceMs = 300) {
      if (watcher) return;
      // Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
      watcher = fs.watch(dir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(reload, debounceMs);
      });
      watcher.on('error', (e) => hooks.onError?.(new CorpusError([{ file: dir, message: `watching stopped: ${e.message}` }])));
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
