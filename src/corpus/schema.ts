import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD');
/** A day or, when a source only gives the month, a month: `YYYY-MM-DD` or `YYYY-MM`. */
export const EventDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'expected YYYY-MM-DD or YYYY-MM');
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and hyphens');
const Text = z.string().trim().min(1, 'must not be empty');
/** A word or name in a list: YAML reads 2026 or 5000 as numbers, which are fine here too. */
const Term = z.union([z.string(), z.number()]).transform(String).pipe(Text);
/** Text in both languages the bot answers in. */
export const Bilingual = z.strictObject({ ko: Text, en: Text });

/** One public document the corpus cites (corpus/sources.yaml, keyed by source id). */
export const Source = z.strictObject({
  /** The file under shared/sources/ this source was read from. */
  file: z.string().regex(/^\d+-[\w.-]+\.md$/, 'expected a file name like 00-edaily-2025-11-23.md'),
  title: Text,
  publisher: Text,
  author: Text.optional(),
  date: IsoDate,
  /** Set when the page gives no exact date and `date` is inferred (say how). */
  dateNote: Text.optional(),
  url: z.url().optional(),
  lang: z.enum(['ko', 'en']),
});
export type Source = z.infer<typeof Source>;
export const SourceFile = z.record(Id, Source);

/** A topic groups facts for /fact and autocomplete (corpus/topics.yaml). */
export const Topic = z.strictObject({
  id: Id,
  title: Bilingual,
  /** Other names people type for this topic (both scripts, short forms). */
  aliases: z.array(Term).default([]),
  /**
   * Which programme the topic belongs to: `general`, or a programme of lexicon/programmes.yaml. A
   * question that names no programme is read as being about the home programme first.
   */
  scope: Id.default('general'),
  /** The fact that answers "X가 뭐야?" for this topic; the topic's first fact when unset. */
  lead: Id.optional(),
});
export type Topic = z.infer<typeof Topic>;
export const TopicFile = z.array(Topic);

/**
 * One curated fact (corpus/facts/**.yaml). Statements are our own words with exact numbers,
 * names and absolute dates; `sources` lists every source that states it, the primary one first.
 */
export const Fact = z.strictObject({
  id: Id,
  topic: Id,
  ko: Text,
  en: Text,
  /** Words people would use for this fact that the statements do not already contain. */
  keywords: z.array(Term).default([]),
  /**
   * Questions people ask that this fact answers, worded as they ask in chat (casual endings, no
   * spaces, typos, synonyms; Korean and English). Indexed as their own field and matched whole:
   * the FAQ bots' "alternate questions". Written from the sources and everyday speech, never from
   * evaluation questions.
   */
  examples: z.array(Text).default([]),
  /**
   * Questions about this fact's subject that no source answers (a figure, a name, a date or a split
   * no source reports), worded as people ask: a question that reads more like one of them than like
   * any example of the fact that would answer is a near-miss, and the bot says "not found" (the
   * negative examples of FAQ bots' fallback intents). Written from the sources, never from evaluation
   * questions.
   */
  nearMisses: z.array(Text).default([]),
  sources: z.array(Id).min(1, 'a fact needs at least one source'),
  /** The date the fact holds as of (usually the primary source's date). */
  asOf: IsoDate,
  /**
   * fact: a settled statement; plan: a schedule, target or intention whose outcome may differ;
   * conflict: sources disagree and the statements give each version with its source.
   */
  kind: z.enum(['fact', 'plan', 'conflict']).default('fact'),
  /**
   * A dated event this fact records; it puts a line on the timeline. `source` is the source that
   * states the event when it is not the fact's first one (the timeline cites it).
   */
  event: z.strictObject({ date: EventDate, ko: Text, en: Text, source: Id.optional() }).optional(),
  /**
   * For a plan: the day or month it is due (a release, a groundbreaking, an evaluation). Once the date
   * has passed and no later fact supersedes the plan, answers say so and that the sources hold no
   * outcome yet.
   */
  due: EventDate.optional(),
  /** Earlier facts this one replaces (a plan, then its result); they stay as history. */
  supersedes: z.array(Id).default([]),
});
export type Fact = z.infer<typeof Fact>;
export const FactFile = z.array(Fact);

