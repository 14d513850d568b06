/** Platform-neutral shapes the engine returns; every surface renders them in its own format module. */

export type Lang = 'ko' | 'en';

/** Where a fact comes from, ready to show: publisher, date, title and (when known) address. */
export interface Citation {
  sourceId: string;
  title: string;
  publisher: string;
  author?: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** Set when the page gives no exact date and `date` is inferred. */
  dateNote?: string;
  url?: string;
}

/** One fact as an answer, in the question's language. */
export interface AnswerItem {
  factId: string;
  topic: string;
  text: string;
  /** Retrieval score; higher is better, comparable only within one question. */
  score: number;
  /** The date the fact holds as of, YYYY-MM-DD. */
  asOf: string;
  kind: 'fact' | 'plan' | 'conflict';
  /** The primary source first, then every other source that states the fact. */
  sources: Citation[];
}

export interface Answer {
  /** The question as received, cut to at most 1,000 characters. */
  question: string;
  lang: Lang;
  answered: boolean;
  /** Best first: the answer, then up to two related facts. Empty when not answered. */
  answers: AnswerItem[];
  /**
   * Set when the best fact is a plan whose outcome the sources do not hold: the question asks how it
   * turned out (`outcome-unknown`), or its due date has passed (`past-due`, with `due`). The sources
   * end at `knownUntil`; the plan is shown as a plan, never as a result.
   */
  notice?: { kind: 'outcome-unknown' | 'past-due'; text: string; knownUntil: string; due?: string };
  /**
   * Set when the question was read as a follow-up to the previous turn: a team or an attribute
   * swapped into the last question, or an action on the last answer (all its sources, the other
   * language, more facts).
   */
  followUp?: { kind: FollowUpKind };
  /** What a conversation keeps to resolve the next message (when the question was answered, or was a question the corpus could not answer: no fact ids). */
  turn?: Turn;
  /** When not answered: why, and a short hint of what the bot can answer. */
  /** `nothing-to-act-on`: a request for the sources, the other language or more of a last answer, with none to act on. */
  notFound?: { reason: 'empty' | 'out-of-scope' | 'nothing-to-act-on' | 'rate-limited'; hint: string; suggestedTopics: TopicRef[] };
}

export interface TopicRef {
  id: string;
  title: string;
}

/** What `/fact` and `--fact` show: one fact, a topic's facts, or the timeline. */
export type QuickFact =
  | { type: 'fact'; lang: Lang; item: AnswerItem }
  | { type: 'topic'; lang: Lang; topic: TopicRef; items: AnswerItem[] }
  | { type: 'timeline'; lang: Lang; events: TimelineEvent[] };

export interface TimelineEvent {
  /** YYYY-MM-DD, or YYYY-MM when the source gives only the month. */
  date: string;
  text: string;
  factId: string;
  source: Citation;
}

export type FollowUpKind = 'entity-swap' | 'attribute-swap' | 'sources' | 'language' | 'more';

/**
 * What a conversation (a thread, a reply chain, a DM) keeps of its last answered question: the
 * parsed question's units and the facts that answered it. Never the question's text. JSON-safe, so
 * it can live in Redis.
 */
export interface Turn {
  lang: Lang;
  units: { tokens: string[]; alias: boolean; entity?: boolean; framing?: boolean; predicate?: boolean; verbForm?: boolean }[];
  intents: string[];
  /** The counted thing asked for (몇 장), as the statement field and the pattern's source. */
  counted?: { field: 'ko' | 'en'; pattern: string };
  /** The facts given, best first. */
  factIds: string[];
}
