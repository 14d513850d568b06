import { defaultOptions, type EngineOptions } from '../../src/index.ts';

/** Knobs to try ('{"decide":{"minEvidence":0.6}}'), merged into the engine's defaults. */
export function mergeOptions(patch: object): EngineOptions {
  const merge = (base: unknown, p: unknown): unknown =>
    p && typeof p === 'object' && !Array.isArray(p) && base && typeof base === 'object'
      ? Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(p)])].map((k) => [k, k in p ? merge((base as Record<string, unknown>)[k], (p as Record<string, unknown>)[k]) : (base as Record<string, unknown>)[k]]))
      : p;
  return merge(defaultOptions, patch) as EngineOptions;
}
