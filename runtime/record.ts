import type { Answer } from '../src/types.ts';

/** Where a question came from: the platform and the kind of conversation. */
export interface Origin {
  platform: 'slack' | 'discord' | 'cli';
  /** channel: a public or private channel mention; dm: a direct message; command: a slash command. */
  channelKind: 'channel' | 'dm' | 'command';
  channelId?: string;
  userId?: string;
}

export interface FeedbackVote extends Origin {
  question: string;
  factId: string;
  vote: 'up' | 'down';
}

/** One question as asked and answered, for the curators' log. */
export interface QuestionRecord extends Origin {
  time: Date;
  question: string;
  lang: 'ko' | 'en';
  answered: boolean;
  /** Why it was not answered. */
  reason?: NonNullable<Answer['notFound']>['reason'];
  factId?: string;
  score?: number;
  /** Time to answer inside the bot, in milliseconds. */
  latencyMs: number;
}

/** The log's row for a question and the engine's answer to it, asked now. */
export function questionRecord(origin: Origin, question: string, a: Answer, latencyMs: number): QuestionRecord {
  const best = a.answers[0];
  return {
    ...origin,
    time: new Date(),
    question,
    lang: a.lang,
    answered: a.answered,
    ...(a.notFound ? { reason: a.notFound.reason } : {}),
    ...(best ? { factId: best.factId, score: best.score } : {}),
    latencyMs,
  };
}

/**
 * Records questions and votes for curators. Adapters and the bot call it; it must never throw into
 * the answer path or slow it, so implementations buffer, swallow and log their own errors.
 */
export interface Recorder {
  question(record: QuestionRecord): void;
  feedback(vote: FeedbackVote): void;
  /** Writes what is buffered and releases the store. */
  close?(): void | Promise<void>;
}

/** Keeps questions and votes in memory, for tests. */
export function memoryRecorder(): Recorder & { votes: FeedbackVote[]; questions: QuestionRecord[] } {
  const votes: FeedbackVote[] = [];
  const questions: QuestionRecord[] = [];
  return { votes, questions, feedback: (v) => void votes.push(v), question: (q) => void questions.push(q) };
}
