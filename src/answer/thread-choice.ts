/**
 * Choosing a follow-up's answer among the facts its readings find. The rules (query/followup.ts,
 * thread.ts) read a message in a thread one way; often another reading holds the fact that was meant
 * ("is that their dokpamo entry?" after EXAONE 4.5: the message with the last question's subject).
 * Each fact that any reading ranks near the top — the message alone, the rules' merged readings, the
 * message with the last question's subject, with all of its words, with the last answer's parties or
 * keywords, alone among the facts of the last answer's topic and article or of its programme — is
 * weighed by how each reading ranks it (place, evidence, every rule's factor), how it relates to the
 * last answer (same topic, source, party), how much of the message and of the last question it
 * covers, and whether the rules chose it; the best-weighed answers. Where the rules found
 * nothing ("ctx length" after a model's specs: the thread's reading falls short of the evidence an
 * answer needs), "not found" is weighed beside the facts and stays unless one outweighs it.
 *
 * The weights are learned, the way a learning-to-rank stage over hand-made features is (conditional
 * logistic regression: softmax over a turn's candidates), from the dev follow-up conversations
 * (tests/eval/followups-dev*.yaml) by `npm run train` into corpus/thread-choice.json, with the hash of
 * the candidates it learned from: a test fails when what the engine finds for those turns changed and
 * the file was not trained again.
 */
import { createHash } from 'node:crypto';
import type { ThreadChoiceFile } from '../corpus/schema.ts';
import { evidence } from '../search/decide.ts';
import type { FactEntry, FactIndex } from '../search/fact-index.ts';
import type { Ranked } from '../search/rank.ts';
import { RULES } from '../search/rules.ts';
import type { Turn } from '../types.ts';
import type { Run } from './thread.ts';

/** The readings of a message in a thread, in the order a fact found by several is credited to. */
export const READINGS = ['alone', 'merged', 'merged2', 'subject', 'all', 'answer', 'keywords', 'near', 'scope'] as const;
export type ReadingName = (typeof READINGS)[number];
export interface Reading {
  name: ReadingName;
  run: Run;
}

/** How the message reads against the last turn: the rules' resolution, and its own shape. */
export interface TurnShape {
  resolution: 'none' | 'entity-swap' | 'attribute-swap' | 'attribute-swap-fallback';
  /** At most SHORT_WORDS words. */
  short: boolean;
  /** It points back (that, 그거, 걔네). */
  pronoun: boolean;
  /** It names a party of its own. */
  names: boolean;
}

/** Each candidate's coverage of the message alone and of the last question (search/coverage.ts). */
export interface Covers {
  own: (e: FactEntry) => number;
  last: (e: FactEntry) => number;
}

/** A message of at most this many words is short: it leans on the thread whatever the rules read. */
export const SHORT_WORDS = 3;
/** How many facts of each reading are candidates. */
const PER_READING = 6;

const READING_FEATURES = ['in', 'rank', 'evidence', 'score', 'answers', ...RULES.map((r) => r.name)];
const THREAD_FEATURES = ['topic', 'source', 'entity', 'last', 'lastFirst', 'scope', 'rules', 'rulesLast', 'none', 'own', 'lastCovered'] as const;
/** Features whose weight depends on the message's shape (a swap, short, pointing back, naming a party). */
const CROSSED = ['alone:evidence', 'alone:rank', 'alone:answers', 'merged:rank', 'merged:evidence', 'merged:answers', 'thread:topic', 'thread:entity', 'thread:lastFirst', 'subject:rank', 'all:rank', 'thread:none', 'thread:own', 'thread:lastCovered'];
const SHAPES = ['none', 'entity-swap', 'attribute-swap', 'attribute-swap-fallback', 'short', 'pronoun', 'names'] as const;

