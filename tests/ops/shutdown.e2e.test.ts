/**
 * Shutdown of the bot started as `npm start`, with a slow Slack: SIGTERM drains answers in flight for
 * SHUTDOWN_TIMEOUT_MS (not a fixed 5 s), exits 0 when all were delivered, and when some could not be
 * delivered in time says how many and exits non-zero.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

const fakes: FakeSlack[] = [];
const bots: BotProcess[] = [];
afterAll(async () => {
  for (const b of bots) await b.kill();
  for (const f of fakes) await f.close();
});

/** A bot whose Slack takes `delayMs` to accept each answer; `n` questions asked, all posts under way. */
async function slowBot(delayMs: number, shutdownMs: number, n: number) {
  const fake = await FakeSlack.start();
  fake.postDelayMs = delayMs;
  fakes.push(fake);
  const bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SHUTDOWN_TIMEOUT_MS: String(shutdownMs) });
  bots.push(bot);
  const url = `http://127.0.0.1:${await bot.port()}/slack/events`;
  for (let i = 0; i < n; i++) {
    await postEvent(url, eventEnvelope({ type: 'app_mention', user: `U0SLOW000${i}`, text: `<@${BOT_USER_ID}> GPU 몇 장 지원돼?`, ts: `1750000000.00000${i}`, channel: `C0SLOW00${i}` }));
  }
  await fake.waitFor(() => fake.calledWith('chat.postMessage').length === n, 10_000, 'every post to be under way');
  return { fake, bot };
}

let drained: Awaited<ReturnType<typeof slowBot>>;
let cut: Awaited<ReturnType<typeof slowBot>>;
beforeAll(async () => {
  [drained, cut] = await Promise.all([slowBot(5_500, 12_000, 5), slowBot(60_000, 1_500, 3)]);
});

it.concurrent('waits up to SHUTDOWN_TIMEOUT_MS for answers being posted, delivers them all, exits 0', async () => {
  const { fake, bot } = drained;
  const started = Date.now();
  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
  expect(fake.delivered).toHaveLength(5);
  expect(Date.now() - started).toBeLessThan(12_000);
  expect(bot.logs()).toMatch(/every answer in flight was delivered/);
}, 30_000);

it.concurrent('says how many answers were abandoned when the time is up, and exits non-zero', async () => {
  const { fake, bot } = cut;
  const started = Date.now();
  bot.child.kill('SIGTERM');
  const code = await bot.exited;
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(fake.delivered).toHaveLength(0);
  expect(bot.logs()).toMatch(/shutdown: 3 answers in flight abandoned/);
}, 30_000);
