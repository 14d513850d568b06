/**
 * Two bot replicas (adapters/main.ts, as `npm start` runs it) behind one address, sharing a real
 * redis-server (REDIS_URL), against the fake Slack: an event and its retry, landing on different
 * replicas, get exactly one reply; the asker's follow-up in a thread is answered by the replica
 * that did not answer the thread; one user's limit holds across both; Redis stopped mid-run
 * crashes nothing, answers go on from each replica's memory, /readyz says so, and sharing resumes
 * when Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { RedisServer } from '../helpers/redis-server.ts';
import { RoundRobin } from '../helpers/round-robin.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

let redis: RedisServer;
let fake: FakeSlack;
let replicas: BotProcess[] = [];
let lb: RoundRobin;
let events: string;
let tsCounter = 0;
const nextTs = () => `1740000000.${String(++tsCounter).padStart(6, '0')}`;

beforeAll(async () => {
  redis = await RedisServer.start();
  fake = await FakeSlack.start();
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', REDIS_URL: redis.url, RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_CHANNEL_PER_MINUTE: '0' };
  replicas = [startBotProcess(env), startBotProcess(env)];
  lb = await RoundRobin.start(await Promise.all(replicas.map((r) => r.port(30_000))));
  events = `${lb.url}/slack/events`;
  for (const r of replicas) await until(async () => ((await r.readyz()).ready ? true : undefined), 30_000, 'a replica ready');
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill()));
  await lb?.close();
  await fake?.close();
  await redis?.stop();
});

const repliesTo = (ts: string) => fake.calledWith('chat.postMessage').filter((c) => c.args.thread_ts === ts);
const mention = (user: string, text: string) => ({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts: nextTs(), channel: 'C0REDIS01' });
const settle = () => new Promise((r) => setTimeout(r, 700));

describe('two replicas sharing Redis', () => {
  it('both report Redis connected', async () => {
    for (const r of replicas) expect(await r.readyz()).toMatchObject({ ready: true, redis: { state: 'connected' } });
  });

  it('an event and its retry, each on another replica, get exactly one reply', async () => {
    const sent = Array.from({ length: 8 }, (_, i) => mention(`U0DEDUPE${i}`, i % 2 ? 'GPU 몇 장 지원돼?' : 'When does stage 2 end?'));
    const before = new Map(lb.served);
    for (const event of sent) {
      const envelope = eventEnvelope(event);
      expect((await postEvent(events, envelope)).status).toBe(200);
      expect((await postEvent(events, envelope, { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } })).status).toBe(200);
    }
    // Round robin: the first delivery and the retry of each event went to different replicas.
    for (const [port, n] of lb.served) expect(n - (before.get(port) ?? 0)).toBe(8);
    await until(() => (sent.every((e) => repliesTo(e.ts).length > 0) ? true : undefined), 15_000, 'every reply');
    await settle();
    for (const e of sent) expect(repliesTo(e.ts), e.ts).toHaveLength(1);
  });

  it('a thread answered by one replica is followed up on the other: the asker needs no mention there either', async () => {
    const question = mention('U0THREAD01', '루닛 컨소시엄 GPU 몇 장 받아?');
    const before = new Map(lb.served);
    expect((await postEvent(events, eventEnvelope(question))).status).toBe(200);
    await until(() => (repliesTo(question.ts).length === 1 ? true : undefined), 15_000, 'the answer');
    const followUp = { type: 'message', channel_type: 'channel', user: 'U0THREAD01', text: '그럼 KAIST는?', ts: nextTs(), thread_ts: question.ts, channel: 'C0REDIS01' };
    expect((await postEvent(events, eventEnvelope(followUp))).status).toBe(200);
    for (const [port, n] of lb.served) expect(n - (before.get(port) ?? 0), `replica on ${port}`).toBe(1);
    await until(() => (repliesTo(question.ts).length === 2 ? true : undefined), 15_000, 'the follow-up answer');
    // Logged (asynchronously) by the replica that answered it, as a follow-up.
    const followUps = () => replicas.flatMap((r) => r.logs().split('\n')).filter((l) => l.includes('"msg":"answer"') && l.includes('"followUp":"entity-swap"'));
    await until(() => (followUps().length > 0 ? true : undefined), 5000, 'the answer line');
    await settle();
    expect(followUps()).toHaveLength(1);
  });

  it("holds one user's limit across both replicas: 3 answers and one \"please wait\" for 6 questions", async () => {
    const sent = Array.from({ length: 6 }, (_, i) => mention('U0LIMITED1', `GPU 몇 장? (${i})`));
    for (const e of sent) expect((await postEvent(events, eventEnvelope(e))).status).toBe(200);
    await until(() => (sent.filter((e) => repliesTo(e.ts).length > 0).length >= 4 ? true : undefined), 15_000, 'the replies');
    await settle();
    const replies = sent.flatMap((e) => repliesTo(e.ts));
    expect(replies).toHaveLength(4);
    expect(replies.filter((c) => String(c.args.text).includes('초 뒤에 다시'))).toHaveLength(1);
  });

  it('Redis stopped mid-run: no crash, answers go on, /readyz shows the fallback; sharing resumes when it is back', async () => {
    await redis.stop();
    const sent = Array.from({ length: 4 }, (_, i) => mention(`U0OUTAGE${i}`, 'B200 몇 장?'));
    for (const e of sent) expect((await postEvent(events, eventEnvelope(e))).status).toBe(200);
    await until(() => (sent.every((e) => repliesTo(e.ts).length === 1) ? true : undefined), 15_000, 'answers during the outage');
    for (const r of replicas) {
      expect(r.child.exitCode).toBeNull();
      const ready = await until(async () => {
        const body = await r.readyz();
        return (body as { redis?: { state: string } }).redis?.state === 'unreachable' ? body : undefined;
      }, 10_000, 'the outage in /readyz');
      expect(ready).toMatchObject({ ready: true, redis: { state: 'unreachable', fallback: 'in-memory' } });
    }
    expect(replicas[0]!.logs()).toMatch(/redis 127\.0\.0\.1:\d+: unreachable/);

    await redis.resume();
    for (const r of replicas) await until(async () => ((await r.readyz()) as { redis?: { state: string } }).redis?.state === 'connected' || undefined, 15_000, 'Redis back in /readyz');
    const event = mention('U0AFTER001', 'GPU 몇 장 지원돼?');
    const envelope = eventEnvelope(event);
    await postEvent(events, envelope);
    await postEvent(events, envelope, { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
    await until(() => (repliesTo(event.ts).length > 0 ? true : undefined), 10_000, 'the reply');
    await settle();
    expect(repliesTo(event.ts)).toHaveLength(1);
  }, 60_000);
});
