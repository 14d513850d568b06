/**
 * Errors no retry can fix end the bot started as `npm start` with a clear message and a non-zero
 * exit, so that a supervisor notices, instead of a process that stays up and never answers: Discord
 * closing the gateway with 4004 (token) or 4014 (intents), at login or later; Slack answering
 * invalid_auth (token revoked) while the bot runs.
 */
import { afterAll, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { FakeDiscord } from '../discord/fake-discord.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function discordBot(closeOnIdentify?: number): Promise<{ fake: FakeDiscord; bot: BotProcess }> {
  const fake = await FakeDiscord.start();
  if (closeOnIdentify) fake.closeOnIdentify = closeOnIdentify;
  const bot = startBotProcess({ DISCORD_TOKEN: 'fatal.test.token', DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0', SHUTDOWN_TIMEOUT_MS: '2000' });
  cleanups.push(async () => {
    await bot.kill();
    await fake.close();
  });
  return { fake, bot };
}

const exitWithin = (bot: BotProcess, ms: number) =>
  Promise.race([bot.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

it.concurrent('Discord refusing the intents at login (4014): exits non-zero saying so', async () => {
  const { bot } = await discordBot(4014);
  // The time includes the bot's start (compiling, building the engine): slow on a loaded machine.
  const code = await exitWithin(bot, 30_000);
  expect(code).not.toBe('still running');
  expect(code).not.toBe(0);
  expect(bot.logs()).toMatch(/4014/);
  expect(bot.logs()).toMatch(/intents/i);
}, 45_000);

it.concurrent('Discord closing with 4004 (token reset) after the bot was ready: exits non-zero saying so', async () => {
  const { fake, bot } = await discordBot();
  await until(async () => ((await bot.readyz()).ready ? true : undefined), 20_000, 'ready');
  fake.closeSessions(4004);
  const code = await exitWithin(bot, 10_000);
  expect(code).not.toBe('still running');
  expect(code).not.toBe(0);
  expect(bot.logs()).toMatch(/4004/);
  expect(bot.logs()).toMatch(/DISCORD_TOKEN/);
}, 40_000);

it.concurrent('Slack answering invalid_auth while the bot runs (token revoked): exits non-zero saying so', async () => {
  const fake = await FakeSlack.start();
  const bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SHUTDOWN_TIMEOUT_MS: '2000' });
  cleanups.push(async () => {
    await bot.kill();
    await fake.close();
  });
  const url = `http://127.0.0.1:${await bot.port()}/slack/events`;
  fake.revoked.add(BOT_TOKEN);
  await postEvent(url, eventEnvelope({ type: 'app_mention', user: 'U0REVOKE01', text: `<@${BOT_USER_ID}> GPU 몇 장?`, ts: '1760000000.000001', channel: 'C0REVOKE1' }));
  const code = await exitWithin(bot, 10_000);
  expect(code).not.toBe('still running');
  expect(code).not.toBe(0);
  expect(bot.logs()).toMatch(/invalid_auth/);
  expect(bot.logs()).toMatch(/SLACK_BOT_TOKEN/);
}, 30_000);
