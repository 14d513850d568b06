import type { Engine } from '../src/engine.ts';
import type { FeedbackVote, Origin, Recorder } from './record.ts';
import type { Answer } from '../src/types.ts';
import type { RateLimiter } from './rate-limit.ts';

/**
 * What adapters talk to: the engine's answers, plus the bot's duties around them: question
 * length capped before analysis, rate limits, and the question log. Same shape as the engine,
 * with the question's origin; without an origin (a re-render, a test) nothing is limited or logged.
 */
export interface Bot extends Pick<Engine, 'topics' | 'fact' | 'detectLang' | 'explain'> {
  ask(question: string, origin?: Origin): BotAnswer;
  feedback(vote: FeedbackVote): void;
  readonly corpus: Engine['corpus'];
}

/** The engine's answer; `quiet` on a refusal its asker was already told to wait for: post nothing (a slash command still gets it privately). */
export type BotAnswer = Answer & { quiet?: true };

export interface BotOptions {
  engine: Engine;
  recorder: Recorder;
  limiter?: RateLimiter;
  /** Questions are cut to this many characters before anything else (the engine's own cap is 1,000). */
  maxQuestionChars?: number;
  now?: () => number;
}

export function createBot({ engine, recorder, limiter, maxQuestionChars = 1000, now = () => performance.now() }: BotOptions): Bot {
  function ask(raw: string, origin?: Origin): BotAnswer {
    const start = now();
    const question = String(raw ?? '').slice(0, maxQuestionChars);
    const decision = origin && limiter ? limiter.take(origin) : { ok: true as const };
    const answer: BotAnswer = decision.ok ? engine.ask(question) : limited(question, engine.detectLang(question), decision.retryAfterSec ?? 60, decision.scope);
    if (!decision.ok && decision.notify === false) answer.quiet = true;
    if (origin) {
      const best = answer.answers[0];
      recorder.question({
        ...origin,
        time: new Date(),
        question,
        lang: answer.lang,
        answered: answer.answered,
        ...(answer.notFound ? { reason: answer.notFound.reason } : {}),
        ...(best ? { factId: best.factId, score: best.score } : {}),
        latencyMs: now() - start,
      });
    }
    return answer;
  }

  return {
    ask,
    feedback: (vote) => recorder.feedback(vote),
    topics: (lang) => engine.topics(lang),
    fact: (q, lang) => engine.fact(q, lang),
    detectLang: (t) => engine.detectLang(t),
    explain: (q) => engine.explain(q),
    get corpus() {
      return engine.corpus;
    },
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