/**
 * Alias groups (corpus/aliases/*.yaml): every term in a group is indexed and searched as the same
 * concept, so 루닛 finds Lunit and 뽑혔어 finds 선정.
 */
export const AliasGroup = z.strictObject({
  id: Id,
  /** A named organisation, person or model: a fact naming other entities but not this one cannot answer for it. */
  entity: z.boolean().default(false),
  /**
   * Something a question asks for (a name, a licence, a score, a chief executive): only a fact whose
   * statement gives it answers, not one that merely lists the word among its keywords. `keywords`:
   * its keywords may give it too (a place is named in a statement, not labelled: 해남 솔라시도).
   */
  attribute: z.union([z.boolean(), z.literal('keywords')]).default(false),
  /**
   * Words that frame a question rather than name its subject (결과 나왔어, 어떻게 됐어): matched so
   * their words are not read as content, then left out of coverage.
   */
  framing: z.boolean().default(false),
  /** Broader concepts this one is a kind of (서면평가 is an evaluation): a mention counts for them too. */
  broader: z.array(Id).default([]),
  /** A participant of that programme: its programme-wide facts (schedules, GPUs per team) apply to it too. */
  programme: Id.optional(),
  /**
   * A model's maker (K-Fold: KAIST). A question naming one of the two may be answered by a fact naming
   * the other when no fact names what it names ("KAIST K-Fold 팀도 256장?").
   */
  madeBy: Id.optional(),
  /**
   * Software or a site models are built with, served on, published or ranked at (vLLM, Hugging Face,
   * arXiv). In a thread it stands beside a model rather than for one: "transformers?" after "A.X K1
   * on vLLM?" swaps the tool and keeps the model.
   */
  tool: z.boolean().default(false),
  terms: z.array(Term).min(2, 'an alias group needs at least two terms'),
});
export type AliasGroup = z.infer<typeof AliasGroup>;
export const AliasFile = z.array(AliasGroup);

/**
 * Questions a curator marked out of scope (corpus/out-of-scope.yaml): the bot abstains on them and
 * on close rewordings, and the eval scores them as abstentions.
 */
export const OutOfScopeEntry = z.strictObject({
  q: Text,
  /** Why it is out of scope (for the next curator). */
  note: Text.optional(),
  /** When it was marked. */
  added: IsoDate.optional(),
});
export const OutOfScopeFile = z.array(OutOfScopeEntry);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/**
 * corpus/classifier.json: the question classifier learned from the example questions (search/classifier.ts),
 * written by `npm run train`, never by hand. `trainedOn`: the hash of the examples' facts and tokens
 * and of the options it was trained with.
 */
export const ClassifierFile = z.strictObject({
  trainedOn: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  options: z.strictObject({ epochs: z.number().int().positive(), learningRate: z.number().positive(), l2: z.number().nonnegative(), prune: z.number().nonnegative(), seed: z.number().int() }),
  facts: z.array(Id).min(1),
  /** Every token it learned from, in order. */
  vocabulary: z.array(z.string().min(1)),
  bias: z.array(z.number()),
  /**
   * The weights it kept, by token in vocabulary order, as little-endian typed arrays in base64 (a
   * JSON list of 50,000 numbers takes 13 ms to validate): where each token's weights end (Int32),
   * each weight's fact, its place in `facts` (Uint16), and the weight (Float32).
   */
  rows: z.strictObject({ ends: Base64, facts: Base64, weights: Base64 }),
}).refine((c) => c.bias.length === c.facts.length, { message: 'bias needs one weight per fact', path: ['bias'] });
export type ClassifierFile = z.infer<typeof ClassifierFile>;

