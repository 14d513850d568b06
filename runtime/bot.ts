import { randomBytes } from 'node:crypto';
import type { Engine } from '../src/engine.ts';
import { searchTopics, type TopicChoice } from '../src/topic-search.ts';
import type { Answer, Lang, QuickFact, TopicRef } from '../src/types.ts';
import { SeenCache, type SeenStore } from './dedupe.ts';
import { lookupFact } from './fact-lookup.ts';
import type { Outcome } from './metrics.ts';
import type { RateDecision, RateLimit } from './rate-limit.ts';
import { questionRecord, type FeedbackVote, type Origin, type Recorder } from './record.ts';
import { WorkQueue } from './work-queue.ts';

/**
 * The one interface every adapter uses: the engine's answers plus the bot's duties around them
 * (question length capped before analysis, rate limits, de-duplication, the question log). Adapters
 * never reach the engine or its corpus directly, so what they see always follows live reloads and,
 * with REDIS_URL, the state replicas share. Without an origin (a re-render, a test) a question is
 * neither limited nor logged.
 */
export interface Bot {
  /** Answers in the work queue, after the rate limits (which may ask Redis) have been consulted. */
  ask(question: string, origin?: Origin): Promise<BotAnswer>;
  /** `/fact`: a fact id, a topic, or `timeline`, as the engine finds it. */
  fact(query: string, lang: Lang): QuickFact | undefined;
  /** What someone picked or typed in a topic field: an autocomplete value, a fact id, a topic name, else the engine's find. */
  lookup(input: string, lang: Lang): QuickFact | undefined;
  topics(lang: Lang): TopicRef[];
  /** Autocomplete: topics matching what has been typed so far, best first. */
  searchTopics(input: string, limit?: number, lang?: Lang): TopicChoice[];
  detectLang(text: string): Lang;
  feedback(vote: FeedbackVote): void;
  /**
   * De-duplication: true when any of `keys` was seen in `scope` recently (by any replica sharing
   * Redis); otherwise remembers them all and resolves false.
   */
  seen(scope: DedupeScope, keys: Array<string | undefined>): Promise<boolean>;
  /** A call to the platform failed (`error`) or is tried again after a refusal (`retry`); `status`: the HTTP status or the platform's error code. */
  platformCall(platform: Origin['platform'], event: 'error' | 'retry', status: string): void;
}

/** Deliveries (Slack events) and votes (a double click) are remembered apart, so neither evicts the other. */
export type DedupeScope = 'deliveries' | 'votes';

/**
 * The engine's answer; `quiet` on a refusal its asker was already told to wait for: post nothing (a
 * slash command still gets it privately). `requestId` names a question (one with an origin) in the logs.
 */
export type BotAnswer = Answer & { quiet?: true; requestId?: string };

/** One question answered (or failed), for the logs and the metrics. */
export interface AnswerEvent {
  requestId: string;
  platform: Origin['platform'];
  channelKind: Origin['channelKind'];
  outcome: Outcome;
  factId?: string;
  /** From the question reaching the bot to its answer being ready. */
  latencyMs: number;
  error?: unknown;
}

export interface BotOptions {
  engine: Engine;
  recorder: Recorder;
  limiter?: RateLimit;
  /** The de-duplication store of each scope (in memory by default). */
  dedupe?: (scope: DedupeScope) => SeenStore;
  /** Where answers are computed; shared with the adapters' own rendering work. */
  work?: WorkQueue;
  /** Questions are cut to this many characters before anything else (the engine's own cap is 1,000). */
  maxQuestionChars?: number;
  /** Each question with an origin, once answered or failed. */
  onAnswer?(event: AnswerEvent): void;
  onPlatformCall?(platform: Origin['platform'], event: 'error' | 'retry', status: string): void;
  now?: () => number;
}

const ALLOWED: RateDecision = { ok: true };

export function createBot({ engine, recorder, limiter, dedupe = () => new SeenCache(), work = new WorkQueue(), maxQuestionChars = 1000, onAnswer, onPlatformCall, now = () => performance.now() }: BotOptions): Bot {
  const stores = { deliveries: dedupe('deliveries'), votes: dedupe('votes') };

  /** Answers now (in a work-queue job), with the limits' decision already made. */
  function answer(question: string, decision: RateDecision, origin?: Origin): BotAnswer {
    const start = now();
    const a: BotAnswer = decision.ok ? engine.ask(question) : limited(question, engine.detectLang(question), decision.retryAfterSec ?? 60, decision.scope);
    if (!decision.ok && decision.notify === false) a.quiet = true;
    if (origin) recorder.question(questionRecord(origin, question, a, now() - start));
    return a;
  }

  return {
    async ask(raw, origin) {
      const started = now();
      const question = String(raw ?? '').slice(0, maxQuestionChars);
      if (!origin) return work.run(() => answer(question, ALLOWED));
      const requestId = randomBytes(6).toString('hex');
      const report = (outcome: Outcome, factId?: string, error?: unknown) =>
        onAnswer?.({ requestId, platform: origin.platform, channelKind: origin.channelKind, outcome, ...(factId ? { factId } : {}), latencyMs: now() - started, ...(error !== undefined ? { error } : {}) });
      try {
        const decision = limiter ? await limiter.take(origin) : ALLOWED;
        const a = await work.run(() => answer(question, decision, origin));
        a.requestId = requestId;
        report(a.answered ? 'answered' : a.notFound?.reason === 'rate-limited' ? 'rate_limited' : 'not_found', a.answers[0]?.factId);
        return a;
      } catch (e) {
        report('error', undefined, e);
        throw e;
      }
    },
    fact: (q, lang) => engine.fact(q, lang),
    lookup: (input, lang) => lookupFact(engine, input, lang),
    topics: (lang) => engine.topics(lang),
    searchTopics: (input, limit, lang) => searchTopics(engine.corpus.topics, input, limit, lang),
    detectLang: (t) => engine.detectLang(t),
    feedback: (vote) => recorder.feedback(vote),
    seen: async (scope, keys) => stores[scope].check(keys),
    platformCall: (platform, event, status) => onPlatformCall?.(platform, event, status),
  };
}

/** The polite reply to someone asking faster than the limits allow. */
function limited(question: string, lang: 'ko' | 'en', retryAfterSec: number, scope?: 'user' | 'channel'): Answer {
  const hint =
    lang === 'ko'
      ? `질문이 너무 빠르게 이어지고 있어요${scope === 'channel' ? ' (이 채널 전체)' : ''}. ${retryAfterSec}초 뒤에 다시 물어봐 주세요.`
      : `That's a lot of questions in a short time${scope === 'channel' ? ' in this channel' : ''}. Please ask again in ${retryAfterSec} s.`;
  return { question, lang, answered: false, answers: [], notFound: { reason: 'rate-limited', hint, suggestedTopics: [] } };
}
