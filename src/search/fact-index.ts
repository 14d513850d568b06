/**
 * The index over the corpus, built once: each fact's analysed terms (statements, keywords, topic
 * name, example questions), BM25 over those fields, document frequencies, and what each statement
 * gives (a date, a count, an amount, a reason, a quoted name, a round).
 */
import { roundedForms } from '../analysis/round-numbers.ts';
import type { Analyzer, Indexed } from '../analysis/analyzer.ts';
import type { Corpus } from '../corpus/load.ts';
import type { Fact } from '../corpus/schema.ts';
import { gives, type Intent } from '../query/intents.ts';
import { createBm25, type Bm25Doc, type Bm25Hit, type Bm25List, type Bm25Params } from './bm25.ts';
import { createAnalysisReader, type ExampleUnit } from './example-analyses.ts';

export interface ExampleEntry {
  text: string;
  /** The example's units of meaning: their head tokens (a concept, a stem). */
  heads: string[];
  /** The heads that are verb forms: they weigh less, as in the question. */
  verbForms: ReadonlySet<string>;
}

/** The verb forms of the many examples that have none: one set for all of them. */
const NO_VERB_FORMS: ReadonlySet<string> = new Set();

/** A question matched whole (a near-miss, one marked out of scope) from its units: its heads, the words that only frame it aside, and its verb forms. */
export function questionEntry(text: string, units: readonly ExampleUnit[]): ExampleEntry {
  const verbForms = units.filter((u) => u.verbForm).map((u) => u.tokens[0]!);
  return { text, heads: units.filter((u) => !u.framing).map((u) => u.tokens[0]!), verbForms: verbForms.length ? new Set(verbForms) : NO_VERB_FORMS };
}

export interface FactEntry {
  fact: Fact;
  /** Its number (its place in the corpus): its bit in the index's `factsWith`. */
  n: number;
  /** The fact's programme, by its topic (`general` for none). */
  scope: string;
  /** Every token of its statements, keywords, topic name and examples. */
  terms: Set<string>;
  /** Tokens of its statements and keywords (bigrams included). */
  own: Set<string>;
  /** Tokens of its statements alone: what it states, not how it is asked for. */
  stated: Set<string>;
  /** Whole words and concepts of its statements and keywords (no bigrams inside longer words). */
  words: Set<string>;
  /** Whole words and concepts of its example questions. */
  exampleWords: Set<string>;
  /** Hangul words and bigrams inside the alias names its statements mention (센터 in 국가AI컴퓨팅센터). */
  aliasParts: Set<string>;
  /** The organisations, people and models its statements name. */
  entities: Set<string>;
  /** Tokens of its curated keywords. */
  keywords: Set<string>;
  examples: ExampleEntry[];
  /** Questions about it no source answers (`nearMisses:`), matched as examples are; not indexed. */
  nearMisses: ExampleEntry[];
  /** Tokens of what its statement opens with: a definition starts with what it defines (소버린 AI는 …). */
  opening: Set<string>;
  gives: Set<Intent>;
  quotesName: boolean;
  hasNumber: boolean;
  /** Rounds and stages its Korean statement names, in order (#n1 …): the first is the one it is about. */
  ordinals: string[];
  /** The topic's lead fact: it answers a question that only names the topic. */
  lead: boolean;
  /** A later fact that supersedes this one. */
  supersededBy?: string;
  /** A fact of the home programme that names another programme (Lunit's bid in 독파모): about that one too. */
  otherProgramme: boolean;
}

/**
 * The facts whose `terms`, `words`, `own`, `exampleWords`, `aliasParts` and `keywords` have a token,
 * each a bitset over the facts' numbers (undefined: none). A question's token is looked up here once,
 * not in the sets of every fact it is scored against: those are each a cache miss or two.
 */
export interface FactsWith {
  terms?: Uint32Array;
  words?: Uint32Array;
  own?: Uint32Array;
  exampleWords?: Uint32Array;
  aliasParts?: Uint32Array;
  keywords?: Uint32Array;
}

/** Whether fact `e` is among `facts` (a bitset of FactsWith). */
export const includes = (facts: Uint32Array | undefined, e: FactEntry): boolean => facts !== undefined && (facts[e.n >>> 5]! & (1 << (e.n & 31))) !== 0;

