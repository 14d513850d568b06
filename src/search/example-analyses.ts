/**
 * What the index takes from a fact's example questions: each example's units (read as a question
 * is, without its preamble) and the tokens of the examples field BM25 searches; and its near-misses'
 * units, read the same way. Analysing the corpus's ten thousand examples is two thirds of building
 * the engine, so `npm run train` stores the analyses in corpus/example-analyses.json, the way a
 * search engine keeps its index on disk rather than analysing every document at each start; with
 * them, the analyses of each fact's statements and keywords (statement-analyses.ts).
 *
 * A stored analysis is used only where it must equal a fresh one: for a fact whose examples (or
 * texts) hash as stored, when the aliases and lexicon hash as stored, and when a sample analysed
 * afresh reads the same (a change to the analysis code); otherwise the fact's examples (or texts)
 * are analysed as they are. A test and `npm run corpus:check` compare the whole file with a fresh
 * analysis.
 */
import { createHash } from 'node:crypto';
import type { Unit } from '../analysis/analyzer.ts';
import type { Corpus } from '../corpus/load.ts';
import type { ExampleAnalysesFile, Fact } from '../corpus/schema.ts';
import { Analyzer } from '../analysis/analyzer.ts';
import { fromBase64, toBase64 } from './base64-arrays.ts';
import { analyseTexts, decodeTexts, encodeTexts, sameTexts, skipTexts, textsKey, type FactTexts } from './statement-analyses.ts';

/** What the index reads of an example's unit. */
export type ExampleUnit = Pick<Unit, 'tokens' | 'framing' | 'verbForm'>;

export interface FactExamples {
  /** Each example's units, in order. */
  units: ExampleUnit[][];
  /** The tokens of the fact's examples as one field (Analyzer.joinedTokens). */
  field: string[];
  /** Each near-miss's units, in order (read as an example is). */
  nearMisses: ExampleUnit[][];
}

/** Analyses a fact's examples (and near-misses) afresh. */
export function analyseExamples(analyzer: Analyzer, examples: readonly string[], nearMisses: readonly string[] = []): FactExamples {
  const analyses = examples.map((text) => analyzer.analyze(text));
  return {
    units: examples.map((text, i) => analyzer.exampleUnits(text, analyses[i]!)),
    // Read as one text, from each example's own analysis where nothing could read across them.
    field: analyzer.joinedTokens(analyses) ?? analyzer.indexed(examples.join(' \n ')).tokens,
    nearMisses: nearMisses.map((text) => analyzer.exampleUnits(text, analyzer.analyze(text))),
  };
}

const sha = (algorithm: 'sha1' | 'sha256', text: string) => createHash(algorithm).update(text).digest('hex');

/** The hash of what an analysis depends on besides the text and the code: the aliases and the lexicon. */
export function analysedWith(corpus: Pick<Corpus, 'aliases' | 'lexicon'>): string {
  // The lexicon holds compiled patterns, maps and sets: written out so that a change to any shows.
  const replacer = (_: string, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v instanceof Map ? [...v] : v instanceof Set ? [...v] : v);
  return sha('sha256', JSON.stringify({ aliases: corpus.aliases, lexicon: corpus.lexicon }, replacer));
}

// A fact without near-misses hashes as its examples alone did before there were any.
const examplesHash = (f: Fact) => sha('sha1', f.nearMisses.length === 0 ? f.examples.join('\n') : `${f.examples.join('\n')}\n\u0000\n${f.nearMisses.join('\n')}`);
const textsHash = (f: Fact) => sha('sha1', textsKey(f));

const FRAMING = 1;
const VERB_FORM = 2;

/** The stored form of every fact's analysed examples and texts (for `npm run train`). */
export function storeExampleAnalyses(corpus: Corpus, analyzer: Analyzer): ExampleAnalysesFile {
  const vocabulary = new Map<string, number>();
  const place = (t: string) => vocabulary.get(t) ?? vocabulary.set(t, vocabulary.size).get(t)!;
  const data: number[] = [];
  for (const f of corpus.facts) {
    const { units, field, nearMisses } = analyseExamples(analyzer, f.examples, f.nearMisses);
    const push = (list: ExampleUnit[][]) => {
      data.push(list.length);
      for (const example of list) {
        data.push(example.length);
        for (const u of example) data.push((u.framing ? FRAMING : 0) | (u.verbForm ? VERB_FORM : 0), u.tokens.length, ...u.tokens.map(place));
      }
    };
    push(units);
    data.push(field.length, ...field.map(place));
    push(nearMisses);
  }
  const texts: number[] = [];
  for (const f of corpus.facts) encodeTexts(analyseTexts(analyzer, f), place, texts);
  return {
    analysedWith: analysedWith(corpus),
    vocabulary: [...vocabulary.keys()],
    facts: corpus.facts.map((f) => ({ id: f.id, examples: examplesHash(f), texts: textsHash(f) })),
    data: toBase64(Int32Array.from(data)),
    texts: toBase64(Int32Array.from(texts)),
  };
}

/** Whether the corpus's stored analyses differ from what analysing its examples gives now (`npm run train` fixes it). */
export function exampleAnalysesStale(corpus: Corpus, analyzer = new Analyzer(corpus.aliases, corpus.lexicon)): boolean {
  return corpus.exampleAnalyses !== undefined && JSON.stringify(storeExampleAnalyses(corpus, analyzer)) !== JSON.stringify(corpus.exampleAnalyses);
}

/** A fact's stored analyses, each with the hash of what it was analysed from. */
interface Stored {
  hash: string;
  examples: () => FactExamples;
  textsHash: string;
  texts: () => FactTexts;
}

