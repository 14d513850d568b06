/**
 * A classifier of questions into facts, learned from the facts' example questions: softmax (multinomial
 * logistic) regression over the bag of a question's tokens, the way FAQ bots learn their intents from
 * training phrases. Where the closest example (examples.ts) asks how like one example a question
 * reads, this weighs every word by how well it tells a fact's examples from all the others' (which
 * words mean "the GPUs per team" and which only mean "a question"). The `classifier` rule (rules.ts)
 * multiplies each candidate's score by 1 + knob × its probability.
 *
 * Trained deterministically by `npm run train` (scripts/train.ts) into corpus/classifier.json, with
 * the hash of what it learned from (each example's fact and tokens): a test fails when the examples,
 * the aliases, the lexicon or the analysis change and the file was not trained again.
 */
import { createHash } from 'node:crypto';
import { Analyzer } from '../analysis/analyzer.ts';
import { rng } from '../random.ts';
import { fromBase64, toBase64 } from './base64-arrays.ts';
import { intents } from '../query/intents.ts';
import type { Corpus } from '../corpus/load.ts';
import type { ClassifierFile } from '../corpus/schema.ts';

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** Weight decay on the rows a sample touches (L2). */
  l2: number;
  /** Weights smaller than this are left out of the file (they change no answer; measured). */
  prune: number;
  seed: number;
}

export const TRAIN_OPTIONS: TrainOptions = { epochs: 6, learningRate: 0.5, l2: 1e-5, prune: 0.2, seed: 1 };

/**
 * The tokens a question gives the classifier: its units' tokens (words that only frame it aside) and
 * what kind of answer it asks for (@count, @when: "lunit gpus how many" is not Lunit's budget).
 */
export function bagOf(units: readonly { tokens: readonly string[]; framing?: boolean }[], asks: readonly string[] = []): string[] {
  const bag = new Set<string>();
  for (const u of units) if (!u.framing) for (const t of u.tokens) bag.add(t);
  for (const i of asks) bag.add(`@${i}`);
  return [...bag];
}

/** What the classifier learns from: each example question's fact and tokens, in corpus order. */
export function trainingData(corpus: Corpus, analyzer: Analyzer): [factId: string, tokens: string[]][] {
  return corpus.facts.flatMap((f) => f.examples.map((text) => [f.id, bagOf(analyzer.questionUnits(text), intents(analyzer.normalize(text), analyzer.lexicon))] as [string, string[]]));
}

/** The hash of the training data and options: what a trained file must have been trained on. */
export function trainingHash(data: readonly [string, string[]][], options: TrainOptions = TRAIN_OPTIONS): string {
  return createHash('sha256').update(JSON.stringify({ options, data })).digest('hex');
}

/** Whether the corpus's classifier was trained on other data than its examples give now (`npm run train` fixes it). */
export function classifierStale(corpus: Corpus, analyzer = new Analyzer(corpus.aliases, corpus.lexicon)): boolean {
  return corpus.classifier !== undefined && corpus.classifier.trainedOn !== trainingHash(trainingData(corpus, analyzer), corpus.classifier.options);
}

/** Softmax in place; returns it. */
function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}

