/**
 * What reaches POST /slack/events of the bot started as `npm start` (a child process) against the
 * fake Slack: bodies that are not objects, timestamps off in either direction, and redeliveries of
 * events this process never saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, post, postEvent, sign, SIGNING_SECRET } from './fake-slack.ts';

let fake: FakeSlack;
let bot: BotProcess;
let appUrl: string;
let tsCounter = 0;
const nextTs = () => `1720000000.${String(++tsCounter).padStart(6, '0')}`;

beforeAll(async () => {
  fake = await FakeSlack.start();
  // No rate limits: hundreds of redeliveries from one test user must all be answered.
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CHANNEL_PER_MINUTE: '0' });
  appUrl = `http://127.0.0.1:${await bot.port()}/slack/events`;
});

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
});

const posts = () => fake.calledWith('chat.postMessage');
const mention = (text: string) => ({ type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> ${text}`, ts: nextTs(), channel: 'C0000CHAN' });

/** The bot still answers: a fresh question gets its reply. */
async function stillAnswers(): Promise<void> {
  const event = mention('GPU 몇 장 지원돼?');
  expect((await postEvent(appUrl, eventEnvelope(event))).status).toBe(200);
  await fake.waitFor(() => posts().some((c) => c.args.thread_ts === event.ts), 10_000, 'an answer');
}

describe('bodies that are not objects', () => {
  it('a signed JSON null, a form payload=null and other non-objects get 400 with X-Slack-No-Retry, and the bot lives on', async () => {
    for (const [body, type] of [
      ['null', 'application/json'],
      ['payload=null', 'application/x-www-form-urlencoded'],
      ['payload=42', 'application/x-www-form-urlencoded'],
      ['"text"', 'application/json'],
      ['[1,2]', 'application/json'],
      ['{"broken', 'application/json'],
    ] as const) {
      const res = await fetch(appUrl, { method: 'POST', headers: { 'content-type': type, ...sign(body) }, body });
      expect(res.status, body).toBe(400);
      expect(res.headers.get('x-slack-no-retry'), body).toBe('1');
    }
    await stillAnswers();
    expect(bot.child.exitCode).toBeNull();
  });

  it('an unsigned non-object body is refused as unsigned (401), not parsed', async () => {
    const res = await post(appUrl, 'null', 'application/json', { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
  });
});

describe('timestamps', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('refuses requests signed more than 5 minutes off in either direction with 401, and answers neither', async () => {
    const from = posts().length;
    for (const offset of [24 * 3600, 6 * 60, -6 * 60, -24 * 3600]) {
      const res = await postEvent(appUrl, eventEnvelope(mention('B200')), { timestamp: now() + offset });
      expect(res.status, `offset ${offset}`).toBe(401);
      expect(res.headers.get('x-slack-no-retry')).toBe('1');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(posts().length).toBe(from);
  });

  it('accepts a clock a little off (4 minutes ahead)', async () => {
    const event = mention('B200 몇 장?');
    expect((await postEvent(appUrl, eventEnvelope(event), { timestamp: now() + 4 * 60 })).status).toBe(200);
    await fake.waitFor(() => posts().some((c) => c.args.thread_ts === event.ts), 10_000, 'the answer');
  });
});

describe('redeliveries', () => {
  it('answers a retry of an event this process never saw, once, however often it is retried', async () => {
    const event = mention('루닛 컨소시엄 참여 기관은?');
    const envelope = eventEnvelope(event);
    for (const n of [1, 2, 3]) {
      const res = await postEvent(appUrl, envelope, { headers: { 'X-Slack-Retry-Num': String(n), 'X-Slack-Retry-Reason': 'http_timeout' } });
      expect(res.status).toBe(200);
    }
    await fake.waitFor(() => posts().some((c) => c.args.thread_ts === event.ts), 10_000, 'the answer to the retry');
    await new Promise((r) => setTimeout(r, 500));
    expect(posts().filter((c) => c.args.thread_ts === event.ts)).toHaveLength(1);
  });

  it('answers 200 retried events it never saw (as after a restart), each once', async () => {
    const events = Array.from({ length: 200 }, (_, i) => mention(i % 2 ? 'GPU 몇 장?' : 'When does stage 2 end?'));
    const results = await Promise.all(events.map((e) => postEvent(appUrl, eventEnvelope(e), { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_error' } })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const wanted = new Set(events.map((e) => e.ts));
    await until(() => (posts().filter((c) => wanted.has(String(c.args.thread_ts))).length >= 200 ? true : undefined), 20_000, '200 answers');
    await new Promise((r) => setTimeout(r, 300));
    const answered = posts().filter((c) => wanted.has(String(c.args.thread_ts)));
    expect(answered).toHaveLength(200);
    expect(new Set(answered.map((c) => c.args.thread_ts)).size).toBe(200);
  });
});
