import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CorpusError, loadCorpus } from '../src/corpus/load.ts';
import { createEngine, type Engine, type EngineOptions } from '../src/engine.ts';
import { watchFolder, type FolderWatch } from './folder-watch.ts';

export interface LiveEngine extends Engine {
  /** Loads and validates the corpus again; swaps it in only if it is valid in full. */
  reload(): { ok: true; facts: number } | { ok: false; error: CorpusError };
  /** Reloads within `debounceMs` of any change of the corpus files' contents, until `close()`. */
  watch(debounceMs?: number): void;
  close(): void;
  /** When the corpus now serving was loaded. */
  readonly loadedAt: Date;
  /** The content hash of the corpus files now serving (12 hex digits). */
  readonly version: string;
  /** The last refused reload, if any, and when. */
  readonly lastError: { at: Date; message: string } | undefined;
}

export interface LiveEngineHooks {
  onReload?(facts: number, version: string): void;
  /** A broken edit: the last good corpus keeps serving. */
  onError?(error: CorpusError): void;
  /** A folder watcher failed; it is set up again by itself. */
  onWatchError?(error: Error): void;
}

/**
 * An engine whose corpus can change while the bot runs: every call goes to the engine built from
 * the last valid corpus, and a new one replaces it in one assignment (no half-loaded state).
 * Throws CorpusError at start if the corpus is broken then.
 */
export function createLiveEngine(dir: string, hooks: LiveEngineHooks = {}, options?: Partial<EngineOptions>): LiveEngine {
  let version = corpusVersion(dir);
  let current = createEngine(loadCorpus(dir), options);
  let loadedAt = new Date();
  let lastError: LiveEngine['lastError'];
  let watcher: FolderWatch | undefined;

  function reload(): ReturnType<LiveEngine['reload']> {
    try {
      const next = corpusVersion(dir);
      const engine = createEngine(loadCorpus(dir), options);
      current = engine;
      version = next;
      loadedAt = new Date();
      hooks.onReload?.(engine.corpus.facts.length, version);
      return { ok: true, facts: engine.corpus.facts.length };
    } catch (e) {
      // Whatever went wrong, the running bot must not: refuse the edit and keep serving.
      const error = e instanceof CorpusError ? e : new CorpusError([{ file: dir, message: `reload failed: ${e instanceof Error ? e.message : String(e)}` }]);
      lastError = { at: new Date(), message: error.message };
      hooks.onError?.(error);
      return { ok: false, error };
    }
  }

  /** Reloads when the files' contents differ from what is serving (or from the last refused edit). */
  let lastSeen = version;
  function reloadIfChanged() {
    let seen: string;
    try {
      seen = corpusVersion(dir);
    } catch {
      seen = 'unreadable';
    }
    if (seen === lastSeen) return;
    lastSeen = seen;
    reload();
  }

  return {
    ask: (q) => current.ask(q),
    askInThread: (q, previous) => current.askInThread(q, previous),
    topics: (lang) => current.topics(lang),
    fact: (q, lang) => current.fact(q, lang),
    detectLang: (t) => current.detectLang(t),
    explain: (q, previous) => current.explain(q, previous),
    threadCandidates: (q, previous) => current.threadCandidates(q, previous),
    get corpus() {
      return current.corpus;
    },
    get loadedAt() {
      return loadedAt;
    },
    get version() {
      return version;
    },
    get lastError() {
      return lastError;
    },
    reload,
    watch(debounceMs = 300) {
      watcher ??= watchFolder(dir, reloadIfChanged, {
        debounceMs,
        ...(hooks.onWatchError ? { onError: hooks.onWatchError } : {}),
      });
    },
    close() {
      watcher?.close();
      watcher = undefined;
    },
  };
}

/** A hash of every YAML file's path and content under `dir`: the same files give the same version. */
export function corpusVersion(dir: string): string {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(path.relative(dir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 12);
}