/**
 * corpus/thread-choice.json: the weights that choose a follow-up's answer among the facts its readings
 * find (answer/thread-choice.ts), learned by `npm run train` from the dev follow-up conversations;
 * `trainedOn`: the hash of the candidates it learned from.
 */
export const ThreadChoiceFile = z.strictObject({
  trainedOn: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  options: z.strictObject({ iterations: z.number().int().positive(), learningRate: z.number().positive(), l2: z.number().nonnegative() }),
  /** How many turns it learned from. */
  samples: z.number().int().nonnegative(),
  features: z.array(z.string().min(1)).min(1),
  weights: z.array(z.number()),
}).refine((c) => c.weights.length === c.features.length, { message: 'one weight per feature', path: ['weights'] });
export type ThreadChoiceFile = z.infer<typeof ThreadChoiceFile>;

/**
 * corpus/example-analyses.json: what analysing each fact's example questions gives the index (their
 * units and the tokens of the examples field; search/example-analyses.ts), and its statements and
 * keywords (search/statement-analyses.ts), written by `npm run train` so that building the engine need
 * not analyse them all again. `analysedWith`: the hash of the aliases and lexicon they were read with;
 * each fact's `examples`: the hash of its examples (and of its near-misses, when it has any); `texts`:
 * of its statements and keywords.
 */
export const ExampleAnalysesFile = z.strictObject({
  analysedWith: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  /** Every token of the analyses, once. */
  vocabulary: z.array(z.string().min(1)),
  facts: z.array(z.strictObject({ id: Id, examples: z.string().regex(/^[0-9a-f]{40}$/, 'a sha1 hex digest'), texts: z.string().regex(/^[0-9a-f]{40}$/, 'a sha1 hex digest') })),
  /**
   * Per fact in turn, as little-endian Int32 in base64: its number of examples; for each, its number
   * of units and for each unit its flags (1 framing, 2 verb form), number of tokens and the tokens
   * (places in `vocabulary`); then the examples field's number of tokens and the tokens; then its
   * near-misses as its examples (their number, and each one's units).
   */
  data: Base64,
  /** Per fact in turn, its statements' and keywords' analyses, in the same form (statement-analyses.ts encodeTexts). */
  texts: Base64,
});
export type ExampleAnalysesFile = z.infer<typeof ExampleAnalysesFile>;

// --- The lexicon (corpus/lexicon/*.yaml): every word list the analyzer and the question parser use ---

