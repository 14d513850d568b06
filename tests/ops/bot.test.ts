import { describe, expect, it } from 'vitest';
import { createEngine, loadCorpus } from '../../src/index.ts';
import { createBot, type AnswerEvent } from '../../runtime/bot.ts';
import { ConversationCache, Conversations } from '../../runtime/conversations.ts';
import { RateLimiter } from '../../runtime/rate-limit.ts';
import { memoryRecorder } from '../../runtime/record.ts';
import { writeCorpus } from '../helpers/tmp-corpus.ts';

const engine = createEngine(loadCorpus(writeCorpus()));
const origin = { platform: 'slack' as const, channelKind: 'channel' as const, channelId: 'C1', userId: 'U1' };

describe('the bot around the engine', () => {
  it('logs every question with an origin: answered or not, fact and score, latency', async () => {
    const recorder = memoryRecorder();
    const bot = createBot({ engine, recorder });
    await bot.ask('그래픽카드 몇 장?', origin);
    await bot.ask('오늘 날씨', origin);
    await bot.ask('그래픽카드 몇 장?'); // a re-render: no origin, not logged
    expect(recorder.questions).toHaveLength(2);
    expect(recorder.questions[0]).toMatchObject({ platform: 'slack', channelKind: 'channel', question: '그래픽카드 몇 장?', answered: true, factId: expect.stringMatching(/^gpu-/) });
    expect(recorder.questions[1]).toMatchObject({ answered: false, reason: 'out-of-scope' });
    expect(recorder.questions[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('caps the question before analysis', async () => {
    const recorder = memoryRecorder();
    const bot = createBot({ engine, recorder, maxQuestionChars: 50 });
    expect((await bot.ask('그래픽카드 '.repeat(1000), origin)).question).toHaveLength(50);
    expect(recorder.questions[0]!.question).toHaveLength(50);
  });

  it('answers a flood politely, and logs the refusals', async () => {
    const recorder = memoryRecorder();
    const bot = createBot({ engine, recorder, limiter: new RateLimiter({ userPerMinute: 2, channelPerMinute: 0 }) });
    const answers = await Promise.all(Array.from({ length: 4 }, () => bot.ask('그래픽카드 몇 장?', origin)));
    expect(answers.map((a) => a.answered)).toEqual([true, true, false, false]);
    // One "please wait" per window; the next refusal is quiet (nothing to post).
    expect(answers.map((a) => a.quiet)).toEqual([undefined, undefined, undefined, true]);
    expect(answers[2]!.notFound).toMatchObject({ reason: 'rate-limited', hint: expect.stringContaining('초 뒤에 다시') });
    expect((await bot.ask('how many cards?', { ...origin, userId: 'U2' })).notFound?.reason).not.toBe('rate-limited');
    expect(recorder.questions.filter((q) => q.reason === 'rate-limited')).toHaveLength(2);
  });
});

describe('each question reported once, for the logs and metrics', () => {
  it('answered, not found, rate-limited and error, with a request id and the time taken', async () => {
    const events: AnswerEvent[] = [];
    const failing = { ...engine, ask: (q: string) => (q === 'boom' ? (() => { throw new Error('engine exploded'); })() : engine.ask(q)) };
    const bot = createBot({ engine: failing, recorder: memoryRecorder(), limiter: new RateLimiter({ userPerMinute: 2, channelPerMinute: 0 }), onAnswer: (e) => void events.push(e) });
    const first = await bot.ask('그래픽카드 몇 장?', origin);
    await bot.ask('오늘 날씨', origin);
    await bot.ask('그래픽카드 몇 장?', origin);
    await expect(bot.ask('boom', { ...origin, userId: 'U2' })).rejects.toThrow('engine exploded');
    await bot.ask('그래픽카드 몇 장?'); // no origin: not a question anyone asked
    expect(events.map((e) => e.outcome)).toEqual(['answered', 'not_found', 'rate_limited', 'error']);
    expect(events[0]).toMatchObject({ platform: 'slack', channelKind: 'channel', factId: first.answers[0]!.factId, requestId: first.requestId });
    expect(events[1]!.factId).toBeUndefined();
    for (const e of events) {
      expect(e.requestId).toMatch(/^[0-9a-f]{12}$/);
      expect(e.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(events.map((e) => e.requestId)).size).toBe(4);
    expect(String(events[3]!.error)).toContain('engine exploded');
  });
});

describe('follow-ups in a conversation', () => {
  const thread = { key: 'slack:C1:1700000000.000100' };

  it('reads a question against the conversation it was remembered in, and only there', async () => {
    const bot = createBot({ engine, recorder: memoryRecorder() });
    const first = await bot.ask('그래픽카드 몇 장?', origin, thread);
    expect(first.turn?.factIds[0]).toBe('gpu-per-team');
    // Not remembered yet (not delivered): "출처 더" has nothing to lean on.
    expect((await bot.ask('출처 더', origin, thread)).followUp).toBeUndefined();
    await bot.remember(thread.key, first, origin);
    const sources = await bot.ask('출처 더', origin, thread);
    expect(sources).toMatchObject({ answered: true, followUp: { kind: 'sources' }, answers: [{ factId: 'gpu-per-team' }] });
    const english = await bot.ask('in English please', origin, thread);
    expect(english).toMatchObject({ lang: 'en', followUp: { kind: 'language' } });
    // Another conversation, or none: the same words stand alone.
    expect((await bot.ask('출처 더', origin, { key: 'slack:C1:other' })).followUp).toBeUndefined();
    expect((await bot.ask('출처 더', origin)).followUp).toBeUndefined();
  });

  it('follows knows who asked last, and nothing is remembered of an answer without a turn', async () => {
    const bot = createBot({ engine, recorder: memoryRecorder() });
    expect(await bot.follows(thread.key, origin)).toBe(false);
    await bot.remember(thread.key, await bot.ask('그래픽카드 몇 장?', origin, thread), origin);
    expect(await bot.follows(thread.key, origin)).toBe(true);
    expect(await bot.follows(thread.key, { ...origin, userId: 'U2' })).toBe(false);
    expect(await bot.follows(thread.key, { platform: 'discord', userId: 'U1' })).toBe(false);
    // Another user's unanswered mention in the thread leaves the context as it was.
    await bot.remember(thread.key, await bot.ask('오늘 날씨', { ...origin, userId: 'U2' }, thread), { ...origin, userId: 'U2' });
    expect(await bot.follows(thread.key, origin)).toBe(true);
  });

  it('the follow-up time comes from the conversations given (an injected clock)', async () => {
    let t = 0;
    const conversations = new Conversations({ store: new ConversationCache(), hashKey: 'a-test-key-of-enough-length', ttlMs: 60_000, now: () => t });
    const bot = createBot({ engine, recorder: memoryRecorder(), conversations });
    await bot.remember(thread.key, await bot.ask('그래픽카드 몇 장?', origin, thread), origin);
    t = 59_999;
    expect((await bot.ask('출처 더', origin, thread)).followUp?.kind).toBe('sources');
    t = 60_000;
    expect(await bot.follows(thread.key, origin)).toBe(false);
    expect((await bot.ask('출처 더', origin, thread)).followUp).toBeUndefined();
  });

  it('a message that did not address the bot is answered only when it can be: otherwise quiet, unlogged, uncounted', async () => {
    const recorder = memoryRecorder();
    const events: AnswerEvent[] = [];
    const bot = createBot({ engine, recorder, onAnswer: (e) => void events.push(e) });
    await bot.remember(thread.key, await bot.ask('그래픽카드 몇 장?', origin, thread), origin);
    const thanks = await bot.ask('고마워요', origin, { ...thread, unaddressed: true });
    expect(thanks).toMatchObject({ answered: false, quiet: true });
    const more = await bot.ask('출처 더', origin, { ...thread, unaddressed: true });
    expect(more).toMatchObject({ answered: true, followUp: { kind: 'sources' } });
    expect(more.quiet).toBeUndefined();
    expect(recorder.questions.map((q) => q.question)).toEqual(['그래픽카드 몇 장?', '출처 더']);
    expect(events.map((e) => [e.outcome, e.followUp])).toEqual([['answered', undefined], ['answered', 'sources']]);
  });
});
