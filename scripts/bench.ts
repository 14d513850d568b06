/**
 * `npm run bench`: index build time (with the examples' stored analyses, and without them), per-question
 * latency (median, p99 over >= 10,000 questions) and memory, this engine beside MiniSearch defaults,
 * measured in one run on the same machine. CORPUS_DIR measures another corpus folder.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CORPUS_DIR } from '../src/index.ts';
import { createEngine } from '../src/engine.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { createBaseline } from './lib/baseline.ts';
import { loadEvalSet } from './lib/eval-set.ts';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10_000);
const BUILDS = 15;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
function median(xs: number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

const loads: number[] = [];
const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
let corpus = loadCorpus(dir);
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  corpus = loadCorpus(dir);
  loads.push(performance.now() - t);
}

const set = loadEvalSet().map((q) => q.q);
const questions = Array.from({ length: QUESTIONS }, (_, i) => set[i % set.length]!);

type Runner = { name: string; build: () => (q: string) => unknown };
const runners: Runner[] = [
  { name: 'engine', build: () => { const e = createEngine(corpus); return (q) => e.ask(q); } },
  { name: 'MiniSearch defaults', build: () => { const b = createBaseline(corpus); return (q) => b.rank(q); } },
];

const results = runners.map((r) => {
  const builds: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const t = performance.now();
    r.build();
    builds.push(performance.now() - t);
  }
  // Memory: keep five builds alive and divide, so collector noise is small beside them.
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: 5 }, () => r.build());
  gc();
  const memory = (process.memoryUsage().heapUsed - before) / kept.length;
  const run = kept[0]!;
  for (const q of questions.slice(0, 500)) run(q); // warm up the JIT
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    run(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { name: r.name, build: median(builds), p50: quantile(times, 0.5), p99: quantile(times, 0.99), memory, keep: run };
});

console.log(`corpus: ${corpus.facts.length} facts; load + validate median ${median(loads).toFixed(1)} ms (5 runs); ${QUESTIONS} questions from ${set.length} distinct`);
console.log(`${''.padEnd(26)}${results.map((r) => r.name.padEnd(22)).join('')}`);
const row = (label: string, f: (r: (typeof results)[number]) => string) => console.log(`${label.padEnd(26)}${results.map((r) => f(r).padEnd(22)).join('')}`);
row(`index build (median of ${BUILDS})`, (r) => `${r.build.toFixed(2)} ms`);
row('latency p50', (r) => `${(r.p50 * 1000).toFixed(0)} µs`);
row('latency p99', (r) => `${(r.p99 * 1000).toFixed(0)} µs`);
row('throughput at p50', (r) => `${Math.round(1000 / r.p50).toLocaleString('en')} q/s`);
row('heap per index', (r) => `${(r.memory / 1024 / 1024).toFixed(2)} MB`);
// Without the examples' analyses `npm run train` stores (corpus/example-analyses.json): what a build
// costs when every example is analysed afresh (an edited corpus not trained again).
const { exampleAnalyses: _, ...unstored } = corpus;
const fresh: number[] = [];
for (let i = 0; i < BUILDS; i++) {
  const t = performance.now();
  createEngine(unstored);
  fresh.push(performance.now() - t);
}
row('  examples analysed afresh', (r) => (r.name === 'engine' ? `${median(fresh).toFixed(2)} ms` : ''));
console.log(`process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