/** A word in a list; YAML reads 2 or true as other types, so everything is read as text. */
const Word = z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().min(1, 'must not be empty'));
const Words = z.array(Word);
/** A regular expression over normalised (lower-case) text. */
const Pattern = z.string().min(1).refine(
  (p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const INTENT_NAMES = ['when', 'count', 'amount', 'define', 'who', 'why', 'original', 'upcoming', 'outcome'] as const;
export type IntentName = (typeof INTENT_NAMES)[number];
export const GIVEN_NAMES = ['when', 'count', 'amount', 'why'] as const;

export const LexiconFiles = {
  'korean.yaml': z.strictObject({
    particles: Words,
    endings: Words,
    bareEndings: Words,
    protected: Words,
    nounsEndingInM: Words,
    numerals: z.record(Word, Word),
    counters: Words,
  }),
  'stopwords.yaml': z.strictObject({ ko: Words, en: Words }),
  'english.yaml': z.strictObject({
    lightVerbs: Words,
    stemHomonyms: Words,
    cardinals: z.record(Word, Word),
    ordinals: z.record(Word, Word),
    /** Chat abbreviations, whole words, written out (arch → architecture) in facts and questions alike. */
    abbreviations: z.record(z.string().regex(/^[a-z0-9]+$/, 'a lowercase Latin word'), Word).default({}),
    /** Negative contractions, with or without the apostrophe (wasn't, didnt), written out (was not) in facts and questions alike. */
    contractions: z.record(z.string().regex(/^[a-z]+n'?t$/, "a lowercase contraction ending in n't or nt"), Word).default({}),
  }),
  /** Words of everyday spoken English (SUBTLEX-US), generated by scripts/common-english.ts. */
  'common-english.yaml': z.strictObject({ minCount: z.number().int().positive(), words: z.string().transform((s) => s.split(/\s+/).filter(Boolean)).pipe(z.array(z.string().regex(/^[a-z]+$/, 'a lower-case English word')).min(1)) }),
  'spellings.yaml': z.record(Word, Word),
  'questions.yaml': z.strictObject({
    intents: z.strictObject(Object.fromEntries(INTENT_NAMES.map((n) => [n, z.array(Pattern).min(1)])) as Record<IntentName, z.ZodArray<typeof Pattern>>),
    asks: z.array(Pattern).min(1),
    /** Question words proper (what, 언제), among `asks`: before a colon only these make a part ask. */
    questionWords: Words.min(1),
    framing: z.strictObject({ outcome: Words, why: Words }),
    gives: z.strictObject(Object.fromEntries(GIVEN_NAMES.map((n) => [n, z.array(Pattern).min(1)])) as Record<(typeof GIVEN_NAMES)[number], z.ZodArray<typeof Pattern>>),
    personal: z.array(Pattern).default([]),
    /** A claim put to be checked (is it true…, …맞아?): its numbers may be the ones a fact corrects. */
    claims: z.array(Pattern).default([]),
    /** Code or an injection attempt rather than a question (SQL, script tags, template syntax): noise. */
    code: z.array(Pattern).default([]),
    /** Words by which an English question sets something aside (beyond X, other than X): X is not asked about. */
    setAside: Words.default([]),
    /** Words that open an English scene-setting clause before a comma (for a memo, as someone covering…): a preamble. */
    preambleOpeners: Words.default([]),
    /**
     * Who reports a claim put to be checked at the start of an English message ("colleague says …", "someone
     * in our discord said …", `reporters`) and the verbs that report it (`verbs`): that clause is a preamble.
     */
    hearsay: z.strictObject({ reporters: Words, verbs: Words }).default({ reporters: [], verbs: [] }),
    /** Words right before the thing an English question asks for, a word between allowed (which KAIST professor, how many employees). */
    thingAsked: Words.default([]),
  }),
  'counters.yaml': z.strictObject({ ko: z.record(Word, Pattern), en: z.record(Word, Pattern), uncounted: Words }),
  'followups.yaml': z.strictObject({
    sources: z.array(Pattern).min(1),
    english: z.array(Pattern).min(1),
    korean: z.array(Pattern).min(1),
    more: z.array(Pattern).min(1),
    markers: z.array(Pattern).min(1),
    /** Pronouns that point back to the last turn (they, it, 거기): a whole question with one is read in the thread first. */
    pronouns: z.array(Pattern).default([]),
    other: z.array(Pattern).default([]),
    /** Words that point at the last answer (that, 그거): with one, a longer message can still be a request about it. */
    pointers: z.array(Pattern).default([]),
    /** A message that asks something (a question mark, a question word, a yes/no opener), not a thanks. */
    asks: z.array(Pattern).default([]),
    /**
     * The words of a message that only talks back (thanks, ok, nice, 고마워요, ㅎㅎ): a message made of
     * nothing else is no question, in a thread or alone.
     */
    chatter: z.array(Pattern).default([]),
  }),
  'programmes.yaml': z.strictObject({
    home: Id,
    programmes: z.record(Id, z.strictObject({ markers: z.array(Id).min(1) })),
    nameAttribute: Id,
  }),
} as const;

/** The lexicon as loaded: one entry per file, keyed by the file's name without `.yaml`. */
export type LexiconData = { [F in keyof typeof LexiconFiles as F extends `${infer N}.yaml` ? N : never]: z.output<(typeof LexiconFiles)[F]> };