const SETS = ['terms', 'words', 'own', 'exampleWords', 'aliasParts', 'keywords'] as const;
/** A record with every field present (none yet): one shape for all, read in the coverage loop. */
const noFacts = (): FactsWith => ({ terms: undefined, words: undefined, own: undefined, exampleWords: undefined, aliasParts: undefined, keywords: undefined });
/** A token no fact has. */
const NO_FACTS: Readonly<FactsWith> = noFacts();

/** For each token, the facts (by number, fewer than `facts`) whose sets have it: one record per token, so a lookup is one. */
function factBits(entries: Iterable<FactEntry>, facts: number): Map<string, FactsWith> {
  const rows = new Map<string, FactsWith>();
  for (const e of entries) {
    for (const set of SETS) {
      for (const t of e[set]) {
        let row = rows.get(t);
        if (row === undefined) rows.set(t, (row = noFacts()));
        const bits = (row[set] ??= new Uint32Array((facts + 31) >>> 5));
        bits[e.n >>> 5]! |= 1 << (e.n & 31);
      }
    }
  }
  return rows;
}

export interface FactIndex {
  entries: Map<string, FactEntry>;
  /** The facts with a token in their terms, words, own tokens, example words, alias name parts and keywords. */
  factsWith(token: string): FactsWith;
  /** Whether fact `e` has `token` among its terms: one table for all facts, not each fact's set (a cache miss each). */
  hasTerm(e: FactEntry, token: string): boolean;
  /** For each list, the best `limit` BM25 hits for the (distinct) tokens, of the facts its `keep` accepts when given. */
  search(tokens: string[], lists: readonly Bm25List[]): Bm25Hit[][];
  df: Map<string, number>;
  /** The words facts use in their statements, keywords, topics and the names they mention: not their examples, which keep people's typos. */
  factWords: Set<string>;
  idf(token: string): number;
  /** The weight of a word the corpus never uses: that of the rarest term. */
  unknownIdf: number;
  /** The stems of everyday English words (lexicon/common-english.yaml): see, keep, group. */
  commonStems: ReadonlySet<string>;
  /** Each topic's name terms, for "X가 뭐야?" questions that name only a topic. */
  topicTerms: { id: string; scope: string; terms: Set<string>; lead: string }[];
  /** Alias concepts that name a participant of a programme (Lunit → specialized). */
  participantOf: Map<string, string>;
  /** Each model's maker and each maker's models (K-Fold ↔ KAIST), as alias concepts. */
  relatives: Map<string, string[]>;
  attributeTokens: Set<string>;
  /** Attributes a fact's curated keywords may give as well as its statements (a location). */
  keywordAttributes: Set<string>;
  entityTokens: Set<string>;
  /** Tools (alias groups' `tool`: vLLM, Hugging Face): in a thread a tool swaps only a tool. */
  toolTokens: Set<string>;
  /** Facts that name a participant of some programme. */
  namesParticipant: Set<string>;
  /** The newest source date: what the corpus knows ends there. */
  knownUntil: string;
}

export interface IndexOptions {
  /** Field boosts: `statement` is the Korean and English statements together. */
  boost: Record<Field, number>;
  bm25: Bm25Params;
}

type Field = 'statement' | 'keywords' | 'topic' | 'examples';
const FIELDS: readonly Field[] = ['statement', 'keywords', 'topic', 'examples'];

/** The items of every list, once each, in order (a Set of them, without spreading them first). */
function union(...lists: (readonly string[] | ReadonlySet<string>)[]): Set<string> {
  const set = new Set<string>();
  for (const list of lists) list.forEach((x) => set.add(x));
  return set;
}

function givesWithReason(given: Set<Intent>, keywords: readonly string[], lex: Analyzer['lexicon']): Set<Intent> {
  if (!given.has('why') && gives(keywords.join('\n'), lex).has('why')) given.add('why');
  return given;
}

