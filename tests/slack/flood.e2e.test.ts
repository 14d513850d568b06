/**
 * One user's flood and one channel's rate limit must not delay anyone else. The bot runs as
 * `npm start` with the default limits (10 questions per user per minute); the fake Slack enforces a
 * per-channel posting limit (5 a second here, Slack's is about 1) with 429 and Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from './fake-slack.ts';

const WAIT = /질문이 너무 빠르게 이어지고 있어요|a lot of questions in a short time/;

let fake: FakeSlack;
let bot: BotProcess;
let appUrl: string;
let counter = 0;

beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.channelRatePerSec = 5;
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' });
  appUrl = `http://127.0.0.1:${await bot.port()}/slack/events`;
});

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
});

/** Mentions the bot; resolves with the mention's ts and when it was sent. */
async function ask(user: string, channel: string, text = 'GPU 몇 장 지원돼?'): Promise<{ ts: string; sentAt: number }> {
  const ts = `1740000000.${String(++counter).padStart(6, '0')}`;
  const sentAt = Date.now();
  const res = await postEvent(appUrl, eventEnvelope({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts, channel }));
  expect(res.status).toBe(200);
  return { ts, sentAt };
}

const repliesTo = (channel: string, ts: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts);
const answeredWithin = async (channel: string, q: { ts: string; sentAt: number }, ms: number) => {
  const [reply] = await fake.waitFor(() => repliesTo(channel, q.ts).length > 0 && repliesTo(channel, q.ts), ms + 2_000, `an answer in ${channel}`);
  return reply!.at - q.sentAt;
};

describe('a flood in one channel', () => {
  it('gets one "please wait", and everyone else in that channel and elsewhere is answered promptly', async () => {
    const flood = await Promise.all(Array.from({ length: 60 }, () => ask('U0FLOOD001', 'C0FLOOD01')));
    const others = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`U0OTHER00${i}`, 'C0FLOOD01', 'When does stage 2 end?')));
    const quiet = await ask('U0QUIET001', 'C0QUIET01');

    expect(await answeredWithin('C0QUIET01', quiet, 1_000)).toBeLessThan(1_000);
    for (const q of others) expect(await answeredWithin('C0FLOOD01', q, 6_000)).toBeLessThan(6_000);

    await new Promise((r) => setTimeout(r, 2_500)); // let the flood's queue run out
    const floodReplies = flood.flatMap((q) => repliesTo('C0FLOOD01', q.ts));
    const waits = floodReplies.filter((c) => WAIT.test(String(c.args.text)));
    expect(waits).toHaveLength(1);
    expect(floodReplies.length - waits.length).toBeGreaterThanOrEqual(10);
    expect(floodReplies.length - waits.length).toBeLessThanOrEqual(11);
    // Waiting out each 429 in that channel alone, not hammering it.
    expect(fake.throttled.length).toBeLessThan(20);
  }, 30_000);
});

describe("a channel's Retry-After", () => {
  it('holds that channel only: 20 other channels are answered at once', async () => {
    fake.retryAfterOnce.set('C0SLOW001', 30);
    await ask('U0SLOW0001', 'C0SLOW001');
    await fake.waitFor(() => fake.throttled.some((c) => c.args.channel === 'C0SLOW001'), 5_000, 'the 429');
    const asked = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(`U0MANY00${String(i).padStart(2, '0')}`, `C0MANY0${String(i).padStart(2, '0')}`)));
    for (const [i, q] of asked.entries()) expect(await answeredWithin(`C0MANY0${String(i).padStart(2, '0')}`, q, 2_000)).toBeLessThan(2_000);
  }, 30_000);
});
