/**
 * Acknowledge first, answer after: the bot started as `npm start` gets slash commands faster than it
 * can analyse them (long questions, milliseconds each); every one is still acknowledged (HTTP 200)
 * at once, far within Slack's 3 s, because the response never waits behind analysis.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, commandForm, FakeSlack, postCommand, SIGNING_SECRET } from './fake-slack.ts';

let fake: FakeSlack;
let bot: BotProcess;

beforeAll(async () => {
  fake = await FakeSlack.start();
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', RATE_LIMIT_CHANNEL_PER_MINUTE: '0' });
  await bot.port();
});

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
});

const N = 256;
/** A long question, different each time (about 5 ms of analysis). */
const question = (i: number) => `루닛 컨소시엄 ${i}번째 질문: 참여 기관은 어디고 예산은 얼마이며 언제 선정됐고 GPU는 몇 장이야? `.repeat(20).slice(0, 1000);

const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;

it(`acknowledges ${N} commands sent faster than they can be analysed, each acknowledged long before the answers are done, within Slack's 3 s`, async () => {
  const base = `http://127.0.0.1:${await bot.port()}/slack/events`;
  // Warm up (the first answers compile code paths).
  await postCommand(base, commandForm('/ask', question(0), fake.responseUrl('warm'), { user_id: 'U0WARM0001' }));
  await fake.waitFor(() => fake.responsesTo('warm').length > 0, 10_000, 'the warm-up answer');

  // One every 3 ms: about twice as fast as the bot can analyse them, so a backlog of answers builds up.
  const start = Date.now();
  const acks: Promise<number>[] = [];
  for (let i = 0; i < N; i++) {
    const sent = Date.now();
    acks.push(
      postCommand(base, commandForm('/ask', question(i + 1), fake.responseUrl(`ack-${i}`), { user_id: `U0ACK${String(i).padStart(5, '0')}` })).then((res) => {
        expect(res.status).toBe(200);
        return Date.now() - sent;
      }),
    );
    await new Promise((r) => setTimeout(r, 3));
  }
  const ackMs = await Promise.all(acks);
  await until(() => (Array.from({ length: N }, (_, i) => fake.responsesTo(`ack-${i}`).length).every((n) => n === 1) ? true : undefined), 30_000, 'every answer');
  const lastReply = Math.max(...Array.from({ length: N }, (_, i) => fake.responsesTo(`ack-${i}`)[0]!.at)) - start;

  const ackP99 = percentile(ackMs, 0.99);
  // Alone on this machine: ack p99 about 0.2 s, the last reply after 2 s; before the fix acks waited
  // behind the analyses (p99 1.4 s of 2.7 s). The ratio holds when other tests share the CPU.
  expect(ackP99, `ack p99 ${ackP99} ms, max ${Math.max(...ackMs)} ms; last reply after ${lastReply} ms`).toBeLessThan(Math.min(3000, 0.35 * lastReply));
}, 60_000);