/** Indexes a validated corpus. Pure and deterministic: the same corpus gives the same index. */
export function buildFactIndex(corpus: Corpus, analyzer: Analyzer, opts: IndexOptions): FactIndex {
  const lex = analyzer.lexicon;
  const topics = new Map(corpus.topics.map((t) => [t.id, t]));
  // A topic's texts are analysed once for all its facts. A fact's own texts are analysed where they
  // are read, not kept: kept to the end of the build, they outlived collections of the young
  // generation, each copying them again.
  const analysed = new Map<string, Indexed>();
  const analyse = (text: string) => {
    let a = analysed.get(text);
    if (!a) {
      a = analyzer.indexed(text);
      analysed.set(text, a);
    }
    return a;
  };

  const supersededBy = new Map<string, string>();
  for (const f of corpus.facts) for (const old of f.supersedes) supersededBy.set(old, f.id);
  const leads = new Map<string, string>();
  for (const t of corpus.topics) if (t.lead) leads.set(t.id, t.lead);
  for (const f of corpus.facts) if (!leads.has(f.topic)) leads.set(f.topic, f.id);
  const leadIds = new Set(leads.values());

  const entityTokens = new Set(corpus.aliases.filter((g) => g.entity).map((g) => `~${g.id}`));
  const otherMarkers = [...lex.programmes.markers].flatMap(([p, ms]) => (p === lex.programmes.home ? [] : ms));
  // The examples' and the facts' own texts' analyses, stored by `npm run train` where they still hold (example-analyses.ts).
  const stored = createAnalysisReader(corpus, analyzer);
  const entries = new Map<string, FactEntry>();
  const docs: Bm25Doc<Field>[] = [];
  const df = new Map<string, number>();
  const factWords = new Set<string>();
  for (const [n, f] of corpus.facts.entries()) {
    const t = topics.get(f.topic);
    const { ko, en, keywords: kw } = stored.texts(f);
    const topic = analyse(t ? [t.title.ko, t.title.en].join(' \n ') : f.topic);
    const analysedExamples = stored.examples(f);
    const rounded = [...ko.tokens, ...en.tokens].flatMap(roundedForms);
    const stated = union(ko.tokens, en.tokens, rounded);
    const own = union(stated, kw.tokens);
    const terms = union(own, topic.tokens);
    const exampleWords = new Set<string>();
    const examples: ExampleEntry[] = [];
    // One pass over the examples' units (thousands per build): no intermediate arrays.
    f.examples.forEach((text, i) => {
      const heads: string[] = [];
      let verbForms: Set<string> | undefined;
      for (const u of analysedExamples.units[i]!) {
        for (const t of u.tokens) terms.add(t);
        exampleWords.add(u.tokens[0]!);
        if (!u.framing) heads.push(u.tokens[0]!);
        if (u.verbForm) (verbForms ??= new Set()).add(u.tokens[0]!);
      }
      examples.push({ text, heads, verbForms: verbForms ?? NO_VERB_FORMS });
    });
    const nearMisses = f.nearMisses.map((text, i) => questionEntry(text, analysedExamples.nearMisses[i]!));
    // Sets filled in loops, not from arrays made for them (a few per fact, every build).
    const opening = new Set<string>();
    for (const [units, chars] of [[ko.units, 20], [en.units, 40]] as const) for (const u of units) if ((u.at ?? Infinity) < chars) for (const t of u.tokens) opening.add(t);
    const words = new Set<string>();
    for (const { units } of [ko, en, kw]) for (const u of units) words.add(u.tokens[0]!);
    const entities = new Set<string>();
    for (const t of stated) if (entityTokens.has(t)) entities.add(t);
    const scope = topics.get(f.topic)?.scope ?? 'general';
    const aliasParts = union(ko.aliasParts, en.aliasParts);
    entries.set(f.id, {
      fact: f,
      n,
      scope,
      terms,
      own,
      stated,
      words,
      exampleWords,
      aliasParts,
      entities,
      keywords: new Set(kw.tokens),
      examples,
      nearMisses,
      opening,
      // What its statement gives, and a reason where its curated keywords say it gives one (이유, why
      // there): a reason is often stated without a word for it ("rated well for cheap electricity").
      gives: givesWithReason(gives(`${f.ko}\n${f.en}`, lex), f.keywords, lex),
      quotesName: /['‘"“][^'’"”]{2,40}['’"”]/.test(f.ko),
      hasNumber: /\d/.test(f.ko),
      ordinals: ko.units.map((u) => u.tokens[0]!).filter((t) => t.startsWith('#n')),
      lead: leadIds.has(f.id),
      otherProgramme: scope === lex.programmes.home && otherMarkers.some((m) => own.has(m)),
      ...(supersededBy.has(f.id) ? { supersededBy: supersededBy.get(f.id)! } : {}),
    });
    // The Korean and English statements are one field; examples and keywords are each read as one text.
    docs.push({ id: f.id, fields: { statement: [...ko.tokens, ...en.tokens, ...rounded], keywords: kw.tokens, topic: topic.tokens, examples: analysedExamples.field } });
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
    for (const t of own) factWords.add(t);
    for (const t of topic.tokens) factWords.add(t);
    for (const t of aliasParts) factWords.add(t);
    // An English word only inside the names it mentions (kyung of Kyung Hee) is one the corpus uses, not
    // one beyond it: a question naming a thing by it asks about the corpus.
    for (const t of aliasParts) if (/^[a-z]/.test(t) && !terms.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const bm25 = createBm25(FIELDS, docs, opts.boost, opts.bm25);

  const total = corpus.facts.length;
  const idfOf = (k: number) => Math.log(1 + (total - k + 0.5) / (k + 0.5));
  // A term's idf by its document count, from a table: a question's token is looked up in `df` alone,
  // not in a second map of tens of thousands of terms (each a lookup far from the last in memory).
  const idfByCount = Array.from({ length: total + 1 }, (_, k) => idfOf(k));
  const idf = (t: string) => {
    const k = df.get(t) ?? 0;
    return idfByCount[k] ?? idfOf(k);
  };
  const participantOf = new Map(corpus.aliases.filter((g) => g.programme).map((g) => [`~${g.id}`, g.programme!]));
  const participants = [...participantOf.keys()];
  const relatives = new Map<string, string[]>();
  for (const g of corpus.aliases) {
    if (!g.madeBy) continue;
    const [model, maker] = [`~${g.id}`, `~${g.madeBy}`];
    relatives.set(model, [...(relatives.get(model) ?? []), maker]);
    relatives.set(maker, [...(relatives.get(maker) ?? []), model]);
  }
  const topicTerms = corpus.topics.map((t) => ({
    id: t.id,
    scope: t.scope,
    terms: new Set([t.title.ko, t.title.en, ...t.aliases].flatMap((x) => analyse(x).units.flatMap((u) => u.tokens))),
    lead: leads.get(t.id)!,
  }));
  // The closures returned below keep this scope alive: the analyses are not needed any more.
  analysed.clear();
  // Built at the first lookup: only questions look a token up in many facts at once.
  let bits: Map<string, FactsWith> | undefined;
  const factsWith = (t: string): FactsWith => (bits ??= factBits(entries.values(), corpus.facts.length)).get(t) ?? NO_FACTS;
  return {
    entries,
    factsWith,
    hasTerm: (e, t) => includes(factsWith(t).terms, e),
    search: (tokens, lists) => bm25.searchEach(tokens, lists),
    df,
    factWords,
    idf,
    unknownIdf: idf('\u0000never'),
    commonStems: lex.english.commonStems,
    topicTerms,
    participantOf,
    relatives,
    attributeTokens: new Set(corpus.aliases.filter((g) => g.attribute).map((g) => `~${g.id}`)),
    keywordAttributes: new Set(corpus.aliases.filter((g) => g.attribute === 'keywords').map((g) => `~${g.id}`)),
    entityTokens,
    toolTokens: new Set(corpus.aliases.filter((g) => g.tool).map((g) => `~${g.id}`)),
    // A few participants looked up in each fact's own tokens (its statements and keywords, not its examples), rather than every term among them.
    namesParticipant: new Set([...entries].filter(([, e]) => participants.some((t) => e.own.has(t))).map(([id]) => id)),
    knownUntil: corpus.facts.flatMap((f) => f.sources.map((s) => corpus.sources.get(s)!.date)).reduce((a, b) => (a > b ? a : b), '0000-00-00'),
  };
}