/** Every feature's name, in the order of a candidate's features and of the file's weights. */
export const FEATURES: readonly string[] = [
  ...READINGS.flatMap((r) => READING_FEATURES.map((f) => `${r}:${f}`)),
  ...THREAD_FEATURES.map((f) => `thread:${f}`),
  ...CROSSED.flatMap((k) => SHAPES.map((s) => `${k}|${s}`)),
];
const at = new Map(FEATURES.map((f, i) => [f, i]));
const place = (name: string) => at.get(name)!;
const CROSSED_AT = CROSSED.map((k) => ({ from: place(k), to: Object.fromEntries(SHAPES.map((s) => [s, place(`${k}|${s}`)])) as Record<(typeof SHAPES)[number], number> }));
/** Where each reading's features start, and the places of the thread's. */
const READING_AT = Object.fromEntries(READINGS.map((r) => [r, place(`${r}:in`)])) as Record<ReadingName, number>;
const THREAD_AT = Object.fromEntries(THREAD_FEATURES.map((f) => [f, place(`thread:${f}`)])) as Record<(typeof THREAD_FEATURES)[number], number>;

/** The candidate that answers "not found" (weighed only where the rules found nothing); no fact id looks like it. */
export const NOT_FOUND = '(not found)';

/** A fact some reading found, with its features; `reading` and `ranked`: where it ranks best, to answer from. */
export interface Candidate {
  id: string;
  features: Float64Array;
  reading?: Reading;
  ranked?: Ranked;
}

/**
 * The candidates of a message in a thread: the facts each reading ranks first, and the rules' own
 * choice (`rulesPick`), or "not found" (NOT_FOUND) when the rules found nothing, each with its features.
 */
export function candidatesOf(readings: readonly Reading[], previous: Turn, rulesPick: string | undefined, shape: TurnShape, index: FactIndex, covers: Covers): Candidate[] {
  const byId = new Map<string, Candidate>();
  const candidate = (id: string) => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { id, features: new Float64Array(FEATURES.length) }));
    return c;
  };
  for (const reading of readings) {
    const { decision } = reading.run;
    const ranked = decision.ranked.slice(0, PER_READING);
    const top = ranked[0]?.score || 1;
    ranked.forEach((r, pos) => {
      const c = candidate(r.id);
      const f = c.features;
      const base = READING_AT[reading.name];
      f[base] = 1;
      f[base + 1] = 1 / (1 + pos);
      f[base + 2] = evidence(r);
      f[base + 3] = r.score / top;
      f[base + 4] = decision.answered && decision.best === r ? 1 : 0;
      r.factors.forEach((factor, i) => (f[base + 5 + i] = Math.log(Math.max(factor, 1e-3))));
      if (!c.ranked) {
        c.reading = reading;
        c.ranked = r;
      }
    });
  }
  if (rulesPick !== undefined) candidate(rulesPick).features[THREAD_AT.rules] = 1;
  // Where the rules found nothing, "not found" is a candidate too: it stays unless a fact outweighs it.
  else candidate(NOT_FOUND).features[THREAD_AT.none] = 1;
  const last = index.entries.get(previous.factIds[0] ?? '');
  for (const c of byId.values()) {
    const f = c.features;
    const entry = index.entries.get(c.id);
    if (last && entry) {
      f[THREAD_AT.topic] = entry.fact.topic === last.fact.topic ? 1 : 0;
      f[THREAD_AT.source] = entry.fact.sources.some((s) => last.fact.sources.includes(s)) ? 1 : 0;
      f[THREAD_AT.entity] = [...entry.entities].some((e) => last.entities.has(e)) ? 1 : 0;
      f[THREAD_AT.scope] = entry.scope === last.scope ? 1 : 0;
    }
    if (entry) {
      f[THREAD_AT.own] = covers.own(entry);
      f[THREAD_AT.lastCovered] = covers.last(entry);
    }
    f[THREAD_AT.last] = previous.factIds.includes(c.id) ? 1 : 0;
    f[THREAD_AT.lastFirst] = previous.factIds[0] === c.id ? 1 : 0;
    f[THREAD_AT.rulesLast] = f[THREAD_AT.rules]! * f[THREAD_AT.lastFirst]!;
    for (const { from, to } of CROSSED_AT) {
      const v = f[from]!;
      if (v === 0) continue;
      f[to[shape.resolution]] = v;
      if (shape.short) f[to.short] = v;
      if (shape.pronoun) f[to.pronoun] = v;
      if (shape.names) f[to.names] = v;
    }
  }
  return [...byId.values()];
}

