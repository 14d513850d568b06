/** The core engine's public surface. It imports no platform SDK; adapters build on this. */
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './corpus/load.ts';
import { createEngine, type Engine, type EngineOptions } from './engine.ts';

/** The corpus shipped with the project, wherever the process was started from. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../corpus', import.meta.url));

/** Loads and validates the corpus, then indexes it. Throws CorpusError naming file, line, fact and field. */
export function loadEngine(dir: string = DEFAULT_CORPUS_DIR, options?: Partial<EngineOptions>): Engine {
  return createEngine(loadCorpus(dir), options);
}

export { createEngine, defaultOptions, type Engine, type EngineOptions } from './engine.ts';
export { loadCorpus, CorpusError, formatIssue, type Corpus, type CorpusIssue } from './corpus/load.ts';
export { Analyzer, detectLang } from './analysis/analyzer.ts';
export { fold, nameKey } from './analysis/normalize.ts';
export type * from './types.ts';
