/** Small adapter pieces: mention stripping, the feedback store, the latency tracker, locales. */
import { describe, expect, it } from 'vitest';
import { LatencyTracker } from '../../adapters/discord/context.ts';
import { FeedbackStore } from '../../adapters/discord/feedback.ts';
import { questionOf } from '../../adapters/discord/messages.ts';
import { langOfLocale } from '../../adapters/discord/respond.ts';

const BOT = '123456789012345678';

describe('questionOf', () => {
  it.each([
    [`<@${BOT}> 루닛 컨소시엄 참여 기업은?`, '루닛 컨소시엄 참여 기업은?'],
    [`<@!${BOT}>   GPU  몇 장?`, 'GPU 몇 장?'],
    [`GPU <@${BOT}> 몇 장? <@${BOT}>`, 'GPU 몇 장?'],
    [`<@&999999999999999999> 예산은?`, '예산은?'],
    [`<@${BOT}>`, ''],
    [`<@223456789012345678> 이분이 물어봐요 <@${BOT}>`, '이분이 물어봐요'],
    [`@everyone <@${BOT}> 일정은?`, '@everyone 일정은?'],
  ])('%s → %s', (content, question) => {
    expect(questionOf(content)).toBe(question);
  });
});

describe('FeedbackStore', () => {
  it('keeps the newest questions under 8-character keys', () => {
    const store = new FeedbackStore(3);
    const keys = ['a', 'b', 'c', 'd'].map((q) => store.put({ question: q, factId: `f-${q}`, lang: 'ko', channelKind: 'dm' }));
    for (const k of keys) expect(k).toMatch(/^[a-z0-9]{8}$/);
    expect(new Set(keys).size).toBe(4);
    expect(store.size).toBe(3);
    expect(store.get(keys[0]!)).toBeUndefined();
    expect(store.get(keys[3]!)).toEqual({ question: 'd', factId: 'f-d', lang: 'ko', channelKind: 'dm' });
  });

  it('counts a vote once per message and voter, but lets a voter change their mind', () => {
    const store = new FeedbackStore();
    expect(store.vote('m1', 'u1', 'up')).toBe(true);
    expect(store.vote('m1', 'u1', 'up')).toBe(false);
    expect(store.vote('m1', 'u2', 'up')).toBe(true);
    expect(store.vote('m1', 'u1', 'down')).toBe(true);
    expect(store.vote('m2', 'u1', 'up')).toBe(true);
  });
});

describe('LatencyTracker', () => {
  it('expects the worst of the recent calls', () => {
    const t = new LatencyTracker(3);
    expect(t.expected()).toBe(0);
    for (const ms of [5, 2000, 3, 4]) t.add(ms);
    expect(t.expected()).toBe(2000);
    t.add(6);
    expect(t.expected()).toBe(6);
  });
});

describe('langOfLocale', () => {
  it.each([
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['en-US', 'en'],
    ['ja', 'en'],
    [null, 'en'],
  ] as const)('%s → %s', (locale, lang) => {
    expect(langOfLocale(locale)).toBe(lang);
  });
});