/** Trains the classifier on `data` by stochastic gradient descent (cross-entropy), deterministically. */
export function train(data: readonly [string, string[]][], options: TrainOptions = TRAIN_OPTIONS): ClassifierFile {
  const facts = [...new Set(data.map(([id]) => id))];
  const factIndex = new Map(facts.map((id, i) => [id, i]));
  const vocabulary = [...new Set(data.flatMap(([, tokens]) => tokens))].sort();
  const tokenIndex = new Map(vocabulary.map((t, i) => [t, i]));
  const C = facts.length;
  const W = new Float64Array(vocabulary.length * C);
  const bias = new Float64Array(C);
  const samples = data.filter(([, tokens]) => tokens.length > 0).map(([id, tokens]) => ({ y: factIndex.get(id)!, rows: [...new Set(tokens.map((t) => tokenIndex.get(t)!))] }));
  const next = rng(options.seed);
  const z = new Float64Array(C);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher–Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { y, rows } = samples[n]!;
      const scale = 1 / Math.sqrt(rows.length);
      z.set(bias);
      for (const r of rows) for (let c = 0, o = r * C; c < C; c++) z[c]! += W[o + c]! * scale;
      softmax(z);
      z[y]! -= 1; // the gradient of the loss by the logits
      const lr = options.learningRate;
      for (const r of rows) for (let c = 0, o = r * C; c < C; c++) W[o + c]! -= lr * (scale * z[c]! + options.l2 * W[o + c]!);
      // The bias learns more slowly: it is every sample's.
      for (let c = 0; c < C; c++) bias[c]! -= lr * 0.1 * z[c]!;
    }
  }
  const ends = new Int32Array(vocabulary.length);
  const keptFacts: number[] = [];
  const keptWeights: number[] = [];
  vocabulary.forEach((_, r) => {
    for (let c = 0; c < C; c++) if (Math.abs(W[r * C + c]!) >= options.prune) (keptFacts.push(c), keptWeights.push(W[r * C + c]!));
    ends[r] = keptFacts.length;
  });
  return {
    trainedOn: trainingHash(data, options),
    options,
    facts,
    vocabulary,
    bias: [...bias].map((v) => Math.round(v * 1000) / 1000),
    rows: { ends: toBase64(ends), facts: toBase64(Uint16Array.from(keptFacts)), weights: toBase64(Float32Array.from(keptWeights)) },
  };
}

/** A question's probability for each fact, by the facts' own ids; undefined for a question it knows no token of. */
export type Classify = (tokens: readonly string[]) => ((factId: string) => number) | undefined;

/** The classifier of a trained file (none: every question unknown to it). */
export function createClassifier(file: ClassifierFile | undefined): Classify {
  if (!file) return () => undefined;
  const ends = fromBase64(file.rows.ends, Int32Array);
  const facts = fromBase64(file.rows.facts, Uint16Array);
  const weights = fromBase64(file.rows.weights, Float32Array);
  // Each token's place in the vocabulary: its weights are facts/weights[ends[r - 1], ends[r]).
  const tokenRow = new Map(file.vocabulary.map((t, r) => [t, r]));
  const factIndex = new Map(file.facts.map((id, i) => [id, i]));
  const bias = Float64Array.from(file.bias);
  // A fact no word of the question weighs on keeps its bias alone: the softmax's sum is that of the
  // biases (worked out once) with the touched facts' terms replaced, exp only for those.
  const top = Math.max(...bias);
  // A plain array, copied for each question: a typed array's copy takes a buffer outside the heap.
  const biasExp = Array.from(bias, (b) => Math.exp(b - top));
  const biasSum = biasExp.reduce((a, b) => a + b, 0);
  const z = new Float64Array(bias.length);
  const seen = new Uint8Array(bias.length);
  // Scratch space for every question: the rows of its known tokens, and the facts they weigh on.
  const rows: number[] = [];
  const touched = new Int32Array(bias.length);
  return (tokens) => {
    // As in training: every token it learned from counts for the scale, whether or not a weight of it was kept.
    rows.length = 0;
    for (const t of tokens) {
      const r = tokenRow.get(t);
      if (r !== undefined) rows.push(r);
    }
    if (rows.length === 0) return undefined;
    const scale = 1 / Math.sqrt(rows.length);
    let n = 0;
    for (const r of rows) {
      for (let k = r === 0 ? 0 : ends[r - 1]!, end = ends[r]!; k < end; k++) {
        const c = facts[k]!;
        if (seen[c] === 0) (seen[c] = 1), (touched[n++] = c);
        z[c]! += weights[k]! * scale;
      }
    }
    // Each fact's exp(logit - top): the bias's alone for the untouched; and the sum over all facts.
    const e = biasExp.slice();
    let sum = biasSum;
    for (let i = 0; i < n; i++) {
      const c = touched[i]!;
      const v = Math.exp(bias[c]! + z[c]! - top);
      sum += v - e[c]!;
      e[c] = v;
      z[c] = 0;
      seen[c] = 0;
    }
    return (factId) => {
      const i = factIndex.get(factId);
      return i === undefined ? 0 : e[i]! / sum;
    };
  };
}