/**
 * A stored file's examples and texts, by fact id, each decoded when read: decoded all at once, every example's
 * units would live to the end of the build, copied by each collection of the young generation.
 */
function decode(file: ExampleAnalysesFile): Map<string, Stored> {
  const data = fromBase64(file.data, Int32Array);
  const { vocabulary } = file;
  const tokens = (at: number, n: number) => {
    const list: string[] = new Array(n);
    for (let k = 0; k < n; k++) list[k] = vocabulary[data[at + k]!]!;
    return list;
  };
  const list = (at: number) => {
    const units: ExampleUnit[][] = new Array(data[at++]!);
    for (let i = 0; i < units.length; i++) {
      const example: ExampleUnit[] = new Array(data[at++]!);
      for (let k = 0; k < example.length; k++) {
        const flags = data[at++]!;
        const n = data[at++]!;
        const u: ExampleUnit = { tokens: tokens(at, n) };
        at += n;
        // Only the flags it has, as a fresh analysis gives them.
        if (flags & FRAMING) u.framing = true;
        if (flags & VERB_FORM) u.verbForm = true;
        example[k] = u;
      }
      units[i] = example;
    }
    return units;
  };
  // Where a list ends, found by its counts alone.
  const skip = (at: number) => {
    for (let i = data[at++]!; i > 0; i--) for (let k = data[at++]!; k > 0; k--) at += 2 + data[at + 1]!;
    return at;
  };
  const textData = fromBase64(file.texts, Int32Array);
  const byFact = new Map<string, Stored>();
  let at = 0;
  let textsAt = 0;
  for (const { id, examples: hash, texts: textsHash } of file.facts) {
    const units = at;
    const field = skip(units);
    const nearMisses = field + 1 + data[field]!;
    at = skip(nearMisses);
    const textsFrom = textsAt;
    textsAt = skipTexts(textData, textsAt);
    byFact.set(id, { hash, examples: () => ({ units: list(units), field: tokens(field + 1, data[field]!), nearMisses: list(nearMisses) }), textsHash, texts: () => decodeTexts(textData, vocabulary, textsFrom)[0] });
  }
  return byFact;
}

/** How many examples, and how many facts' texts, a build analyses afresh to check the stored analyses still read the same. */
const SAMPLE = 48;
const TEXTS_SAMPLE = 8;

/** Each fact's analysed examples and texts (statements and keywords). */
export interface AnalysisReader {
  examples(f: Fact): FactExamples;
  texts(f: Fact): FactTexts;
}

/**
 * Each fact's analysed examples and texts: stored where they are sure to equal a fresh analysis,
 * analysed afresh otherwise (an edited fact, an edited alias or lexicon, or analysis code that reads
 * one of a sample differently: then the whole file's examples, or texts, are set aside).
 */
export function createAnalysisReader(corpus: Corpus, analyzer: Analyzer): AnalysisReader {
  const fresh = { examples: (f: Fact) => analyseExamples(analyzer, f.examples, f.nearMisses), texts: (f: Fact) => analyseTexts(analyzer, f) };
  const file = corpus.exampleAnalyses;
  if (!file || file.analysedWith !== analysedWith(corpus)) return fresh;
  const stored = decode(file);
  return { examples: examplesReader(corpus, analyzer, stored, fresh.examples), texts: textsReader(corpus, analyzer, stored, fresh.texts) };
}

function examplesReader(corpus: Corpus, analyzer: Analyzer, stored: Map<string, Stored>, fresh: (f: Fact) => FactExamples): (f: Fact) => FactExamples {
  const usable = (f: Fact) => {
    const s = stored.get(f.id);
    const examples = s !== undefined && s.hash === examplesHash(f) ? s.examples() : undefined;
    return examples !== undefined && examples.units.length === f.examples.length && examples.nearMisses.length === f.nearMisses.length ? examples : undefined;
  };
  // A sample spread over the corpus, the same at every build.
  const facts = corpus.facts.filter((f) => f.examples.length > 0);
  for (let k = 0; k < Math.min(SAMPLE, facts.length); k++) {
    const f = facts[Math.floor((k * facts.length) / Math.min(SAMPLE, facts.length))]!;
    const s = usable(f);
    if (!s) continue;
    const i = k % f.examples.length;
    const [units] = analyseExamples(analyzer, [f.examples[i]!]).units;
    if (!sameUnits(units!, s.units[i]!)) return fresh;
  }
  return (f) => usable(f) ?? fresh(f);
}

function textsReader(corpus: Corpus, analyzer: Analyzer, stored: Map<string, Stored>, fresh: (f: Fact) => FactTexts): (f: Fact) => FactTexts {
  const usable = (f: Fact) => {
    const s = stored.get(f.id);
    return s !== undefined && s.textsHash === textsHash(f) ? s.texts() : undefined;
  };
  const facts = corpus.facts;
  for (let k = 0; k < Math.min(TEXTS_SAMPLE, facts.length); k++) {
    const f = facts[Math.floor((k * facts.length) / Math.min(TEXTS_SAMPLE, facts.length))]!;
    const s = usable(f);
    if (s && !sameTexts(s, analyseTexts(analyzer, f))) return fresh;
  }
  return (f) => usable(f) ?? fresh(f);
}

function sameUnits(a: readonly ExampleUnit[], b: readonly ExampleUnit[]): boolean {
  return a.length === b.length && a.every((u, k) => !!u.framing === !!b[k]!.framing && !!u.verbForm === !!b[k]!.verbForm && u.tokens.join('\u0000') === b[k]!.tokens.join('\u0000'));
}