/** The weights of a trained file, in FEATURES order (a feature the file lacks weighs nothing). */
export function weightsOf(file: ThreadChoiceFile): Float64Array {
  const w = new Float64Array(FEATURES.length);
  file.features.forEach((name, i) => {
    const j = at.get(name);
    if (j !== undefined) w[j] = file.weights[i]!;
  });
  return w;
}

export function scoreOf(c: Candidate, weights: Float64Array): number {
  let s = 0;
  const f = c.features;
  for (let i = 0; i < f.length; i++) if (f[i] !== 0) s += f[i]! * weights[i]!;
  return s;
}

/** A turn to learn from: its candidates' features and which are right. */
export interface Sample {
  features: Float64Array[];
  right: boolean[];
}

export interface ChoiceTrainOptions {
  iterations: number;
  learningRate: number;
  l2: number;
}
export const CHOICE_TRAIN_OPTIONS: ChoiceTrainOptions = { iterations: 300, learningRate: 0.5, l2: 0.003 };

/** Features as hashed and learned from: six decimals, so that the last bits of a sum do not make a file stale. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The hash of the samples and options: what a trained file must have been trained on. */
export function choiceTrainingHash(samples: readonly Sample[], options: ChoiceTrainOptions = CHOICE_TRAIN_OPTIONS): string {
  const h = createHash('sha256').update(JSON.stringify({ options, features: FEATURES }));
  for (const s of samples) h.update(JSON.stringify([s.right, s.features.map((f) => Array.from(f, round))]));
  return h.digest('hex');
}

/**
 * Learns the weights by full-batch gradient descent on the negative log-likelihood that a turn's
 * answer is one of its right candidates (softmax over the turn's candidates), with L2 decay, from
 * zero, for a fixed number of steps (300 choose as well as 1,500 or 6,000, leaving one conversation
 * file out, at a fraction of the time): deterministic.
 */
export function trainChoice(samples: readonly Sample[], options: ChoiceTrainOptions = CHOICE_TRAIN_OPTIONS): ThreadChoiceFile {
  const usable = samples.filter((s) => s.right.some(Boolean));
  const n = FEATURES.length;
  // Each candidate's features as its non-zero (place, value) pairs: a candidate has a fifth of them.
  const rows = usable.flatMap((s) => s.features).map((f) => {
    const places: number[] = [];
    f.forEach((v, i) => {
      if (round(v) !== 0) places.push(i);
    });
    return { places, values: places.map((i) => round(f[i]!)) };
  });
  const w = new Float64Array(n);
  const grad = new Float64Array(n);
  const scores = new Float64Array(rows.length);
  for (let it = 0; it < options.iterations; it++) {
    grad.fill(0);
    rows.forEach((r, j) => {
      let v = 0;
      for (let k = 0; k < r.places.length; k++) v += r.values[k]! * w[r.places[k]!]!;
      scores[j] = v;
    });
    let first = 0;
    for (const s of usable) {
      const m = s.right.length;
      let max = -Infinity;
      for (let j = 0; j < m; j++) max = Math.max(max, scores[first + j]!);
      let sum = 0;
      let rightSum = 0;
      for (let j = 0; j < m; j++) {
        const p = Math.exp(scores[first + j]! - max);
        scores[first + j] = p;
        sum += p;
        if (s.right[j]) rightSum += p;
      }
      // The gradient of -log(Σ right p / Σ p): each candidate's probability, less its share of the right ones'.
      for (let j = 0; j < m; j++) {
        const p = scores[first + j]!;
        const d = p / sum - (s.right[j] ? p / rightSum : 0);
        const r = rows[first + j]!;
        for (let k = 0; k < r.places.length; k++) grad[r.places[k]!]! += d * r.values[k]!;
      }
      first += m;
    }
    for (let i = 0; i < n; i++) w[i]! -= options.learningRate * (grad[i]! / usable.length + options.l2 * w[i]!);
  }
  return { trainedOn: choiceTrainingHash(samples, options), options: { ...options }, samples: usable.length, features: [...FEATURES], weights: Array.from(w, (v) => Number(v.toPrecision(6))) };
}
